import ArgumentParser
import LeadsimStudy

/// `leadsim requirement SCENARIO RULES --team T --target EXPR… [--out DIR]`: reps needed on shift per hour.
struct RequirementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requirement",
        abstract: "Reps of a team needed on shift in each hour of the week to meet service targets.",
        discussion: """
            Iterative staffing by simulation: every hour of the team's week starts at its Erlang C \
            requirement, the week is simulated, hours whose arriving leads miss a target get a rep and \
            hours that can lose one lose it, until nothing changes. Targets are read per hour, on the \
            leads arriving in it: ttft_pNN<=T, ttft_mean<=T, sla_met_rate>=X (wall-clock SLA), \
            touched_rate>=X. Writes requirement.md, requirement.html (heat map of the week) and \
            requirement.json (`hours`: 168 objects {hour, reps, erlang_c}); `leadsim shifts \
            --requirement requirement.json` turns it into a roster.
            Exit codes: 0 every hour met, 1 invalid input, 2 usage, 3 some hour misses at its cap.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML).")
    var rules: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Targets, e.g. 'ttft_p90<=1h'.", valueName: "expr"))
    var target: [String]

    @Option(help: ArgumentHelp("Output directory (default: Reports/<scenario name>-requirement-<team>).", valueName: "dir"))
    var out: String?

    @OptionGroup var planning: PlanningOptions

    func validate() throws {
        if target.isEmpty { throw ValidationError("give at least one --target, e.g. --target 'ttft_p90<=1h'") }
    }

    func run() throws {
        let inputs = try planning.load(scenario: scenario, rules: rules)
        let outcome = try RequirementStudy(inputs: inputs, options: RequirementOptions(team: planning.team, targets: target, out: out, jobs: planning.jobs))
            .run { iteration, repHours in
                if !planning.quiet { printError("simulation \(iteration): \(repHours) rep-hours…") }
            }
        try planning.finish(verdict: outcome.verdict, written: outcome.written, directory: outcome.directory,
                            meetsTargets: outcome.meetsTargets)
    }
}
