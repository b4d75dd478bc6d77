import ArgumentParser
import Foundation
import RuleLint
import ScenarioFile

/// `leadsim lint RULES [--scenario S]`: routing mistakes that validation allows.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find unreachable, duplicate and unused routes, and coverage gaps, in a rule set.",
        discussion: """
            Without --scenario: routes shadowed by earlier routes (proven for equality, list, \
            comparison, between, exists/missing and not tests), duplicate routes, no fallback. \
            With --scenario also: queues with no reps, reps never on shift, hours when a queue \
            receives leads but none of its reps works, and routes no lead hits in a short \
            simulation (--days, one replication). Exit 1 when there are errors, 0 with warnings only.
            """
    )

    @Argument(help: "The rule-set YAML file.")
    var rules: String

    @Option(help: "The scenario YAML file the rules run in.")
    var scenario: String?

    @Option(help: "Simulated days for the route-hit and coverage check (0: skip it).")
    var days: Double = 7

    func run() throws {
        let findings: [Diagnostic]
        do {
            findings = try lintFindings()
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        for finding in findings { print(finding) }
        let errors = findings.filter(\.isError).count
        let warnings = findings.count - errors
        print(findings.isEmpty ? "no problems found"
              : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { throw ExitCode(1) }
    }

    private func lintFindings() throws(LoadFailure) -> [Diagnostic] {
        let loaded = try RuleSetLoader.load(path: rules)
        let world: LoadedScenario? = try scenario.map { path throws(LoadFailure) in try ScenarioLoader.load(path: path) }
        return RuleLinter.lint(loaded, scenario: world, options: .init(simulatedDays: max(0, days)))
    }
}
