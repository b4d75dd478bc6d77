import ArgumentParser

/// `leadsim run SCENARIO RULES`: one rule set through the scenario's replications.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate one rule set and write its reports.",
        discussion: """
            Writes report.md, report.html, summary.json, reps.csv, routes.csv, timeseries.csv, queues.csv and \
            sources.csv \
            (and leads.csv with --trace, replications.jsonl with --format …,records) to --out. With \
            --shard K/N only the records of that shard's replications are written, for `leadsim merge`. \
            Exit codes: 0 ok, 1 invalid input, 2 usage.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML).")
    var rules: String

    @OptionGroup var options: SimulationOptions

    func run() throws {
        try options.run(scenario: scenario, rules: [rules])
    }
}
