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

    @Option(help: ArgumentHelp("The shift templates file (YAML).", valueName: "SHIFTS.yaml"))
    var templates: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Targets, e.g. 'ttft_p90<=1h'.", valueName: "expr"))
    var target: [String] = []

    @Option(help: ArgumentHelp("A requirement.json written by `leadsim requirement`.", valueName: "file"))
    var requirement: String?

    @Option(help: ArgumentHelp("Output directory (default: Reports/<scenario name>-shifts-<team>).", valueName: "dir"))
    var out: String?

    @OptionGroup var planning: PlanningOptions

    func validate() throws {
        if target.isEmpty && requirement == nil {
            throw ValidationError("give --target EXPR… or --requirement requirement.json")
        }
    }

    func run() throws {
        let inputs = try planning.load(scenario: scenario, rules: rules)
        let options = ShiftsOptions(team: planning.team, templates: templates, targets: target, requirement: requirement, out: out, jobs: planning.jobs)
        let outcome = try ShiftsStudy(inputs: inputs, options: options).run { line in
            if !planning.quiet { printError(line) }
        }
        try planning.finish(verdict: outcome.verdict, written: outcome.written, directory: outcome.directory,
                            meetsTargets: outcome.meetsTargets)
    }
}
