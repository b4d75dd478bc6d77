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
/// Every run goes through the per-replication records: the experiment's results are encoded
/// as the lines of `replications.jsonl`, read back and checked like shards by `ShardMerge`,
/// and the summary and reports are computed from what was read, exactly as `leadsim merge`
/// does with shards. So a merged study writes the same bytes as a single run.
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
        let header = try studyHeader(command: command, scenario: scenario, scenarioPath: scenarioPath, rulePaths: rulePaths,
                                     ruleSets: ruleSets, shard: shard ?? .whole)

        let progress = ProgressBar(enabled: !options.quiet && isatty(STDERR_FILENO) == 1)
        var experimentOptions = ExperimentOptions(trace: options.trace)
        if let jobs = options.jobs { experimentOptions.jobs = jobs }
        experimentOptions.replications = shard?.replications(of: scenario.replications)
        let result = Experiment.run(plan, options: experimentOptions) { done, total in progress.update(done, total) }
        progress.finish()

        let directory = options.out ?? "Reports/\(scenario.name)"
        let records = StudyRecords(header: header, runs: result.runs)
        if let shard {
            let name = try writeRecords(try encode(records), shard: shard, to: directory)
            print("Wrote \(name) (shard \(shard): \(result.runs.first?.count ?? 0) of \(scenario.replications) replications) to \(directory)")
            return
        }
        let merged: MergedStudy, recordsText: String?
        do {
            let (back, text) = try records.readBack(keepingText: options.writesRecords)
            recordsText = text
            merged = try ShardMerge.merge([(path: "(this run)", records: back)])
        } catch {
            printError("error: internal: the run's own records do not read back: \(error)")
            throw ExitCode(1)
        }
        try writeOutputs(merged, plan: plan, formats: options.formats, records: recordsText,
                         directory: directory, trace: options.trace ? result.trace : nil, quiet: options.quiet)
    }

    /// The header of this study's records: the input files' texts, seed, replications, shard.
    static func studyHeader(command: String, scenario: Scenario, scenarioPath: String, rulePaths: [String], ruleSets: [RuleSet],
                            shard: Shard, staff: StaffQuestion? = nil) throws -> StudyHeader {
        do {
            let texts = try ([scenarioPath] + rulePaths).map { path -> String in
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw MergeError("cannot read \(path) again to embed it in the records")
                }
                return text
            }
            return try StudyHeader.make(command: command, leadsimVersion: Leadsim.version, scenario: scenario,
                                        scenarioPath: scenarioPath, scenarioText: texts[0], rulePaths: rulePaths,
                                        ruleTexts: Array(texts.dropFirst()), ruleSets: ruleSets, shard: shard, staff: staff)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    static func encode(_ records: StudyRecords) throws -> String {
        do {
            return try records.encoded()
        } catch {
            printError("error: cannot encode the records: \(error)")
            throw ExitCode(1)
        }
    }

    /// Writes a shard's (or the whole study's) records into `directory`; returns the file name.
    static func writeRecords(_ text: String, shard: Shard, to directory: String) throws -> String {
        let name = StudyRecords.fileName(for: shard)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try ReportWriter.writeAtomically(text, to: (directory as NSString).appendingPathComponent(name))
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        return name
    }

    /// The summary and reports of a whole `run`/`compare` study (from a run, or merged shards).
    static func writeOutputs(_ study: MergedStudy, plan: SimulationPlan, formats: OutputFormats, records: String?,
                             directory: String, trace: [TraceRow]?, quiet: Bool) throws {
        let summary = Summary(plan: plan, runs: study.runs[nil] ?? [], leadsimVersion: study.header.leadsimVersion)
        var written: [String]
        do {
            written = try ReportWriter.write(summary, formats: formats, to: directory, trace: trace,
                                             fieldNames: plan.schema.fieldNames)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if let records { written.append(try writeRecords(records, shard: .whole, to: directory)) }
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
