import ScenarioFile
import SimulationModel
import TextFormats

/// Reads a history file (SPEC §8): a CSV export with one row per lead.
///
/// One pass over the text finds every bad row (none is skipped); the rows refer to sources,
/// owners, teams, accounts and field values by index, so no `String` per cell is kept.
public enum HistoryFile {
    /// The source of every lead when the file has no source column (or a blank cell).
    public static let defaultSource = "history"
    /// How much earlier than the step before it a timestamp may be and still count as clock skew
    /// between CRM systems: it is moved to that step (zero delay) with a warning; more is an error.
    public static let clockSkew: Seconds = 300
    /// The most leads a history may have: 1,000,000 rows fit in under 10 s, so this bound
    /// keeps `fit` and `backtest` within minutes and a few GiB.
    public static let maximumRows = 5_000_000

    /// Reads `text` (named `file` in diagnostics); timestamps without an offset are in `timeZone`.
    ///
    /// - Parameters:
    ///   - map: renames role columns (`columns:`) and field columns (`fields:`).
    ///   - asOf: the export time; nil means the latest timestamp in the file.
    ///   - aliases: the field aliases of the rules in use (a rule set's `fields:`): a column named by
    ///     an alias is that field, unless the map's `fields:` names it.
    ///   - dateFormat: how numeric dates are written (`--date-format`): `us` reads
    ///     `10/08/2025 1:05 PM`, `eu` `08/10/2025 13:05`; ISO timestamps are read under every format.
    /// - Throws: `LoadFailure` with every problem found: a missing column, and each bad row
    ///   with its row number and line (the rows after an unclosed quote included).
    public static func read(text: String, file: String, map: ImportMap = ImportMap(), timeZone: String,
                            asOf: Instant? = nil, aliases: FieldAliases = FieldAliases(),
                            dateFormat: DateFormat = .iso) throws(LoadFailure) -> History {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(LoadFailure) -> History in
                var reader = HistoryReader(bytes: bytes, file: file, map: map, aliases: aliases,
                                           timestamps: RecordedTimestamps(zone: timeZone, format: dateFormat, setting: .flag),
                                           asOf: asOf)
                return try reader.read()
            }
        }.get()
    }
}

/// One reading of one file; `HistoryFile.read` is its only user.
private struct HistoryReader {
    let file: String
    let map: ImportMap
    let aliases: FieldAliases
    let givenAsOf: Instant?
    var scanner: CSVScanner
    let bytes: UnsafeBufferPointer<UInt8>
    var timestamps: RecordedTimestamps
    var cells: [CSVScanner.Cell] = []
    var problems: [Problem] = []
    var skewed: [(kind: String, rows: [Int])] = []
    var latest = -Double.infinity

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, map: ImportMap, aliases: FieldAliases, timestamps: RecordedTimestamps,
         asOf: Instant?) {
        self.bytes = bytes
        self.file = file
        self.map = map
        self.aliases = aliases
        givenAsOf = asOf
        scanner = CSVScanner(bytes: bytes)
        self.timestamps = timestamps
    }

    /// Where each role's column is in the header (nil: the file has none).
    typealias RoleColumns = [HistoryColumn: Int]

    mutating func read() throws(LoadFailure) -> History {
        let (header, roles) = try self.header()
        let fieldColumns = header.indices.filter { i in !header[i].isEmpty && !roles.values.contains(i) }
        let fieldNames = fieldColumns.map { FieldColumns.field(ofColumn: header[$0], aliases: aliases, map: map) }
        try checkFieldNames(fieldNames, columns: fieldColumns.map { header[$0] })

        var sources = Interner(), owners = Interner(), teams = Interner(), accounts = Interner()
        var fields = Array(repeating: FieldColumn(), count: fieldColumns.count)
        var leads: [HistoryLead] = []
        var row = 0
        while true {
            let line: Int
            do {
                guard let next = try scanner.next(into: &cells) else { break }
                line = next
            } catch {
                row += 1
                problems.append(Problem(error.line, row, error.message, nil))
                continue
            }
            row += 1
            guard row <= HistoryFile.maximumRows else {
                problems.append(Problem(line, row, "more than \(HistoryFile.maximumRows) leads; a history holds at most that many",
                                        "a shorter period (--as-of and an export of the last months)"))
                break
            }
            guard cells.count == header.count else {
                problems.append(Problem(line, row, "\(cells.count) cells, the header has \(header.count)", nil))
                continue
            }
            guard let times = instants(roles, row: row, line: line) else { continue }
            let owner = roles[.owner].flatMap { ownerName(cells[$0]) }
            if times.touched != nil, owner == nil {
                problems.append(Problem(line, row, "a \(column(.firstTouchAt)) but no \(column(.owner))",
                                 "the rep who touched it in \(column(.owner)), or no first touch"))
                continue
            }
            let source = roles[.source].map { text(cells[$0]) }.flatMap { $0.isEmpty ? nil : $0 } ?? HistoryFile.defaultSource
            let team = roles[.team].map { text(cells[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            let account = roles[.account].map { text(cells[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            for (f, column) in fieldColumns.enumerated() {
                let cell = cells[column]
                if cell.isVerbatim { fields[f].add(Self.trim(scanner.bytes(of: cell))) } else { fields[f].add(text(cell)) }
            }
            leads.append(HistoryLead(row: row, line: line, createdAt: times.created, source: sources.index(source),
                                     owner: owner.map { owners.index($0) }, team: team.map { teams.index($0) },
                                     assignedAt: owner == nil ? nil : times.assigned ?? times.created,
                                     firstTouchAt: times.touched, closedAt: times.closed,
                                     account: account.map { accounts.index($0) }))
        }
        if row == 0 {
            problems.append(Problem(1, nil, "'\(file)' has a header but no leads", "one row per lead after the header"))
        }
        guard problems.isEmpty else { throw failure() }

        var kept: [HistoryField] = [], keptCodes: [[UInt32]] = [], leftOut: [LeftOutColumn] = []
        for (f, column) in fieldColumns.enumerated() {
            if fields[f].allDistinct, fields[f].filled >= 2 {
                leftOut.append(LeftOutColumn(column: header[column],
                                             reason: "id-like: each of its \(fields[f].filled) values is different, so it says nothing about other leads"))
                continue
            }
            let (values, recode) = typed(fields[f].strings())
            kept.append(HistoryField(name: fieldNames[f], column: header[column], values: values))
            keptCodes.append(fields[f].codes.map { $0 == 0 ? 0 : recode[Int($0) - 1] })
        }
        return History(file: file, asOf: givenAsOf ?? latest, leads: leads,
                       sources: sources.strings, owners: owners.strings, teams: teams.strings, accounts: accounts.strings,
                       fields: kept, leftOut: leftOut, warnings: skewWarnings(), fieldCodes: keptCodes)
    }

    // MARK: Header

    private mutating func header() throws(LoadFailure) -> ([String], RoleColumns) {
        let first: Int?
        do { first = try scanner.next(into: &cells) } catch {
            problems.append(Problem(error.line, nil, "header: \(error.message)", nil))
            throw failure()
        }
        guard first != nil else {
            problems.append(Problem(1, nil, "'\(file)' is empty", "a header row with '\(column(.createdAt))' and field columns, then one row per lead"))
            throw failure()
        }
        let header = cells.map { text($0) }
        var seen: Set<String> = []
        for name in header where !name.isEmpty && !seen.insert(name).inserted {
            problems.append(Problem(1, nil, "column '\(name)' appears twice in the header", "distinct column names"))
        }
        var roles: RoleColumns = [:]
        for role in HistoryColumn.allCases {
            let name = column(role)
            if let index = header.firstIndex(of: name) {
                roles[role] = index
            } else if map.columns[role] == nil, role == .source || role == .account,
                      let index = header.firstIndex(where: { FieldColumns.field(ofColumn: $0, aliases: aliases, map: map) == role.rawValue }) {
                // `fields: {Lead.LeadSource: source}` of an import map (or a rule set's alias of `source`) names the source column.
                roles[role] = index
            } else if role == .createdAt || map.columns[role] != nil {
                let mapped = map.columns[role] != nil ? " (the map's columns.\(role.rawValue))" : ""
                problems.append(Problem(line: 1, row: nil, message: "'\(file)' has no column '\(name)' for \(role.rawValue)\(mapped)",
                                        valid: "one of " + Suggestions.list(header.filter { !$0.isEmpty }, quoted: true)
                                        + (map.columns[role] == nil ? ", or columns: {\(role.rawValue): COLUMN} in a map file" : ""),
                                        suggestion: Suggestions.closest(to: name, in: header)))
            }
        }
        if !problems.isEmpty { throw failure() }
        return (header, roles)
    }

    private mutating func checkFieldNames(_ names: [String], columns: [String]) throws(LoadFailure) {
        var seen: [String: String] = [:]
        for (name, column) in zip(names, columns) {
            if name == "source" || name == "account" {
                problems.append(Problem(1, nil, "column '\(column)' would be the lead field '\(name)', which is built in",
                                 "map it to another name under fields:, or to the \(name) role under columns:"))
            } else if let other = seen[name] {
                problems.append(Problem(1, nil, "columns '\(other)' and '\(column)' are both the field '\(name)'", "one column per field"))
            }
            seen[name] = column
        }
        if !problems.isEmpty { throw failure() }
    }

    private func column(_ role: HistoryColumn) -> String { map.column(role) }

    // MARK: Cells

    /// The trimmed text of a cell.
    private func text(_ cell: CSVScanner.Cell) -> String {
        if cell.isVerbatim {
            let trimmed = Self.trim(scanner.bytes(of: cell))
            return String(decoding: trimmed, as: UTF8.self)
        }
        return scanner.text(of: cell).trimmingCharacters(in: .whitespaces)
    }

    private static func trim(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = raw.count
        while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
        while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: raw[start..<end])
    }

    /// A rep name: the rep the map's `users:` names for the cell, the cell, or the local part of
    /// an e-mail (lower-cased, as e-mails compare).
    private func ownerName(_ cell: CSVScanner.Cell) -> String? {
        let name = text(cell)
        guard !name.isEmpty else { return nil }
        if !map.users.isEmpty, case .rep(let rep) = map.users[name] { return rep }
        guard let at = name.firstIndex(of: "@"), at != name.startIndex else { return name }
        return name[..<at].lowercased()
    }

    private struct RowInstants {
        var created: Instant
        var assigned: Instant?
        var touched: Instant?
        var closed: Instant?
    }

    /// The row's instants, checked against each other and `asOf`; nil after reporting a problem.
    private mutating func instants(_ roles: RoleColumns, row: Int, line: Int) -> RowInstants? {
        var bad = false
        func read(_ role: HistoryColumn) -> (Instant, String)? {
            guard let index = roles[role] else { return nil }
            let cell = cells[index]
            let stamp: Instant
            do {
                if cell.isVerbatim {
                    let raw = Self.trim(scanner.bytes(of: cell))
                    if raw.isEmpty { return nil }
                    stamp = try timestamps.instant(raw)
                } else {
                    let s = text(cell)
                    if s.isEmpty { return nil }
                    stamp = try timestamps.instant(s)
                }
            } catch {
                problems.append(Problem(line, row, "\(column(role)) \(error.message)", error.valid ?? ValueSyntax.recordedTimestampValid))
                bad = true
                return nil
            }
            latest = max(latest, stamp)
            if let asOf = givenAsOf, stamp > asOf {
                problems.append(Problem(line, row, "\(column(role)) '\(text(cell))' is after the export time (--as-of)",
                                 "an --as-of at or after every timestamp of the file"))
                bad = true
            }
            return (stamp, text(cell))
        }
        let created = read(.createdAt)
        var assigned = read(.assignedAt), touched = read(.firstTouchAt), closed = read(.closedAt)
        guard let created, !bad else {
            if !bad {
                problems.append(Problem(line, row, "no \(column(.createdAt))", "a creation timestamp in every row"))
            }
            return nil
        }
        // Each step may not come before the one it follows (beyond clock skew).
        var previous = (created.0, created.1, HistoryColumn.createdAt)
        for (role, value) in [(HistoryColumn.assignedAt, assigned), (.firstTouchAt, touched), (.closedAt, closed)] {
            guard let (recorded, cellText) = value else { continue }
            var stamp = recorded
            if stamp < previous.0 {
                let gap = previous.0 - stamp
                guard gap <= HistoryFile.clockSkew else {
                    problems.append(Problem(line, row, "\(column(role)) '\(cellText)' is \(Self.describe(gap)) before "
                                     + "\(column(previous.2)) '\(previous.1)'",
                                     "\(column(.createdAt)) ≤ \(column(.assignedAt)) ≤ "
                                     + "\(column(.firstTouchAt)) ≤ \(column(.closedAt)) (up to \(Int(HistoryFile.clockSkew / 60))m of clock skew is tolerated)"))
                    bad = true
                    break
                }
                noteSkew("\(column(role)) before \(column(previous.2))", row: row)
                stamp = previous.0
            }
            switch role {
            case .assignedAt: assigned = (stamp, cellText)
            case .firstTouchAt: touched = (stamp, cellText)
            default: closed = (stamp, cellText)
            }
            previous = (stamp, cellText, role)
        }
        if bad { return nil }
        return RowInstants(created: created.0, assigned: assigned?.0, touched: touched?.0, closed: closed?.0)
    }

    private mutating func noteSkew(_ kind: String, row: Int) {
        if let i = skewed.firstIndex(where: { $0.kind == kind }) { skewed[i].rows.append(row) } else { skewed.append((kind, [row])) }
    }

    private func skewWarnings() -> [Diagnostic] {
        skewed.map { kind, rows in
            let listed = rows.prefix(5).map(String.init).joined(separator: ", ") + (rows.count > 5 ? ", …" : "")
            return Diagnostic(severity: .warning, file: file, line: 0, column: 0, keyPath: "",
                              message: "\(rows.count) row\(rows.count == 1 ? "" : "s") with \(kind) by up to "
                              + "\(Int(HistoryFile.clockSkew / 60))m (clock skew): taken as the same instant (rows \(listed))")
        }
    }

    /// `45s`, `12m`, `1h30m`, `3d` (rounded down).
    private static func describe(_ gap: Seconds) -> String {
        let seconds = Int(gap)
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" + (seconds % 3600 >= 60 ? "\(seconds % 3600 / 60)m" : "") }
        return "\(seconds / 86_400)d"
    }

    // MARK: Values

    /// The distinct cell texts typed like `replay:` cells, and each text's code among the typed
    /// values (texts meaning one value, `1` and `1.0`, share it), from 1.
    private func typed(_ strings: [String]) -> ([FieldValue], [UInt32]) {
        var values: [FieldValue] = [], codes: [FieldValue: UInt32] = [:]
        let recode = strings.map { s -> UInt32 in
            let value = ValueSyntax.fieldValue(s)
            if let code = codes[value] { return code }
            values.append(value)
            codes[value] = UInt32(values.count)
            return UInt32(values.count)
        }
        return (values, recode)
    }

    // MARK: Diagnostics

    /// Every problem, by line, the first `LoadFailure.cap` with their line's text.
    private func failure() -> LoadFailure {
        let sorted = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        let shown = sorted.prefix(LoadFailure.cap)
        let texts = lineTexts(Set(shown.map(\.line)))
        let diagnostics = shown.map { p in
            Diagnostic(severity: .error, file: file, line: p.line, column: 0, keyPath: p.row.map { "row \($0)" } ?? "",
                       message: p.message, valid: p.valid, suggestion: p.suggestion, sourceLine: texts[p.line])
        }
        return LoadFailure(diagnostics: diagnostics, omitted: sorted.count - shown.count)
    }

    /// The text of each of `lines` (1-based), in one scan of the file.
    private func lineTexts(_ lines: Set<Int>) -> [Int: String] {
        guard let last = lines.max() else { return [:] }
        var texts: [Int: String] = [:], line = 1, start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
            if lines.contains(line) {
                var end = i
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                texts[line] = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            if line == last { break }
            line += 1
            start = i + 1
        }
        return texts
    }
}

/// A bad row or header, before it becomes a `Diagnostic`.
private struct Problem {
    var line: Int
    /// The data row, nil for the header.
    var row: Int?
    var message: String
    var valid: String?
    var suggestion: String?

    init(line: Int, row: Int?, message: String, valid: String?, suggestion: String? = nil) {
        self.line = line
        self.row = row
        self.message = message
        self.valid = valid
        self.suggestion = suggestion
    }

    init(_ line: Int, _ row: Int?, _ message: String, _ valid: String?) {
        self.init(line: line, row: row, message: message, valid: valid)
    }
}

/// The cells of one field column as codes (0 blank, else 1 + the index of the text among the
/// column's distinct texts in order of first sight).
///
/// While every text so far is different (an id column, maybe), the texts are not made into
/// strings: the column keeps their bytes (valid while the file is read) and a hash of each, and
/// interns them only when a text repeats. An id column of a million rows thus costs no string.
private struct FieldColumn {
    private(set) var codes: [UInt32] = []
    private(set) var filled = 0
    private var interner = Interner()
    /// While every text is different: their bytes in order, and each hash's index among them.
    private var unseen: [UnsafeBufferPointer<UInt8>] = []
    private var hashes: [Int: Int]? = [:]

    var allDistinct: Bool { hashes != nil }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return codes.append(0) }
        if hashes != nil {
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            let hash = hasher.finalize()
            if hashes![hash] == nil {
                hashes![hash] = unseen.count
                unseen.append(bytes)
                filled += 1
                codes.append(UInt32(unseen.count))
                return
            }
            internUnseen()
        }
        add(String(decoding: bytes, as: UTF8.self))
    }

    mutating func add(_ text: String) {
        guard !text.isEmpty else { return codes.append(0) }
        if hashes != nil { internUnseen() }
        filled += 1
        codes.append(interner.code(text) + 1)
    }

    /// The distinct texts, in code order.
    mutating func strings() -> [String] {
        if hashes != nil { internUnseen() }
        return interner.strings
    }

    /// Interns the texts kept as bytes (their codes stay: they were numbered in order).
    private mutating func internUnseen() {
        for bytes in unseen { _ = interner.index(String(decoding: bytes, as: UTF8.self)) }
        unseen = []
        hashes = nil
    }
}

/// Distinct strings, each given an index on first sight.
private struct Interner {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]

    mutating func index(_ s: String) -> Int {
        if let i = indices[s] { return i }
        indices[s] = strings.count
        strings.append(s)
        return strings.count - 1
    }

    mutating func code(_ s: String) -> UInt32 { UInt32(index(s)) }
}
