import Foundation
import Reports
import SimulationKernel
import SimulationModel
import Staffing

/// The question `leadsim requirement` answers.
public struct RequirementOptions: Sendable {
    /// The team to staff.
    public var team: String
    /// Targets such as `ttft_p90<=1h` (read per hour of the week).
    public var targets: [String]
    /// Output directory (default: `Reports/<scenario name>-requirement-<team>`).
    public var out: String?
    /// Parallel workers (default: the number of cores).
    public var jobs: Int?

    public init(team: String, targets: [String], out: String? = nil, jobs: Int? = nil) {
        self.team = team
        self.targets = targets
        self.out = out
        self.jobs = jobs
    }
}

/// What a requirement study found and wrote.
public struct RequirementOutcome: Sendable {
    public var answer: RequirementAnswer
    /// The plain-language answer.
    public var verdict: String
    public var directory: String
    /// The names of the files written into `directory`.
    public var written: [String]

    /// Every hour's leads meet the targets at the requirement.
    public var meetsTargets: Bool { answer.hours.allSatisfy(\.meets) }
}

/// `leadsim requirement`: reps needed on shift per hour of the week by iterative staffing.
public struct RequirementStudy: Sendable {
    public var inputs: StudyInputs
    public var options: RequirementOptions

    public init(inputs: StudyInputs, options: RequirementOptions) {
        self.inputs = inputs
        self.options = options
    }

    public var directory: String { options.out ?? "Reports/\(inputs.scenario.name)-requirement-\(options.team)" }

    /// The algorithm with its targets parsed.
    func staffing() throws(StudyError) -> IterativeStaffing {
        var experiment = ExperimentOptions()
        if let jobs = options.jobs { experiment.jobs = jobs }
        let search = try StaffStudy.search(scenario: inputs.scenario, ruleSet: inputs.ruleSets[0], team: options.team,
                                           targets: options.targets, hire: nil, options: experiment)
        return try attempt {
            try IterativeStaffing(scenario: inputs.scenario, ruleSet: inputs.ruleSets[0], team: options.team,
                                  targets: search.targets, options: experiment)
        }
    }

    /// Runs the algorithm and writes requirement.md, .html and .json.
    /// - Parameter progress: called before each simulation with its number and the rep-hours tried.
    /// - Throws: `StudyError` (invalid input): an unknown team or metric, a target with no per-hour
    ///   reading, or a file that cannot be written.
    public func run(progress: ((Int, Int) -> Void)? = nil) throws(StudyError) -> RequirementOutcome {
        let algorithm = try staffing()
        let answer = try attemptUnexpected { try algorithm.run(progress: progress) }
        let report = RequirementReport(answer: answer, scenario: inputs.scenario.name, ruleSet: inputs.ruleSets[0].name,
                                       seed: inputs.scenario.seed, replications: inputs.scenario.replications, version: leadsimVersion)
        let written = try StudyFiles.write([("requirement.md", report.markdown()), ("requirement.html", report.html()),
                                            ("requirement.json", report.json().rendered())], to: directory)
        return RequirementOutcome(answer: answer, verdict: report.verdict, directory: directory, written: written)
    }
}
