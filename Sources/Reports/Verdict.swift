import Foundation

/// Plain-language verdict lines: what a candidate changes against the baseline, with the
/// 95% CI for changes that are significant and "not significant" for the rest.
public enum Verdict {
    /// The headline when none is given: wall-clock p90 first touch, SLA met, unowned leads, load Gini.
    public static let defaultHeadline = ["ttft_p90_s", "sla_met_rate", "unowned_rate", "load_gini"]
    /// Clauses added only when the change is significant.
    static let significantClauses = ["cold_rate", "dropped_rate", "unrouted_rate", "stale_rate", "expected_meetings"]

    /// One line per candidate, e.g. "territory-v2 cuts p90 first touch from 3h 12m to 48m
    /// (−2h 24m, 95% CI −2h 40m … −2h 05m); unowned leads 0.8% → 1.1%, not significant".
    public static func lines(for summary: Summary) -> [String] {
        if summary.comparisons.isEmpty {
            return summary.ruleSets.map { single($0, unownedAfter: summary.unownedAfter, headline: summary.headline) }
        }
        return summary.comparisons.map { line($0, headline: summary.headline) }
    }

    /// The verdict for one comparison: the first headline metric leads the sentence, the other
    /// headline metrics follow (significant or not), then other losses and gains only when significant.
    public static func line(_ comparison: Comparison, headline: [String] = defaultHeadline) -> String {
        var parts: [String] = []
        let lead = headline.first ?? defaultHeadline[0]
        let clauses = Array(headline.dropFirst())
        if let head = comparison.metrics[metric: lead] {
            parts.append(comparison.candidate + " " + headClause(head))
        } else {
            parts.append(comparison.candidate + " vs " + comparison.baseline)
        }
        for name in clauses {
            guard let d = comparison.metrics[metric: name], let clause = clause(d) else { continue }
            parts.append(clause)
        }
        for name in significantClauses where !headline.contains(name) {
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
    static func single(_ ruleSet: RuleSetSummary, unownedAfter: Double, headline: [String]) -> String {
        var parts: [String] = []
        func estimate(_ name: String) -> String? {
            guard let m = ruleSet.metric(name), let mean = m.mean else { return nil }
            let info = MetricCatalog.info(name)
            var text = info.format(mean)
            if let ci = m.ci95, m.count > 1 { text += " (95% CI \(info.format(ci.lower)) … \(info.format(ci.upper)))" }
            return text
        }
        let lead = headline.first ?? defaultHeadline[0]
        if let value = estimate(lead) { parts.append("\(ruleSet.name): \(MetricCatalog.info(lead).label) \(value)") } else {
            parts.append("\(ruleSet.name): no \(MetricCatalog.info(lead).label) (no lead touched)")
        }
        for name in headline.dropFirst() where !["sla_met_rate", "unowned_rate", "load_gini"].contains(name) {
            if let value = estimate(name) { parts.append("\(MetricCatalog.info(name).label) \(value)") }
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
