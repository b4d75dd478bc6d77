import Fit
import Foundation
import History
import SimulationModel
import Testing
import TextFormats

/// Shapes `fit` must tell apart: a week that is not hourly × weekdays, and a short Friday.
@Suite struct FitPatternTests {
    /// Weekday leads peak in office hours, weekend leads in the evening: no product a_d · b_h
    /// gives both, so the likelihood-ratio test must reject it and `hour_of_week` is written.
    @Test func aWeekThatIsNoProductGetsHourOfWeek() throws {
        var weights: [Double] = []
        for day in 0..<7 {
            for hour in 0..<24 {
                weights.append(day < 5 ? ((9..<17).contains(hour) ? 10 : 1) : ((18..<23).contains(hour) ? 8 : 1))
            }
        }
        let yaml = """
            name: evenings
            start: 2026-03-02T00:00
            timezone: Europe/Berlin
            horizon: 42d
            replications: 1
            sources:
              - name: signups
                volume: 1200/week
                pattern: {hour_of_week: [\(weights.map { String(Int($0)) }.joined(separator: ", "))]}
            teams: [{name: t}]
            reps: [{name: r, team: t, schedule: always, touch_delay: 1m, handle_time: 0s, capacity: {open: 100000}}]
            """
        let rules = "name: one\nroutes: []\nfallback: q\nqueues:\n  q: {team: t, strategy: round-robin}\n"
        let world = try WorldHistory(scenario: yaml, rules: rules)
        let fit = Fitter.fit(try world.history(zone: "Europe/Berlin"), timeZone: "Europe/Berlin")
        let source = try #require(fit.sources.first)
        guard case .hourOfWeek(let rates) = source.pattern else {
            Issue.record("expected hour_of_week, got \(source.pattern) (p \(String(describing: source.arrivals?.productTest.pValue)))")
            return
        }
        // Saturday 20:00 is busier than Saturday 10:00, Monday 10:00 busier than Monday 20:00.
        #expect(rates[5 * 24 + 20] > rates[5 * 24 + 10] && rates[10] > rates[20])
        let text = FittedScenarioText.render(fit, name: "fitted", replications: 2, seed: 1)
        #expect(text.contains("hour_of_week: ["))
    }

    /// A rep on Mon–Thu 09:00–17:00 and Fri 09:00–12:00 keeps its short Friday: the
    /// half-hour smoothing only merges days that differ by rounding.
    @Test func aShortFridayStaysShort() throws {
        var rows = ["created_at,owner,first_touch_at"]
        var generator = SplitMix(seed: 5)
        for week in 0..<8 {
            for day in 0..<5 {
                let date = CalendarDate(daysSinceEpoch: CalendarDate(year: 2026, month: 10, day: 5).daysSinceEpoch + week * 7 + day)
                let hours = day == 4 ? 3.0 : 8.0
                for _ in 0..<25 {
                    let minute = 9 * 60 + generator.unit() * (hours * 60 - 6)
                    let stamp = { (m: Double) in "\(date)T\(TimeOfDay(minutes: Int(m)))Z" }
                    rows.append("\(stamp(minute)),ann,\(stamp(minute + 5))")
                }
            }
        }
        let history = try HistoryFile.read(text: rows.joined(separator: "\n") + "\n", file: "h.csv", timeZone: "UTC")
        let fit = Fitter.fit(history, timeZone: "UTC")
        #expect(ScenarioValueText.schedule(try #require(fit.reps.first).rep.schedule) == "Mon-Thu 09:00-17:00, Fri 09:00-12:00")
    }
}

/// A small deterministic generator for fixtures.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
