import SimulationModel
import Testing
import TextFormats

/// The byte reader of recorded timestamps agrees with `ValueSyntax.recordedTimestamp`, and the
/// CSV scanner with the reading rules of `CSV.parse`.
@Suite struct RecordedTimestampsTests {
    static let samples = [
        "2026-01-05", "2026-01-05T08:00", "2026-01-05 08:00:59", "2026-01-05t08:00", "2026-01-05T08:00:11.123Z",
        "2026-01-05T08:00z", "2026-01-05T08:00+02:00", "2026-01-05T08:00:00-0530", "2026-01-05T08:00+14",
        "2024-02-29T12:00", "2026-03-08T02:30", "2026-03-08T01:59:59", "2026-03-08T03:00", "2026-11-01T01:30",
        "2026-11-01T00:59", "2026-11-01", "2026-03-08", "2026-01-31T23:59:59.9",
        // Not read here: left to ValueSyntax, which reads or rejects them.
        "2025-02-29T12:00", "2026-13-01", "2026-01-05T24:00", "2026-01-05T08:60", "2026-01-05T08:00+15:00",
        "2026-01-05T08", "2026-1-5", "05/01/2026", "", "2026-01-05T08:00:00.5.5", "2026-01-05T08:00 +02:00",
        "1899-12-31", "2026-01-05T08:00+02:0", "2026-01-05T08:00.5",
        // Numeric dates: read under `us` or `eu`, refused (naming the format) otherwise.
        "10/08/2025 1:05 PM", "10/08/2025 12:00 AM", "10/08/2025 12:59 pm", "13/08/2025 13:05", "08.10.2025 13:05",
        "10/08/2025 13:05:09", "1/2/2026 9:05", "10/08/2025, 9:05 AM", "10/08/2025 13:05 PM", "10/08/2025 0:05 AM",
        "10/08/2025T13:05", "10/08/25", "02/30/2026", "2/29/2024", "03/08/2026 2:30 AM", "11/01/2026 1:30 AM",
        "10/08/2025 13:5", "10/08/2025 24:00", "10/08/2025 9:05 later",
    ]

    @Test(arguments: ["America/New_York", "Europe/London", "UTC", "Australia/Lord_Howe"], DateFormat.allCases)
    func agreesWithValueSyntax(zone: String, format: DateFormat) {
        var reader = RecordedTimestamps(zone: zone, format: format)
        for sample in Self.samples {
            let expected = Result { () throws(ValueError) in try ValueSyntax.recordedTimestamp(sample, zone: zone, format: format) }
            var text = sample
            let got = text.withUTF8 { bytes in Result { () throws(ValueError) in try reader.instant(bytes) } }
            switch (expected, got) {
            case (.success(let e), .success(let g)): #expect(e == g, "\(sample) in \(zone) as \(format)")
            case (.failure(let e), .failure(let g)): #expect(e == g, "\(sample) in \(zone) as \(format)")
            default: Issue.record("\(sample) in \(zone): \(expected) vs \(got)")
            }
        }
    }

    @Test func scannerReadsWhatTheParserReads() throws {
        let text = "\u{FEFF}a,\"b,\"\"c\"\"\",d\r\n\r\n\"two\nlines\",x\ry,\r\"q\"\nlast"
        let rows = try CSV.parse(text)
        #expect(rows.map(\.cells) == [["a", "b,\"c\"", "d"], ["two\nlines", "xy", "q"], ["last"]])
        #expect(rows.map(\.line) == [1, 3, 5])
    }

    @Test func scannerGoesOnAfterABadRecord() {
        var text = "a,\"b\"c,d\ne,f\n\"open,g\nh\n"
        var lines: [Int] = [], problems: [CSV.Problem] = []
        text.withUTF8 { bytes in
            var scanner = CSVScanner(bytes: bytes)
            var cells: [CSVScanner.Cell] = []
            while true {
                do throws(CSV.Problem) {
                    guard let line = try scanner.next(into: &cells) else { break }
                    lines.append(line)
                } catch {
                    problems.append(error)
                }
            }
        }
        #expect(lines == [2, 4], "the scan resumes on the line after the unclosed quote's")
        #expect(problems.map(\.line) == [1, 3])
        #expect(problems.map(\.message) == ["text after a closing quote (a quote inside a quoted cell is written \"\")",
                                            "a quoted cell is never closed"])
    }
}
