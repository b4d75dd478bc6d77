@testable import SimulationKernel
import SimulationModel
import Testing

/// The `hour_of_week` pattern against `{hourly, weekdays}` (counts per hour against the exact
/// rates are checked in `ValidationTests`, through `ArrivalChecks.hourOfWeekPattern`).
@Suite struct ArrivalPatternTests {
    static let hourly: [Double] = (0..<24).map { Double(($0 * 5) % 7 + 1) }
    static let weekdays: [Double] = [3, 3, 3, 3, 2, 1, 0.5]

    /// Three weeks in New York around the spring-forward change (2026-03-08), Monday 2026-03-02 first.
    static func segments(_ pattern: ArrivalPattern) -> [RateSegment] {
        let zone = "America/New_York"
        let clock = ZoneClock(identifier: zone)
        let start = clock.instant(date: CalendarDate(year: 2026, month: 3, day: 2), minutes: 0)
        let source = Source(name: "web", weeklyVolume: 700, pattern: pattern)
        let scenario = Scenario(name: "patterns", start: start, timeZone: zone, horizon: 21 * 86_400, warmup: 0,
                                replications: 1, seed: 1, sources: [source], teams: [Team(name: "t")], reps: [])
        let end = clock.instant(date: CalendarDate(year: 2026, month: 3, day: 23), minutes: 0)
        return RateSegments.build(source: source, scenario: scenario, zone: clock, from: start, to: end)
    }

    /// The product form written out hour by hour gives the same rate in every local hour.
    @Test func productFormGivesTheHourlyWeekdayRates() {
        let product = (0..<168).map { Self.hourly[$0 % 24] * Self.weekdays[$0 / 24] }
        let expected = Self.segments(.hourly(hourly: Self.hourly, weekdays: Self.weekdays))
        let got = Self.segments(.hourOfWeek(product))
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g.start == e.start && g.end == e.end && g.day == e.day)
            #expect(abs(g.rate - e.rate) <= 1e-12 * e.rate)
        }
    }

    /// Each local hour of the week gets its own weight; the hours add up to the weekly volume
    /// (the spring-forward week loses its skipped hour, as with the hourly pattern).
    @Test func eachHourOfTheWeekHasItsWeight() {
        let weights = (0..<168).map { Double($0 == 30 ? 0 : $0 % 13 + 1) }
        let total = weights.reduce(0, +)
        let segments = Self.segments(.hourOfWeek(weights))
        let clock = ZoneClock(identifier: "America/New_York")
        for segment in segments {
            let date = CalendarDate(daysSinceEpoch: segment.day)
            let local = segment.start + clock.offset(at: segment.start)
            let hour = Int(local - Double(segment.day) * 86_400) / 3600
            #expect(abs(segment.rate - 700 * weights[date.weekday * 24 + hour] / total / 3600) <= 1e-15)
        }
        #expect(!segments.contains { seg in
            CalendarDate(daysSinceEpoch: seg.day).weekday == 1 && Int(seg.start + clock.offset(at: seg.start)) % 86_400 / 3600 == 6
        }, "a zero weight (Tuesday 06:00) carries no arrivals")
        let leadsPerWeek = segments.reduce(0) { $0 + $1.rate * ($1.end - $1.start) } / 3
        let skipped = 700 * weights[6 * 24 + 2] / total / 3  // Sunday 02:00 on 2026-03-08
        #expect(abs(leadsPerWeek - (700 - skipped)) < 1e-9)
    }
}
