import Foundation
import RoutingRules
import ScenarioFile
import SimulationModel
import TextFormats

/// The output of `leadsim route`: text (CSV for many leads) or JSON.
public enum RouteFormat: String, CaseIterable, Sendable {
    case text, json
}

/// Bad input to `leadsim route`.
public enum RouteInputError: Error, CustomStringConvertible {
    case badJSON(String)
    case badCSV(line: Int, String)
    /// Every bad row of `--leads` (the first `LoadFailure.cap`), in file order, and how many more.
    case badRows([(line: Int, reason: String)], omitted: Int)

    public var description: String {
        switch self {
        case .badJSON(let reason): return "--lead: \(reason)"
        case .badCSV(let line, let reason): return "--leads line \(line): \(reason)"
        case .badRows(let rows, let omitted):
            let count = rows.count + omitted
            if count == 1, let row = rows.first { return RouteInputError.badCSV(line: row.line, row.reason).description }
            // One `error: ` line per row, like the first (whose `error: ` the caller writes).
            return rows.map { RouteInputError.badCSV(line: $0.line, $0.reason).description }.joined(separator: "\nerror: ")
                + (omitted > 0 ? "\n… and \(omitted) more" : "") + "\n\(count) bad rows in --leads; none was routed"
        }
    }
}

/// The work of `leadsim route` on already-loaded files: pure strings in, string out.
public enum LeadRouter {
    /// One routed (and possibly assigned) lead.
    struct Outcome: Encodable, Sendable {
        struct Step: Encodable, Sendable {
            var route: String
            var matched: Bool
            var field: String?
            var actual: String?
            var expected: String?
        }

        struct Candidate: Encodable, Sendable {
            var rep: String
            var outcome: String
            var reason: String?
        }

        var route: String?
        var fallback: Bool
        var destination: String
        var rep: String?
        var steps: [Step]
        var candidates: [Candidate]?
        /// For text output.
        var explanation: RouteExplanation
        var candidateLines: [String]?

        enum CodingKeys: String, CodingKey { case route, fallback, destination, rep, steps, candidates }
    }

    /// What `leadsim route` shows: the routed leads, and warnings about the input (for stderr).
    public struct Output: Sendable {
        public var text: String
        /// A field the rules test that no column holds, a JSON key no route reads.
        public var warnings: [String]
    }

    /// Routes one JSON lead and renders the route, destination and explanation. Keys are read
    /// as fields like CSV columns (`FieldColumns`); a key that is no field the rules test is warned about.
    public static func routeOne(json: String, ruleSet: RuleSet, scenario: Scenario?, format: RouteFormat,
                                seed: UInt64, map: ImportMap? = nil, dateFormat: DateFormat = .iso) throws -> Output {
        let given = try parseJSONLead(json)
        let keys = given.map(\.0)
        let names = try fieldNames(keys, ruleSet: ruleSet, map: map, scenario: scenario) { RouteInputError.badJSON($0) }
        let fields = zip(names, given).map { ($0, $1.1) }
        let read = zip(keys, names).filter { scenario == nil || $0.1 != Lead.createdAtKey }
        let warnings = FieldColumns.unreadKeys(read.map(\.0), fields: read.map(\.1), tested: ruleSet.testedFields,
                                               aliases: ruleSet.fields).map { "--lead: " + $0 }
        let lead: Lead
        do { lead = try Lead(fields: fields, scenario: scenario, dateFormat: dateFormat) } catch {
            throw RouteInputError.badJSON(Lead.explained(error))
        }
        var session = try Session(ruleSet: ruleSet, scenario: scenario, seed: seed)
        let outcome = session.route([lead]).first!
        if format == .json { return Output(text: try encode(outcome), warnings: warnings) }
        var lines = ["route: \(outcome.route ?? (outcome.fallback ? "(fallback)" : "(none)"))",
                     "destination: \(outcome.destination)"]
        if let rep = outcome.rep { lines.append("rep: \(rep)") }
        lines.append("")
        lines.append("why:")
        lines += outcome.explanation.description.split(separator: "\n").map { "  \($0)" }
        if let candidates = outcome.candidateLines {
            lines.append("")
            lines.append("candidates:")
            lines += candidates.map { "  \($0)" }
        }
        return Output(text: lines.joined(separator: "\n") + "\n", warnings: warnings)
    }

    /// Routes every CSV row; CSV out: input columns + route + queue (+ rep, + reason). Columns are
    /// read as fields by `FieldColumns` (name, the rule set's aliases, the map); a field the
    /// rules test that no column holds is warned about once. Every bad row (wrong number of
    /// cells, an unclosed quote, an unreadable `created_at`) is an error, and then none is routed.
    public static func routeMany(csv: String, ruleSet: RuleSet, scenario: Scenario?, format: RouteFormat,
                                 explain: Bool, seed: UInt64, map: ImportMap? = nil, dateFormat: DateFormat = .iso) throws -> Output {
        let records = CSV.records(csv)
        guard let first = records.first else { throw RouteInputError.badCSV(line: 1, "no header row") }
        let header: [String]
        switch first {
        case .success(let row): header = row.cells
        case .failure(let problem): throw RouteInputError.badCSV(line: problem.line, problem.message)
        }
        let names = try fieldNames(header.map { $0.trimmingCharacters(in: .whitespaces) }, ruleSet: ruleSet, map: map,
                                   scenario: scenario) { RouteInputError.badCSV(line: 1, $0) }
        let warnings = FieldColumns.missingFields(ruleSet.testedFields, columns: header, fields: names, aliases: ruleSet.fields)
            .map { "--leads: " + $0 }
        var rows: [CSV.Row] = [], leads: [Lead] = [], bad: [(line: Int, reason: String)] = []
        for record in records.dropFirst() {
            let row: CSV.Row
            switch record {
            case .success(let read): row = read
            case .failure(let problem): bad.append((problem.line, problem.message)); continue
            }
            guard row.cells.count == header.count else {
                bad.append((row.line, "\(row.cells.count) cell\(row.cells.count == 1 ? "" : "s"), the header has \(header.count)"))
                continue
            }
            do {
                leads.append(try Lead(fields: zip(names, row.cells).map { ($0, leadValue(ofCell: $1)) }, scenario: scenario,
                                      dateFormat: dateFormat))
                rows.append(row)
            }
            catch { bad.append((row.line, Lead.explained(error))) }
        }
        if !bad.isEmpty {
            throw RouteInputError.badRows(Array(bad.prefix(LoadFailure.cap)), omitted: max(0, bad.count - LoadFailure.cap))
        }
        var session = try Session(ruleSet: ruleSet, scenario: scenario, seed: seed)
        let outcomes = session.route(leads)
        if format == .json { return Output(text: try encode(outcomes), warnings: warnings) }
        var columns = header + ["route", "queue"]
        if scenario != nil { columns.append("rep") }
        if explain { columns.append("reason") }
        var lines = [CSV.line(columns)]
        for (row, outcome) in zip(rows, outcomes) {
            var cells = row.cells + [outcome.route ?? "", outcome.destination]
            if scenario != nil { cells.append(outcome.rep ?? "") }
            if explain {
                cells.append(outcome.explanation.steps.map { step in
                    "\(step.name): " + (step.matched ? "matched" : step.failure?.description ?? "")
                }.joined(separator: "; ") + (outcome.route == nil ? "; -> \(outcome.destination)" : ""))
            }
            lines.append(CSV.line(cells))
        }
        return Output(text: lines.joined(), warnings: warnings)
    }

    /// The field each of `columns` holds (`FieldColumns`); with a scenario, `created_at` (or the
    /// map's `columns.created_at`, `CreatedDate`) is the creation time instead. Two columns
    /// holding one field are an error (`problem` makes it).
    static func fieldNames(_ columns: [String], ruleSet: RuleSet, map: ImportMap?, scenario: Scenario?,
                           problem: (String) -> RouteInputError) throws -> [String] {
        let createdAt = map?.column(.createdAt) ?? Lead.createdAtKey
        let names = columns.map { column in
            scenario != nil && column == createdAt ? Lead.createdAtKey : FieldColumns.field(ofColumn: column, aliases: ruleSet.fields, map: map)
        }
        for (i, name) in names.enumerated() {
            if let j = names[..<i].firstIndex(of: name) {
                throw problem("'\(columns[j])' and '\(columns[i])' both hold the field '\(name)' (by name, alias or map); keep one")
            }
        }
        return names
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// A JSON object of scalars; `null` is a missing field.
    static func parseJSONLead(_ json: String) throws -> [(String, FieldValue?)] {
        struct Scalar: Decodable {
            var value: FieldValue?
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() { value = nil }
                else if let flag = try? container.decode(Bool.self) { value = .bool(flag) }
                else if let number = try? container.decode(Double.self) { value = .number(number) }
                else if let text = try? container.decode(String.self) { value = .text(text) }
                else {
                    throw DecodingError.dataCorruptedError(in: container,
                        debugDescription: "a lead field must be a string, number, boolean or null")
                }
            }
        }
        do {
            let object = try JSONDecoder().decode([String: Scalar].self, from: Data(json.utf8))
            return object.keys.sorted().map { ($0, object[$0]!.value) }
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let context), .typeMismatch(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw RouteInputError.badJSON((path.isEmpty ? "" : "\(path): ") + (context.debugDescription.lowercased().contains("dictionary")
                    ? "expected a JSON object of fields" : context.debugDescription))
            default: throw RouteInputError.badJSON("\(error)")
            }
        }
    }

    /// One lead to route: its fields and, with a scenario, the instant it was created at.
    struct Lead {
        static let createdAtKey = "created_at"
        var fields: [(String, FieldValue?)]
        var createdAt: Instant?

        /// With a scenario, a `created_at` key is the creation time in the scenario's zone (unless
        /// it has an offset), not a field; without one it is a field like any other.
        init(fields: [(String, FieldValue?)], scenario: Scenario?, dateFormat: DateFormat = .iso) throws(ValueError) {
            self.fields = fields
            guard let scenario, let index = fields.firstIndex(where: { $0.0 == Self.createdAtKey }) else { return }
            self.fields.remove(at: index)
            guard let stamp = fields[index].1 else {
                throw ValueError("\(Self.createdAtKey) is empty", valid: ValueSyntax.recordedTimestampValid)
            }
            do {
                createdAt = try ValueSyntax.recordedTimestamp(stamp.description, zone: scenario.timeZone, format: dateFormat, setting: .flag)
            } catch {
                throw ValueError("\(Self.createdAtKey): \(error.message)", valid: error.valid ?? ValueSyntax.recordedTimestampValid)
            }
        }

        /// A bad `created_at` as one line: what is wrong, then what is valid.
        static func explained(_ error: ValueError) -> String {
            error.message + (error.valid.map { "; valid: \($0)" } ?? "")
        }
    }
}

/// A CSV cell as a lead value: empty is missing, true/false booleans, numeric-looking numbers.
func leadValue(ofCell cell: String) -> FieldValue? {
    let trimmed = cell.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return nil }
    if trimmed == "true" { return .bool(true) }
    if trimmed == "false" { return .bool(false) }
    if let number = Double(trimmed), number.isFinite { return .number(number) }
    return .text(cell)
}
