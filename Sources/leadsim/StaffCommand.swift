import ArgumentParser
import Foundation
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import Shards
import Staffing
import TextFormats

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

    /// The headcount range from `3...12`, `3..12` or `3-12`.
    var range: ClosedRange<Int>? {
        for separator in ["...", "..", "-"] {
            let parts = reps.components(separatedBy: separator)
            if parts.count == 2, let a = Int(parts[0].trimmingCharacters(in: .whitespaces)),
               let b = Int(parts[1].trimmingCharacters(in: .whitespaces)), a >= 0, a <= b, b <= 10_000 {
                return a...b
            }
        }
        if let single = Int(reps), single >= 0 { return single...single }
        return nil
    }

    var formats: OutputFormats? { OutputFormats(list: format) }

    func validate() throws {
        if range == nil { throw ValidationError("--reps takes a range such as 3...12 (0 ≤ A ≤ B ≤ 10000); got '\(reps)'") }
        if target.isEmpty { throw ValidationError("give at least one --target, e.g. --target 'ttft_p90<=1h'") }
        if let replications, replications < 2 { throw ValidationError("--replications must be at least 2 for confidence intervals") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if formats == nil || formats!.contains(.csv) {
            throw ValidationError("--format takes a comma-separated list of md, html, json; got '\(format)'")
        }
        _ = try shardSpec()
    }

    func shardSpec() throws -> Shard? { try Shard.flag(shard) }

    func run() throws {
        let (world, ruleSets) = try SimulationRun.loadInputs(scenarioPath: scenario, rulePaths: [rules],
                                                             replications: replications, seed: seed)
        var options = ExperimentOptions()
        if let jobs { options.jobs = jobs }
        let search = try Self.search(scenario: world, ruleSet: ruleSets[0], team: team, targets: target, hire: hire,
                                     options: options)
        let range = self.range!
        let directory = out ?? "Reports/\(world.name)-staff-\(team)"
        if let shard = try shardSpec() {
            try runShard(shard, search: search, world: world, ruleSets: ruleSets, range: range, directory: directory)
            return
        }
        let answer = try search.run(range) { headcount in
            if !quiet { SimulationRun.printError("running \(team) with \(headcount) reps…") }
        }
        try Self.writeReport(answer: answer, scenario: world, ruleSet: ruleSets[0].name, range: range, hire: hire,
                             version: Leadsim.version, formats: formats ?? [.markdown, .html, .json], directory: directory)
    }

    /// The search of a staff question (targets and hire date parsed); exit 1 on bad ones.
    static func search(scenario world: Scenario, ruleSet: RuleSet, team: String, targets texts: [String], hire: String?,
                       options: ExperimentOptions) throws -> HeadcountSearch {
        do {
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
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// A shard: its replications at every headcount of the range, written as records.
    private func runShard(_ shard: Shard, search: HeadcountSearch, world: Scenario, ruleSets: [RuleSet],
                          range: ClosedRange<Int>, directory: String) throws {
        let question = StaffQuestion(team: team, headcounts: range, targets: target, hire: hire)
        let header = try SimulationRun.studyHeader(command: "staff", scenario: world, scenarioPath: scenario, rulePaths: [rules],
                                                   ruleSets: ruleSets, study: StudyDescription(plan: try search.plan(headcount: range.lowerBound)),
                                                   shard: shard, staff: question)
        var options = ExperimentOptions(replications: shard.replications(of: world.replications))
        if let jobs { options.jobs = jobs }
        let records = try SimulationRun.recordsWriter(header: header, name: StudyRecords.fileName(for: shard), directory: directory)
        for headcount in range {
            if !quiet { SimulationRun.printError("running \(team) with \(headcount) reps (shard \(shard))…") }
            let plan: SimulationPlan
            do {
                plan = try search.plan(headcount: headcount)
            } catch {
                SimulationRun.printError("error: \(error)")
                throw ExitCode(1)
            }
            Experiment.run(plan, options: options) { r, metrics, _ in
                records.append(ReplicationRecord(ruleSet: header.ruleSets[r], ruleSetIndex: r, replication: metrics.replication,
                                                 headcount: headcount, metrics: metrics))
            }
        }
        try SimulationRun.finish(records)
        print("Wrote \(StudyRecords.fileName(for: shard)) (shard \(shard): \(options.replications?.count ?? 0) of \(world.replications) replications "
              + "at \(range.count) headcounts) to \(directory)")
    }

    /// Writes the staff report (from a search, or merged shards), prints the verdict; exit 3
    /// when no headcount in the range meets the targets.
    static func writeReport(answer: StaffingAnswer, scenario world: Scenario, ruleSet: String, range: ClosedRange<Int>,
                            hire: String?, version: String, formats: OutputFormats, directory: String) throws {
        let report = StaffReport(answer: answer, scenario: world.name, ruleSet: ruleSet, seed: world.seed,
                                 replications: world.replications, range: range, hireDate: hire, version: version)
        var written: [String] = []
        func write(_ text: String, _ name: String) throws {
            try ReportWriter.writeAtomically(text, to: (directory as NSString).appendingPathComponent(name))
            written.append(name)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if formats.contains(.markdown) { try write(report.markdown(), "staff.md") }
            if formats.contains(.html) { try write(report.html(), "staff.html") }
            if formats.contains(.json) { try write(report.json().rendered(), "staff.json") }
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        print(report.verdict)
        print("Wrote \(written.joined(separator: ", ")) to \(directory)")
        if answer.safeHeadcount == nil { throw ExitCode(3) }
    }
}
