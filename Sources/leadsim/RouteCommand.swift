import ArgumentParser
import Foundation
import RoutingRules
import ScenarioFile
import SimulationModel

/// `leadsim route RULES --lead JSON | --leads CSV`: routes leads without simulating and
/// explains which route matched and why.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route leads without simulating and explain which route matched and why.",
        discussion: """
            --lead takes one lead as a JSON object of strings, numbers and booleans; the key \
            `account` holds the matched account. --leads takes a CSV file with a header row: \
            numeric-looking cells are numbers, true/false are booleans, empty cells are missing. \
            With --scenario, reps are also assigned as if every rep were on shift and idle at the \
            start, leads in file order, to show each queue's rotation. With --format json, invalid \
            rule-set or scenario files are reported as in `leadsim validate --format json` (exit 1).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The rule-set YAML file.")
    var rules: String

    @Option(help: "One lead as a JSON object, e.g. '{\"region\": \"EMEA\", \"employees\": 1200}'.")
    var lead: String?

    @Option(help: "A CSV file of leads, one per row, with a header row of field names.")
    var leads: String?

    @Option(help: "A scenario YAML file: also assign a rep to each lead, in file order.")
    var scenario: String?

    @Flag(help: "With --leads: add the reason (every route tried) to each row.")
    var explain = false

    @Option(help: "Output format: text (CSV for --leads) or json.")
    var format: Format = .text

    @Option(help: "With --leads: write the CSV here instead of standard output.")
    var out: String?

    @Option(help: "Seed for the random strategy's draws.")
    var seed: UInt64 = 1

    func run() throws {
        guard (lead == nil) != (leads == nil) else {
            FileHandle.standardError.write(Data("error: pass exactly one of --lead JSON or --leads FILE.csv\n".utf8))
            throw ExitCode(2)
        }
        do {
            let ruleSet = try loadRuleSet(path: rules)
            let world = try scenario.map(loadScenario(path:))
            let output: String
            if let lead {
                output = try LeadRouter.routeOne(json: lead, ruleSet: ruleSet, scenario: world, format: format, seed: seed)
            } else {
                let text = try String(contentsOfFile: leads!, encoding: .utf8)
                output = try LeadRouter.routeMany(csv: text, ruleSet: ruleSet, scenario: world, format: format,
                                                  explain: explain, seed: seed)
            }
            if let out {
                try output.write(toFile: out, atomically: true, encoding: .utf8)
            } else {
                print(output, terminator: output.hasSuffix("\n") ? "" : "\n")
            }
        } catch let error as ExitCode {
            throw error
        } catch let failure as LoadFailure where format == .json {
            // Invalid files: the same JSON diagnostics as `leadsim validate --format json`.
            let files = [rules] + (scenario.map { [$0] } ?? [])
            print(try DiagnosticReport(files: files, diagnostics: failure.diagnostics, omitted: failure.omitted).json())
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Bad input to `leadsim route`.
enum RouteInputError: Error, CustomStringConvertible {
    case badJSON(String)
    case badCSV(line: Int, String)

    var description: String {
        switch self {
        case .badJSON(let reason): return "--lead: \(reason)"
        case .badCSV(let line, let reason): return "--leads line \(line): \(reason)"
        }
    }
}

/// The work of `leadsim route` on already-loaded files: pure strings in, string out.
enum LeadRouter {
    /// One routed (and possibly assigned) lead.
    struct Outcome: Encodable {
        struct Step: Encodable {
            var route: String
            var matched: Bool
            var field: String?
            var actual: String?
            var expected: String?
        }

        struct Candidate: Encodable {
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

    /// Routes one JSON lead and renders the route, destination and explanation.
    static func routeOne(json: String, ruleSet: RuleSet, scenario: Scenario?, format: RouteCommand.Format,
                         seed: UInt64) throws -> String {
        let fields = try parseJSONLead(json)
        var session = try Session(ruleSet: ruleSet, scenario: scenario, seed: seed)
        let outcome = session.route([fields]).first!
        if format == .json { return try encode(outcome) }
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
        return lines.joined(separator: "\n") + "\n"
    }

    /// Routes every CSV row; CSV out: input columns + route + queue (+ rep, + reason).
    static func routeMany(csv: String, ruleSet: RuleSet, scenario: Scenario?, format: RouteCommand.Format,
                          explain: Bool, seed: UInt64) throws -> String {
        let rows = try CSV.parse(csv)
        guard let header = rows.first else { throw RouteInputError.badCSV(line: 1, "no header row") }
        var leads: [[(String, FieldValue?)]] = []
        for (number, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count == header.count else {
                throw RouteInputError.badCSV(line: number + 2, "\(row.count) cells, the header has \(header.count)")
            }
            leads.append(zip(header, row).map { ($0, CSV.value(of: $1)) })
        }
        var session = try Session(ruleSet: ruleSet, scenario: scenario, seed: seed)
        let outcomes = session.route(leads)
        if format == .json { return try encode(outcomes) }
        var columns = header + ["route", "queue"]
        if scenario != nil { columns.append("rep") }
        if explain { columns.append("reason") }
        var lines = [CSV.line(columns)]
        for (row, outcome) in zip(rows.dropFirst().filter { !($0.count == 1 && $0[0].isEmpty) }, outcomes) {
            var cells = row + [outcome.route ?? "", outcome.destination]
            if scenario != nil { cells.append(outcome.rep ?? "") }
            if explain {
                cells.append(outcome.explanation.steps.map { step in
                    "\(step.name): " + (step.matched ? "matched" : step.failure?.description ?? "")
                }.joined(separator: "; ") + (outcome.route == nil ? "; -> \(outcome.destination)" : ""))
            }
            lines.append(CSV.line(cells))
        }
        return lines.joined(separator: "\n") + "\n"
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

    /// A rule set compiled for the command, with the rotation state of `--scenario`.
    struct Session {
        var schema = LeadSchema()
        var compiled: CompiledRuleSet
        var state: AssignmentState
        var view: IdleReps
        var random: SplitMixUniform
        let assigns: Bool

        init(ruleSet: RuleSet, scenario: Scenario?, seed: UInt64) throws {
            let roster = scenario.map(RosterEntry.roster(of:))
            compiled = try CompiledRuleSet(ruleSet, schema: &schema, roster: roster)
            state = compiled.makeAssignmentState()
            view = IdleReps(capacity: scenario?.reps.map(\.capacityOpen) ?? [])
            random = SplitMixUniform(seed: seed)
            assigns = scenario != nil
        }

        /// Routes leads in order; with a scenario, assigns each and counts it against the rep.
        mutating func route(_ leads: [[(String, FieldValue?)]]) -> [Outcome] {
            let rows = leads.map { fields in fields.map { (schema.fieldIndex(for: $0.0), schema.value(of: $0.1)) } }
            compiled.tabulateSymbols(of: schema)
            return rows.enumerated().map { number, cells in
                var values = [LeadValue](repeating: .missing, count: schema.fieldCount)
                for (index, value) in cells { values[index] = value }
                return outcome(for: LeadView(values), number: number)
            }
        }

        private mutating func outcome(for lead: LeadView, number: Int) -> Outcome {
            let explanation = compiled.explainRoute(lead, schema: schema)
            var outcome = Outcome(
                route: explanation.routeName, fallback: explanation.routeName == nil && explanation.decision != .unrouted,
                destination: explanation.destination, rep: nil,
                steps: explanation.steps.map {
                    .init(route: $0.name, matched: $0.matched, field: $0.failure?.field,
                          actual: $0.failure?.actual, expected: $0.failure?.expected)
                },
                candidates: nil, explanation: explanation, candidateLines: nil)
            guard assigns else { return outcome }
            switch explanation.decision {
            case .queue(_, let queue) where !compiled.queues[queue].isAutomated:
                let rep = compiled.pick(queue: queue, lead: lead, excluded: .none, view: view, state: &state,
                                        random: &random)
                let candidates = compiled.explainAssignment(queue: queue, lead: lead, excluded: .none, view: view,
                                                            schema: schema, picked: rep)
                if let rep {
                    outcome.rep = compiled.repNames[rep]
                    view.assign(rep, at: Double(number + 1))
                } else {
                    outcome.rep = "(none eligible: waits)"
                }
                outcome.candidateLines = candidates.map(\.description)
                outcome.candidates = candidates.map { candidate in
                    switch candidate.outcome {
                    case .picked: return .init(rep: candidate.name, outcome: "picked")
                    case .passedOver: return .init(rep: candidate.name, outcome: "passed over")
                    case .skipped(let reason): return .init(rep: candidate.name, outcome: "skipped", reason: reason.rawValue)
                    }
                }
            case .accountOwner:
                outcome.rep = "(account owner: resolved in simulation)"
            default:
                break
            }
            return outcome
        }
    }

    /// Every rep on shift and idle at the start; each assignment holds a slot for good.
    struct IdleReps: AvailabilityView {
        var open: [Int]
        var capacity: [Int]
        var idleSince: [Double]

        init(capacity: [Int]) {
            self.capacity = capacity
            open = Array(repeating: 0, count: capacity.count)
            idleSince = Array(repeating: 0, count: capacity.count)
        }

        func availability(of rep: Int) -> RepAvailability {
            RepAvailability(ineligibility: open[rep] >= capacity[rep] ? .atOpenCap : nil, open: open[rep],
                            capacity: capacity[rep], idleSince: idleSince[rep])
        }

        mutating func assign(_ rep: Int, at time: Double) {
            open[rep] += 1
            idleSince[rep] = time
        }
    }
}

/// Just enough RFC 4180 CSV: quoted cells with doubled quotes, commas and newlines inside.
enum CSV {
    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = ""
        var quoted = false, line = 1
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    cell.append(c)
                }
                continue
            }
            switch c {
            case "\"" where cell.isEmpty: quoted = true
            case ",": row.append(cell); cell = ""
            case "\n", "\r\n", "\r":
                row.append(cell); rows.append(row); row = []; cell = ""; line += 1
            default: cell.append(c)
            }
        }
        if quoted { throw RouteInputError.badCSV(line: line, "a quoted cell is not closed") }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    /// A cell as a lead value: empty is missing, true/false booleans, numeric-looking numbers.
    static func value(of cell: String) -> FieldValue? {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed == "true" { return .bool(true) }
        if trimmed == "false" { return .bool(false) }
        if let number = Double(trimmed), number.isFinite { return .number(number) }
        return .text(cell)
    }

    static func line(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }
}
