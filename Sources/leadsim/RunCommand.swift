import ArgumentParser
import Foundation
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel

/// `leadsim run SCENARIO RULES`: one rule set through the scenario's replications.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate one rule set and write its reports.",
        discussion: """
            Writes report.md, report.html, summary.json, reps.csv, routes.csv and timeseries.csv \
            (and leads.csv with --trace) to --out. Exit codes: 0 ok, 1 invalid input, 2 usage.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML).")
    var rules: String

    @OptionGroup var options: SimulationOptions

    func run() throws {
        try SimulationRun.execute(scenarioPath: scenario, rulePaths: [rules], options: options)
    }
}

/// Load, check, simulate and write: the common path of `run` and `compare`.
enum SimulationRun {
    static func execute(scenarioPath: String, rulePaths: [String], options: SimulationOptions) throws {
        let (scenario, ruleSets) = try loadInputs(scenarioPath: scenarioPath, rulePaths: rulePaths,
                                                  replications: options.replications, seed: options.seed)
        let plan: SimulationPlan
        do {
            plan = try SimulationPlan(scenario: scenario, ruleSets: ruleSets)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }

        let progress = ProgressBar(enabled: !options.quiet && isatty(STDERR_FILENO) == 1)
        var experimentOptions = ExperimentOptions(trace: options.trace)
        if let jobs = options.jobs { experimentOptions.jobs = jobs }
        let result = Experiment.run(plan, options: experimentOptions) { done, total in progress.update(done, total) }
        progress.finish()

        let summary = Summary(result: result, leadsimVersion: Leadsim.version)
        let directory = options.out ?? "Reports/\(scenario.name)"
        let written: [String]
        do {
            written = try ReportWriter.write(summary, formats: options.formats, to: directory,
                                             trace: options.trace ? result.trace : nil, fieldNames: plan.schema.fieldNames)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if !options.quiet {
            for line in Verdict.lines(for: summary) { print(line) }
            print("")
        }
        print("Wrote \(written.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")) to \(directory)")
    }

    /// Loads and cross-checks the scenario and rule sets, printing warnings; on any error prints
    /// every diagnostic and exits 1. Applies `--replications` and `--seed`.
    static func loadInputs(scenarioPath: String, rulePaths: [String], replications: Int?, seed: UInt64?) throws
        -> (Scenario, [RuleSet]) {
        var failures: [String] = []
        var warnings: [Diagnostic] = []
        var loadedScenario: LoadedScenario?
        do {
            let loaded = try ScenarioLoader.load(path: scenarioPath)
            loadedScenario = loaded
            warnings += loaded.warnings
        } catch {
            failures.append(error.description)
        }
        var loadedRules: [LoadedRuleSet] = []
        for path in rulePaths {
            do {
                let loaded = try RuleSetLoader.load(path: path)
                loadedRules.append(loaded)
                warnings += loaded.warnings
            } catch {
                failures.append(error.description)
            }
        }
        if let loadedScenario {
            for ruleSet in loadedRules {
                let checks = crossCheck(scenario: loadedScenario, ruleSet: ruleSet)
                failures += checks.filter(\.isError).map(\.description)
                warnings += checks.filter { !$0.isError }
            }
        }
        var seen: Set<String> = []
        for ruleSet in loadedRules where !seen.insert(ruleSet.ruleSet.name).inserted {
            failures.append("\(ruleSet.file): error: rule set name '\(ruleSet.ruleSet.name)' is used by another rule set;"
                            + " give each compared rule set its own `name`")
        }
        for warning in warnings { printError(warning.description) }
        guard failures.isEmpty, var scenario = loadedScenario?.scenario else {
            for failure in failures { printError(failure) }
            throw ExitCode(1)
        }

        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }
        return (scenario, loadedRules.map(\.ruleSet))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
