import RandomStreams
import RoutingRules
import SimulationModel

/// The reps' mutable state in one replication: calendars, open slots and daily counts.
///
/// A class so that the availability view handed to the routing core can advance the calendar
/// cursors; it is used by one replication on one thread.
final class RepTable {
    var calendars: [RepCalendar]
    let capacity: [Int]
    let perDay: [Int]
    let touchDelay: [Sampler]
    let handleTime: [Sampler]
    var open: [Int]
    var assignedToday: [Int]
    var todayIndex: [Int]
    var lastAssigned: [Instant]
    var lastFreed: [Instant]
    /// Instants at which each rep may become eligible again, and the next one to schedule.
    let wakeUps: [[Instant]]
    var wakeCursor: [Int]

    init(reps: [Rep], calendars: [RepCalendar], start: Instant) {
        self.calendars = calendars
        capacity = reps.map(\.capacityOpen)
        perDay = reps.map { $0.capacityPerDay ?? Int.max }
        touchDelay = reps.map { Sampler($0.touchDelay) }
        handleTime = reps.map { Sampler($0.handleTime) }
        open = Array(repeating: 0, count: reps.count)
        assignedToday = Array(repeating: 0, count: reps.count)
        todayIndex = Array(repeating: -1, count: reps.count)
        lastAssigned = Array(repeating: -.infinity, count: reps.count)
        lastFreed = Array(repeating: -.infinity, count: reps.count)
        wakeUps = reps.indices.map { calendars[$0].wakeUps(includeMidnights: reps[$0].capacityPerDay != nil, from: start) }
        wakeCursor = Array(repeating: 0, count: reps.count)
    }

    var count: Int { open.count }

    /// New assignments of `rep` in its current local day.
    func assignmentsToday(_ rep: Int, at now: Instant) -> Int {
        let day = calendars[rep].dayIndex(at: now)
        if day != todayIndex[rep] {
            todayIndex[rep] = day
            assignedToday[rep] = 0
        }
        return assignedToday[rep]
    }

    /// Why `rep` may not take a new lead at `now` (nil: eligible), SPEC §2: inactive, absent,
    /// off shift (unless the queue assigns off shift), at its open cap, at its daily cap.
    func ineligibility(_ rep: Int, at now: Instant, offShiftAllowed: Bool) -> Ineligibility? {
        if now < calendars[rep].activeFrom { return .inactive }
        if calendars[rep].isAbsent(at: now) { return .absent }
        if !offShiftAllowed && !calendars[rep].isOnShift(at: now) { return .offShift }
        if open[rep] >= capacity[rep] { return .atOpenCap }
        if perDay[rep] != Int.max && assignmentsToday(rep, at: now) >= perDay[rep] { return .atDailyCap }
        return nil
    }

    /// The later of the rep's last assignment, last freed slot and current shift start.
    func idleSince(_ rep: Int, at now: Instant) -> Instant {
        max(lastAssigned[rep], lastFreed[rep], calendars[rep].currentShiftStart(at: now) ?? -.infinity)
    }
}

/// The routing core's view of the reps at one instant, for one queue.
struct RepView: AvailabilityView {
    let reps: RepTable
    let now: Instant
    let offShiftAllowed: Bool

    func availability(of rep: Int) -> RepAvailability {
        RepAvailability(ineligibility: reps.ineligibility(rep, at: now, offShiftAllowed: offShiftAllowed),
                        open: reps.open[rep], capacity: reps.capacity[rep],
                        idleSince: reps.idleSince(rep, at: now))
    }
}

/// A queue's GSL stream as the routing core's uniform source (`random` strategy).
struct StreamUniforms: UniformSource {
    let stream: RandomStream?

    mutating func nextUniform() -> Double { stream?.uniform() ?? 0.5 }
}
