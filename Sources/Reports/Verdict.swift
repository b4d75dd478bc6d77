import Foundation

/// Plain-language verdict lines: what a candidate changes against the baseline, with the
/// 95% CI for changes that are significant and "not significant" for the rest.
public enum Verdict {
    /// The metric the sentence leads with.
    static let headline = "ttft_p90_s"
    /// Further clauses, in order, significant or not (left out when zero on both sides).
    static let clauses = ["sla_met_rate", "unowned_rate", "load_gini"]
    /// Clauses added only when the change is significant.
    static let significantClauses = ["cold_rate", "dropped_rate", "unrouted_rate", "stale_rate", "expected_meetings"]

    /// One line per candidate, e.g. "territory-v2 cuts p90 first touch from 3h 12m to 48m
    /// (−2h 24m, 95% CI −2h 40m … −2h 05m); unowned leads 0.8% → 1.1%, not significant".
    public static func lines(for summary: Summary) -> [String] {
        if summary.comparisons.isEmpty {
            return summary.ruleSets.map { single($0, unownedAfter: summary.unownedAfter) }
        }
        return summary.comparisons.map(line)
    }

    /// The verdict for one comparison.
    public static func line(_ comparison: Comparison) -> String {
        var parts: [String] = []
        if let head = comparison.metrics[metric: headline] {
            parts.append(comparison.candidate + " " + headClause(head))
        } else {
            parts.append(comparison.candidate + " vs " + comparison.baseline)
        }
        for name in clauses {
            guard let d = comparison.metrics[metric: name], let clause = clause(d) else { continue }
            parts.append(clause)
        }
        for name in significantClauses {
            guard let d = comparison.metrics[metric: name], d.significant, let clause = clause(d) else { continue }
            parts.append(clause)
        }
        return parts.joined(separator: "; ")
    }

    static func ciText(_ info: MetricInfo, _ d: MetricDifference) -> String {
        guard let ci = d.ci95 else { return "" }
        return ", 95% CI " + info.formatDifference(ci.lower) + " … " + info.formatDifference(ci.upper)
    }

    /// "cuts p90 first touch from A to B (−Δ, 95% CI …)" or "leaves … about the same (A → B, not significant)".
    static func headClause(_ d: MetricDifference) -> String {
        let info = MetricCatalog.info(d.name)
        guard let b = d.baseline, let c = d.candidate, let diff = d.diff else {
            return "has no " + info.label + " to compare (no lead touched)"
        }
        if !d.significant {
            return "leaves \(info.label) about the same (\(info.format(b)) → \(info.format(c)), not significant)"
        }
        let verb = diff < 0 ? "cuts" : "raises"
        return "\(verb) \(info.label) from \(info.format(b)) to \(info.format(c)) (\(info.formatDifference(diff))\(ciText(info, d)))"
    }

    /// "unowned leads 0.8% → 1.1%, not significant" or "… (+0.3 pts), worse" (the CI is in the tables);
    /// nil when both sides are zero or undefined.
    static func clause(_ d: MetricDifference) -> String? {
        let info = MetricCatalog.info(d.name)
        guard let b = d.baseline, let c = d.candidate, let diff = d.diff else { return nil }
        if b == 0 && c == 0 { return nil }
        let change = "\(info.label) \(info.format(b)) → \(info.format(c))"
        guard d.significant else { return change + ", not significant" }
        let judgement: String
        switch info.better {
        case .lower: judgement = diff < 0 ? ", better" : ", worse"
        case .higher: judgement = diff > 0 ? ", better" : ", worse"
        case .neither: judgement = ""
        }
        return change + " (\(info.formatDifference(diff)))" + judgement
    }

    /// For `run` (no comparison): the rule set's headline numbers.
    static func single(_ ruleSet: RuleSetSummary, unownedAfter: Double) -> String {
        var parts: [String] = []
        func estimate(_ name: String) -> String? {
            guard let m = ruleSet.metric(name), let mean = m.mean else { return nil }
            let info = MetricCatalog.info(name)
            var text = info.format(mean)
            if let ci = m.ci95, m.count > 1 { text += " (95% CI \(info.format(ci.lower)) … \(info.format(ci.upper)))" }
            return text
        }
        if let p90 = estimate("ttft_p90_s") { parts.append("\(ruleSet.name): p90 first touch \(p90)") } else {
            parts.append("\(ruleSet.name): no lead touched")
        }
        if let sla = estimate("sla_met_rate") {
            let target = (ruleSet.sla.map { "the \(Format.duration($0.firstTouch)) SLA" + ($0.clock == .business ? " (business time)" : "") }
                ?? "\(Format.duration(unownedAfter)) (no SLA set)") + (ruleSet.queueSLAText.map { " (\($0))" } ?? "")
            parts.append("\(sla) first-touched within \(target)")
        }
        if let unowned = estimate("unowned_rate") {
            parts.append("\(unowned) unowned after \(Format.duration(unownedAfter))")
        }
        if let gini = estimate("load_gini") { parts.append("load Gini \(gini)") }
        return parts.joined(separator: "; ")
    }
}
