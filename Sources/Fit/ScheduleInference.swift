import SimulationModel

/// A rep's weekly schedule inferred from its first touches (SPEC §8): for each day of the week
/// holding at least 2% of them, one window from the 1st to the 99th percentile of their local
/// times of day, widened to whole half-hours; days within half an hour of the most common
/// window at both ends take that window.
enum ScheduleInference {
    /// The smallest share of first touches a day of the week needs to be a working day.
    static let minimumDayShare = 0.02

    /// The most touches the zone comparison looks at (every k-th touch beyond it).
    static let comparisonSample = 4_000

    /// Zones a rep may work in besides the scenario's: one per distinct set of DST rules.
    static let candidateZones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata",
        "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC",
    ]

    /// The schedule and zone that fit the touches most tightly: a rep working fixed local hours
    /// in another zone shows up, over weeks where the zones' DST rules differ, as a narrower
    /// schedule in its own zone. The scenario zone is kept unless another is narrower by at
    /// least half an hour a week (with no DST difference in the history, they are equal).
    static func scheduleAndZone(of touches: [Instant], scenarioZone: String, calendar: LocalCalendar,
                                from: Instant, to: Instant) -> (schedule: WeeklySchedule, zone: String) {
        let own = schedule(of: touches, calendar: calendar)
        // A zone whose offset from the scenario's never changes over the history only shifts the
        // schedule; the others are compared on at most `comparisonSample` touches.
        let candidates = candidateZones.filter { $0 != scenarioZone }.map { ($0, LocalCalendar(zone: $0, from: from, to: to)) }
            .filter { $0.1.offsetDifferenceChanges(against: calendar, from: from, to: to) }
        guard !candidates.isEmpty else { return (own, scenarioZone) }
        let step = max(1, touches.count / comparisonSample)
        let sample = step == 1 ? touches : Swift.stride(from: 0, to: touches.count, by: step).map { touches[$0] }
        // On its own zone's clock a rep's touch times are bounded by its shift, in every week;
        // on another's they spread by the DST difference in the weeks it applies, which may hold
        // only ~1% of the touches: so the comparison looks at the 0.1% tails, not SPEC's 1%.
        let tails = 0.001
        func hours(_ zoneCalendar: LocalCalendar) -> Double {
            schedule(of: sample, calendar: zoneCalendar, tails: tails, smoothing: false).weeklyHours
        }
        var best = (zone: scenarioZone, calendar: calendar, hours: hours(calendar))
        for (zone, zoneCalendar) in candidates {
            let width = hours(zoneCalendar)
            if width <= best.hours - 0.5 { best = (zone, zoneCalendar, width) }
        }
        return best.zone == scenarioZone ? (own, scenarioZone) : (schedule(of: touches, calendar: best.calendar), best.zone)
    }

    /// - Parameters:
    ///   - tails: the share of a day's touch times left out below and above its window (SPEC:
    ///     1%; the zone comparison uses 0.1% and no smoothing, see `scheduleAndZone`).
    ///   - smoothing: whether days within half an hour of the most common window take it.
    static func schedule(of touches: [Instant], calendar: LocalCalendar, tails: Double = 0.01,
                         smoothing: Bool = true) -> WeeklySchedule {
        var times = Array(repeating: [Double](), count: 7)
        for t in touches {
            let (day, seconds) = calendar.local(t)
            times[LocalCalendar.weekday(ofDay: day)].append(seconds)
        }
        let total = Double(touches.count)
        var windows: [(weekday: Int, start: Int, end: Int)] = []
        for weekday in 0..<7 where total > 0 && Double(times[weekday].count) / total >= minimumDayShare {
            let sorted = times[weekday].sorted()
            let low = percentile(sorted, tails), high = percentile(sorted, 1 - tails)
            let start = Int((low / 1800).rounded(.down)) * 30
            var end = min(1440, Int((high / 1800).rounded(.up)) * 30)
            if end <= start { end = min(1440, start + 30) }
            windows.append((weekday, start, end))
        }
        // A percentile moves with the day's load (a Monday backlog crowds touches into the
        // morning): a day within half an hour of the most common window at both ends takes it.
        var votes: [Int: (count: Int, start: Int, end: Int)] = [:]
        for w in windows { votes[w.start * 10_000 + w.end, default: (0, w.start, w.end)].count += 1 }
        if smoothing, let common = votes.values.max(by: { $0.count != $1.count ? $0.count < $1.count : ($0.start, $0.end) > ($1.start, $1.end) }) {
            for i in windows.indices where abs(windows[i].start - common.start) <= 30 && abs(windows[i].end - common.end) <= 30 {
                (windows[i].start, windows[i].end) = (common.start, common.end)
            }
        }
        var byWindow: [(start: Int, end: Int, days: [Int])] = []
        for (weekday, start, end) in windows {
            if let i = byWindow.firstIndex(where: { $0.start == start && $0.end == end }) {
                byWindow[i].days.append(weekday)
            } else {
                byWindow.append((start, end, [weekday]))
            }
        }
        guard !byWindow.isEmpty else { return .defaultBusinessHours }
        return WeeklySchedule(windows: byWindow.map {
            WeeklySchedule.Window(weekdays: $0.days, start: TimeOfDay(minutes: $0.start), end: TimeOfDay(minutes: $0.end))
        })
    }

    /// The `p` quantile of sorted values (type 7, linear between order statistics).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let h = p * Double(sorted.count - 1)
        let i = Int(h.rounded(.down))
        return i + 1 < sorted.count ? sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}
