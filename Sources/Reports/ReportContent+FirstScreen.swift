import Foundation
import SimulationModel

/// The first screen's breakdowns and definitions: speed to lead by source on the headline's
/// clock, each queue's SLA, unowned share and fairness inside it beside the rule set's overall
/// figure, and what "unowned" and "SLA met" mean.
extension ReportContent {
    /// The headline's first metric when it is a first-touch time the groups (sources or queues)
    /// have (business-time p90 is), else wall-clock p90: the breakdowns' speed column.
    static func speedMetric(_ s: Summary, in groups: (RuleSetSummary) -> [GroupSummary]) -> String {
        let lead = s.headline.first ?? Verdict.defaultHeadline[0]
        let has = lead.hasPrefix("ttft_") && s.ruleSets.contains { rs in groups(rs).contains { $0.metric(lead) != nil } }
        return has ? lead : "ttft_p90_s"
    }

    /// One row per source and rule set: the speed metric, SLA met and unowned leads; a candidate's
    /// cell adds its paired difference from the baseline, or "n.s." when the 95% CI of that
    /// difference includes 0. (Rows, not columns, per rule set: the table stays narrow enough to print.)
    static func sourceBreakdown(_ s: Summary) -> ReportTable {
        let speed = speedMetric(s) { $0.sources }
        let metrics = ["leads", speed, "sla_met_rate", "unowned_rate"]
        var rows: [[String]] = []
        for source in s.ruleSets.first?.sources ?? [] {
            for (r, rs) in s.ruleSets.enumerated() {
                guard let mine = rs.sources.first(where: { $0.name == source.name }) else { continue }
                rows.append([source.name, rs.name] + metrics.map { name in
                    let info = MetricCatalog.info(name)
                    var text = info.format(mine.metric(name)?.mean)
                    if r > 0, name != "leads", let b = source.metric(name), let c = mine.metric(name) {
                        let d = MetricDifference(baseline: b, candidate: c)
                        if d.diff != nil { text += d.significant ? " (\(info.formatDifference(d.diff)))" : " (n.s.)" }
                    }
                    return text
                })
            }
        }
        return ReportTable(
            title: "Speed to lead by source",
            note: "Counted leads per replication and means over replications; a candidate's change from the"
                + " baseline is paired by replication, \"n.s.\" when its 95% CI includes 0.",
            header: ["source", "rule set"] + metrics.map { MetricCatalog.info($0).label }, rows: rows,
            numeric: [false, false, true, true, true, true])
    }

    /// Every rule set's queues: leads, p90 first touch on the headline's clock (as the source table),
    /// SLA met, unowned and the load Gini among the queue's members, beside the rule set's overall
    /// Gini (which counts every rep, idle ones included).
    static func queueBreakdown(_ s: Summary) -> ReportTable {
        let columns = ["leads", speedMetric(s) { $0.queues }, "sla_met_rate", "unowned_rate", "load_gini"]
        var rows: [[String]] = []
        for rs in s.ruleSets {
            let overall = MetricCatalog.info("load_gini").format(rs.metric("load_gini")?.mean)
            for queue in rs.queues where !queue.automated {
                rows.append([queue.name, rs.name] + columns.map { MetricCatalog.info($0).format(queue.metric($0)?.mean) }
                            + [overall])
            }
        }
        return ReportTable(
            title: "Queues: speed, SLA and fairness inside each pool",
            note: "Counted leads by the queue routing sent them to; \"load Gini in queue\" is among the queue's members"
                + " of their assignments from it (0: perfectly even), \"overall\" is over all the rule set's reps."
                + " Means over replications.",
            header: ["queue", "rule set"] + columns.map { $0 == "load_gini" ? "load Gini in queue" : MetricCatalog.info($0).label }
                + ["load Gini overall"],
            rows: rows, numeric: [false, false, true, true, true, true, true, true])
    }

    /// What the two most misread headline numbers count.
    static func definitions(_ s: Summary) -> String {
        let clock = s.businessClock
            ? "on the SLA's clock: business hours of the queue's team, so nights, weekends and holidays do not count"
            : "on the wall clock"
        let targets = s.ruleSets.map { rs in
            "\(rs.name): " + (rs.sla.map { Format.duration($0.firstTouch) + ($0.clock == .business ? " business" : "") } ?? "none")
                + (rs.queueSLAText.map { ", " + $0 } ?? "")
        }
        return "**SLA met**: share of human-bound leads first-touched within their SLA, counted \(clock)."
            + " Targets: \(targets.joined(separator: "; ")); with no SLA, within \(Format.duration(s.unownedAfter))."
            + " **Unowned leads**: share with no owner \(Format.duration(s.unownedAfter)) of wall-clock time after arrival"
            + " (`metrics: unowned_after`), so a lead arriving at night waits unowned until the morning even when the"
            + " business-time SLA is met."
    }
}

extension ReportContent {
    /// The assumptions box: the study's own (`Summary.assumptions`: inputs left at their
    /// defaults, replay sample sizes), then seed, replications and sample sizes, with a caveat when small.
    static func assumptionLines(_ s: Summary) -> [String] {
        var lines: [String] = []
        if let fitted = s.fitted {
            lines.append("The scenario was fitted by `leadsim fit` from \(fitted.history); the evidence of each of its"
                         + " \(fitted.values.count) fitted values is under “Fitted values”.")
            lines += fitted.notes.map { "From the fit: " + $0 }
        }
        lines += s.assumptions
        lines.append("Random seed \(s.seed), \(s.replications) replication\(s.replications == 1 ? "" : "s"),"
                     + " \(Format.number(s.leadsPerReplication)) counted leads per replication over"
                     + " \(Format.duration(s.horizon)) after a \(Format.duration(s.warmup)) warm-up.")
        if let caveat = Recommendation.caveat(s) { lines.append(caveat) }
        lines.append("Headline metrics: " + s.headline.map { MetricCatalog.info($0).label }.joined(separator: ", ")
                     + (s.businessClock ? " (first touch on business time, the clock the SLA counts)." : "."))
        return lines
    }

    /// The evidence of each value of a fitted scenario, as the fit wrote it into the file.
    static func fittedValues(_ fitted: FitProvenance) -> ReportTable {
        ReportTable(
            title: "Fitted values",
            note: "How `leadsim fit` estimated each value of the scenario, from the comments it wrote beside them:"
                + " sample size, the estimate with its 95% CI, the family chosen by AIC and the runner-up."
                + " A value edited after the fit keeps its old comment.",
            header: ["for", "value", "as written", "evidence"],
            rows: fitted.values.map { v in
                [v.owner, fittedKeyLabel(v.key), v.value.isEmpty ? "–" : "`\(v.value)`", v.evidence]
            },
            numeric: [false, false, false, false])
    }

    /// `touch delay` for `touch_delay`, `region blank` for `missing.region`, `leads` for a rep's `name`.
    static func fittedKeyLabel(_ key: String) -> String {
        if key.isEmpty { return "–" }
        if key == "name" { return "leads" }
        let parts = key.split(separator: ".").map { $0.replacingOccurrences(of: "_", with: " ") }
        if parts.count == 2 && parts[0] == "missing" { return "\(parts[1]) blank" }
        if parts.count == 2 && parts[0] == "fields" { return "field \(parts[1])" }
        return parts.joined(separator: " ")
    }
}
