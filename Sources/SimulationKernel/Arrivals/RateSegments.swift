import SimulationModel

/// A source's arrival rate as a piecewise-constant function of real time.
struct RateSegment: Sendable {
    var start: Instant
    var end: Instant
    /// Leads per second before the day multiplier.
    var rate: Double
    /// Scenario-local day (days since 1970-01-01), for the `dispersion` day multiplier.
    var day: Int
}

enum RateSegments {
    /// Lays out the rate of `source` over [from, to) in the scenario's zone (SPEC §2).
    ///
    /// `flat`: weekly/604800 per second. `business-hours`: the weekly volume spread evenly over
    /// the nominal weekly business hours, zero outside them and on holidays (their share is lost).
    /// `{hourly, weekdays}`: rate ∝ hourly[h] × weekdays[d] of the local hour; `{hour_of_week}`:
    /// rate ∝ the weight of the local hour of the week (Monday 00:00 first). Segments are split
    /// at local midnights so that a day multiplier applies to whole local days.
    static func build(source: Source, scenario: Scenario, zone: ZoneClock, from: Instant, to: Instant) -> [RateSegment] {
        let weekly = source.weeklyVolume
        guard weekly > 0, to > from else { return [] }
        let firstDay = zone.date(at: from).daysSinceEpoch
        let lastDay = zone.date(at: to).daysSinceEpoch
        var segments: [RateSegment] = []
        switch source.pattern {
        case .flat:
            let rate = weekly / 604_800
            for day in firstDay...lastDay {
                let s = zone.instant(date: CalendarDate(daysSinceEpoch: day), minutes: 0)
                let e = zone.instant(date: CalendarDate(daysSinceEpoch: day), minutes: 1440)
                segments.append(RateSegment(start: s, end: e, rate: rate, day: day))
            }
        case .businessHours:
            let weeklySeconds = scenario.businessHours.weeklyHours * 3600
            guard weeklySeconds > 0 else { return [] }
            let rate = weekly / weeklySeconds
            let holidays = Set(scenario.holidays.map(\.daysSinceEpoch))
            for piece in scenario.businessHours.pieces(clock: zone, from: from, to: to, offDay: { holidays.contains($0) }) {
                segments.append(RateSegment(start: piece.interval.start, end: piece.interval.end, rate: rate, day: piece.day))
            }
        case .hourly(let hourly, let weekdays):
            let total = hourly.reduce(0, +) * weekdays.reduce(0, +)
            hourSegments(weekly: weekly, total: total, days: firstDay...lastDay, zone: zone, into: &segments) { weekday, hour in
                hourly[hour] * weekdays[weekday]
            }
        case .hourOfWeek(let weights):
            hourSegments(weekly: weekly, total: weights.reduce(0, +), days: firstDay...lastDay, zone: zone, into: &segments) {
                weekday, hour in weights[weekday * 24 + hour]
            }
        }
        return segments.compactMap { segment in
            let s = max(segment.start, from), e = min(segment.end, to)
            return e > s ? RateSegment(start: s, end: e, rate: segment.rate, day: segment.day) : nil
        }.sorted { $0.start < $1.start }
    }

    /// One segment per local hour of `days` with a positive `weight(weekday, hour)` (Monday = 0):
    /// weekly × weight / total, per second of a nominal hour.
    private static func hourSegments(weekly: Double, total: Double, days: ClosedRange<Int>, zone: ZoneClock,
                                     into segments: inout [RateSegment], weight: (Int, Int) -> Double) {
        guard total > 0 else { return }
        for day in days {
            let date = CalendarDate(daysSinceEpoch: day)
            for hour in 0..<24 {
                let w = weight(date.weekday, hour)
                if w <= 0 { continue }
                let s = zone.instant(date: date, minutes: hour * 60)
                let e = zone.instant(date: date, minutes: hour * 60 + 60)
                segments.append(RateSegment(start: s, end: e, rate: weekly * w / total / 3600, day: day))
            }
        }
    }
}
