import ArgumentParser
import Foundation
import LeadsimStudy

/// `leadsim verify`: the simulator against queueing theory (writes `docs/VALIDATION.md`),
/// and the peer-comparison model for `scripts/peer-benchmark.sh`.
struct ValidateTheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the simulator against exact queueing results (Erlang C, B, A; arrival patterns).",
        discussion: """
        Runs worlds whose answers theory knows and checks that each exact value lies inside the \
        simulation's 95% confidence interval. Exits 3 when fewer intervals cover than chance allows \
        (below the central 99% range of a binomial(n, 0.95)) or an exact-count check fails.
        """
    )

    @Flag(help: "Run the quick subset (the one the CI test runs).")
    var quick = false

    @Option(help: "Write the Markdown report here (e.g. docs/VALIDATION.md).")
    var out: String?

    @Option(help: "Parallel workers (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Base seed of the suite.")
    var seed: UInt64 = TheoryStudy.defaultSeed

    @Option(help: "Only the cases whose name contains this text (e.g. \"Erlang A\", \"c=100 ρ=0.80\"); rerun with another --seed to tell chance from bias.")
    var only: String?

    @Flag(help: "Run the peer-comparison model (M/M/50, λ = 45/min, μ = 1/min) instead and print leads/s and the mean wait.")
    var peerModel = false

    @Option(help: "With --peer-model: leads per replication.")
    var leads: Int = 1_000_000

    @Option(help: "With --peer-model: replications (run one after another on one thread).")
    var replications: Int = 5

    @Flag(help: "Print only the summary.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard leads >= 1000, replications >= 2 else { throw ValidationError("--leads ≥ 1000 and --replications ≥ 2") }
    }

    func run() throws {
        if peerModel { return print(try TheoryStudy.peerModel(leads: leads, replications: replications, seed: seed)) }
        let outcome = try TheoryStudy.run(quick: quick, seed: seed, only: only, jobs: jobs, out: out,
                                          progress: quiet ? nil : { printError($0) })
        for line in outcome.lines { print(line) }
        try outcome.requireTargetsMet()
    }
}
