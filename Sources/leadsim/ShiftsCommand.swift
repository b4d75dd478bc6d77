import ArgumentParser
import LeadsimStudy

/// `leadsim shifts SCENARIO RULES --team T --templates SHIFTS.yaml (--target EXPR… | --requirement FILE)`.
struct ShiftsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shifts",
        abstract: "The cheapest number of reps per shift template covering every hour's requirement.",
        discussion: """
            Solves an integer program exactly (GLPK): minimise the roster's cost subject to, in every hour \
            of the team's week, the reps whose shift covers the whole hour being at least the hour's \
            requirement (from `leadsim requirement`'s requirement.json, or computed here from --target). \
            Then simulates the roster against the targets. SHIFTS.yaml: templates: [{name, schedule, \
            timezone?, cost?}] (cost default: paid hours per week). Writes shifts.md, shifts.html, \
            shifts.json and roster.yaml (the team's reps to paste into the scenario).
            Exit codes: 0 the roster meets the targets, 1 invalid input, 2 usage, 3 the simulated roster misses a target.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML).")
    var rules: String

    @Option(help: "The team to roster.")
    var team: String

    @Option(help: ArgumentHelp("The shift templates file (YAML).", valueName: "SHIFTS.yaml"))
    var templates: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Targets, e.g. 'ttft_p90<=1h'.", valueName: "expr"))
    var target: [String] = []

    @Option(help: ArgumentHelp("A requirement.json written by `leadsim requirement`.", valueName: "file"))
    var requirement: String?

    @Option(help: "Replications (overrides the scenario's `replications`).")
    var replications: Int?

    @Option(help: "Master seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Output directory (default: Reports/<scenario name>-shifts-<team>).", valueName: "dir"))
    var out: String?

    @Option(help: "Parallel workers (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Only the answer and where the files went.")
    var quiet = false

    func validate() throws {
        if target.isEmpty && requirement == nil {
            throw ValidationError("give --target EXPR… or --requirement requirement.json")
        }
        if let replications, replications < 2 { throw ValidationError("--replications must be at least 2 for confidence intervals") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let inputs = try StudyInputs.load(scenario: scenario, rules: [rules],
                                          overrides: StudyOverrides(replications: replications, seed: seed))
        for warning in inputs.warnings { printError(warning.description) }
        let options = ShiftsOptions(team: team, templates: templates, targets: target, requirement: requirement, out: out, jobs: jobs)
        let outcome = try ShiftsStudy(inputs: inputs, options: options).run { line in
            if !quiet { printError(line) }
        }
        print(outcome.verdict)
        print("Wrote \(outcome.written.joined(separator: ", ")) to \(outcome.directory)")
        if !outcome.meetsTargets { throw StudyError.targetNotMet(outcome.verdict) }
    }
}
