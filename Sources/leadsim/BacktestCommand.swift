import ArgumentParser
import Foundation
import LeadsimStudy

/// `leadsim backtest SCENARIO RULES --history HISTORY`: is the model consistent with a CRM history? (SPEC §8)
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay a CRM history through the scenario's reps and check the model reproduces it.",
        discussion: """
            Replays the history's leads at their recorded instants (with their sources and fields) through \
            SCENARIO's reps under RULES, --replications times, each censored at --as-of like the export, and \
            compares ttft_p50_s, ttft_p90_s, touched_rate, sla_met_rate, unowned_rate and assignments_per_rep, \
            overall, per team and per ISO week, and first assignments per rep. A metric is consistent when the \
            observed value lies within the central 99% of the replications' values or within --tolerance of \
            their mean. Writes backtest.md, backtest.html and backtest.json to --out. \
            Exit codes: 0 every overall and per-team metric consistent, 1 invalid input, 2 usage, 3 not consistent.
            """
    )

    @Argument(help: "The scenario file (YAML): reps, teams, calendars (its sources' arrivals are not used).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML): the rules in force during the history.")
    var rules: String

    @Option(help: ArgumentHelp("The history file (CSV, one row per lead; SPEC §8).", valueName: "file"))
    var history: String

    @Option(help: ArgumentHelp("A map file renaming the history's columns (columns:, fields:, users:).", valueName: "file"))
    var map: String?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The export time (default: the latest timestamp of the history).", valueName: "timestamp"))
    var asOf: String?

    @Option(help: ArgumentHelp("How the history writes dates: iso (default), us (10/08/2025 1:05 PM) or eu (08/10/2025 13:05).",
                               valueName: "format"))
    var dateFormat: DateFormat = .iso

    @Option(help: "Replications (default 100).")
    var replications: Int = BacktestOptions.defaultReplications

    @Option(help: ArgumentHelp("Relative distance from the simulated mean that is still consistent, e.g. 10% or 0.1.",
                               valueName: "fraction"))
    var tolerance: String = "10%"

    @Option(help: "Master seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: "Parallel workers (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String = "backtest"

    @Flag(help: "Only the inconsistent metrics and where the files went.")
    var quiet = false

    /// `--tolerance` as a fraction: `10%` or `0.1`.
    var toleranceFraction: Double? {
        let text = tolerance.trimmingCharacters(in: .whitespaces)
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        return value.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
    }

    func validate() throws {
        if replications < 2 { throw ValidationError("--replications must be at least 2 for a range, got \(replications)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if toleranceFraction == nil { throw ValidationError("--tolerance takes a fraction such as 10% or 0.1, got '\(tolerance)'") }
    }

    func run() throws {
        let inputs = try StudyInputs.load(scenario: scenario, rules: [rules], overrides: StudyOverrides(seed: seed))
        for warning in inputs.warnings { printError(warning.description) }
        var options = BacktestOptions(history: history, map: map, asOf: asOf, replications: replications,
                                      tolerance: toleranceFraction!, jobs: jobs, out: out)
        options.dateFormat = dateFormat
        let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let outcome: BacktestOutcome
        do {
            defer { progress.finish() }
            outcome = try BacktestStudy(inputs: inputs, options: options).run { done, total in progress.update(done, total) }
        }
        for warning in outcome.warnings { printError(warning) }
        for line in outcome.verdict where !quiet || line.contains("NOT consistent") { print(line) }
        print(outcome.wrote)
        if !outcome.isConsistent { throw StudyError.targetNotMet("") }
    }
}
