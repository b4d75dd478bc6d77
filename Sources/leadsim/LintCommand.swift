import ArgumentParser
import LeadsimStudy

/// `leadsim lint RULES [--scenario S]`: routing mistakes that validation allows.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find unreachable, duplicate and unused routes, and coverage gaps, in a rule set.",
        discussion: """
            Without --scenario: routes shadowed by earlier routes (proven for equality, list, \
            comparison, between, exists/missing and not tests), duplicate routes, list values an \
            earlier route takes (dead values), criteria a route repeats, no fallback. With \
            --scenario also: queues with no reps, reps never on shift, account-owner routes \
            without else when owners can be stale, coverage gaps from the schedules, holidays \
            and arrival patterns ("weekdays 17:00–09:00 and weekends: no one in queue emea is on \
            shift"), and routes no lead hits in a short simulation (--days, one replication). \
            Exit 1 when there are errors, 0 with warnings only.
            """
    )

    @Argument(help: "The rule-set YAML file.")
    var rules: String

    @Option(help: "The scenario YAML file the rules run in.")
    var scenario: String?

    @Option(help: "Simulated days for the route-hit and coverage check (0: skip it; at most 366).")
    var days: Double = 7

    func run() throws {
        let outcome = try LintStudy.lint(rules: rules, scenario: scenario, days: days)
        let groups = outcome.groups
        for (title, findings) in groups {
            // Headings only when they tell something: findings of more than one kind.
            if groups.count > 1 { print("== \(title) (\(findings.count))") }
            for finding in findings { print(finding) }
        }
        print(outcome.countLine)
        if outcome.hasErrors { throw StudyError.invalidInput("") }
    }
}
