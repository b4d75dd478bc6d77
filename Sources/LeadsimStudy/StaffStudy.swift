import Foundation
import Reports
import ScenarioFile
import Shards
import SimulationKernel
import SimulationModel
import Staffing
import TextFormats

/// The question `leadsim staff` answers, and how to run and write it.
public struct StaffOptions: Sendable {
    /// The team to staff.
    public var team: String
    /// Headcounts to consider.
    public var range: ClosedRange<Int>
    /// Targets such as `ttft_p90<=1h` (parsed against the scenario's metrics when the study runs).
    public var targets: [String]
    /// Added reps start on this date (YYYY-MM-DD).
    public var hire: String?
    /// Output directory (default: `Reports/<scenario name>-staff-<team>`).
    public var out: String?
    /// Parallel workers (default: the number of cores).
    public var jobs: Int?
    /// md, html and json only.
    public var formats: OutputFormats
    /// Run only this shard's replications, at every headcount of the range, and write its records.
    public var shard: Shard?

    public init(team: String, range: ClosedRange<Int>, targets: [String], hire: String? = nil, out: String? = nil,
                jobs: Int? = nil, formats: OutputFormats = [.markdown, .html, .json], shard: Shard? = nil) {
        self.team = team
        self.range = range
        self.targets = targets
        self.hire = hire
        self.out = out
        self.jobs = jobs
        self.formats = formats
        self.shard = shard
    }

    /// The headcount range from `3...12`, `3..12`, `3-12` or `5` (nil unless 0 ≤ A ≤ B ≤ 10000).
    public static func range(_ text: String) -> ClosedRange<Int>? {
        for separator in ["...", "..", "-"] {
            let parts = text.components(separatedBy: separator)
            if parts.count == 2, let a = Int(parts[0].trimmingCharacters(in: .whitespaces)),
               let b = Int(parts[1].trimmingCharacters(in: .whitespaces)), a >= 0, a <= b, b <= 10_000 {
                return a...b
            }
        }
        if let single = Int(text), single >= 0 { return single...single }
        return nil
    }
}

/// What a staff study (or a merged one) found and wrote.
public struct StaffOutcome: Sendable {
    /// The answer (nil for a shard, which writes only records).
    public var answer: StaffingAnswer?
    /// The plain-language answer, e.g. `na needs 3 reps to meet …` (empty for a shard).
    public var verdict: String
    public var directory: String
    /// The names of the files written into `directory`.
    public var written: [String]
    /// Where the files went.
    public var wrote: String

    /// A headcount in the range meets every target (always true for a shard).
    public var meetsTargets: Bool { answer == nil || answer?.safeHeadcount != nil }

    /// Throws `StudyError` (target not met, with the verdict) when no headcount in the range meets the targets.
    public func requireTargetsMet() throws(StudyError) {
        if !meetsTargets { throw .targetNotMet(verdict) }
    }
}

/// `leadsim staff`: the smallest headcount of a team meeting service targets, by simulation
/// (bisection over the range), or one shard of every headcount's replications.
public struct StaffStudy: Sendable {
    public var inputs: StudyInputs
    public var options: StaffOptions

    public init(inputs: StudyInputs, options: StaffOptions) {
        self.inputs = inputs
        self.options = options
    }

    public var directory: String { options.out ?? "Reports/\(inputs.scenario.name)-staff-\(options.team)" }

    /// Runs the search and writes the report, or runs and writes a shard's records.
    /// - Parameter progress: called with each headcount before it runs.
    /// - Throws: `StudyError` (invalid input): an unknown team, metric or date, or a file that cannot be written.
    ///   No headcount meeting the targets is not an error here: see `StaffOutcome.requireTargetsMet()`.
    public func run(progress: ((Int) -> Void)? = nil) throws(StudyError) -> StaffOutcome {
        var experiment = ExperimentOptions()
        if let jobs = options.jobs { experiment.jobs = jobs }
        let search = try Self.search(scenario: inputs.scenario, ruleSet: inputs.ruleSets[0], team: options.team,
                                     targets: options.targets, hire: options.hire, options: experiment)
        if let shard = options.shard { return try runShard(shard, search: search, progress: progress) }
        // The search's own errors (a headcount whose plan does not build) were always shown as `Error: …`.
        let answer = try attemptUnexpected { try search.run(options.range, progress: progress) }
        return try Self.writeReport(answer: answer, scenario: inputs.scenario, ruleSet: inputs.ruleSets[0].name,
                                    range: options.range, hire: options.hire, version: leadsimVersion,
                                    formats: options.formats, directory: directory)
    }

    /// The search of a staff question (targets and hire date parsed).
    static func search(scenario world: Scenario, ruleSet: RuleSet, team: String, targets texts: [String], hire: String?,
                       options: ExperimentOptions) throws(StudyError) -> HeadcountSearch {
        try attempt {
            let known = try SimulationPlan(scenario: world, ruleSets: [ruleSet])
            let metricNames = ReplicationMetrics(replication: 0).metricValues(plan: known).names
            var targets: [StaffingTarget] = []
            var hireDate: CalendarDate?
            for text in texts { targets.append(try StaffingTarget(parsing: text, knownMetrics: metricNames)) }
            if let hire {
                do throws(ValueError) { hireDate = try ValueSyntax.date(hire) } catch {
                    throw TargetError("--hire: \(error.message)")
                }
            }
            return try HeadcountSearch(scenario: world, ruleSet: ruleSet, team: team, targets: targets,
                                       hireDate: hireDate, options: options)
        }
    }

    /// A shard: its replications at every headcount of the range, written as records.
    private func runShard(_ shard: Shard, search: HeadcountSearch, progress: ((Int) -> Void)?) throws(StudyError) -> StaffOutcome {
        let world = inputs.scenario, range = options.range
        let question = StaffQuestion(team: options.team, headcounts: range, targets: options.targets, hire: options.hire)
        let lowest = try attempt { try search.plan(headcount: range.lowerBound) }
        let header = try StudyFiles.header(command: "staff", inputs: inputs, study: StudyDescription(plan: lowest), shard: shard,
                                           staff: question)
        var experiment = ExperimentOptions(replications: shard.replications(of: world.replications))
        if let jobs = options.jobs { experiment.jobs = jobs }
        let records = try StudyFiles.recordsWriter(header: header, shard: shard, directory: directory)
        for headcount in range {
            progress?(headcount)
            let plan = try attempt { try search.plan(headcount: headcount) }
            Experiment.run(plan, options: experiment) { r, metrics, _ in
                records.append(ReplicationRecord(metrics, ruleSet: r, of: header, headcount: headcount))
            }
        }
        let name = try StudyFiles.finish(records)
        return StaffOutcome(answer: nil, verdict: "", directory: directory, written: [name],
                            wrote: "Wrote \(name) (shard \(shard): \(experiment.replications?.count ?? 0) of "
                                + "\(world.replications) replications at \(range.count) headcounts) to \(directory)")
    }

    /// Writes the staff report (from a search, or merged shards).
    static func writeReport(answer: StaffingAnswer, scenario world: Scenario, ruleSet: String, range: ClosedRange<Int>,
                            hire: String?, version: String, formats: OutputFormats, directory: String)
        throws(StudyError) -> StaffOutcome {
        let report = StaffReport(answer: answer, scenario: world.name, ruleSet: ruleSet, seed: world.seed,
                                 replications: world.replications, range: range, hireDate: hire, version: version)
        var files: [(name: String, text: String)] = []
        if formats.contains(.markdown) { files.append(("staff.md", report.markdown())) }
        if formats.contains(.html) { files.append(("staff.html", report.html())) }
        if formats.contains(.json) { files.append(("staff.json", report.json().rendered())) }
        let written = try StudyFiles.write(files, to: directory)
        return StaffOutcome(answer: answer, verdict: report.verdict, directory: directory, written: written,
                            wrote: "Wrote \(written.joined(separator: ", ")) to \(directory)")
    }
}
