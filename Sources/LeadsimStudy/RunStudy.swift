import Foundation
import Reports
import Shards
import SimulationKernel
import SimulationModel
import TextFormats

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
    /// Also write the first rule set's first replication as a CRM history here (`HistoryExport`),
    /// exported at the end of the horizon.
    public var historyOut: String?

    /// The metrics the verdict leads with (`--headline`); nil: the scenario's `report: headline`,
    /// else `Summary.defaultHeadline` (p90 first touch on the SLA's clock, SLA met, unowned, load Gini).
    public var headline: [String]?

    public init(out: String? = nil, jobs: Int? = nil, trace: Bool = false,
                formats: ReportFormats = ReportFormats(reports: .all), shard: Shard? = nil, historyOut: String? = nil,
                headline: [String]? = nil) {
        self.out = out
        self.jobs = jobs
        self.trace = trace
        self.formats = formats
        self.shard = shard
        self.historyOut = historyOut
        self.headline = headline
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
/// Each replication's record goes, as the experiment hands it over, to the `SummaryBuilder`
/// (and to the records file when one is written): the path `merge` takes with the records of
/// shards, so a merged study writes the same bytes as a single run, and memory does not grow
/// with the number of replications.
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
    /// - Parameter phase: called with the name of each phase after the runs (`summarising`, `writing reports`).
    /// - Throws: `StudyError` (invalid input) when the plan cannot be built or a file cannot be written.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil,
                    phase: (@Sendable (String) -> Void)? = nil) throws(StudyError) -> RunOutcome {
        let scenario = inputs.scenario
        let headline = try Self.checkedHeadline(options.headline) ?? scenario.report.headline
        let plan = try attempt { try SimulationPlan(scenario: scenario, ruleSets: inputs.ruleSets) }
        let shard = options.shard
        var study = StudyDescription(plan: plan)
        study.headline = headline
        study.assumptions = StudyAssumptions.lines(scenario)
        study.fitted = StudyAssumptions.provenance(ofScenarioAt: inputs.scenarioPath)
        let header = try StudyFiles.header(command: command, inputs: inputs, study: study, shard: shard ?? .whole)

        var experimentOptions = ExperimentOptions(trace: options.trace || options.historyOut != nil)
        if let jobs = options.jobs { experimentOptions.jobs = jobs }
        experimentOptions.replications = shard?.replications(of: scenario.replications)
        let records = shard != nil || options.formats.records
            ? try StudyFiles.recordsWriter(header: header, shard: shard ?? .whole, directory: directory) : nil
        var summary = SummaryBuilder(study: study, replications: scenario.replications, leadsimVersion: leadsimVersion)
        var trace: [TraceRow] = [], historyRows: [TraceRow]?
        Experiment.run(plan, options: experimentOptions, progress: progress) { r, metrics, rows in
            records?.append(ReplicationRecord(metrics, ruleSet: r, of: header))
            if shard == nil { summary.add(metrics, ruleSet: r) }
            if options.trace { trace += rows }
            if historyRows == nil { historyRows = rows }
        }
        if let path = options.historyOut, let historyRows {
            let text = HistoryExport.csv(rows: historyRows, fieldNames: plan.schema.fieldNames, scenario: plan.scenario,
                                         asOf: plan.scenario.start + plan.scenario.warmup + plan.scenario.horizon)
            try attempt { try ReportWriter.writeAtomically(text, to: path) }
        }
        if let shard, let records {
            let name = try StudyFiles.finish(records)
            return RunOutcome(directory: directory, written: [name], summary: nil, verdict: [],
                              wrote: "Wrote \(name) (shard \(shard): \(shard.replications(of: scenario.replications).count) of "
                                  + "\(scenario.replications) replications) to \(directory)")
        }
        phase?("summarising")
        let result = summary.summary()
        phase?("writing reports")
        return try StudyFiles.writeReports(result, formats: options.formats.reports, records: records,
                                           directory: directory, trace: options.trace ? (trace, plan.schema.fieldNames) : nil)
    }

    /// The chosen headline metrics, each a metric of the summary (SPEC §4), or invalid input
    /// naming the unknown one with the closest known name.
    static func checkedHeadline(_ names: [String]?) throws(StudyError) -> [String]? {
        guard let names else { return nil }
        guard !names.isEmpty else { throw .invalidInput("error: --headline needs at least one metric name") }
        for name in names where !MetricCatalog.names.contains(name) {
            let hint = Suggestions.closest(to: name, in: MetricCatalog.names).map { "; did you mean '\($0)'?" } ?? ""
            throw .invalidInput("error: --headline: unknown metric '\(name)'\(hint) (known: "
                                + MetricCatalog.names.joined(separator: ", ") + ")")
        }
        return names
    }
}
