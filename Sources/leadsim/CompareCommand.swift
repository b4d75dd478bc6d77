import ArgumentParser

/// `leadsim compare SCENARIO BASELINE CANDIDATE…`: the what-if comparison (SPEC §4, §5).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run a baseline and candidate rule sets on the same lead stream and compare them.",
        discussion: """
            Every rule set runs on the same replications (common random numbers); each candidate \
            is paired with the baseline replication by replication. The report leads with a \
            plain-language verdict per candidate. With --shard K/N only that shard's replications \
            run and only their records are written, for `leadsim merge`. Exit codes: 0 ok, 1 invalid input, 2 usage.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The baseline rule-set file (YAML).")
    var baseline: String

    @Argument(help: "One or more candidate rule-set files (YAML).")
    var candidates: [String]

    @OptionGroup var options: SimulationOptions

    func validate() throws {
        if candidates.isEmpty { throw ValidationError("compare needs at least one candidate rule set after the baseline") }
    }

    func run() throws {
        try options.run(scenario: scenario, rules: [baseline] + candidates)
    }
}
