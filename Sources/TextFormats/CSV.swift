import Foundation

/// RFC 4180 CSV, read and written the same way everywhere.
///
/// Reading: comma-separated cells, double-quoted cells with doubled quotes, commas and line
/// breaks inside quotes, CRLF or LF line ends, an optional UTF-8 BOM. Writing: fields with a
/// comma, quote, CR or LF are quoted and their quotes doubled; lines end with CRLF.
public enum CSV {
    /// One record and the 1-based line it starts on.
    public struct Row: Sendable {
        public var line: Int
        public var cells: [String]
    }

    /// A record that cannot be read, with its line.
    public struct Problem: Error, Sendable {
        public var line: Int
        public var message: String
    }

    /// The records of `text`; blank lines are skipped.
    /// - Throws: the first `Problem`: a quoted cell that is never closed (at the line its quote
    ///   opens) or text after a closing quote. `records(_:)` gives every one.
    public static func parse(_ text: String) throws(Problem) -> [Row] {
        try records(text).map { record throws(Problem) in try record.get() }
    }

    /// Every record of `text` in order, each read or the problem that kept it from being read;
    /// the scan goes on after a bad record (after an unclosed quote, on the line after the quote's).
    public static func records(_ text: String) -> [Result<Row, Problem>] {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = CSVScanner(bytes: bytes)
            var cells: [CSVScanner.Cell] = []
            var records: [Result<Row, Problem>] = []
            while true {
                do throws(Problem) {
                    guard let line = try scanner.next(into: &cells) else { break }
                    records.append(.success(Row(line: line, cells: cells.map { scanner.text(of: $0) })))
                } catch {
                    records.append(.failure(error))
                }
            }
            return records
        }
    }

    /// One field as written: quoted when it has a comma, quote, CR or LF.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, CRLF included.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A header line and its rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        line(header) + rows.map(line).joined()
    }
}
