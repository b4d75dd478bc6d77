import SimulationModel

/// A rep's weekly schedule inferred from its first touches (SPEC §8): for each day of the week
/// holding at least 2% of them, one window from the 1st to the 99th percentile of their local
/// times of day, widened to whole half-hours.
enum ScheduleInference {
    /// The smallest share of first touches a day of the week needs to be a working day.
    static let minimumDayShare = 0.02

    static func schedule(of touches: [Instant], calendar: LocalCalendar) -> WeeklySchedule {
        var times = Array(repeating: [Double](), count: 7)
        for t in touches {
            let (day, seconds) = calendar.local(t)
            times[CalendarDate(daysSinceEpoch: day).weekday].append(seconds)
        }
        let total = Double(touches.count)
        var byWindow: [(start: Int, end: Int, days: [Int])] = []
        for weekday in 0..<7 where total > 0 && Double(times[weekday].count) / total >= minimumDayShare {
            let sorted = times[weekday].sorted()
            let low = percentile(sorted, 0.01), high = percentile(sorted, 0.99)
            let start = Int((low / 1800).rounded(.down)) * 30
            var end = min(1440, Int((high / 1800).rounded(.up)) * 30)
            if end <= start { end = min(1440, start + 30) }
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
