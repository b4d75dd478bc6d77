import ArgumentParser
import LeadsimStudy

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
            A column (or key) is the field it names, the field it is an alias of under the rule \
            set's fields: (import salesforce writes the Salesforce names there), or the field \
            --map's fields: gives it; a field the rules test that no column holds, and a key no \
            route reads, are warned about on stderr. \
            With --scenario, reps are also assigned as if every rep were on shift and idle at the \
            start, leads in file order, to show each queue's rotation. With --format json, invalid \
            rule-set or scenario files are reported as in `leadsim validate --format json` (exit 1).
            """
    )

    @Argument(help: "The rule-set YAML file.")
    var rules: String

    @Option(help: "One lead as a JSON object, e.g. '{\"region\": \"EMEA\", \"employees\": 1200}'.")
    var lead: String?

    @Option(help: "A CSV file of leads, one per row, with a header row of field names.")
    var leads: String?

    @Option(help: "A scenario YAML file: also assign a rep to each lead, in file order.")
    var scenario: String?

    @Option(help: "A map file whose fields: name CSV columns and JSON keys as lead fields (as in import salesforce); columns.created_at names the creation-time column.")
    var map: String?

    @Option(help: "How created_at writes dates: iso (default), us (10/08/2025 1:05 PM) or eu (08/10/2025 13:05).")
    var dateFormat: DateFormat = .iso

    @Flag(help: "With --leads: add the reason (every route tried) to each row.")
    var explain = false

    @Option(help: "Output format: text (CSV for --leads) or json.")
    var format: RouteFormat = .text

    @Option(help: "With --leads: write the CSV here instead of standard output.")
    var out: String?

    @Option(help: "Seed for the random strategy's draws.")
    var seed: UInt64 = 1

    func run() throws {
        guard (lead == nil) != (leads == nil) else {
            printError("error: pass exactly one of --lead JSON or --leads FILE.csv")
            throw ExitCode(2)
        }
        var study: RouteStudy
        do {
            study = try RouteStudy(rules: rules, scenario: scenario, map: map)
            study.dateFormat = dateFormat
        } catch {
            guard format == .json else { throw error }
            // Invalid files: the same JSON diagnostics as `leadsim validate --format json`.
            let files = [rules] + (scenario.map { [$0] } ?? [])
            print(try DiagnosticReport(files: files, diagnostics: error.diagnostics, omitted: error.omitted).json())
            throw StudyError.invalidInput("")
        }
        let routed = try lead.map { try study.route(json: $0, format: format, seed: seed) }
            ?? study.route(csvFile: leads!, format: format, explain: explain, seed: seed)
        for warning in routed.warnings { printError("warning: " + warning) }
        let output = routed.text
        if let out {
            try RouteStudy.write(output, to: out)
        } else {
            print(output, terminator: output.hasSuffix("\n") ? "" : "\n")
        }
    }
}

extension RouteFormat: ExpressibleByArgument {}

extension DateFormat: ExpressibleByArgument {}
