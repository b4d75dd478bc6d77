import SimulationModel
import Testing
import TextFormats

/// Dates as CRMs write them: `ValueSyntax.recordedTimestamp` under `date_format` iso, us and eu.
@Suite struct DateFormatTests {
    func utc(_ text: String) throws -> Instant { try ValueSyntax.timestamp(text, timeZone: "UTC") }

    func read(_ text: String, _ format: DateFormat, setting: DateFormat.Setting = .key) throws(ValueError) -> Instant {
        try ValueSyntax.recordedTimestamp(text, zone: "UTC", format: format, setting: setting)
    }

    func refusal(_ text: String, _ format: DateFormat, setting: DateFormat.Setting = .key) -> ValueError? {
        do {
            _ = try read(text, format, setting: setting)
            return nil
        } catch {
            return error
        }
    }

    @Test func usReadsMonthFirstWithTwelveOrTwentyFourHours() throws {
        #expect(try read("10/08/2025 1:05 PM", .us) == (try utc("2025-10-08T13:05Z")))
        #expect(try read("10/08/2025 13:05", .us) == (try utc("2025-10-08T13:05Z")))
        #expect(try read("10/08/2025 1:05:30 pm", .us) == (try utc("2025-10-08T13:05:30Z")))
        #expect(try read("1/2/2026 9:05 AM", .us) == (try utc("2026-01-02T09:05Z")))
        #expect(try read("10/08/2025, 9:05 AM", .us) == (try utc("2025-10-08T09:05Z")), "a comma after the date, as some exports write")
        #expect(try read("10/08/2025", .us) == (try utc("2025-10-08T00:00Z")), "a date alone is local midnight")
        #expect(try read("2025-10-08T13:05", .us) == (try utc("2025-10-08T13:05Z")), "ISO is read under every format")
    }

    @Test func twelveAMIsMidnightAndTwelvePMIsNoon() throws {
        #expect(try read("10/08/2025 12:00 AM", .us) == (try utc("2025-10-08T00:00Z")))
        #expect(try read("10/08/2025 12:30 AM", .us) == (try utc("2025-10-08T00:30Z")))
        #expect(try read("10/08/2025 12:00 PM", .us) == (try utc("2025-10-08T12:00Z")))
        #expect(try read("10/08/2025 11:59 PM", .us) == (try utc("2025-10-08T23:59Z")))
        #expect(refusal("10/08/2025 0:05 AM", .us)?.message == "'10/08/2025 0:05 AM' has the hour 0 with AM (a 12-hour clock runs 1…12)")
        #expect(refusal("10/08/2025 13:05 PM", .us)?.message == "'10/08/2025 13:05 PM' has the hour 13 with PM (a 12-hour clock runs 1…12)")
    }

    @Test func euReadsDayFirstWithSlashesOrDots() throws {
        #expect(try read("08/10/2025 13:05", .eu) == (try utc("2025-10-08T13:05Z")))
        #expect(try read("08.10.2025 13:05:09", .eu) == (try utc("2025-10-08T13:05:09Z")))
        #expect(try read("8.10.2025", .eu) == (try utc("2025-10-08T00:00Z")))
        #expect(try read("2025-10-08 13:05", .eu) == (try utc("2025-10-08T13:05Z")))
    }

    @Test func theZoneAppliesToNumericDates() throws {
        let local = try ValueSyntax.recordedTimestamp("10/08/2025 1:05 PM", zone: "America/New_York", format: .us)
        #expect(local == (try utc("2025-10-08T17:05Z")), "EDT is UTC−4")
    }

    @Test func isoRefusesNumericDatesNamingTheFormat() throws {
        let ambiguous = try #require(refusal("10/08/2025 13:05", .iso))
        #expect(ambiguous.message == "'10/08/2025 13:05' is ambiguous: October 8, 2025 as MM/DD/YYYY, August 10, 2025 as DD/MM/YYYY")
        #expect(ambiguous.valid?.hasPrefix("date_format: us or date_format: eu to say which") == true)
        let us = try #require(refusal("12/31/2025 1:05 PM", .iso, setting: .flag))
        #expect(us.message == "'12/31/2025 1:05 PM' is a US date (MM/DD/YYYY: December 31, 2025), not ISO")
        #expect(us.valid == "--date-format us")
        let eu = try #require(refusal("31.12.2025 13:05", .iso))
        #expect(eu.message == "'31.12.2025 13:05' is a day-first date (DD.MM.YYYY: December 31, 2025), not ISO")
        #expect(eu.valid == "date_format: eu")
        let same = try #require(refusal("05/05/2025", .iso))
        #expect(same.valid == "date_format: us or date_format: eu (both read it as May 5, 2025)")
    }

    @Test func theWrongNumericFormatSaysWhichReadsIt() throws {
        let asUS = try #require(refusal("13/08/2025 13:05", .us))
        #expect(asUS.message == "'13/08/2025 13:05' is not MM/DD/YYYY (there is no month 13); as DD/MM/YYYY it is August 13, 2025")
        #expect(asUS.valid == "date_format: eu")
        let asEU = try #require(refusal("08/13/2025", .eu))
        #expect(asEU.message == "'08/13/2025' is not DD/MM/YYYY (there is no month 13); as MM/DD/YYYY it is August 13, 2025")
        #expect(asEU.valid == "date_format: us")
        #expect(refusal("08.10.2025", .us)?.valid == "date_format: eu", "dots are day-first")
    }

    @Test func unreadableDatesAreRefusedWithTheFormat() throws {
        #expect(refusal("02/30/2026", .us)?.message == "'02/30/2026' is not a calendar date as MM/DD/YYYY")
        #expect(refusal("02/30/2026", .us)?.valid == DateFormat.us.pattern)
        #expect(refusal("10/08/2025 13:5", .us)?.message.contains("malformed time") == true)
        #expect(refusal("10/08/2025 24:00", .eu)?.message == "'10/08/2025 24:00' has a time outside 00:00–23:59:59")
        #expect(refusal("10/08/2025 9:05 later", .us)?.message == "'10/08/2025 9:05 later' has 'later' after the time (expected AM, PM or nothing)")
        let word = try #require(refusal("yesterday", .us))
        #expect(word.message.hasPrefix("'yesterday' is not a timestamp"))
        #expect(word.valid?.hasPrefix(DateFormat.us.pattern) == true)
        #expect(refusal("13/13/2025", .iso)?.message == "'13/13/2025' is not a calendar date as MM/DD/YYYY or as DD/MM/YYYY")
        #expect(try read("2/29/2024", .us) == (try utc("2024-02-29T00:00Z")))
    }
}
