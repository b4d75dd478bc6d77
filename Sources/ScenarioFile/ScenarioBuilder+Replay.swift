import Foundation
import SimulationModel
import TextFormats
import Yams

extension ScenarioBuilder {
    /// Source keys that describe generated arrivals, so they make no sense next to `replay`.
    static let generatedArrivalKeys = ["volume", "pattern", "dispersion", "bursts"]
    /// The most rows a replay file may have: it is read whole, a million rows take about
    /// 0.5 GiB and several seconds, and every replication replays all of them.
    static let maximumReplayRows = 1_000_000
    static let replayValid = "a CSV file name, or {file: leads.csv, created_at: COLUMN, fields: {FIELD: COLUMN, …}, date_format: iso, scale: 1.0, align: start}"

    /// `replay: leads.csv` or `replay: {file, created_at, fields, date_format, scale, align}`; the
    /// file is read relative to the scenario file, and every bad row is reported with its row number.
    func replay(_ node: Node, _ path: String, zone: String) -> Replay? {
        var file: String?
        var createdAt = "created_at"
        var dateFormat = DateFormat.iso
        var mapping: [(field: String, column: String, node: Node)]?
        var scale = 1.0
        var alignment = Replay.Alignment.start
        var fileNode = node
        if case .scalar = node {
            file = r.text(node, path, what: "a CSV file name")
        } else {
            guard let m = r.map(node, path, FileFormat.replay) else { return nil }
            if let f = m["file"] {
                file = r.text(f, m.path("file"), what: "a CSV file name")
                fileNode = f
            }
            if let c = m["created_at"], let column = r.text(c, m.path("created_at"), what: "a column name") { createdAt = column }
            if let f = m["fields"], let fm = r.map(f, m.path("fields"), allowed: nil, what: "field columns") {
                if fm.entries.isEmpty { r.warning(f, m.path("fields"), "no field columns: replayed leads carry no fields") }
                var list: [(String, String, Node)] = []
                for (key, keyNode, value) in fm.entries {
                    if key == "account" || key == "source" {
                        r.error(keyNode, fm.path(key), key == "account" ? "'account' is reserved for the matched account"
                                    : "'source' is a built-in field: every lead's source name", valid: "another field name")
                        continue
                    }
                    if let column = r.text(value, fm.path(key), what: "a column name") { list.append((key, column, value)) }
                }
                mapping = list
            }
            if let d = m["date_format"], let v = r.choice(d, m.path("date_format"), DateFormat.allCases.map { ($0.rawValue, $0) },
                                                          what: "date format") { dateFormat = v }
            if let s = m["scale"], let v = r.number(s, m.path("scale"), exclusiveMinimum: 0, maximum: 100) { scale = v }
            if let a = m["align"], let v = r.choice(a, m.path("align"), Replay.Alignment.allCases.map { ($0.rawValue, $0) },
                                                    what: "replay alignment") { alignment = v }
        }
        guard let file else { return nil }
        let resolved = file.hasPrefix("/") ? file
            : URL(fileURLWithPath: r.file).deletingLastPathComponent().appendingPathComponent(file).path
        guard let text = r.providedFiles[file]
                ?? FileManager.default.contents(atPath: resolved).flatMap({ String(data: $0, encoding: .utf8) }) else {
            let exists = FileManager.default.fileExists(atPath: resolved)
            r.error(fileNode, path, exists ? "cannot read '\(file)' as UTF-8 text" : "no such file '\(file)' (looked for \(resolved))",
                    valid: "a CSV file with a header row, relative to the scenario file")
            return nil
        }
        // Counted before parsing: a file far beyond the bound is refused without reading it into rows.
        let rows = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        guard rows <= Self.maximumReplayRows + 1 else {
            r.error(fileNode, path, "'\(file)' has about \(rows) rows; a replay reads at most \(Self.maximumReplayRows) leads",
                    valid: "split the period into several scenarios, or fit a generated source to the history (leadsim fit)")
            return nil
        }
        return table(text, file: file, shown: shownPath(file), path: path, fileNode: fileNode, createdAt: createdAt,
                     mapping: mapping, timestamps: RecordedTimestamps(zone: zone, format: dateFormat)).map {
            Replay(file: file, fields: $0.fields, leads: $0.leads, scale: scale, alignment: alignment)
        }
    }

    /// A replay file as messages name it: beside the scenario file as that one is named
    /// (`Scenarios/x/leads.csv` for `Scenarios/x/scenario.yaml`), or as written when absolute.
    private func shownPath(_ file: String) -> String {
        guard !file.hasPrefix("/"), let slash = r.file.lastIndex(of: "/") else { return file }
        return String(r.file[...slash]) + file
    }

    /// The rows of a replay file as recorded leads. Every bad row is reported (its key path names
    /// it, so messages do not), the rows after an unclosed quote included.
    private func table(_ text: String, file: String, shown: String, path: String, fileNode: Node, createdAt: String,
                       mapping: [(field: String, column: String, node: Node)]?, timestamps: RecordedTimestamps)
        -> (fields: [String], leads: [RecordedLead])? {
        let csvLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func rowError(_ line: Int, _ row: Int?, _ message: String, valid: String? = nil) {
            r.add(Diagnostic(severity: .error, file: shown, line: line, column: 0,
                             keyPath: row.map { "\(path) row \($0)" } ?? path, message: message, valid: valid,
                             sourceLine: line >= 1 && line <= csvLines.count ? String(csvLines[line - 1]).trimmingTrailingCR : nil))
        }
        let records = CSV.records(text)
        guard let first = records.first else {
            r.error(fileNode, path, "'\(file)' is empty", valid: "a header row with '\(createdAt)' and field columns, then one row per lead")
            return nil
        }
        let header: CSV.Row
        switch first {
        case .success(let row): header = row
        case .failure(let problem):
            rowError(problem.line, nil, "header: \(problem.message)")
            return nil
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let timeColumn = names.firstIndex(of: createdAt) else {
            r.error(fileNode, path, "'\(file)' has no column '\(createdAt)' for the creation time", found: createdAt,
                    valid: "one of " + Suggestions.list(names), suggestion: Suggestions.closest(to: createdAt, in: names))
            return nil
        }
        var columns: [(field: String, index: Int)] = []
        if let mapping {
            for (field, column, node) in mapping {
                if let index = names.firstIndex(of: column) {
                    columns.append((field, index))
                } else {
                    r.error(node, "\(path).fields.\(field)", "'\(file)' has no column '\(column)'", found: column,
                            valid: Suggestions.list(names), suggestion: Suggestions.closest(to: column, in: names))
                }
            }
            if columns.count != mapping.count { return nil }
        } else {
            columns = names.enumerated().filter { $0.offset != timeColumn && !$0.element.isEmpty }.map { ($1, $0) }
            if let reserved = columns.first(where: { $0.field == "account" || $0.field == "source" }) {
                r.error(fileNode, path, "column '\(reserved.field)' would be the reserved field '\(reserved.field)'",
                        valid: "replay: {file: \(file), fields: {…}} listing the columns to use")
                return nil
            }
        }
        var leads: [RecordedLead] = []
        var bad = 0
        for (number, record) in records.dropFirst().enumerated() {
            let rowNumber = number + 1
            let row: CSV.Row
            switch record {
            case .success(let read): row = read
            case .failure(let problem):
                rowError(problem.line, rowNumber, problem.message)
                bad += 1
                continue
            }
            guard row.cells.count == names.count else {
                rowError(row.line, rowNumber, "\(row.cells.count) cells, the header has \(names.count)")
                bad += 1
                continue
            }
            let stamp = row.cells[timeColumn].trimmingCharacters(in: .whitespaces)
            guard !stamp.isEmpty else {
                rowError(row.line, rowNumber, "no \(createdAt)", valid: "a timestamp in every row")
                bad += 1
                continue
            }
            let time: Instant
            do { time = try timestamps.instant(stamp) } catch {
                rowError(row.line, rowNumber, "\(createdAt) \(error.message)", valid: error.valid ?? ValueSyntax.recordedTimestampValid)
                bad += 1
                continue
            }
            let values: [FieldValue?] = columns.map { column in
                let cell = row.cells[column.index].trimmingCharacters(in: .whitespaces)
                return cell.isEmpty ? nil : ValueSyntax.fieldValue(cell)
            }
            leads.append(RecordedLead(createdAt: time, values: values, row: rowNumber))
        }
        if leads.isEmpty, bad == 0 {
            r.error(fileNode, path, "'\(file)' has a header but no leads", valid: "one row per lead after the header")
            return nil
        }
        // Creation order; rows with the same time keep file order.
        leads = leads.enumerated().sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }.map(\.element)
        return (columns.map(\.field), leads)
    }

    /// Warns about recorded leads that fall outside the run's arrival window (never silently),
    /// and about `align: start` moving them to other times of the week.
    func checkReplayWindow(_ sources: [Source], start: Instant, end: Instant, zone: String) {
        for (i, source) in sources.enumerated() {
            guard let replay = source.replay else { continue }
            checkWeeklyPattern(of: replay, path: "sources[\(i)].replay", start: start, zone: zone)
            let outside = replay.leads.indices.filter {
                let t = replay.arrival(of: $0, start: start)
                return t < start || t >= end
            }
            guard !outside.isEmpty else { continue }
            let rows = outside.prefix(5).map { String(replay.leads[$0].row) }.joined(separator: ", ")
            let path = "sources[\(i)].replay"
            r.report(.warning, at: r.marks[path], path,
                     "\(outside.count) of \(replay.leads.count) recorded leads of '\(replay.file)' fall outside the run's arrival window "
                     + "(warm-up + horizon) and are not replayed (rows \(rows)\(outside.count > 5 ? ", …" : ""))",
                     valid: replay.alignment == .start ? "a longer horizon" : "align: start, or a start and horizon covering the recorded dates")
        }
    }

    /// `align: start` keeps the recorded times of day and days of the week only when the shift is
    /// a whole number of weeks (within a minute), that is when the scenario starts at the first
    /// recorded lead's local weekday and time; otherwise the weekly pattern of the file is lost.
    private func checkWeeklyPattern(of replay: Replay, path: String, start: Instant, zone: String) {
        guard replay.alignment == .start, let first = replay.leads.first?.createdAt,
              let timeZone = TimeZone(identifier: zone) else { return }
        func local(_ t: Instant) -> Double { t + Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: t))) }
        let week = 604_800.0
        let lag = (local(first) - local(start)).truncatingRemainder(dividingBy: week)
        let forward = lag < 0 ? lag + week : lag
        guard min(forward, week - forward) >= 60 else { return }
        func weekdayAndTime(_ localSeconds: Double) -> String {
            let day = CalendarDate(daysSinceEpoch: Int((localSeconds / 86_400).rounded(.down)))
            let minutes = Int(localSeconds - Double(day.daysSinceEpoch) * 86_400) / 60
            return "\(ValueSyntax.dayNames[day.weekday].capitalized) \(TimeOfDay(minutes: minutes))"
        }
        let suggested = local(start) + forward
        let suggestedDay = CalendarDate(daysSinceEpoch: Int((suggested / 86_400).rounded(.down)))
        let suggestedTime = TimeOfDay(minutes: Int(suggested - Double(suggestedDay.daysSinceEpoch) * 86_400) / 60)
        r.report(.warning, at: r.marks[path], path,
                 "align: start moves the recorded leads of '\(replay.file)' so that the first one "
                 + "(\(weekdayAndTime(local(first)))) arrives at the scenario start (\(weekdayAndTime(local(start)))): "
                 + "every lead arrives at another time of day or day of the week than recorded, so the file's weekly pattern is lost",
                 valid: "start: \(suggestedDay)T\(suggestedTime) (the first recorded lead's weekday and time) to keep it, "
                 + "or align: recorded with a start and horizon covering the recorded dates")
    }
}
