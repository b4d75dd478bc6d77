import Reports
import Testing

/// Numbers as people read them (issue 5 item 5).
@Suite struct FormatTests {
    @Test(arguments: [
        (0.0, "0s"), (45, "45s"), (2.5, "2.5s"), (59.4, "59s"), (59.6, "1m"), (90, "1m 30s"), (270, "4m 30s"),
        (599.6, "10m"), (2880, "48m"), (3599, "1h"), (3600, "1h"), (11_520, "3h 12m"), (8640, "2h 24m"),
        (86_399, "1d"), (86_400, "1d"), (187_200, "2d 4h"), (604_800, "7d"), (-8640, "−2h 24m"),
    ])
    func durations(seconds: Double, text: String) {
        #expect(Format.duration(seconds) == text)
    }

    @Test func durationEdges() {
        #expect(Format.duration(nil) == "–")
        #expect(Format.duration(.nan) == "–")
        #expect(Format.signedDuration(-8640) == "−2h 24m")
        #expect(Format.signedDuration(720) == "+12m")
        #expect(Format.signedDuration(0) == "0s")
    }

    @Test(arguments: [
        (0.0, "0%"), (0.008, "0.8%"), (0.011, "1.1%"), (0.12, "12.0%"), (0.1234, "12.3%"), (0.0004, "0.04%"),
        (0.00001, "<0.01%"), (0.99999, ">99.9%"), (1.0, "100%"), (-0.05, "−5.0%"),
    ])
    func percentages(fraction: Double, text: String) {
        #expect(Format.percent(fraction) == text)
    }

    @Test func pointsAndNumbers() {
        #expect(Format.points(0.003) == "+0.3 pts")
        #expect(Format.points(-0.012) == "−1.2 pts")
        #expect(Format.points(0) == "0 pts")
        #expect(Format.number(12_345.6) == "12,346")
        #expect(Format.number(42.54) == "42.5")
        #expect(Format.number(3) == "3")
        #expect(Format.number(0.1234) == "0.123")
        #expect(Format.grouped(1_234_567) == "1,234,567")
    }

    @Test func instants() {
        #expect(Format.isoUTC(1_767_571_200) == "2026-01-05T00:00:00Z")
        #expect(Format.isoUTC(1_767_571_200 + 3661.25) == "2026-01-05T01:01:01.250Z")
        #expect(Format.isoUTC(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(Format.localDateTime(1_767_571_200, timeZone: "America/New_York") == "2026-01-04 19:00")
    }
}
