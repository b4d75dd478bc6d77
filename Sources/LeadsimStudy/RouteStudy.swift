import Foundation
import RuleLint
import ScenarioFile
import SimulationModel
import TextFormats

/// `leadsim route`: a rule set (and, optionally, the scenario whose reps it assigns) loaded
/// and checked once, then leads routed and explained by `LeadRouter`.
public struct RouteStudy: Sendable {
    public var ruleSet: RuleSet
    public var scenario: Scenario?
    /// `--map`: the map file's `fields:` name columns (and JSON keys) as fields, its
    /// `columns.created_at` the creation-time column.
    public var map: ImportMap?
    /// `--date-format`: how `created_at` cells write dates.
    public var dateFormat: DateFormat = .iso

    /// Loads and checks the files (`InputCheck`; warnings are not shown by `route`) and the map.
    /// - Throws: `StudyError` (invalid input): `error: ` and the failure; its diagnostics for JSON.
    public init(rules: String, scenario: String?, map: String? = nil) throws(StudyError) {
        let check = InputCheck(scenario: scenario, rules: [rules])
        guard check.isValid, let loaded = check.ruleSets.first else {
            let failure = check.failure(withWarnings: false)
            throw .invalidInput("error: \(failure)", diagnostics: failure.diagnostics, omitted: failure.omitted)
        }
        ruleSet = loaded.ruleSet
        self.scenario = check.scenario?.scenario
        do throws(LoadFailure) {
            self.map = try map.map { path throws(LoadFailure) in try ImportMap.load(yaml: try readText(path), file: path) }
        } catch {
            throw .invalidInput("error: \(error)", diagnostics: error.diagnostics, omitted: error.omitted)
        }
    }

    /// One lead given as a JSON object: its route, destination, rep and why; a warning for each
    /// key that is no field the rules test.
    public func route(json: String, format: RouteFormat, seed: UInt64) throws(StudyError) -> LeadRouter.Output {
        try attempt { try LeadRouter.routeOne(json: json, ruleSet: ruleSet, scenario: scenario, format: format, seed: seed, map: map,
                                           dateFormat: dateFormat) }
    }

    /// Every lead of the CSV file at `path`: the rows with their route and queue (and rep, reason);
    /// a warning for each field the rules test that no column holds.
    public func route(csvFile path: String, format: RouteFormat, explain: Bool, seed: UInt64) throws(StudyError) -> LeadRouter.Output {
        try attempt {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try LeadRouter.routeMany(csv: text, ruleSet: ruleSet, scenario: scenario, format: format,
                                            explain: explain, seed: seed, map: map, dateFormat: dateFormat)
        }
    }

    /// Writes `output` to `path` (atomically).
    public static func write(_ output: String, to path: String) throws(StudyError) {
        try attempt { try output.write(toFile: path, atomically: true, encoding: .utf8) }
    }
}

/// `leadsim lint`: routing mistakes that validation allows, as diagnostics.
public enum LintStudy {
    /// The longest route-hit simulation lint runs (a year): longer checks find nothing more
    /// and would run for minutes.
    public static let maximumDays = 366.0

    /// The findings on the rule set at `rules` (with `scenario`: coverage and a `days`-long
    /// route-hit simulation too), and the closing count line.
    /// - Throws: `StudyError` (invalid input) when a file does not load. Findings that are
    ///   errors are returned, not thrown: see `LintOutcome.hasErrors`.
    public static func lint(rules: String, scenario: String?, days: Double) throws(StudyError) -> LintOutcome {
        guard days.isFinite, days >= 0, days <= maximumDays else {
            throw .invalidInput("error: --days must be a number of days from 0 to \(Int(maximumDays)), got \(days)")
        }
        do throws(LoadFailure) {
            // Not `InputCheck`: the cross-check's errors are findings here, reported by the linter.
            let loaded = try RuleSetLoader.load(path: rules)
            var world: LoadedScenario? = try scenario.map { path throws(LoadFailure) in try ScenarioLoader.load(path: path) }
            if let replayed = world?.scenario.resolvingReplayColumns(loaded.ruleSet.fields) { world?.scenario = replayed }
            return LintOutcome(findings: RuleLinter.lint(loaded, scenario: world, options: .init(simulatedDays: max(0, days))))
        } catch {
            throw .invalidInput(error.description, diagnostics: error.diagnostics, omitted: error.omitted)
        }
    }
}

/// What `LintStudy` found.
public struct LintOutcome: Sendable {
    public var findings: [Diagnostic]

    public var hasErrors: Bool { findings.contains(where: \.isError) }

    /// The findings grouped by what they are about, each group in file order: routes (the
    /// rule set's routes and fallback), queues and coverage, reps, then the rest. A group with
    /// no finding is left out.
    public var groups: [(title: String, findings: [Diagnostic])] {
        func group(of d: Diagnostic) -> Int {
            if d.keyPath.hasPrefix("routes") || d.keyPath.hasPrefix("fallback") { return 0 }
            if d.keyPath.hasPrefix("queues") { return 1 }
            if d.keyPath.hasPrefix("reps") || d.keyPath.hasPrefix("teams") { return 2 }
            return 3
        }
        let titles = ["Routes", "Queues and coverage", "Reps and teams", "Other"]
        return titles.indices.compactMap { g in
            let members = findings.filter { group(of: $0) == g }
            return members.isEmpty ? nil : (titles[g], members)
        }
    }

    /// `no problems found`, or `E errors, W warnings`.
    public var countLine: String {
        let errors = findings.filter(\.isError).count
        let warnings = findings.count - errors
        return findings.isEmpty ? "no problems found"
            : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
