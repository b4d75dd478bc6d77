import Foundation

/// A table as both the Markdown and the HTML report show it (cells already formatted).
public struct ReportTable: Sendable {
    public var title: String
    public var note: String?
    public var header: [String]
    public var rows: [[String]]
    /// Columns holding numbers (right-aligned); the first column never is.
    public var numeric: [Bool]

    public init(title: String, note: String? = nil, header: [String], rows: [[String]], numeric: [Bool]? = nil) {
        self.title = title
        self.note = note
        self.header = header
        self.rows = rows
        self.numeric = numeric ?? header.indices.map { $0 > 0 }
    }
}

/// The words and tables of a report, shared by the Markdown and HTML renderers so the two
/// always agree with each other and with `summary.json`.
public struct ReportContent: Sendable {
    public var title: String
    /// Scenario, seed, replications, version, horizon: enough to reproduce the run.
    public var reproducibility: String
    public var verdicts: [String]
    /// One paragraph: which candidate wins on what, what it costs, what is not significant.
    public var recommendation: String?
    /// What "SLA met" and "unowned leads" count, shown beside the first numbers.
    public var definitions: String
    /// The first screen's breakdowns: speed to lead by source, and each queue with its fairness.
    public var sourceBreakdown: ReportTable
    public var queueBreakdown: ReportTable
    /// Inputs left at their defaults, sample sizes, seed and replications.
    public var assumptions: [String]
    /// Each fitted value's evidence, when `leadsim fit` wrote the scenario.
    public var fittedValues: ReportTable?
    /// The expected-meetings assumption, when the scenario models conversion.
    public var assumption: String?
    public var keyMetrics: ReportTable
    public var comparisons: [ReportTable]
    public var teams: ReportTable
    /// Per rule set: its queues (SPEC §7), then its sources.
    public var queues: [ReportTable]
    public var sources: [ReportTable]
    /// Per candidate: its sources against the baseline's, paired by replication.
    public var sourceComparisons: [ReportTable]
    public var reps: ReportTable
    public var routes: ReportTable
    /// Per rule set: what goes wrong (empty: nothing notable).
    public var whatBreaks: [(ruleSet: String, items: [String])]
    public var allMetrics: ReportTable

    /// Utilization under this is "idle", over `saturated` is "saturated".
    public static let idle = 0.05
    public static let saturated = 0.9

    public init(summary s: Summary) {
        let names = s.ruleSets.map(\.name)
        title = s.ruleSets.count > 1
            ? "leadsim: \(s.scenario), \(names[0]) vs \(names.dropFirst().joined(separator: ", "))"
            : "leadsim: \(s.scenario), \(names.first ?? "")"
        reproducibility = "Scenario `\(s.scenario)` · seed \(s.seed) · \(s.replications) replication\(s.replications == 1 ? "" : "s")"
            + " · horizon \(Format.duration(s.horizon)) after \(Format.duration(s.warmup)) warm-up from "
            + Format.localDateTime(s.countedStart, timeZone: s.timeZone) + " \(s.timeZone)"
            + " · \(Format.number(s.leadsPerReplication)) counted leads per replication · leadsim \(s.leadsimVersion)"
        verdicts = Verdict.lines(for: s)
        recommendation = Recommendation.paragraph(for: s)
        definitions = Self.definitions(s)
        sourceBreakdown = Self.sourceBreakdown(s)
        queueBreakdown = Self.queueBreakdown(s)
        assumptions = Self.assumptionLines(s)
        fittedValues = s.fitted.map(Self.fittedValues)
        if let c = s.conversion {
            assumption = "Expected meetings assume a touched lead converts with probability \(Format.percent(c.base))"
                + " × ½^(first touch ÷ \(Format.duration(c.halfLife))): \(Format.percent(c.base)) when touched at once,"
                + " half that after \(Format.duration(c.halfLife)); untouched leads never convert."
        }

        func cell(_ m: MetricEstimate?) -> String {
            guard let m, let mean = m.mean else { return "–" }
            let info = MetricCatalog.info(m.name)
            guard let ci = m.ci95, m.count > 1, ci.upper > ci.lower else { return info.format(mean) }
            return "\(info.format(mean)) (\(info.format(ci.lower)) – \(info.format(ci.upper)))"
        }

        let keyNames = s.headline + MetricCatalog.keyMetrics.filter { !s.headline.contains($0) }
        let present = keyNames.filter { name in s.ruleSets.contains { $0.metric(name) != nil } }
        keyMetrics = ReportTable(
            title: "Key metrics", note: "Mean over replications (95% CI).",
            header: ["metric"] + names,
            rows: present.map { name in
                var label = MetricCatalog.info(name).label
                if name == "expected_meetings", let c = s.conversion {
                    label += " (assumes \(Format.percent(c.base)) conversion, halving every \(Format.duration(c.halfLife)) of first-touch delay)"
                }
                return [label] + s.ruleSets.map { cell($0.metric(name)) }
            })

        comparisons = s.comparisons.map { c in
            ReportTable(
                title: "\(c.candidate) vs \(c.baseline)",
                note: "Paired by replication (common random numbers): difference candidate − baseline with its 95% CI.",
                header: ["metric", c.baseline, c.candidate, "difference", "95% CI", "verdict"],
                rows: keyNames.compactMap { c.metrics[metric: $0] }.map { Self.comparisonRow($0) },
                numeric: [false, true, true, true, true, false])
        }

        let teamColumns = ["leads", "reps", "ttft_p50_s", "ttft_p90_s", "sla_met_rate", "unowned_rate", "load_gini", "utilization"]
        var teamRows: [[String]] = []
        for teamIndex in (s.ruleSets.first?.teams ?? []).indices {
            for rs in s.ruleSets where teamIndex < rs.teams.count {
                let team = rs.teams[teamIndex]
                teamRows.append([team.name, rs.name] + teamColumns.map { name in
                    MetricCatalog.info(name).format(team.metric(name)?.mean)
                })
            }
        }
        teams = ReportTable(
            title: "Teams", note: "A lead counts for the team of the last queue it was in; for a queue spanning several teams, its owner's team. Means over replications.",
            header: ["team", "rule set"] + teamColumns.map { MetricCatalog.info($0).label },
            rows: teamRows, numeric: [false, false] + teamColumns.map { _ in true })

        queues = s.ruleSets.map { rs in
            Self.groupTable(title: Self.multiTitle("Queues", rs, s), rs: rs, group: "queue", groups: rs.queues, columns: MetricCatalog.queueColumns,
                            overall: "(all leads, all reps)",
                            note: "Counted leads by the queue routing sent them to (before overflow, escalation or"
                                + " reassignment); leads routed to an account owner are in no queue. Load Gini: among the"
                                + " queue's members, of their assignments from the queue; the last row is the rule set's"
                                + " overall figures. Automated queues count leads only. Means over replications.")
        }
        sources = s.ruleSets.map { rs in
            Self.groupTable(title: Self.multiTitle("Sources", rs, s), rs: rs, group: "source", groups: rs.sources, columns: MetricCatalog.sourceColumns,
                            overall: "(all sources)",
                            note: "Counted leads by source; rates over its leads not sent to an automated queue."
                                + " Means over replications.")
        }
        sourceComparisons = s.ruleSets.dropFirst().map { candidate in
            let baseline = s.ruleSets[0]
            var rows: [[String]] = []
            for source in candidate.sources {
                guard let base = baseline.sources.first(where: { $0.name == source.name }) else { continue }
                for name in MetricCatalog.sourceColumns where name != "leads" {
                    guard let b = base.metric(name), let c = source.metric(name) else { continue }
                    rows.append([source.name] + Self.comparisonRow(MetricDifference(baseline: b, candidate: c)))
                }
            }
            return ReportTable(
                title: "Sources: \(candidate.name) vs \(baseline.name)",
                note: "Each source's leads under both rule sets, paired by replication: difference candidate − baseline"
                    + " with its 95% CI.",
                header: ["source", "metric", baseline.name, candidate.name, "difference", "95% CI", "verdict"],
                rows: rows, numeric: [false, false, true, true, true, true, false])
        }

        let repRows = (s.ruleSets.first?.reps ?? []).indices.map { i in
            [s.ruleSets[0].reps[i].name, s.ruleSets[0].reps[i].team]
                + s.ruleSets.map { Format.number($0.reps[i].assignments.mean) }
                + s.ruleSets.map { Format.percent($0.reps[i].utilization.mean) }
        }
        let multi = s.ruleSets.count > 1
        reps = ReportTable(
            title: "Reps", note: "Assignments of counted leads per replication (reassignments included) and utilization"
                + " (time-average open leads ÷ open capacity).",
            header: ["rep", "team"] + names.map { multi ? "assignments, \($0)" : "assignments" }
                + names.map { multi ? "utilization, \($0)" : "utilization" },
            rows: repRows, numeric: [false, false] + names.flatMap { _ in [true, true] })

        var routeRows: [[String]] = []
        for rs in s.ruleSets {
            let leads = rs.metric("leads")?.mean ?? 0
            for route in rs.routes {
                let share = leads > 0 ? (route.hits.mean ?? 0) / leads : nil
                routeRows.append([route.name, rs.name, route.destination, cell(route.hits), Format.percent(share),
                                  route.neverHit ? "never hit" : ""])
            }
        }
        routes = ReportTable(
            title: "Routes", note: "Counted leads per replication whose routing matched each route (first match wins).",
            header: ["route", "rule set", "to", "hits (95% CI)", "share", "flag"],
            rows: routeRows, numeric: [false, false, false, true, true, false])

        whatBreaks = Self.whatBreaks(s)

        let allNames = s.ruleSets.first?.metrics.map(\.name) ?? []
        allMetrics = ReportTable(
            title: "All metrics", note: "Every metric of `summary.json`: mean over replications (95% CI).",
            header: ["metric", "name"] + names,
            rows: allNames.map { name in
                [MetricCatalog.info(name).label, "`\(name)`"] + s.ruleSets.map { cell($0.metric(name)) }
            }, numeric: [false, false] + names.map { _ in true })
    }

    /// A comparison table's cells for one metric: label, baseline, candidate, difference, CI, verdict.
    static func comparisonRow(_ d: MetricDifference) -> [String] {
        let info = MetricCatalog.info(d.name)
        let ci = d.ci95.map { "\(info.formatDifference($0.lower)) … \(info.formatDifference($0.upper))" } ?? "–"
        return [info.label, info.format(d.baseline), info.format(d.candidate), info.formatDifference(d.diff), ci,
                judgement(d, info)]
    }

    /// "Queues" for a lone rule set, "Queues: NAME" beside others.
    private static func multiTitle(_ title: String, _ rs: RuleSetSummary, _ s: Summary) -> String {
        s.ruleSets.count > 1 ? "\(title): \(rs.name)" : title
    }

    /// One row per group (a queue or a source) with the means of `columns`, then the rule set's
    /// overall means of the same metrics.
    static func groupTable(title: String, rs: RuleSetSummary, group kind: String, groups: [GroupSummary], columns: [String],
                           overall: String, note: String) -> ReportTable {
        let rows = groups.map { group in
            [group.automated ? "\(group.name) (automated)" : group.name] + columns.map { name in
                MetricCatalog.info(name).format(group.metric(name)?.mean)
            }
        } + [[overall] + columns.map { MetricCatalog.info($0).format(rs.metric($0)?.mean) }]
        return ReportTable(title: title, note: note, header: [kind]
                           + columns.map { MetricCatalog.info($0).label }, rows: rows)
    }

    static func judgement(_ d: MetricDifference, _ info: MetricInfo) -> String {
        guard let diff = d.diff else { return "" }
        guard d.significant else { return "not significant" }
        switch info.better {
        case .lower: return diff < 0 ? "better" : "worse"
        case .higher: return diff > 0 ? "better" : "worse"
        case .neither: return diff < 0 ? "lower" : "higher"
        }
    }

    /// Where the rule sets leave leads behind, and where reps or hours are the bottleneck.
    static func whatBreaks(_ s: Summary) -> [(ruleSet: String, items: [String])] {
        var lines: [(ruleSet: String, items: [String])] = []
        let losses: [(String, String)] = [
            ("dropped", "dropped after waiting the queue's `max_wait`"),
            ("cold", "gone cold (not touched within the lead's patience)"),
            ("unrouted", "unrouted (no route matched and no fallback)"),
            ("stale", "held by an account owner who has left"),
        ]
        for rs in s.ruleSets {
            let leads = rs.metric("leads")?.mean ?? 0
            var found: [String] = []
            for (outcome, words) in losses {
                guard let m = rs.outcomes[metric: outcome], let mean = m.mean, mean > 0 else { continue }
                found.append("\(Format.percent(leads > 0 ? mean / leads : nil)) of leads \(words): \(Format.number(mean)) per replication")
            }
            if let never = rs.metric("never_owned_rate")?.mean, never > 0 {
                found.append("\(Format.percent(never)) of human-bound leads never had an owner")
            }
            if let untouched = rs.metric("never_touched")?.mean, untouched > 0 {
                found.append("\(Format.number(untouched)) leads per replication never touched by the end of the run")
            }
            let idleReps = rs.reps.filter { ($0.utilization.mean ?? 0) < Self.idle }
            let busyReps = rs.reps.filter { ($0.utilization.mean ?? 0) > Self.saturated }
            if !idleReps.isEmpty {
                found.append("idle reps (utilization under \(Format.percent(Self.idle))): " + Self.list(idleReps.map {
                    "\($0.name) \(Format.percent($0.utilization.mean))"
                }))
            }
            if !busyReps.isEmpty {
                found.append("saturated reps (utilization over \(Format.percent(Self.saturated))): " + Self.list(busyReps.map {
                    "\($0.name) \(Format.percent($0.utilization.mean))"
                }))
            }
            let neverHit = rs.routes.filter(\.neverHit).map(\.name)
            if !neverHit.isEmpty { found.append("routes never hit: " + Self.list(neverHit)) }
            for window in waitingWindows(rs, occurrences: s.hourOfWeekOccurrences).prefix(3) {
                found.append(window)
            }
            lines.append((rs.name, found))
        }
        return lines
    }

    static func list(_ items: [String]) -> String {
        items.count <= 8 ? items.joined(separator: ", ") : items.prefix(8).joined(separator: ", ") + " and \(items.count - 8) more"
    }

    /// Hours of the week where most arriving leads find nobody eligible, grouped into ranges,
    /// largest first: "Fri 18:00–Mon 09:00: 42 leads a week arrive and wait (95% of arrivals then)".
    static func waitingWindows(_ rs: RuleSetSummary, occurrences: [Int]) -> [String] {
        let hours = rs.hourOfWeek
        guard hours.count == 168 else { return [] }
        func waits(_ h: Int) -> Bool {
            let p = hours[h]
            return occurrences[h] > 0 && p.arrivals > 0 && p.waitedOnArrival >= 0.5 * p.arrivals
        }
        // Start scanning after an hour that does not wait, so ranges wrapping the week stay whole.
        guard let calm = (0..<168).first(where: { !waits($0) }) else {
            let total = hours.reduce(0) { $0 + $1.waitedOnArrival }
            return total > 0 ? ["every hour of the week: \(Format.number(total)) leads a week arrive and wait"] : []
        }
        var ranges: [(start: Int, end: Int, waited: Double, arrived: Double)] = []
        var h = calm + 1
        while h < calm + 1 + 168 {
            guard waits(h % 168) else { h += 1; continue }
            let start = h
            var waited = 0.0, arrived = 0.0
            while h < calm + 1 + 168 && waits(h % 168) {
                waited += hours[h % 168].waitedOnArrival
                arrived += hours[h % 168].arrivals
                h += 1
            }
            ranges.append((start % 168, start % 168 + (h - start), waited, arrived))
        }
        return ranges.filter { $0.waited >= 0.5 }.sorted { $0.waited > $1.waited }.map { r in
            "\(HourOfWeek.rangeLabel(r.start, r.end)): \(Format.number(r.waited)) leads a week arrive and wait"
                + " for a rep (\(Format.percent(r.waited / r.arrived)) of arrivals then)"
        }
    }
}
