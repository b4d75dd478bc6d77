import SimulationModel

/// Business time in the scenario's zone: the scenario's `business_hours`, less holidays.
///
/// Answers "how much business time lies between two instants" and "when will this much
/// business time have passed", both by binary search over cumulative sums.
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
    }

    /// Business seconds in [start of calendar, t).
    func elapsed(until t: Instant) -> Double {
        var lo = 0, hi = intervals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if intervals[mid].start <= t { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return 0 }
        let i = lo - 1
        return cumulative[i] + min(t, intervals[i].end) - intervals[i].start
    }

    /// Business seconds between two instants.
    func seconds(from a: Instant, to b: Instant) -> Double { elapsed(until: b) - elapsed(until: a) }

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
