import ScenarioFile
import SimulationModel
import Testing
import TextFormats

@Test(arguments: [("0s", 0.0), ("90s", 90), ("15m", 900), ("4h", 14_400), ("2d", 172_800), ("1w", 604_800),
                  ("1h30m", 5_400), ("1.5h", 5_400), ("1d 2h", 93_600)])
func durations(_ text: String, _ seconds: Double) throws {
    #expect(try ValueSyntax.duration(text) == seconds)
}

@Test(arguments: ["90", "", "5x", "-5m", "m", "999999999999w", "1h30", "1e400s"])
func badDurations(_ text: String) {
    #expect(throws: ValueError.self) { try ValueSyntax.duration(text) }
}

@Test(arguments: [("45/min", 453_600.0), ("300/h", 50_400), ("1200/day", 8_400), ("5000/week", 5_000), ("0.5/day", 3.5), ("6087.5/month", 1_400)])
func rates(_ text: String, _ weekly: Double) throws {
    #expect(try ValueSyntax.weeklyRate(text) == weekly)
}

@Test(arguments: ["300", "300/fortnight", "x/h", "-3/h", "1/2/3"])
func badRates(_ text: String) {
    #expect(throws: ValueError.self) { try ValueSyntax.weeklyRate(text) }
}

@Test(arguments: [("0.15", 0.15), ("15%", 0.15), ("0", 0), ("1", 1), ("100%", 1), ("2.5%", 0.025)])
func shares(_ text: String, _ value: Double) throws {
    #expect(abs(try ValueSyntax.share(text) - value) < 1e-12)
}

@Test(arguments: ["15", "-0.1", "101%", "abc", "1.5"])
func badShares(_ text: String) {
    #expect(throws: ValueError.self) { try ValueSyntax.share(text) }
}

@Test func shareAboveOneSuggestsPercent() {
    do {
        _ = try ValueSyntax.share("15")
        Issue.record("accepted 15 as a share")
    } catch {
        #expect(error.suggestion == "15%")
    }
}

@Test func timesOfDay() throws {
    #expect(try ValueSyntax.timeOfDay("09:00").minutes == 540)
    #expect(try ValueSyntax.timeOfDay("24:00").minutes == 1440)
    #expect(throws: ValueError.self) { try ValueSyntax.timeOfDay("24:30") }
    #expect(throws: ValueError.self) { try ValueSyntax.timeOfDay("9am") }
}

struct ScheduleCase: Sendable, CustomTestStringConvertible {
    var text: String
    var weeklyHours: Double
    var windows: Int
    var testDescription: String { text }
}

@Test(arguments: [
    ScheduleCase(text: "always", weeklyHours: 168, windows: 0),
    ScheduleCase(text: "weekdays 09:00-17:00", weeklyHours: 40, windows: 1),
    ScheduleCase(text: "Mon-Thu 08:00-16:00, Fri 08:00-12:00", weeklyHours: 36, windows: 2),
    ScheduleCase(text: "weekends", weeklyHours: 48, windows: 1),
    ScheduleCase(text: "daily 22:00-06:00", weeklyHours: 56, windows: 1),   // overnight
    ScheduleCase(text: "Sat 00:00-24:00", weeklyHours: 24, windows: 1),
    ScheduleCase(text: "Fri-Mon 10:00-14:00", weeklyHours: 16, windows: 1), // wraps the week
    ScheduleCase(text: "Wed 09:00-09:00", weeklyHours: 24, windows: 1),     // end = start: next day
])
func schedules(_ c: ScheduleCase) throws {
    let s = try ValueSyntax.schedule(c.text)
    #expect(s.weeklyHours == c.weeklyHours)
    #expect(s.windows.count == c.windows)
}

@Test(arguments: ["weekdays 9-5", "Fry 08:00-12:00", "weekdays 24:00-08:00", "", "Mon-Tue-Wed 08:00-09:00"])
func badSchedules(_ text: String) {
    #expect(throws: ValueError.self) { try ValueSyntax.schedule(text) }
}

@Test func timestampsAcrossDST() throws {
    let ny = "America/New_York"
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT.
    #expect(try ValueSyntax.timestamp("2026-01-05T08:00", timeZone: ny) == 1_767_618_000)        // 13:00Z
    #expect(try ValueSyntax.timestamp("2026-03-08T01:00", timeZone: ny) == 1_772_949_600)        // 06:00Z (EST)
    #expect(try ValueSyntax.timestamp("2026-03-08T03:00", timeZone: ny) == 1_772_953_200)        // 07:00Z (EDT)
    #expect(try ValueSyntax.timestamp("2026-03-08T02:30", timeZone: ny) == 1_772_955_000)         // skipped: 03:30 EDT = 07:30Z
    // 2026-11-01: 01:30 happens twice; the first (EDT) counts.
    #expect(try ValueSyntax.timestamp("2026-11-01T01:30", timeZone: ny) == 1_793_511_000)        // 05:30Z
    #expect(try ValueSyntax.timestamp("2026-01-05T08:00Z", timeZone: ny) == 1_767_600_000)
    #expect(try ValueSyntax.timestamp("2026-01-05T08:00+01:00", timeZone: ny) == 1_767_596_400)
    #expect(throws: ValueError.self) { try ValueSyntax.timestamp("2026-01-05", timeZone: ny) }
    #expect(throws: ValueError.self) { try ValueSyntax.timestamp("2026-13-05T08:00", timeZone: ny) }
}

@Test func timeZones() throws {
    #expect(try ValueSyntax.timeZone("Europe/London") == "Europe/London")
    #expect(try ValueSyntax.timeZone("UTC") == "UTC")
    do {
        _ = try ValueSyntax.timeZone("Europe/Londn")
        Issue.record("accepted a misspelled zone")
    } catch {
        #expect(error.suggestion == "Europe/London")
    }
}

@Test func fieldValuesAsMeant() {
    #expect(ValueSyntax.fieldValue("NO") == .text("NO"))
    #expect(ValueSyntax.fieldValue("yes") == .text("yes"))
    #expect(ValueSyntax.fieldValue("true") == .bool(true))
    #expect(ValueSyntax.fieldValue("1000") == .number(1000))
    #expect(ValueSyntax.fieldValue("-2.5") == .number(-2.5))
    #expect(ValueSyntax.fieldValue("02139") == .text("02139"))
    #expect(ValueSyntax.fieldValue("0.5") == .number(0.5))
    #expect(ValueSyntax.fieldValue(".inf") == .text(".inf"))
}
