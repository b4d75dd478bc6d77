import Foundation
import ScenarioFile
import SimulationModel

/// `leadsim validate`: the inputs checked (`InputCheck`) and, when they are valid, a summary
/// of what they describe.
public struct ValidateStudy: Sendable {
    public var check: InputCheck

    /// Loads and checks the scenario and rule sets (never throws: see `check`).
    public init(scenario: String, rules: [String]) {
        check = InputCheck(scenario: scenario, rules: rules)
    }

    /// Every file named, scenario first (as `--format json` lists them).
    public var files: [String] { [check.scenarioPath ?? ""] + check.rulePaths }

    /// The checked inputs, or `StudyError` (invalid input) whose message is every problem and
    /// warning as one failure, and whose diagnostics are those of the failure (for JSON).
    public func validated() throws(StudyError) -> (scenario: Scenario, ruleSets: [RuleSet], warnings: [Diagnostic]) {
        guard check.isValid, let scenario = check.scenario?.scenario else {
            let failure = check.failure()
            throw .invalidInput(failure.description, diagnostics: failure.diagnostics, omitted: failure.omitted)
        }
        return (scenario, check.ruleSets.map(\.ruleSet), check.warnings)
    }

    /// The text summary of valid inputs, then the warnings (as `leadsim validate` prints it).
    public func report() throws(StudyError) -> String {
        let (scenario, ruleSets, warnings) = try validated()
        var text = Self.summary(scenario, ruleSets)
        if !warnings.isEmpty {
            text += "\n\n\(warnings.count) warning\(warnings.count == 1 ? "" : "s"):"
            for warning in warnings { text += "\n\(warning)" }
        }
        return text
    }

    /// Sources with their expected leads, teams with their reps and hours, rule sets; ends with `valid`.
    public static func summary(_ s: Scenario, _ ruleSets: [RuleSet]) -> String {
        var lines: [String] = []
        lines.append("scenario \(s.name): \(s.timeZone), \(fmt(s.warmup / 86_400))d warm-up + \(fmt(s.horizon / 86_400))d horizon, "
                     + "\(s.replications) replications, seed \(s.seed)")
        lines.append("sources (expected leads per week):")
        for source in s.sources {
            let bursts = source.bursts.reduce(0) { $0 + $1.leads }
            let burstText = bursts > 0 ? " + \(bursts) in bursts" : ""
            if let replay = source.replay {
                let leads = Double(replay.leads.count) * replay.scale
                lines.append("  \(source.name.padding(20))replay of \(replay.file): \(replay.leads.count) recorded leads"
                             + (replay.scale == 1 ? "" : " × \(fmt(replay.scale)) ≈ \(fmt(leads))"))
                continue
            }
            lines.append("  \(source.name.padding(20))\(fmt(source.weeklyVolume))/week\(burstText)")
        }
        lines.append("  ≈ \(fmt(s.expectedLeadsPerReplication)) leads per replication")
        lines.append("teams (reps, weekly on-shift hours):")
        for team in s.teams {
            let reps = s.reps(ofTeam: team.name).filter { !$0.isTemplate }
            let hours = reps.reduce(0.0) { $0 + $1.schedule.weeklyHours }
            let manager = team.manager.map { ", manager \($0)" } ?? ""
            let calendar = s.businessCalendar(ofTeam: team.name) == s.businessCalendar ? ""
                : ", own business clock (\(team.timeZone ?? s.timeZone))"
            lines.append("  \(team.name.padding(20))\(reps.count) reps, \(fmt(hours)) h/week\(manager)\(calendar)")
        }
        for rules in ruleSets {
            let human = rules.queues.filter { if case .human = $0.kind { return true } else { return false } }.count
            lines.append("rule set \(rules.name): \(rules.routes.count) routes, \(rules.queues.count) queues "
                         + "(\(rules.queues.count - human) automated)"
                         + (rules.fallback.map { ", fallback \($0)" } ?? ", no fallback")
                         + (rules.sla.map { ", SLA " + slaText($0) } ?? "") + queueSLAText(rules))
        }
        lines.append("valid")
        return lines.joined(separator: "\n")
    }

    private static func slaText(_ sla: SLA) -> String {
        "\(fmt(sla.firstTouch / 60))m \(sla.clock.rawValue), on breach \(sla.onBreach.rawValue)"
    }

    /// The queues whose own `sla` replaces the rule set's: `; queue SLAs: demo 15m business, …, content none`.
    private static func queueSLAText(_ rules: RuleSet) -> String {
        let own = rules.queues.compactMap { queue -> String? in
            guard case .human(let human) = queue.kind else { return nil }
            switch human.sla {
            case .ruleSet: return nil
            case .exempt: return "\(queue.name) none"
            case .own(let sla): return "\(queue.name) " + slaText(sla)
            }
        }
        return own.isEmpty ? "" : "; queue SLAs: " + own.joined(separator: "; ")
    }

    private static func fmt(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
