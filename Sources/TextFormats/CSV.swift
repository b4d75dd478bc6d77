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
    /// - Throws: `Problem` for a quoted cell that is never closed (at the line its quote opens)
    ///   or text after a closing quote.
    public static func parse(_ text: String) throws(Problem) -> [Row] {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(Problem) -> [Row] in
                var scanner = CSVScanner(bytes: bytes)
                var cells: [CSVScanner.Cell] = []
                var rows: [Row] = []
                while let line = try scanner.next(into: &cells) {
                    rows.append(Row(line: line, cells: cells.map { scanner.text(of: $0) }))
                }
                return rows
            }
        }.get()
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
