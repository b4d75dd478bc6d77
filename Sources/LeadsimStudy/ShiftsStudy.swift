import Foundation
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import Staffing

/// The question `leadsim shifts` answers.
public struct ShiftsOptions: Sendable {
    public var team: String
    /// The SHIFTS.yaml path.
    public var templates: String
    /// Targets (the requirement is computed from them, and the roster simulated against them).
    public var targets: [String]
    /// A requirement.json of `leadsim requirement` (then its targets are used unless `targets` is given;
    /// with neither, the roster is simulated and its metrics reported without a target to meet).
    public var requirement: String?
    /// Output directory (default: `Reports/<scenario name>-shifts-<team>`).
    public var out: String?
    public var jobs: Int?

    public init(team: String, templates: String, targets: [String], requirement: String? = nil, out: String? = nil, jobs: Int? = nil) {
        self.team = team
        self.templates = templates
        self.targets = targets
        self.requirement = requirement
        self.out = out
        self.jobs = jobs
    }
}

/// What a shifts study found and wrote.
public struct ShiftsOutcome: Sendable {
    public var plan: ShiftPlan
    public var verdict: String
    public var directory: String
    public var written: [String]
    /// The simulated roster meets every target (on average).
    public var meetsTargets: Bool
}

/// `leadsim shifts`: the cheapest roster of shift templates covering every hour's requirement
/// (an integer program solved exactly), simulated against the targets.
public struct ShiftsStudy: Sendable {
    public var inputs: StudyInputs
    public var options: ShiftsOptions

    public init(inputs: StudyInputs, options: ShiftsOptions) {
        self.inputs = inputs
        self.options = options
    }

    public var directory: String { options.out ?? "Reports/\(inputs.scenario.name)-shifts-\(options.team)" }

    /// Solves and simulates, then writes shifts.md, .html, .json and roster.yaml.
    /// - Parameter progress: called with a line before each stage.
    /// - Throws: `StudyError` (invalid input): a bad templates or requirement file, an unknown team or
    ///   metric, hours that need reps but no template covers, a file that cannot be written.
    public func run(progress: ((String) -> Void)? = nil) throws(StudyError) -> ShiftsOutcome {
        let templates: [ShiftTemplate]
        do { templates = try ShiftTemplateLoader.load(path: options.templates) } catch {
            throw .invalidInput(error.description, diagnostics: error.diagnostics, omitted: error.omitted)
        }
        var experiment = ExperimentOptions()
        if let jobs = options.jobs { experiment.jobs = jobs }
        var required: [Int]
        var texts = options.targets
        let source: String
        if let path = options.requirement {
            let file = try RequirementFile.load(path: path)
            if let team = file.team, team != options.team {
                throw .invalidInput("error: \(path) is the requirement of team '\(team)', not '\(options.team)'")
            }
            required = file.reps
            if texts.isEmpty { texts = file.targets }
            source = (path as NSString).lastPathComponent
        } else {
            progress?("computing the per-hour requirement…")
            let study = RequirementStudy(inputs: inputs, options: RequirementOptions(team: options.team, targets: texts, jobs: options.jobs))
            let algorithm = try study.staffing()
            required = try attemptUnexpected { try algorithm.run().hours.map(\.reps) }
            source = "--target " + texts.joined(separator: " ")
        }
        let search = try StaffStudy.search(scenario: inputs.scenario, ruleSet: inputs.ruleSets[0], team: options.team,
                                           targets: texts, hire: nil, options: experiment)
        let planner = try attempt {
            try ShiftPlanner(scenario: inputs.scenario, ruleSet: inputs.ruleSets[0], team: options.team, templates: templates,
                             targets: search.targets, options: experiment)
        }
        progress?("solving the covering program and simulating the roster…")
        let plan: ShiftPlan
        do {
            plan = try planner.plan(required: required)
        } catch let failure as ShiftCovering.Failure {
            switch failure {
            case .uncovered(let hours):
                let runs = WeekGrid.runs((0..<WeekGrid.hours).map { hours.contains($0) })
                    .map { HourOfWeek.rangeLabel($0.first, $0.end) }.joined(separator: ", ")
                throw .invalidInput("error: \(options.templates): no template covers \(runs) (\(planner.grid.timeZone)), "
                    + "where the requirement needs reps on shift; add a template covering those hours (whole hours count)")
            case .solver(let why):
                throw .invalidInput("error: the integer program could not be solved: \(why)")
            }
        } catch {
            throw .invalidInput("Error: \(error)")
        }
        let report = ShiftsReport(plan: plan, scenario: inputs.scenario.name, ruleSet: inputs.ruleSets[0].name,
                                  seed: inputs.scenario.seed, replications: inputs.scenario.replications, source: source,
                                  version: leadsimVersion)
        let written = try StudyFiles.write([("shifts.md", report.markdown()), ("shifts.html", report.html()),
                                            ("shifts.json", report.json().rendered()), ("roster.yaml", report.rosterYAML())],
                                           to: directory)
        return ShiftsOutcome(plan: plan, verdict: report.verdict, directory: directory, written: written,
                             meetsTargets: report.meetsTargets)
    }
}
