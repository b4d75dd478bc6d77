import Foundation
import ScenarioFile
import SimulationModel

/// Values given on the command line (or by another front end) that replace the scenario's.
public struct StudyOverrides: Sendable, Hashable {
    /// Replaces the scenario's `replications`.
    public var replications: Int?
    /// Replaces the scenario's master `seed`.
    public var seed: UInt64?

    public init(replications: Int? = nil, seed: UInt64? = nil) {
        self.replications = replications
        self.seed = seed
    }
}

/// The one set of checks on a scenario and rule sets, shared by every command that takes
/// them: each file loads, replay columns are resolved by the rule sets' field aliases, each
/// rule set is cross-checked against the scenario, and no two rule sets share a `name`.
/// Never throws and never prints: it records what it found.
public struct InputCheck: Sendable {
    /// One thing that stops the inputs from being used.
    public enum Problem: Sendable {
        /// A file that does not load: all of its diagnostics (its warnings included).
        case unloadable(LoadFailure)
        /// A cross-check error or a rule-set name used twice.
        case error(Diagnostic)

        /// The diagnostics of the problem.
        public var diagnostics: [Diagnostic] {
            switch self {
            case .unloadable(let failure): return failure.diagnostics
            case .error(let diagnostic): return [diagnostic]
            }
        }

        var omitted: Int { if case .unloadable(let failure) = self { failure.omitted } else { 0 } }

        /// As `leadsim` prints it (a failure ends with its count of errors).
        public var text: String {
            switch self {
            case .unloadable(let failure): return failure.description
            case .error(let diagnostic): return diagnostic.description
            }
        }
    }

    public var scenarioPath: String?
    public var rulePaths: [String]
    /// The scenario, when one was given and it loaded.
    public var scenario: LoadedScenario?
    /// The rule sets that loaded, in the order given.
    public var ruleSets: [LoadedRuleSet]
    /// Warnings: the scenario's, each loaded rule set's, then the cross-checks'.
    public var warnings: [Diagnostic] = []
    /// Problems: files that do not load (scenario first), cross-check errors, names used twice.
    public var problems: [Problem] = []

    /// Loads and checks the files. `scenario` may be nil (the rule sets are then only loaded).
    public init(scenario scenarioPath: String?, rules rulePaths: [String]) {
        self.scenarioPath = scenarioPath
        self.rulePaths = rulePaths
        scenario = nil
        ruleSets = []
        if let scenarioPath {
            do {
                let loaded = try ScenarioLoader.load(path: scenarioPath)
                scenario = loaded
                warnings += loaded.warnings
            } catch {
                problems.append(.unloadable(error))
            }
        }
        for path in rulePaths {
            do {
                let loaded = try RuleSetLoader.load(path: path)
                ruleSets.append(loaded)
                warnings += loaded.warnings
            } catch {
                let extra = scenario.map { RuleSetLoader.memberErrors(of: error, in: $0) } ?? []
                problems.append(.unloadable(error.adding(extra)))
            }
        }
        if var loaded = scenario {
            // Replay columns named by a rule set's aliases are read as those fields.
            loaded.scenario = loaded.scenario.resolvingReplayColumns(FieldAliases.merged(ruleSets.map(\.ruleSet.fields)))
            scenario = loaded
        }
        if let scenario {
            for ruleSet in ruleSets {
                let checks = crossCheck(scenario: scenario, ruleSet: ruleSet)
                problems += checks.filter(\.isError).map(Problem.error)
                warnings += checks.filter { !$0.isError }
            }
        }
        var seen: Set<String> = []
        for ruleSet in ruleSets where !seen.insert(ruleSet.ruleSet.name).inserted {
            problems.append(.error(Diagnostic(
                severity: .error, file: ruleSet.file, line: 0, column: 0, keyPath: "",
                message: "rule set name '\(ruleSet.ruleSet.name)' is used by another rule set;"
                    + " give each compared rule set its own `name`")))
        }
    }

    /// Every file given loaded and no check failed.
    public var isValid: Bool { problems.isEmpty && (scenarioPath == nil || scenario != nil) }

    /// All problems as one failure, as `validate` and `--format json` show them: errors
    /// first (capped at `LoadFailure.cap`), then the warnings of the files that loaded (unless
    /// `withWarnings` is false), then those of the files that did not.
    public func failure(withWarnings: Bool = true) -> LoadFailure {
        let all = problems.flatMap(\.diagnostics)
        let errors = all.filter(\.isError)
        return LoadFailure(diagnostics: Array((errors + (withWarnings ? warnings : []) + all.filter { !$0.isError })
                                                .prefix(LoadFailure.cap)),
                           omitted: max(0, errors.count - LoadFailure.cap) + problems.reduce(0) { $0 + $1.omitted })
    }

    /// The invalid-input error of `run`, `compare` and `staff`: the warnings, then each
    /// problem, one block per line as they are printed.
    public var error: StudyError {
        let failure = self.failure()
        return .invalidInput((warnings.map(\.description) + problems.map(\.text)).joined(separator: "\n"),
                             diagnostics: failure.diagnostics, omitted: failure.omitted)
    }
}

/// A checked scenario and its rule sets, with the overrides applied: what every simulating
/// use case (`RunStudy`, `StaffStudy`) starts from.
public struct StudyInputs: Sendable {
    public var scenarioPath: String
    public var rulePaths: [String]
    /// The scenario, with `replications` and `seed` overridden as asked.
    public var scenario: Scenario
    public var ruleSets: [RuleSet]
    /// Warnings found while loading (to show; they do not stop the study).
    public var warnings: [Diagnostic]

    /// Loads and checks the scenario and rule sets (`InputCheck`) and applies `overrides`.
    /// - Throws: `StudyError` (invalid input) listing the warnings and every problem.
    public static func load(scenario: String, rules: [String], overrides: StudyOverrides = StudyOverrides())
        throws(StudyError) -> StudyInputs {
        let check = InputCheck(scenario: scenario, rules: rules)
        guard check.isValid, var world = check.scenario?.scenario else { throw check.error }
        if let replications = overrides.replications { world.replications = replications }
        if let seed = overrides.seed { world.seed = seed }
        return StudyInputs(scenarioPath: scenario, rulePaths: rules, scenario: world, ruleSets: check.ruleSets.map(\.ruleSet),
                           warnings: check.warnings)
    }
}

/// The UTF-8 text of the file at `path`, or a diagnostic.
public func readText(_ path: String) throws(LoadFailure) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: 0, column: 0, keyPath: "",
                                                   message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: 0, column: 0, keyPath: "",
                                                   message: "the file is not UTF-8 text")])
    }
    return text
}
