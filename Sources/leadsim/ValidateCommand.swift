import ArgumentParser
import LeadsimStudy

/// `leadsim validate SCENARIO [RULES…]`: loads and cross-checks files, prints a summary.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check a scenario and rule sets without simulating.",
        discussion: """
            Exits 0 and prints a summary when everything is valid; prints every problem (file:line:col) on \
            stderr and exits 1 otherwise. With --format json, prints one JSON object on stdout instead \
            (valid, files, errors, warnings, omitted, diagnostics[] with severity, file, line, column, path, \
            message, found, valid, suggestion); the exit codes are the same.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The scenario file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var scenario: String

    @Argument(help: "Rule-set files (YAML) to check against the scenario.", completion: .file(extensions: ["yaml", "yml"]))
    var rules: [String] = []

    @Option(help: "Output format: text (summary, problems on stderr) or json (one object on stdout).")
    var format: Format = .text

    func run() throws {
        let study = ValidateStudy(scenario: scenario, rules: rules)
        guard format == .json else { return print(try study.report()) }
        do {
            let (_, _, warnings) = try study.validated()
            print(try DiagnosticReport(files: study.files, diagnostics: warnings).json())
        } catch let error as StudyError {
            print(try DiagnosticReport(files: study.files, diagnostics: error.diagnostics, omitted: error.omitted).json())
            throw StudyError.invalidInput("")
        }
    }
}
