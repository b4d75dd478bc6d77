import RandomStreams
import RoutingRules
import SimulationModel

/// The reps' mutable state in one replication: calendars, open slots and daily counts.
///
/// A class so that the availability view handed to the routing core can advance the calendar
/// cursors; it is used by one replication on one thread.
final class RepTable {
    let calendars: Column<RepCalendar>
    let capacity: Column<Int>
    private let perDay: Column<Int>
    let touchDelay: Column<Sampler>
    let handleTime: Column<Sampler>
    let open: Column<Int>
    private let assignedToday: Column<Int>
    private let todayIndex: Column<Int>
    /// When each rep's current local day ends (−∞: not looked up yet).
    private let todayEnds: Column<Instant>
    let lastAssigned: Column<Instant>
    let lastFreed: Column<Instant>
    /// Instants at which each rep may become eligible again, and the position of the next one to
    /// schedule (in `wakeUps`).
    let wakeUps: RaggedColumn<Instant>
    /// Per rep: why the calendar rules it out now (nil: on shift and active), and until when
    /// that answer holds, so that eligibility checks are two array loads between boundaries.
    private let timeStatus: Column<Ineligibility?>
    private let timeStatusUntil: Column<Instant>
    let wakeCursor: Column<Int>

    init(reps: [Rep], calendars: [RepCalendar], touchDelay: [Sampler], handleTime: [Sampler], start: Instant) {
        self.calendars = Column(calendars)
        capacity = Column(reps.map(\.capacityOpen))
        perDay = Column(reps.map { $0.capacityPerDay ?? Int.max })
        self.touchDelay = Column(touchDelay)
        self.handleTime = Column(handleTime)
        open = Column(repeating: 0, count: reps.count)
        assignedToday = Column(repeating: 0, count: reps.count)
        todayIndex = Column(repeating: -1, count: reps.count)
        todayEnds = Column(repeating: -.infinity, count: reps.count)
        lastAssigned = Column(repeating: -.infinity, count: reps.count)
        lastFreed = Column(repeating: -.infinity, count: reps.count)
        let wakeUps = reps.indices.map {
            calendars[$0].wakeUps(includeMidnights: reps[$0].capacityPerDay != nil, from: start)
        }
        self.wakeUps = RaggedColumn(wakeUps)
        wakeCursor = Column(Array(RaggedColumn.starts(of: wakeUps).dropLast()))
        timeStatus = Column(repeating: nil, count: reps.count)
        timeStatusUntil = Column(repeating: -.infinity, count: reps.count)
    }

    /// Recomputes a rep's calendar status at `now` and how long it lasts.
    private func refreshTimeStatus(_ rep: Int, at now: Instant) {
        // In place: a copy of the calendar would retain its arrays.
        let absent = calendars[rep].isAbsent(at: now)
        let onShift = calendars[rep].isOnShift(at: now)
        var until = min(calendars[rep].absentAnswerUntil, calendars[rep].onShiftAnswerUntil)
        let status: Ineligibility?
        if now < calendars[rep].activeFrom {
            status = .inactive
            until = min(until, calendars[rep].activeFrom)
        } else if absent {
            status = .absent
        } else if !onShift {
            status = .offShift
        } else {
            status = nil
        }
        timeStatus[rep] = status
        timeStatusUntil[rep] = until
    }

    var count: Int { capacity.count }

    /// New assignments of `rep` in its current local day (counted for reps with a daily cap).
    private func assignmentsToday(_ rep: Int, at now: Instant) -> Int {
        if now >= todayEnds[rep] {
            let day = calendars[rep].day(at: now)
            todayEnds[rep] = day.endsAt
            if day.index != todayIndex[rep] {
                todayIndex[rep] = day.index
                assignedToday[rep] = 0
            }
        }
        return assignedToday[rep]
    }

    /// `rep` took a new lead at `now`: one more open lead, and one more today when it has a daily cap.
    func noteAssignment(_ rep: Int, at now: Instant) {
        if perDay[rep] != Int.max { assignedToday[rep] = assignmentsToday(rep, at: now) + 1 }
        open[rep] += 1
        lastAssigned[rep] = now
    }

    /// Why `rep` may not take a new lead at `now` (nil: eligible), SPEC §2: inactive, absent,
    /// off shift (unless the queue assigns off shift), at its open cap, at its daily cap.
    func ineligibility(_ rep: Int, at now: Instant, offShiftAllowed: Bool) -> Ineligibility? {
        if now >= timeStatusUntil[rep] { refreshTimeStatus(rep, at: now) }
        if let status = timeStatus[rep], !(status == .offShift && offShiftAllowed) { return status }
        if open[rep] >= capacity[rep] { return .atOpenCap }
        if perDay[rep] != Int.max && assignmentsToday(rep, at: now) >= perDay[rep] { return .atDailyCap }
        return nil
    }

    /// When `rep` will have worked `seconds` on shift from `now` on (+∞: not within its calendar).
    /// No work while the rep is known to be on shift now is `now` itself, without a shift lookup.
    func instant(_ rep: Int, after now: Instant, onShiftSeconds seconds: Double) -> Instant {
        if seconds == 0 && now < timeStatusUntil[rep] && timeStatus[rep] == nil { return now }
        return calendars[rep].instant(after: now, onShiftSeconds: seconds)
    }

    /// The later of the rep's last assignment, last freed slot and current shift start.
    func idleSince(_ rep: Int, at now: Instant) -> Instant {
        max(lastAssigned[rep], lastFreed[rep], calendars[rep].shiftStart(containing: now) ?? -.infinity)
    }
}

/// The routing core's view of the reps at one instant, for one queue.
struct RepView: AvailabilityView {
    /// Owned by the replication, which outlives every view.
    let table: Unretained<RepTable>
    let now: Instant
    let offShiftAllowed: Bool
    /// Only `next-available` reads idle times; other strategies skip computing them.
    let needsIdleSince: Bool
    /// ``MemberCandidates`` bits (nil: every member is asked, nothing is remembered).
    let candidateWords: UnsafeMutablePointer<UInt64>?

    func candidates(word: Int) -> UInt64 { candidateWords?[word] ?? ~0 }

    func memberUnavailable(slot: Int) {
        candidateWords?[slot >> 6] &= ~(1 << UInt64(slot & 63))
    }

    func availability(of rep: Int) -> RepAvailability {
        table.use { reps in
            RepAvailability(ineligibility: reps.ineligibility(rep, at: now, offShiftAllowed: offShiftAllowed),
                            open: reps.open[rep], capacity: reps.capacity[rep],
                            idleSince: needsIdleSince ? reps.idleSince(rep, at: now) : 0)
        }
    }
}

/// A queue's GSL stream as the routing core's uniform source (`random` strategy).
struct StreamUniforms: UniformSource {
    let stream: RandomStream?

    mutating func nextUniform() -> Double { stream?.uniform() ?? 0.5 }
}
