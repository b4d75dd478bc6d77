import ArgumentParser
import Foundation
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import Staffing

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
    }

    func run() throws {
        let (world, ruleSets) = try SimulationRun.loadInputs(scenarioPath: scenario, rulePaths: [rules],
                                                             replications: replications, seed: seed)
        let known = try SimulationPlan(scenario: world, ruleSets: ruleSets)
        let metricNames = ReplicationMetrics(replication: 0).metricValues(plan: known).names
        var targets: [StaffingTarget] = []
        var hireDate: CalendarDate?
        do {
            for text in target { targets.append(try StaffingTarget(parsing: text, knownMetrics: metricNames)) }
            if let hire {
                do throws(ValueError) { hireDate = try ValueSyntax.date(hire) } catch {
                    throw TargetError("--hire: \(error.message)")
                }
            }
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        var options = ExperimentOptions()
        if let jobs { options.jobs = jobs }
        let search: HeadcountSearch
        do {
            search = try HeadcountSearch(scenario: world, ruleSet: ruleSets[0], team: team, targets: targets,
                                         hireDate: hireDate, options: options)
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        let range = self.range!
        let answer = try search.run(range) { headcount in
            if !quiet { SimulationRun.printError("running \(team) with \(headcount) reps…") }
        }
        let report = StaffReport(answer: answer, scenario: world.name, ruleSet: ruleSets[0].name, seed: world.seed,
                                 replications: world.replications, range: range, hireDate: hire, version: Leadsim.version)
        let directory = out ?? "Reports/\(world.name)-staff-\(team)"
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let formats = self.formats ?? [.markdown, .html, .json]
            if formats.contains(.markdown) { try write(report.markdown(), "staff.md", in: directory, &written) }
            if formats.contains(.html) { try write(report.html(), "staff.html", in: directory, &written) }
            if formats.contains(.json) { try write(report.json().rendered(), "staff.json", in: directory, &written) }
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        print(report.verdict)
        print("Wrote \(written.joined(separator: ", ")) to \(directory)")
        if answer.safeHeadcount == nil { throw ExitCode(3) }
    }

    private func write(_ text: String, _ name: String, in directory: String, _ written: inout [String]) throws {
        try ReportWriter.writeAtomically(text, to: (directory as NSString).appendingPathComponent(name))
        written.append(name)
    }
}
