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
    /// - Throws: `Problem` for a quoted cell that is never closed or text after a closing quote.
    public static func parse(_ text: String) throws(Problem) -> [Row] {
        var rows: [Row] = []
        var cells: [String] = []
        var cell = ""
        var line = 1
        var rowLine = 1
        var quoted = false
        var afterQuote = false
        var chars = text.unicodeScalars[...]
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        var iterator = chars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            cells.append(cell)
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(line: rowLine, cells: cells)) }
            cells = []
            cell = ""
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = iterator.next() {
                        if n == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = n }
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                cells.append(cell)
                cell = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRow()
                afterQuote = false
                line += 1
                rowLine = line
            case "\"" where cell.isEmpty && !afterQuote:
                quoted = true
            default:
                if afterQuote {
                    throw Problem(line: line, message: "text after a closing quote (a quote inside a quoted cell is written \"\")")
                }
                cell.unicodeScalars.append(c)
            }
        }
        if quoted { throw Problem(line: rowLine, message: "a quoted cell is never closed") }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        return rows
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
