import ArgumentParser
import LeadsimStudy
import Reports
import Shards

/// `leadsim staff SCENARIO RULES --team T --reps A...B --target EXPR…`: capacity planning.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Find the smallest headcount of a team that meets service targets.",
        discussion: """
            Runs the scenario with the team at each headcount in --reps (the same leads every time), \
            and reports the smallest headcount whose 95% CI meets every target, the smallest whose \
            mean does, and the Erlang C estimate beside them. Added reps are clones of the team's \
            `template: true` rep (else its first rep), named TEAM-staff-1, …; reps are removed from \
            the end of the team. Targets: METRIC<=VALUE or METRIC>=VALUE on any SPEC §4 metric, \
            for the team (default when the team has the metric) or `overall.METRIC`, e.g. \
            'ttft_p90<=1h', 'sla_met_rate>=95%', 'unowned_rate<=1%', 'load_gini<=0.2'.
            Exit codes: 0 answered, 1 invalid input, 2 usage, 3 no headcount in the range meets the targets.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML).")
    var rules: String

    @Option(help: "The team to staff.")
    var team: String

    @Option(help: ArgumentHelp("Headcounts to consider, e.g. 3...12 (or 3-12).", valueName: "A...B"))
    var reps: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Targets, e.g. 'ttft_p90<=1h' 'sla_met_rate>=95%'.", valueName: "expr"))
    var target: [String]

    @Option(help: ArgumentHelp("Added reps start on this date (YYYY-MM-DD): shows the transition weeks.", valueName: "date"))
    var hire: String?

    @Option(help: "Replications (overrides the scenario's `replications`).")
    var replications: Int?

    @Option(help: "Master seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Output directory (default: Reports/<scenario name>-staff-<team>).", valueName: "dir"))
    var out: String?

    @Option(help: "Parallel workers (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: ArgumentHelp("Outputs to write: a comma-separated list of md, html, json.", valueName: "list"))
    var format: String = "md,html,json"

    @Flag(help: "Only the answer and where the files went.")
    var quiet = false

    @Option(help: ArgumentHelp("Run only shard K of N (0-based: replication r belongs to shard r mod N) at every headcount "
                               + "of --reps (no bisection) and write only its records, for `leadsim merge`; `auto` reads "
                               + "the array-job index and count from the environment.", valueName: "K/N|auto"))
    var shard: String?

    /// The headcount range of `--reps`.
    var range: ClosedRange<Int>? { StaffOptions.range(reps) }

    var formats: OutputFormats? { OutputFormats(list: format) }

    func validate() throws {
        if range == nil { throw ValidationError("--reps takes a range such as 3...12 (0 ≤ A ≤ B ≤ 10000); got '\(reps)'") }
        if target.isEmpty { throw ValidationError("give at least one --target, e.g. --target 'ttft_p90<=1h'") }
        if let replications, replications < 2 { throw ValidationError("--replications must be at least 2 for confidence intervals") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if formats == nil || formats!.contains(.csv) {
            throw ValidationError("--format takes a comma-separated list of md, html, json; got '\(format)'")
        }
        _ = try Shard.flag(shard)
    }

    func run() throws {
        let inputs = try StudyInputs.load(scenario: scenario, rules: [rules],
                                          overrides: StudyOverrides(replications: replications, seed: seed))
        for warning in inputs.warnings { printError(warning.description) }
        let shard = try Shard.flag(shard)
        let options = StaffOptions(team: team, range: range!, targets: target, hire: hire, out: out, jobs: jobs,
                                   formats: formats ?? [.markdown, .html, .json], shard: shard)
        let outcome = try StaffStudy(inputs: inputs, options: options).run { headcount in
            if !quiet { printError("running \(team) with \(headcount) reps" + (shard.map { " (shard \($0))" } ?? "") + "…") }
        }
        try printStaffOutcome(outcome)
    }
}

/// The answer and where the files went; exit 3 when no headcount in the range meets the targets.
func printStaffOutcome(_ outcome: StaffOutcome) throws {
    if outcome.answer != nil { print(outcome.verdict) }
    print(outcome.wrote)
    try outcome.requireTargetsMet()
}
