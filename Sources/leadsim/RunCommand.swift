import ArgumentParser
import Foundation
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import Shards

/// `leadsim run SCENARIO RULES`: one rule set through the scenario's replications.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate one rule set and write its reports.",
        discussion: """
            Writes report.md, report.html, summary.json, reps.csv, routes.csv and timeseries.csv \
            (and leads.csv with --trace, replications.jsonl with --format …,records) to --out. With \
            --shard K/N only the records of that shard's replications are written, for `leadsim merge`. \
            Exit codes: 0 ok, 1 invalid input, 2 usage.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "The rule-set file (YAML).")
    var rules: String

    @OptionGroup var options: SimulationOptions

    func run() throws {
        try SimulationRun.execute(command: "run", scenarioPath: scenario, rulePaths: [rules], options: options)
    }
}

/// Load, check, simulate and write: the common path of `run` and `compare`.
///
/// Each replication's record goes, as it comes, to the `SummaryBuilder` (and to the records
/// file when one is written): the same path `leadsim merge` takes with the records of shards,
/// so a merged study writes the same bytes as a single run.
enum SimulationRun {
    static func execute(command: String, scenarioPath: String, rulePaths: [String], options: SimulationOptions) throws {
        let (scenario, ruleSets) = try loadInputs(scenarioPath: scenarioPath, rulePaths: rulePaths,
                                                  replications: options.replications, seed: options.seed)
        let plan: SimulationPlan
        do {
            plan = try SimulationPlan(scenario: scenario, ruleSets: ruleSets)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let shard = try options.shardSpec()
        let study = StudyDescription(plan: plan)
        let header = try studyHeader(command: command, scenario: scenario, scenarioPath: scenarioPath, rulePaths: rulePaths,
                                     ruleSets: ruleSets, study: study, shard: shard ?? .whole)

        let progress = ProgressBar(enabled: !options.quiet && isatty(STDERR_FILENO) == 1)
        var experimentOptions = ExperimentOptions(trace: options.trace)
        if let jobs = options.jobs { experimentOptions.jobs = jobs }
        experimentOptions.replications = shard?.replications(of: scenario.replications)
        let directory = options.out ?? "Reports/\(scenario.name)"
        let records = shard != nil || options.writesRecords
            ? try recordsWriter(header: header, name: StudyRecords.fileName(for: shard ?? .whole), directory: directory) : nil
        var summary = SummaryBuilder(study: study, replications: scenario.replications, leadsimVersion: Leadsim.version)
        var trace: [TraceRow] = []
        var recorded = 0
        Experiment.run(plan, options: experimentOptions, progress: { done, total in progress.update(done, total) }) { r, metrics, rows in
            records?.append(ReplicationRecord(ruleSet: header.ruleSets[r], ruleSetIndex: r, replication: metrics.replication,
                                              metrics: metrics))
            if shard == nil { summary.add(metrics, ruleSet: r) }
            if r == 0 { recorded += 1 }
            trace += rows
        }
        progress.finish()

        if let shard, let records {
            try finish(records)
            print("Wrote \(StudyRecords.fileName(for: shard)) (shard \(shard): \(recorded) of \(scenario.replications) replications) to \(directory)")
            return
        }
        try writeOutputs(summary.summary(), formats: options.formats, records: records, directory: directory,
                         trace: options.trace ? (trace, plan.schema.fieldNames) : nil, quiet: options.quiet)
    }

    /// The header of this study's records: the input files' texts, seed, replications, shard.
    static func studyHeader(command: String, scenario: Scenario, scenarioPath: String, rulePaths: [String], ruleSets: [RuleSet],
                            study: StudyDescription, shard: Shard, staff: StaffQuestion? = nil) throws -> StudyHeader {
        do {
            let texts = try ([scenarioPath] + rulePaths).map { path -> String in
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw MergeError("cannot read \(path) again to embed it in the records")
                }
                return text
            }
            return try StudyHeader.make(command: command, leadsimVersion: Leadsim.version, scenario: scenario,
                                        scenarioPath: scenarioPath, scenarioText: texts[0], rulePaths: rulePaths,
                                        ruleTexts: Array(texts.dropFirst()), ruleSets: ruleSets, study: study, shard: shard,
                                        staff: staff)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// A records file started in `directory` (exit 1 when it cannot be created).
    static func recordsWriter(header: StudyHeader, name: String, directory: String) throws -> RecordsFileWriter {
        do {
            return try RecordsFileWriter(header: header, directory: directory, name: name)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Moves a finished records file into place (exit 1 when it cannot be written).
    static func finish(_ records: RecordsFileWriter) throws {
        do {
            try records.finish()
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The summary and reports of a whole `run`/`compare` study (from a run, or merged shards),
    /// then the records file when one is being written.
    static func writeOutputs(_ summary: Summary, formats: OutputFormats, records: RecordsFileWriter?, directory: String,
                             trace: (rows: [TraceRow], fieldNames: [String])?, quiet: Bool) throws {
        var written: [String]
        do {
            written = try ReportWriter.write(summary, formats: formats, to: directory, trace: trace?.rows,
                                             fieldNames: trace?.fieldNames ?? [])
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if let records {
            try finish(records)
            written.append(records.path)
        }
        if !quiet {
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
