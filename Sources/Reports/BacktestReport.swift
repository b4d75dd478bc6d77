import Foundation
import SimulationKernel
import TextFormats

/// `backtest.md`, `backtest.html` and `backtest.json` of a `BacktestSummary`, and the verdict
/// lines the command line prints.
public enum BacktestReport {
    /// A metric's value as people read it: durations for TTFT, percentages for rates.
    static func formatted(_ metric: String, _ value: Double?) -> String {
        switch metric {
        case BacktestMetric.ttftP50.rawValue, BacktestMetric.ttftP90.rawValue: return Format.duration(value)
        case BacktestMetric.touchedRate.rawValue, BacktestMetric.slaMetRate.rawValue, BacktestMetric.unownedRate.rawValue:
            return Format.percent(value)
        default: return Format.number(value)
        }
    }

    /// A positive distance between two values of a metric (rates in percentage points).
    static func gap(_ metric: String, _ amount: Double) -> String {
        switch metric {
        case BacktestMetric.touchedRate.rawValue, BacktestMetric.slaMetRate.rawValue, BacktestMetric.unownedRate.rawValue:
            return String(Format.points(amount).drop { $0 == "+" })
        default: return formatted(metric, amount)
        }
    }

    /// Round tick steps for a metric's axis: hours (or minutes) for durations.
    static func tickUnit(_ metric: String) -> (Double) -> Double {
        guard metric == BacktestMetric.ttftP50.rawValue || metric == BacktestMetric.ttftP90.rawValue else { return { _ in 1 } }
        return { maximum in maximum >= 2 * 86_400 ? 86_400 : maximum >= 7200 ? 3600 : 60 }
    }

    static func range(_ row: BacktestSummary.Row) -> String {
        row.low == nil ? "–" : "\(formatted(row.metric, row.low)) – \(formatted(row.metric, row.high))"
    }

    /// How far the observed value is from the simulation: relative to the mean, and outside the band.
    static func distance(_ row: BacktestSummary.Row) -> String {
        guard let observed = row.observed else { return "" }
        guard let low = row.low, let high = row.high else { return "the model produces no value" }
        var parts: [String] = []
        if let relative = row.relativeDifference { parts.append((relative >= 0 ? "+" : "") + Format.percent(relative) + " from the mean") }
        if observed > high { parts.append("\(gap(row.metric, observed - high)) above the 99% range") }
        if observed < low { parts.append("\(gap(row.metric, low - observed)) below the 99% range") }
        return parts.joined(separator: ", ")
    }

    /// One line per overall and per-team metric: consistent or not, and by how much.
    public static func verdictLines(_ s: BacktestSummary) -> [String] {
        var lines = [s.isConsistent
            ? "Consistent: every overall and per-team metric of the history lies within the simulated 99% range or within "
                + "\(Format.percent(s.context.tolerance)) of the simulated mean."
            : "Not consistent: \(s.inconsistencies.count) overall or per-team metric\(s.inconsistencies.count == 1 ? "" : "s") "
                + "outside the simulated 99% range and more than \(Format.percent(s.context.tolerance)) from the simulated mean."]
        for group in [s.overall] + s.teams {
            for row in group.rows where row.judgement != .notAssessed {
                let values = "observed \(formatted(row.metric, row.observed)), simulated \(formatted(row.metric, row.mean))"
                    + " (range \(range(row)))"
                lines.append(row.judgement == .consistent
                    ? "\(group.name) \(row.metric): consistent; \(values)"
                    : "\(group.name) \(row.metric): NOT consistent; \(values); \(distance(row))")
            }
        }
        return lines
    }

    static func title(_ s: BacktestSummary) -> String { "Backtest of \(s.context.scenario) under \(s.context.ruleSet)" }

    static func reproducibility(_ s: BacktestSummary) -> String {
        "History `\(s.context.history)` (\(Format.grouped(s.overall.leads)) leads, as of \(Format.isoUTC(s.context.asOf))), "
            + "\(s.context.replications) replications, seed \(s.context.seed), tolerance \(Format.percent(s.context.tolerance)), "
            + "leadsim \(s.context.leadsimVersion)."
    }

    /// The table of one group's rows.
    static func table(_ group: BacktestSummary.Group, title: String) -> ReportTable {
        ReportTable(title: title, note: "\(Format.grouped(group.leads)) leads in the history.",
                    header: ["metric", "observed", "simulated mean", "99% range", "verdict", "difference"],
                    rows: group.rows.map { row in
                        [row.metric, formatted(row.metric, row.observed), formatted(row.metric, row.mean), range(row),
                         row.judgement.rawValue, row.judgement == .inconsistent ? distance(row) : ""]
                    }, numeric: [false, true, true, true, false, false])
    }

    /// Every week's value of one metric.
    static func weekTable(_ s: BacktestSummary, metric: String) -> ReportTable {
        ReportTable(title: "\(metric) by week",
                    header: ["week", "leads", "observed", "simulated mean", "99% range", "verdict"],
                    rows: s.weeks.compactMap { week in
                        guard let row = week.rows.first(where: { $0.metric == metric }) else { return nil }
                        return [week.name, Format.grouped(week.leads), formatted(metric, row.observed), formatted(metric, row.mean),
                                range(row), row.judgement.rawValue]
                    }, numeric: [false, true, true, true, true, false])
    }

    static func repTable(_ s: BacktestSummary) -> ReportTable {
        ReportTable(title: "First assignments per rep", note: "Leads whose first owner the rep was by the export time.",
                    header: ["rep", "team", "observed", "simulated mean", "99% range", "verdict"],
                    rows: s.reps.map { rep, team, row in
                        [rep, team, formatted(row.metric, row.observed), formatted(row.metric, row.mean), range(row),
                         row.judgement.rawValue]
                    }, numeric: [false, false, true, true, true, false])
    }

    static let definitions = "TTFT is wall-clock time from creation to the first owner's first touch, over leads touched by "
        + "the export time; touched_rate is over all leads; sla_met_rate over leads whose SLA deadline has passed by then; "
        + "unowned_rate over leads created at least `unowned_after` before then; assignments_per_rep is first assignments "
        + "per rep with at least one. A team's leads are those its reps owned first."

    // MARK: Markdown

    /// `backtest.md`.
    public static func markdown(_ s: BacktestSummary) -> String {
        var out = "# \(title(s))\n\n\(reproducibility(s))\n\n## Verdict\n\n"
        for line in verdictLines(s) { out += "- \(line)\n" }
        out += "\n\(definitions)\n"
        out += "\n" + MarkdownReport.table(table(s.overall, title: "Overall"), level: 2)
        for team in s.teams { out += "\n" + MarkdownReport.table(table(team, title: "Team \(team.name)"), level: 2) }
        for metric in BacktestMetric.allCases { out += "\n" + MarkdownReport.table(weekTable(s, metric: metric.rawValue), level: 2) }
        out += "\n" + MarkdownReport.table(repTable(s), level: 2)
        return out
    }

    // MARK: HTML

    /// `backtest.html`: self-contained (inline CSS and SVG).
    public static func html(_ s: BacktestSummary) -> String {
        var out = """
        <section class="verdict">
        <h2>Verdict</h2>
        <ul>

        """
        for line in verdictLines(s) {
            out += line.contains("NOT consistent") || line.hasPrefix("Not consistent")
                ? "<li><strong>\(HTMLReport.inline(line))</strong></li>\n" : "<li>\(HTMLReport.inline(line))</li>\n"
        }
        out += "</ul>\n<p class=\"note\">\(HTMLReport.inline(definitions))</p>\n</section>\n"
        out += HTMLReport.table(table(s.overall, title: "Overall"))
        for team in s.teams { out += HTMLReport.table(table(team, title: "Team \(team.name)")) }
        for metric in BacktestMetric.allCases {
            out += HTMLReport.figure(id: "week-\(metric.rawValue)", title: "\(metric.rawValue) by week",
                                     svg: BacktestCharts.weeklyBand(s, metric: metric.rawValue, unit: tickUnit(metric.rawValue),
                                                                    format: { formatted(metric.rawValue, $0) }),
                                     caption: "Observed (dots) against the simulated mean (dashed) and 99% range (band), per ISO week of creation.",
                                     table: weekTable(s, metric: metric.rawValue))
        }
        out += HTMLReport.figure(id: "reps", title: "First assignments per rep", svg: BacktestCharts.repAssignments(s),
                                 caption: "Observed first assignments (dark) against the simulated mean (light bar) and 99% range (whisker).",
                                 table: repTable(s))
        return HTMLPage.render(title: title(s), meta: reproducibility(s), body: out)
    }

    // MARK: JSON

    /// `backtest.json`: every metric's observed value, simulated mean, range and verdict.
    public static func json(_ s: BacktestSummary) -> String {
        func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
        func row(_ r: BacktestSummary.Row) -> JSONValue {
            .object([JSONMember("observed", number(r.observed)), JSONMember("simulated_mean", number(r.mean)),
                     JSONMember("range", .array([number(r.low), number(r.high)])),
                     JSONMember("replications", .number(Double(r.replications))),
                     JSONMember("verdict", .string(r.judgement.rawValue)),
                     JSONMember("relative_difference", number(r.relativeDifference))])
        }
        func group(_ g: BacktestSummary.Group) -> [JSONMember] {
            [JSONMember("leads", .number(Double(g.leads)))] + g.rows.map { JSONMember($0.metric, row($0)) }
        }
        let c = s.context
        let document = JSONValue.object([
            JSONMember("scenario", .string(c.scenario)), JSONMember("rule_set", .string(c.ruleSet)),
            JSONMember("history", .string(c.history)), JSONMember("as_of", .string(Format.isoUTC(c.asOf))),
            JSONMember("replications", .number(Double(c.replications))), JSONMember("seed", .literal(String(c.seed))),
            JSONMember("tolerance", .number(c.tolerance)), JSONMember("leadsim_version", .string(c.leadsimVersion)),
            JSONMember("verdict", .string(s.isConsistent ? "consistent" : "inconsistent")),
            JSONMember("inconsistent", .array(s.inconsistencies.map { .string("\($0.group) \($0.row.metric)") })),
            JSONMember("overall", .object(group(s.overall))),
            JSONMember("teams", .object(s.teams.map { JSONMember($0.name, .object(group($0))) })),
            JSONMember("weeks", .array(s.weeks.map { .object([JSONMember("week", .string($0.name))] + group($0)) })),
            JSONMember("reps", .array(s.reps.map { rep, team, r in
                .object([JSONMember("rep", .string(rep)), JSONMember("team", .string(team)), JSONMember("assignments", row(r))])
            })),
        ])
        return document.rendered()
    }
}
