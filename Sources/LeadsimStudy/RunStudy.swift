import Foundation
import Reports
import Shards
import SimulationKernel
import SimulationModel

/// How a `RunStudy` runs and what it writes.
public struct RunOptions: Sendable {
    /// Output directory (default: `Reports/<scenario name>`).
    public var out: String?
    /// Parallel workers (default: the number of cores). Results do not depend on it.
    public var jobs: Int?
    /// Also write leads.csv, one audit row per lead.
    public var trace: Bool
    /// The reports to write, and whether to write replications.jsonl too.
    public var formats: ReportFormats
    /// Run only this shard's replications and write only its records.
    public var shard: Shard?

    public init(out: String? = nil, jobs: Int? = nil, trace: Bool = false,
                formats: ReportFormats = ReportFormats(reports: .all), shard: Shard? = nil) {
        self.out = out
        self.jobs = jobs
        self.trace = trace
        self.formats = formats
        self.shard = shard
    }
}

/// What a run, compare or merge wrote, and what to tell the user.
public struct RunOutcome: Sendable {
    public var directory: String
    /// The names of the files written into `directory`, in order.
    public var written: [String]
    /// The study's summary (nil for a shard, which writes only records).
    public var summary: Summary?
    /// The plain-language verdict (one line per candidate; empty for a shard).
    public var verdict: [String]
    /// Where the files went, e.g. `Wrote report.md, summary.json to Reports/x`.
    public var wrote: String
}

/// `leadsim run` (one rule set) and `leadsim compare` (a baseline and candidates): loads
/// nothing itself; simulates the inputs' rule sets on common random numbers and writes the
/// reports.
///
/// Every run goes through the per-replication records: the experiment's results are encoded
/// as the lines of `replications.jsonl`, read back and checked like shards by `ShardMerge`,
/// and the summary and reports are computed from what was read, exactly as `leadsim merge`
/// does with shards. So a merged study writes the same bytes as a single run.
public struct RunStudy: Sendable {
    public var inputs: StudyInputs
    public var options: RunOptions

    public init(inputs: StudyInputs, options: RunOptions = RunOptions()) {
        self.inputs = inputs
        self.options = options
    }

    /// The command recorded in the study's records: `run` for one rule set, else `compare`.
    public var command: String { inputs.ruleSets.count == 1 ? "run" : "compare" }

    /// Where the outputs go.
    public var directory: String { options.out ?? "Reports/\(inputs.scenario.name)" }

    /// Simulates and writes the outputs.
    /// - Parameter progress: called with (runs done, runs in all) as replications finish, from any thread.
    /// - Throws: `StudyError` (invalid input) when the plan cannot be built or a file cannot be written.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(StudyError) -> RunOutcome {
        let scenario = inputs.scenario
        let plan = try attempt { try SimulationPlan(scenario: scenario, ruleSets: inputs.ruleSets) }
        let shard = options.shard
        let header = try StudyFiles.header(command: command, inputs: inputs, shard: shard ?? .whole)

        var experimentOptions = ExperimentOptions(trace: options.trace)
        if let jobs = options.jobs { experimentOptions.jobs = jobs }
        experimentOptions.replications = shard?.replications(of: scenario.replications)
        let result = Experiment.run(plan, options: experimentOptions, progress: progress)

        let records = StudyRecords(header: header, runs: result.runs)
        if let shard {
            let name = try StudyFiles.writeRecords(try StudyFiles.encode(records), shard: shard, to: directory)
            return RunOutcome(directory: directory, written: [name], summary: nil, verdict: [],
                              wrote: "Wrote \(name) (shard \(shard): \(result.runs.first?.count ?? 0) of "
                                  + "\(scenario.replications) replications) to \(directory)")
        }
        let (merged, recordsText) = try attempt("error: internal: the run's own records do not read back: ") {
            let (back, text) = try records.readBack(keepingText: options.formats.records)
            return (try ShardMerge.merge([(path: "(this run)", records: back)]), text)
        }
        return try StudyFiles.writeReports(merged, plan: plan, formats: options.formats.reports, records: recordsText,
                                           directory: directory, trace: options.trace ? result.trace : nil)
    }
}
