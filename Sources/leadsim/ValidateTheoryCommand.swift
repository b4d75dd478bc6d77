import ArgumentParser
import Foundation
import Validation

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
    var seed: UInt64 = 20_260_105

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
        if peerModel { return try runPeerModel() }
        var cases = quick ? ValidationSuite.quick(seed: seed) : ValidationSuite.full(seed: seed)
        if let only { cases = cases.filter { $0.name.contains(only) } }
        let result = try ValidationSuite.run(cases, jobs: jobs) { item, rows, seconds in
            guard !quiet else { return }
            let failed = rows.filter { $0.passes(level: 0.95) == false }.count
            let line = "\(item.name): \(rows.count) rows, \(failed) outside 95% CI, "
                + String(format: "%.1f s (%.0f k leads)\n", seconds, item.expectedLeads / 1000)
            FileHandle.standardError.write(Data(line.utf8))
        }
        var command = "leadsim verify" + (quick ? " --quick" : "")
        if let out { command += " --out \(out)" }
        command += " --jobs \(jobs)"
        if seed != 20_260_105 { command += " --seed \(seed)" }
        if let only { command += " --only '\(only)'" }
        let markdown = ValidationReport.markdown(result, command: command, quick: quick)
        if let out {
            try markdown.write(toFile: out, atomically: true, encoding: .utf8)
        }
        let (covered, intervals) = result.coverage()
        let failures = result.failures()
        print(String(format: "%d of %d confidence intervals cover the exact value (%.1f%%); %d rows fail at 95%%; %.0f s",
                     covered, intervals, 100 * Double(covered) / Double(max(1, intervals)), failures.count, result.seconds))
        for row in failures { print("  outside: \(row.model) \(row.parameters) \(row.metric)") }
        let n = Double(intervals)
        let lowest = n * 0.95 - 2.576 * (n * 0.95 * 0.05).squareRoot()
        let hardFailure = failures.contains { if case .exactCount = $0.evidence { return true } else { return false } }
        if Double(covered) < lowest.rounded(.down) || hardFailure { throw ExitCode(3) }
    }

    private func runPeerModel() throws {
        let m = try PeerModel.measure(leads: leads, replications: replications, seed: seed)
        let ci = m.interval
        print(String(format: "leadsim leads_per_s=%.0f mean_wait_s=%.4f ci_low=%.4f ci_high=%.4f replications=%d leads=%d exact=%.4f",
                     m.bestLeadsPerSecond, ci.mean, ci.lower, ci.upper, replications, m.leads.reduce(0, +) / replications,
                     PeerModel.exactMeanWait))
    }
}
