import SimulationModel

/// When one rep works, is absent and is active, laid out in UTC for one replication.
///
/// Built from the rep's static calendar (schedule, holidays, fixed absences) and the random
/// whole days off drawn for this replication. Queries at a monotonically increasing time use a
/// cursor, so they cost O(1) amortised.
struct RepCalendar {
    /// Merged on-shift intervals, sorted.
    let shifts: [Interval]
    /// Whole local days off (holidays, fixed and random absences), sorted.
    let daysOff: [Interval]
    /// Before this instant the rep is inactive (not yet hired).
    let activeFrom: Instant
    /// Local midnights of the rep's zone over the run, for the per-day cap.
    let midnights: [Instant]

    private var shiftCursor = 0
    private var offCursor = 0
    private var midnightCursor = 0
    /// The answers of `isOnShift` and `isAbsent`, valid until the next boundary.
    private var onShift = false
    private var onShiftUntil = -Double.infinity
    private var absent = false
    private var absentUntil = -Double.infinity

    init(shifts: [Interval], daysOff: [Interval], activeFrom: Instant, midnights: [Instant]) {
        self.shifts = shifts
        self.daysOff = daysOff
        self.activeFrom = activeFrom
        self.midnights = midnights
    }

    /// Whether the rep is on shift at `t` (t never decreases between calls).
    mutating func isOnShift(at t: Instant) -> Bool {
        if t < onShiftUntil { return onShift }
        (onShift, onShiftUntil) = Self.lookUp(shifts, cursor: &shiftCursor, at: t)
        return onShift
    }

    /// Whether `t` is inside one of the sorted `intervals`, and until when that answer holds.
    private static func lookUp(_ intervals: [Interval], cursor: inout Int, at t: Instant) -> (Bool, Instant) {
        while cursor < intervals.count && intervals[cursor].end <= t { cursor += 1 }
        guard cursor < intervals.count else { return (false, .infinity) }
        let interval = intervals[cursor]
        return interval.start <= t ? (true, interval.end) : (false, interval.start)
    }

    /// Until when the last `isOnShift` / `isAbsent` answer holds.
    var onShiftAnswerUntil: Instant { onShiftUntil }
    var absentAnswerUntil: Instant { absentUntil }

    /// Start of the shift containing `t`, or nil when off shift (no cursor).
    func shiftStart(containing t: Instant) -> Instant? {
        let i = firstShift(endingAfter: t)
        return i < shifts.count && shifts[i].start <= t ? shifts[i].start : nil
    }

    /// Whether `t` falls in a whole day off (holiday or absence).
    mutating func isAbsent(at t: Instant) -> Bool {
        if t < absentUntil { return absent }
        (absent, absentUntil) = Self.lookUp(daysOff, cursor: &offCursor, at: t)
        return absent
    }

    /// Index of the local day containing `t` (counting from the first midnight of the run), and
    /// the instant that day ends (the answer holds until then).
    mutating func day(at t: Instant) -> (index: Int, endsAt: Instant) {
        while midnightCursor + 1 < midnights.count && midnights[midnightCursor + 1] <= t { midnightCursor += 1 }
        return (midnightCursor, midnightCursor + 1 < midnights.count ? midnights[midnightCursor + 1] : .infinity)
    }

    /// The instant at which `onShiftSeconds` of on-shift time have passed since `t`
    /// (the touch-delay clock), or `.infinity` when the calendar ends first.
    ///
    /// A zero delay off shift lands on the next shift start: nobody touches a lead off shift.
    func instant(after t: Instant, onShiftSeconds: Double) -> Instant {
        var remaining = onShiftSeconds
        var i = firstShift(endingAfter: t)
        while i < shifts.count {
            let start = max(shifts[i].start, t)
            let available = shifts[i].end - start
            if remaining <= available { return start + remaining }
            remaining -= available
            i += 1
        }
        return .infinity
    }

    /// Whether `t` lies in an on-shift interval, ends included (no cursor: for checks).
    func containsOnShift(_ t: Instant) -> Bool {
        let i = firstShift(endingAfter: t)
        if i < shifts.count && shifts[i].start <= t { return true }
        return i > 0 && shifts[i - 1].end == t
    }

    /// On-shift seconds inside [from, to).
    func onShiftSeconds(from: Instant, to: Instant) -> Double {
        var total = 0.0
        var i = firstShift(endingAfter: from)
        while i < shifts.count && shifts[i].start < to {
            total += max(0, min(shifts[i].end, to) - max(shifts[i].start, from))
            i += 1
        }
        return total
    }

    /// Index of the first shift whose end is after `t` (binary search).
    private func firstShift(endingAfter t: Instant) -> Int {
        // Shifts before the cursor ended by the last `isOnShift` lookup: when that still holds at
        // t, the answer is at or after the cursor, and usually the cursor itself.
        var lo = shiftCursor > 0 && shiftCursor <= shifts.count && shifts[shiftCursor - 1].end <= t ? shiftCursor : 0
        if lo < shifts.count && shifts[lo].end > t && (lo == 0 || shifts[lo - 1].end <= t) { return lo }
        var hi = shifts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if shifts[mid].end <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Every instant at which the rep may become eligible again: shift starts, ends of days
    /// off, the hire date, and (when it has a daily cap) local midnights. Sorted, unique.
    func wakeUps(includeMidnights: Bool, from: Instant) -> [Instant] {
        var times = shifts.map(\.start) + daysOff.map(\.end)
        if activeFrom > from { times.append(activeFrom) }
        if includeMidnights { times += midnights }
        times = times.filter { $0 >= from }.sorted()
        var unique: [Instant] = []
        unique.reserveCapacity(times.count)
        for t in times where unique.last != t { unique.append(t) }
        return unique
    }
}

/// The part of a rep's calendar that is the same in every replication.
struct RepCalendarTemplate: Sendable {
    let zone: ZoneClock
    /// On-shift pieces with their local day, holidays and fixed absences already removed.
    let pieces: [DayPiece]
    /// Local days off that hold in every replication (holidays, fixed absences).
    let fixedDaysOff: Set<Int>
    /// Local days of the run, first to last (for random absences).
    let days: ClosedRange<Int>
    /// UTC instant of local midnight for each day in `days` plus one.
    let midnights: [Instant]
    let activeFrom: Instant
    let absenceRate: Double
    /// Probability that an on-shift 30-minute block is unavailable (SPEC §7 shrinkage).
    let shrinkage: Double

    init(rep: Rep, holidays: [CalendarDate], from: Instant, to: Instant) {
        let zone = ZoneClock(identifier: rep.timeZone)
        self.zone = zone
        let firstDay = zone.date(at: from).daysSinceEpoch
        let lastDay = zone.date(at: to).daysSinceEpoch
        days = firstDay...lastDay
        var off = Set(holidays.map(\.daysSinceEpoch))
        for range in rep.absent {
            for day in range.from.daysSinceEpoch...max(range.from.daysSinceEpoch, range.to.daysSinceEpoch) { off.insert(day) }
        }
        fixedDaysOff = off
        pieces = rep.schedule.pieces(clock: zone, from: from, to: to) { off.contains($0) }
        midnights = (firstDay...(lastDay + 1)).map { zone.instant(date: CalendarDate(daysSinceEpoch: $0), minutes: 0) }
        activeFrom = rep.activeFrom.map { zone.instant(date: $0, minutes: 0) } ?? -.infinity
        absenceRate = rep.absenceRate
        shrinkage = rep.shrinkage
    }

    /// This replication's calendar, given the random days off and the shrunk blocks drawn for it.
    ///
    /// - Parameter isShrunk: Whether the 30-minute block with this number (see
    ///   ``block(containing:)``) is unavailable; nil: none is.
    func calendar(randomDaysOff: Set<Int>, isShrunk: ((Int) -> Bool)? = nil, from: Instant, to: Instant) -> RepCalendar {
        var shifts = mergedAndClipped(
            pieces.filter { !randomDaysOff.contains($0.day) }.map(\.interval), from: from, to: to)
        if let isShrunk { shifts = removingShrunkBlocks(from: shifts, isShrunk: isShrunk) }
        let offDays = fixedDaysOff.union(randomDaysOff).filter { days.contains($0) }.sorted()
        let daysOff = mergedAndClipped(offDays.map { day in
            Interval(start: midnights[day - days.lowerBound], end: midnights[day - days.lowerBound + 1])
        }, from: from, to: to)
        return RepCalendar(shifts: shifts, daysOff: daysOff, activeFrom: activeFrom, midnights: midnights)
    }
}

extension RepCalendarTemplate {
    /// Length of a shrinkage block: a local half-hour.
    static let blockLength: Double = 1800

    /// The number of the 30-minute block containing `t` and the instant it ends.
    ///
    /// Blocks are the local half-hours (:00–:30, :30–:00) of the rep's zone, numbered on the UTC
    /// axis, so each real half-hour has its own number (the repeated hour of a DST change too).
    func block(containing t: Instant) -> (number: Int, end: Instant) {
        let length = Self.blockLength
        // Local half-hours start where UTC ones do, moved by the zone offset's part below 30 minutes.
        let phase = zone.offset(at: t).truncatingRemainder(dividingBy: length)
        let number = ((t + phase) / length).rounded(.down)
        return (Int(number), (number + 1) * length - phase)
    }

    /// `shifts` without the blocks `isShrunk` marks: each on-shift piece of a block, partial
    /// ones at shift edges included, stays or goes with its block.
    func removingShrunkBlocks(from shifts: [Interval], isShrunk: (Int) -> Bool) -> [Interval] {
        var kept: [Interval] = []
        for shift in shifts {
            var t = shift.start
            while t < shift.end {
                let block = block(containing: t)
                let end = min(block.end, shift.end)
                if !isShrunk(block.number) {
                    if let last = kept.last, last.end == t { kept[kept.count - 1].end = end } else {
                        kept.append(Interval(start: t, end: end))
                    }
                }
                t = end
            }
        }
        return kept
    }
}
