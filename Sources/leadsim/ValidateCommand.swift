import ArgumentParser
import Foundation
import ScenarioFile
import SimulationModel

/// `leadsim validate SCENARIO [RULES…]`: loads and cross-checks files, prints a summary.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check a scenario and rule sets without simulating.",
        discussion: """
            Exits 0 and prints a summary when everything is valid; prints every problem (file:line:col) on \
            stderr and exits 1 otherwise. With --format json, prints one JSON object on stdout instead \
            (valid, files, errors, warnings, omitted, diagnostics[] with severity, file, line, column, path, \
            message, found, valid, suggestion); the exit codes are the same.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The scenario file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var scenario: String

    @Argument(help: "Rule-set files (YAML) to check against the scenario.", completion: .file(extensions: ["yaml", "yml"]))
    var rules: [String] = []

    @Option(help: "Output format: text (summary, problems on stderr) or json (one object on stdout).")
    var format: Format = .text

    func run() throws {
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var loadedScenario: LoadedScenario?
        do {
            let loaded = try ScenarioLoader.load(path: scenario)
            loadedScenario = loaded
            warnings += loaded.warnings
        } catch {
            problems += error.diagnostics
        }
        var loadedRules: [LoadedRuleSet] = []
        for path in rules {
            do {
                let loaded = try RuleSetLoader.load(path: path)
                loadedRules.append(loaded)
                warnings += loaded.warnings
                if let loadedScenario {
                    let checks = crossCheck(scenario: loadedScenario, ruleSet: loaded)
                    problems += checks.filter(\.isError)
                    warnings += checks.filter { !$0.isError }
                }
            } catch {
                problems += error.diagnostics
            }
        }
        let errors = problems.filter(\.isError)
        guard errors.isEmpty, let loadedScenario else {
            let failure = LoadFailure(diagnostics: Array((errors + warnings + problems.filter { !$0.isError }).prefix(LoadFailure.cap)),
                                      omitted: max(0, errors.count - LoadFailure.cap))
            if format == .json {
                print(try DiagnosticReport(files: [scenario] + rules, diagnostics: failure.diagnostics,
                                           omitted: failure.omitted).json())
            } else {
                FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            }
            throw ExitCode(1)
        }
        if format == .json {
            print(try DiagnosticReport(files: [scenario] + rules, diagnostics: warnings).json())
            return
        }
        print(Self.summary(loadedScenario.scenario, loadedRules.map(\.ruleSet)))
        if !warnings.isEmpty {
            print("\n\(warnings.count) warning\(warnings.count == 1 ? "" : "s"):")
            for warning in warnings { print(warning) }
        }
    }

    static func summary(_ s: Scenario, _ ruleSets: [RuleSet]) -> String {
        var lines: [String] = []
        let days = (s.warmup + s.horizon) / 86_400
        lines.append("scenario \(s.name): \(s.timeZone), \(fmt(s.warmup / 86_400))d warm-up + \(fmt(s.horizon / 86_400))d horizon, "
                     + "\(s.replications) replications, seed \(s.seed)")
        lines.append("sources (expected leads per week):")
        var total = 0.0
        for source in s.sources {
            let bursts = source.bursts.reduce(0) { $0 + $1.leads }
            total += source.weeklyVolume * days / 7 + Double(bursts)
            let burstText = bursts > 0 ? " + \(bursts) in bursts" : ""
            if let replay = source.replay {
                let leads = Double(replay.leads.count) * replay.scale
                total += leads
                lines.append("  \(source.name.padding(20))replay of \(replay.file): \(replay.leads.count) recorded leads"
                             + (replay.scale == 1 ? "" : " × \(fmt(replay.scale)) ≈ \(fmt(leads))"))
                continue
            }
            lines.append("  \(source.name.padding(20))\(fmt(source.weeklyVolume))/week\(burstText)")
        }
        lines.append("  ≈ \(fmt(total)) leads per replication")
        lines.append("teams (reps, weekly on-shift hours):")
        for team in s.teams {
            let reps = s.reps(ofTeam: team.name).filter { !$0.isTemplate }
            let hours = reps.reduce(0.0) { $0 + $1.schedule.weeklyHours }
            let manager = team.manager.map { ", manager \($0)" } ?? ""
            lines.append("  \(team.name.padding(20))\(reps.count) reps, \(fmt(hours)) h/week\(manager)")
        }
        for rules in ruleSets {
            let human = rules.queues.filter { if case .human = $0.kind { return true } else { return false } }.count
            lines.append("rule set \(rules.name): \(rules.routes.count) routes, \(rules.queues.count) queues "
                         + "(\(rules.queues.count - human) automated)"
                         + (rules.fallback.map { ", fallback \($0)" } ?? ", no fallback")
                         + (rules.sla.map { ", SLA \(fmt($0.firstTouch / 60))m \($0.clock.rawValue), on breach \($0.onBreach.rawValue)" } ?? ""))
        }
        lines.append("valid")
        return lines.joined(separator: "\n")
    }

    private static func fmt(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
