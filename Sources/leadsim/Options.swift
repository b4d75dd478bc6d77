import ArgumentParser
import Foundation
import LeadsimStudy
import Shards

/// Flags shared by the simulating commands (`run`, `compare`): SPEC §5.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Replications (overrides the scenario's `replications`).")
    var replications: Int?

    @Option(help: "Master seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Output directory (default: Reports/<scenario name>).", valueName: "dir"))
    var out: String?

    @Option(help: "Parallel workers (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Also write leads.csv: one audit row per lead (memory grows with the number of leads).")
    var trace = false

    @Option(help: ArgumentHelp("Outputs to write: a comma-separated list of md, html, json, csv, records "
                               + "(replications.jsonl, the per-replication records `merge` reads).", valueName: "list"))
    var format: String = "md,html,json,csv"

    @Option(help: ArgumentHelp("Run only shard K of N (0-based: replication r belongs to shard r mod N) and write only its "
                               + "records, for `leadsim merge`; `auto` reads the array-job index and count from the environment.",
                               valueName: "K/N|auto"))
    var shard: String?

    @Option(name: .customLong("history-out"),
            help: ArgumentHelp("Also write the first rule set's first replication as a CRM history (SPEC §8) exported at the "
                               + "end of the horizon, e.g. for `leadsim backtest`.", valueName: "file"))
    var historyOut: String?

    @Option(help: ArgumentHelp("Metrics the verdict leads with, comma-separated (default: p90 first touch on the SLA's clock,"
                               + " sla_met_rate, unowned_rate, load_gini), e.g. ttft_business_p90_s,unowned_rate.", valueName: "list"))
    var headline: String?

    @Flag(help: "No progress bar and no verdict on the terminal; only where the files went.")
    var quiet = false

    func validate() throws {
        if let replications, replications < 1 {
            throw ValidationError("--replications must be at least 1, got \(replications)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if ReportFormats(list: format) == nil {
            throw ValidationError("--format takes a comma-separated list of md, html, json, csv, records; got '\(format)'")
        }
        if shard != nil, trace { throw ValidationError("--trace cannot be combined with --shard (shards write only records)") }
        if shard != nil, historyOut != nil {
            throw ValidationError("--history-out cannot be combined with --shard (shards write only records)")
        }
        _ = try Shard.flag(shard)
    }

    /// Loads the inputs, runs the study (with a progress bar) and prints the outcome.
    func run(scenario: String, rules: [String]) throws {
        let inputs = try StudyInputs.load(scenario: scenario, rules: rules,
                                          overrides: StudyOverrides(replications: replications, seed: seed))
        for warning in inputs.warnings { printError(warning.description) }
        let options = RunOptions(out: out, jobs: jobs, trace: trace, formats: ReportFormats(list: format)!,
                                 shard: try Shard.flag(shard), historyOut: historyOut,
                                 headline: headline.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let outcome: RunOutcome
        do {
            defer { progress.finish() }
            outcome = try RunStudy(inputs: inputs, options: options).run(progress: { done, total in progress.update(done, total) },
                                                                              phase: { progress.phase($0) })
        }
        printOutcome(outcome, quiet: quiet)
    }
}

/// The verdict (unless `quiet`) and where the files went.
func printOutcome(_ outcome: RunOutcome, quiet: Bool) {
    if !quiet, outcome.summary != nil {
        for line in outcome.verdict { print(line) }
        print("")
    }
    print(outcome.wrote)
}

extension Shard {
    /// The value of a `--shard` flag (nil without it), `auto` read from this process's
    /// environment; a bad value is a usage error.
    static func flag(_ value: String?) throws -> Shard? {
        guard let value else { return nil }
        do throws(ShardError) {
            return try Shard.parse(value, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
