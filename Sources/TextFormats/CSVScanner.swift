/// Reads RFC 4180 CSV records one at a time from UTF-8 bytes, without a `String` per cell:
/// each cell is a byte range, decoded only when asked (`CSV.parse` reads through it too).
///
/// A record with text after a closing quote is a `CSV.Problem` and the scanner moves on to the
/// next line, so one pass finds every bad record. A quoted cell that is never closed is reported
/// at the line where its quote opened, and the scan resumes on the line after that one: the
/// rest of the file would otherwise be one cell, hiding every later bad record.
public struct CSVScanner {
    /// One cell: its bytes, and how to read them.
    public struct Cell: Sendable {
        public var range: Range<Int>
        /// Quoted and holding a doubled quote `""`.
        var escapedQuotes: Bool
        /// Unquoted with a CR inside (CRs outside quotes are not part of a cell).
        var strayReturns: Bool
        /// The bytes are the cell's text as they stand.
        public var isVerbatim: Bool { !escapedQuotes && !strayReturns }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private var line = 1

    /// Scans `bytes`, which must outlive the scanner; a leading UTF-8 BOM is skipped.
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"),
                        carriageReturn = UInt8(ascii: "\r")

    /// The next record's cells (replacing those in `cells`) and the 1-based line it starts on;
    /// nil after the last record. Blank lines are skipped.
    /// - Throws: `CSV.Problem` for a record that cannot be read (the scanner is then past it).
    public mutating func next(into cells: inout [Cell]) throws(CSV.Problem) -> Int? {
        while position < bytes.count {
            cells.removeAll(keepingCapacity: true)
            let recordLine = line
            var start = position, hasContent = false, strayReturns = false
            var afterQuote: Range<Int>?, escapedQuotes = false
            func endCell(_ end: Int) {
                if let quoted = afterQuote {
                    cells.append(Cell(range: quoted, escapedQuotes: escapedQuotes, strayReturns: false))
                } else {
                    cells.append(Cell(range: start..<end, escapedQuotes: false, strayReturns: strayReturns))
                }
                afterQuote = nil
                escapedQuotes = false
                strayReturns = false
                hasContent = false
            }
            var ended = false
            while position < bytes.count {
                let c = bytes[position]
                if c == Self.comma {
                    endCell(stripReturn(start, position))
                    position += 1
                    start = position
                } else if c == Self.newline {
                    endCell(stripReturn(start, position))
                    position += 1
                    line += 1
                    ended = true
                    break
                } else if c == Self.carriageReturn {
                    if afterQuote == nil, position + 1 < bytes.count, bytes[position + 1] != Self.newline,
                       bytes[position + 1] != Self.comma {
                        strayReturns = true
                    }
                    position += 1
                } else if afterQuote != nil {
                    let problemLine = line
                    skipLine()
                    throw CSV.Problem(line: problemLine,
                                      message: "text after a closing quote (a quote inside a quoted cell is written \"\")")
                } else if c == Self.quote, !hasContent {
                    let openLine = line
                    position += 1
                    let contentStart = position
                    var closed = false
                    while position < bytes.count {
                        let q = bytes[position]
                        if q == Self.quote {
                            if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                                escapedQuotes = true
                                position += 2
                                continue
                            }
                            afterQuote = contentStart..<position
                            position += 1
                            closed = true
                            break
                        }
                        if q == Self.newline { line += 1 }
                        position += 1
                    }
                    if !closed {
                        position = contentStart
                        line = openLine
                        skipLine()
                        throw CSV.Problem(line: openLine, message: "a quoted cell is never closed")
                    }
                } else {
                    hasContent = true
                    position += 1
                }
            }
            if !ended { endCell(stripReturn(start, position)) }
            if cells.count == 1, cells[0].range.isEmpty { continue }
            return recordLine
        }
        return nil
    }

    /// `start..<end` without the CRs that end it (a CRLF line end, or a CR before a comma).
    private func stripReturn(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, bytes[end - 1] == Self.carriageReturn { end -= 1 }
        return end
    }

    private mutating func skipLine() {
        while position < bytes.count, bytes[position] != Self.newline { position += 1 }
        if position < bytes.count {
            position += 1
            line += 1
        }
    }

    /// The bytes of `cell` as they stand (for a verbatim cell, its text).
    public func bytes(of cell: Cell) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[cell.range])
    }

    /// The text of `cell`.
    public func text(of cell: Cell) -> String {
        let raw = bytes(of: cell)
        if cell.isVerbatim { return String(decoding: raw, as: UTF8.self) }
        var clean: [UInt8] = []
        clean.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if cell.escapedQuotes, c == Self.quote { i += 1 }
            if !(cell.strayReturns && c == Self.carriageReturn) { clean.append(c) }
            i += 1
        }
        return String(decoding: clean, as: UTF8.self)
    }
}
