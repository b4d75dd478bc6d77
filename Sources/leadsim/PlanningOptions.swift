import ArgumentParser
import LeadsimStudy

/// Flags shared by the workforce-planning commands (`requirement`, `shifts`): the run overrides,
/// workers and quiet, and loading the two input files.
struct PlanningOptions: ParsableArguments {
    @Option(help: "The team to plan.")
    var team: String

    @Option(help: "Replications (overrides the scenario's `replications`).")
    var replications: Int?

    @Option(help: "Master seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: "Parallel workers (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Only the answer and where the files went.")
    var quiet = false

    func validate() throws {
        if let replications, replications < 2 { throw ValidationError("--replications must be at least 2 for confidence intervals") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    /// The scenario and rule set, loaded and checked, with their warnings printed.
    func load(scenario: String, rules: String) throws -> StudyInputs {
        let inputs = try StudyInputs.load(scenario: scenario, rules: [rules],
                                          overrides: StudyOverrides(replications: replications, seed: seed))
        for warning in inputs.warnings { printError(warning.description) }
        return inputs
    }

    /// Prints the verdict and the files; a target missed becomes exit 3.
    func finish(verdict: String, written: [String], directory: String, meetsTargets: Bool) throws {
        print(verdict)
        print("Wrote \(written.joined(separator: ", ")) to \(directory)")
        if !meetsTargets { throw StudyError.targetNotMet(verdict) }
    }
}
