import Foundation
import History
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats

/// What `leadsim backtest` compares against and where it writes.
public struct BacktestOptions: Sendable {
    /// The history file (SPEC §8).
    public var history: String
    /// A map file renaming the history's columns (`columns:`, `fields:`, `users:`).
    public var map: String?
    /// `--as-of`: the export time, as a timestamp (default: the latest timestamp of the file).
    public var asOf: String?
    /// Replications (default 100, whatever the scenario says).
    public var replications: Int
    /// A relative distance from the simulated mean still consistent (0.10: 10%).
    public var tolerance: Double
    public var jobs: Int?
    /// Output directory.
    public var out: String
    /// `--date-format`: how the history writes dates (ISO is read under every format).
    public var dateFormat: DateFormat = .iso

    public static let defaultReplications = 100
    public static let defaultTolerance = 0.10

    public init(history: String, map: String? = nil, asOf: String? = nil, replications: Int = defaultReplications,
                tolerance: Double = defaultTolerance, jobs: Int? = nil, out: String = "backtest") {
        self.history = history
        self.map = map
        self.asOf = asOf
        self.replications = replications
        self.tolerance = tolerance
        self.jobs = jobs
        self.out = out
    }
}

/// What a backtest found and wrote.
public struct BacktestOutcome: Sendable {
    public var summary: BacktestSummary
    /// One line per overall and per-team metric (`BacktestReport.verdictLines`).
    public var verdict: [String]
    /// What the history reader tolerated and what the history has that the scenario does not.
    public var warnings: [String]
    public var directory: String
    public var written: [String]
    public var wrote: String
    /// Every overall and per-team metric is consistent (exit 0; else 3).
    public var isConsistent: Bool { summary.isConsistent }
}

/// `leadsim backtest SCENARIO RULES --history HISTORY` (SPEC §8): replays the history's leads at
/// their recorded instants, with their sources and fields, through the scenario's reps under the
/// rules, censors each replication at the export time like the history, and compares the
/// history's own figures with the replications' (one `BacktestTally` definition for both).
public struct BacktestStudy: Sendable {
    public var inputs: StudyInputs
    public var options: BacktestOptions

    /// - Parameter inputs: the scenario and exactly one rule set (the rules in force then).
    public init(inputs: StudyInputs, options: BacktestOptions) {
        self.inputs = inputs
        self.options = options
    }

    /// Reads the history, simulates, compares and writes backtest.md, backtest.html, backtest.json.
    /// - Parameter progress: called with (replications done, replications) from any thread.
    /// - Throws: `StudyError` (invalid input): an unreadable or bad history, map or `--as-of`, a
    ///   plan that cannot be built, a file that cannot be written.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(StudyError) -> BacktestOutcome {
        guard inputs.ruleSets.count == 1, let ruleSet = inputs.ruleSets.first else {
            throw .invalidInput("error: backtest takes one rule set (the rules in force during the history)")
        }
        let file = try Self.loadHistory(path: options.history, map: options.map, asOf: options.asOf,
                                        timeZone: inputs.scenario.timeZone, aliases: ruleSet.fields, dateFormat: options.dateFormat)
        let history = file.history
        let missing = history.missingFields(testedBy: ruleSet).map(\.description)
        let world = BacktestWorld(history: history, scenario: inputs.scenario, ruleSet: ruleSet, recorded: file.recorded)
        let observed = world.observed()

        var scenario = world.replayScenario()
        scenario.replications = options.replications
        let plan = try attempt { try SimulationPlan(scenario: scenario, ruleSets: [ruleSet]) }
        var experimentOptions = ExperimentOptions()
        if let jobs = options.jobs { experimentOptions.jobs = jobs }
        experimentOptions.backtest = world.definition
        var simulated: [BacktestFigures] = []
        Experiment.run(plan, options: experimentOptions, progress: progress) { _, metrics, _ in
            if let figures = metrics.backtest { simulated.append(figures) }
        }

        let context = BacktestSummary.Context(
            scenario: inputs.scenario.name, ruleSet: ruleSet.name, history: options.history, asOf: history.asOf,
            timeZone: inputs.scenario.timeZone, seed: scenario.seed, replications: options.replications,
            tolerance: options.tolerance, leadsimVersion: leadsimVersion)
        let summary = BacktestSummary(context: context, definition: world.definition, observed: observed, simulated: simulated)
        let written = try Self.write(summary, to: options.out)
        return BacktestOutcome(summary: summary, verdict: BacktestReport.verdictLines(summary),
                               warnings: history.warnings.map(\.description) + missing + world.warnings, directory: options.out,
                               written: written, wrote: "Wrote \(written.joined(separator: ", ")) to \(options.out)")
    }

    /// A history file read for a backtest: its leads, and which role columns its header has.
    public struct HistoryInput: Sendable {
        public var history: History
        /// The roles with a column in the file (a missing `assigned_at` or `first_touch_at` leaves
        /// the metrics it decides unassessed rather than observed as zero delays or no touches).
        public var recorded: Set<HistoryColumn>
    }

    /// Reads and checks a history file (and its map), timestamps without an offset in `timeZone`.
    /// - Throws: `StudyError` (invalid input) with every diagnostic.
    public static func loadHistory(path: String, map mapPath: String?, asOf: String?, timeZone: String,
                                   aliases: FieldAliases = FieldAliases(), dateFormat: DateFormat = .iso)
        throws(StudyError) -> HistoryInput {
        do throws(LoadFailure) {
            let map = try mapPath.map { path throws(LoadFailure) in try ImportMap.load(yaml: try readText(path), file: path) }
                ?? ImportMap()
            var exportTime: Instant?
            if let asOf {
                do throws(ValueError) {
                    exportTime = try ValueSyntax.recordedTimestamp(asOf, zone: timeZone)
                } catch {
                    throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: "--as-of", line: 0, column: 0, keyPath: "",
                                                               message: "'\(asOf)': \(error.message)",
                                                               valid: ValueSyntax.recordedTimestampValid)])
                }
            }
            let text = try readText(path)
            let history = try HistoryFile.read(text: text, file: path, map: map, timeZone: timeZone, asOf: exportTime,
                                               aliases: aliases, dateFormat: dateFormat)
            guard !history.leads.isEmpty else {
                throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: 1, column: 0, keyPath: "",
                                                           message: "the history has no leads", valid: "one row per lead after the header")])
            }
            return HistoryInput(history: history, recorded: headerRoles(text, map: map))
        } catch {
            throw .invalidInput(error.description, diagnostics: error.diagnostics, omitted: error.omitted)
        }
    }

    /// The roles whose column the header (the first record of `text`) has, as the reader matches them.
    static func headerRoles(_ text: String, map: ImportMap) -> Set<HistoryColumn> {
        var header = ""
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if !quoted && (c == "\n" || c == "\r\n" || c == "\r") { break }
            header.append(c)
        }
        let cells = ((try? CSV.parse(header + "\n"))?.first?.cells ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        return Set(HistoryColumn.allCases.filter { role in
            cells.contains(map.column(role)) || (map.columns[role] == nil && cells.contains { map.field($0) == role.rawValue })
        })
    }

    /// Writes the three reports into `directory` (created when needed); returns their names.
    static func write(_ summary: BacktestSummary, to directory: String) throws(StudyError) -> [String] {
        try attempt {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let files: [(String, () -> String)] = [
                ("backtest.md", { BacktestReport.markdown(summary) }),
                ("backtest.html", { BacktestReport.html(summary) }),
                ("backtest.json", { BacktestReport.json(summary) }),
            ]
            for (name, render) in files {
                try ReportWriter.writeAtomically(render(), to: (directory as NSString).appendingPathComponent(name))
            }
            return files.map(\.0)
        }
    }
}
