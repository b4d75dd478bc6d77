import SimulationModel

/// Business time in the scenario's zone: the scenario's `business_hours`, less holidays.
///
/// Answers "how much business time lies between two instants" (through a per-day table of
/// interval positions) and "when will this much business time have passed" (by binary search
/// over cumulative sums).
struct BusinessClock: Sendable {
    let intervals: [Interval]
    /// cumulative[i] = business seconds before intervals[i].start.
    private let cumulative: [Double]

    init(schedule: WeeklySchedule, zone: ZoneClock, holidays: [CalendarDate], from: Instant, to: Instant) {
        let holidayDays = Set(holidays.map(\.daysSinceEpoch))
        intervals = mergedAndClipped(
            schedule.pieces(clock: zone, from: from, to: to) { holidayDays.contains($0) }.map(\.interval),
            from: from, to: to)
        var sums: [Double] = []
        sums.reserveCapacity(intervals.count)
        var total = 0.0
        for interval in intervals {
            sums.append(total)
            total += interval.end - interval.start
        }
        cumulative = sums
        origin = from
        var startsBefore: [Int] = []
        var k = 0
        for day in 0...max(0, Int(((to - from) / 86_400).rounded(.up))) {
            let dayStart = from + Double(day) * 86_400
            while k < intervals.count && intervals[k].start < dayStart { k += 1 }
            startsBefore.append(k)
        }
        intervalsStartingBefore = startsBefore
    }

    /// The calendar's first instant: day d of the lookup table starts at origin + d × 86,400 s.
    private let origin: Instant
    /// Per day of the lookup table: how many intervals start before the day does.
    private let intervalsStartingBefore: [Int]

    /// Business seconds in [start of calendar, t).
    func elapsed(until t: Instant) -> Double {
        var cursor = Cursor()
        return elapsed(until: t, cursor: &cursor)
    }

    /// Where the latest lookup landed: instants that move forward mostly land in the same
    /// interval (or the same gap between two), which is then answered without a search.
    struct Cursor {
        /// The last interval starting at or before the latest instant (−1: none, or no lookup yet).
        fileprivate var interval = -1
    }

    /// Business seconds in [start of calendar, t), starting the search from `cursor`.
    func elapsed(until t: Instant, cursor: inout Cursor) -> Double {
        let i = cursor.interval
        if i >= 0 && intervals[i].start <= t && (i + 1 == intervals.count || intervals[i + 1].start > t) {
            return cumulative[i] + min(t, intervals[i].end) - intervals[i].start
        }
        // The number of intervals starting at or before t: from the day's table entry, then
        // past the few intervals that start within the day.
        var lo: Int
        let day = ((t - origin) / 86_400).rounded(.down)
        if day < 0 {
            lo = 0
        } else if day >= Double(intervalsStartingBefore.count) {
            lo = intervalsStartingBefore[intervalsStartingBefore.count - 1]
        } else {
            lo = intervalsStartingBefore[Int(day)]
        }
        while lo < intervals.count && intervals[lo].start <= t { lo += 1 }
        cursor.interval = lo - 1
        guard lo > 0 else { return 0 }
        return cumulative[lo - 1] + min(t, intervals[lo - 1].end) - intervals[lo - 1].start
    }

    /// Business seconds between two instants, each looked up from its own cursor.
    func seconds(from a: Instant, cursor aCursor: inout Cursor, to b: Instant, cursor bCursor: inout Cursor) -> Double {
        elapsed(until: b, cursor: &bCursor) - elapsed(until: a, cursor: &aCursor)
    }

    /// The instant at which `amount` business seconds have passed since `t` (`.infinity` past the calendar).
    func instant(after t: Instant, businessSeconds amount: Double) -> Instant {
        let target = elapsed(until: t) + amount
        var lo = 0, hi = intervals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let endCumulative = cumulative[mid] + intervals[mid].end - intervals[mid].start
            if endCumulative < target { lo = mid + 1 } else { hi = mid }
        }
        guard lo < intervals.count else { return .infinity }
        return max(t, intervals[lo].start + (target - cumulative[lo]))
    }
}
