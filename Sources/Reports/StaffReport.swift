import Foundation
import Staffing
import Statistics
import TextFormats

/// The reports of `leadsim staff`: a table of every headcount tried (rostered and productive), the answer, the Erlang C or A
/// cross-check, and a chart of each target metric against headcount (CI band, target line).
public struct StaffReport: Sendable {
    public var answer: StaffingAnswer
    public var scenario: String
    public var ruleSet: String
    public var seed: UInt64
    public var replications: Int
    public var range: ClosedRange<Int>
    public var hireDate: String?
    public var version: String

    public init(answer: StaffingAnswer, scenario: String, ruleSet: String, seed: UInt64, replications: Int,
                range: ClosedRange<Int>, hireDate: String?, version: String) {
        self.answer = answer
        self.scenario = scenario
        self.ruleSet = ruleSet
        self.seed = seed
        self.replications = replications
        self.range = range
        self.hireDate = hireDate
        self.version = version
    }

    /// A target's value as people read it.
    static func show(_ value: Double, metric: String) -> String {
        if metric.hasSuffix("_s") { return Format.duration(value) }
        if metric.hasSuffix("_rate") || metric == "utilization" { return Format.percent(value) }
        return Format.number(value)
    }

    /// A target as people say it: `SLA met ≥ 70%` for `sla_met_rate>=70%`, `p90 first touch
    /// (whole run) ≤ 1d` for `overall.ttft_p90<=1d`.
    static func label(_ target: StaffingTarget) -> String {
        let sign = target.comparison == .atMost ? "≤" : "≥"
        return MetricCatalog.info(target.metric).label + (target.overall ? " (whole run)" : "")
            + " \(sign) \(show(target.value, metric: target.metric))"
    }

    /// The answer in one or two sentences.
    public var verdict: String {
        let team = answer.team
        let labels = answer.targets.map(Self.label)
        let goals = labels.count > 1 ? labels.dropLast().joined(separator: ", ") + " and " + labels.last! : labels.joined()
        guard let safe = answer.safeHeadcount else {
            if let mean = answer.meanHeadcount {
                return "\(team) meets \(goals) on average from \(mean) reps, but no headcount in \(range.lowerBound)…\(range.upperBound) meets them with 95% confidence."
            }
            let best = answer.results.last!
            let gaps = zip(answer.targets, best.estimates).filter { !$0.isMet(by: $1.mean) }.map { target, estimate in
                "\(MetricCatalog.info(target.metric).label) \(Self.show(estimate.mean, metric: target.metric)) vs \(target.comparison == .atMost ? "≤" : "≥") \(Self.show(target.value, metric: target.metric)) (short by \(Self.show(target.shortfall(estimate.mean), metric: target.metric)))"
            }
            var text = "No headcount in \(range.lowerBound)…\(range.upperBound) meets \(goals). At \(best.headcount) reps: " + gaps.joined(separator: "; ") + "."
            for gap in answer.gaps where gap.explainsMiss { text += " " + Self.sentence(gap) }
            return text
        }
        var text = "\(team) needs \(safe) reps" + fte(safe) + " to meet \(goals) with 95% confidence"
        if let mean = answer.meanHeadcount, mean < safe { text += " (\(mean) meet them on average)" }
        text += "."
        if let erlang = answer.erlang, let reps = erlang.reps {
            let partial = erlang.checks.contains { !$0.hasClosedForm } ? " for the targets with a closed form" : ""
            text += " \(erlang.models.map(\.rawValue).joined(separator: " and ")) estimate\(partial): \(reps) reps."
        }
        return text
    }

    /// ` (7.2 productive FTE at 20% shrinkage)`, or nothing without shrinkage.
    func fte(_ reps: Int) -> String {
        answer.shrinkage > 0 ? " (\(Format.number(Double(reps) * (1 - answer.shrinkage))) productive FTE at \(Format.percent(answer.shrinkage)) shrinkage)" : ""
    }

    /// Why a TTFT target cannot be met: the hours whose leads wait for the next shift, and what would meet it.
    static func sentence(_ gap: CoverageGap) -> String {
        let hours = gap.runs.map { HourOfWeek.rangeLabel($0.first, $0.end) }.joined(separator: ", ")
        let allowed = gap.allowedShare > 0 ? "more than the \(Format.percent(gap.allowedShare)) \(gap.target) lets miss" : "and \(gap.target) lets none miss"
        return "Leads arriving \(hours) (\(gap.timeZone)) — \(Format.percent(gap.arrivalShare)) of leads, \(allowed) — wait up to "
            + "\(Format.duration(gap.longestWait)) for the next shift of any rep of the team, whatever the headcount; "
            + "meeting \(gap.target) takes a rep on shift in those hours (coverage within \(Format.duration(gap.limit)) of every arrival)."
    }

    func cell(_ estimate: Estimate, _ target: StaffingTarget) -> String {
        "\(Self.show(estimate.mean, metric: target.metric)) (\(Self.show(estimate.ci95[0], metric: target.metric)) – \(Self.show(estimate.ci95[1], metric: target.metric)))"
    }

    func mark(_ result: HeadcountResult) -> String {
        result.meetsSafely ? "meets (95% CI)" : result.meetsOnAverage ? "on average only" : "misses"
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# leadsim staff: \(answer.team) in \(scenario) with \(ruleSet)\n\n"
        out += "Scenario `\(scenario)` · rule set `\(ruleSet)` · seed \(seed) · \(replications) replications · headcounts \(range.lowerBound)…\(range.upperBound)"
        if let hireDate { out += " · added reps start \(hireDate)" }
        out += " · leadsim \(version)\n\n"
        out += "## Answer\n\n\(verdict)\n\n"
        out += "Safe answer: every target's 95% CI lies inside the target. All headcounts run the same leads (common random numbers)"
        out += answer.searched ? "; the range was searched by bisection, with every headcount around the answer run.\n\n" : ".\n\n"
        if !answer.nonMonotone.isEmpty {
            out += "**Not monotone:** at \(answer.nonMonotone.map(String.init).joined(separator: ", ")) reps a target got worse than with fewer reps (beyond noise); check schedules and caps.\n\n"
        }
        out += "## Headcounts\n\n"
        out += "Rostered reps are the team's headcount; productive FTE = rostered × (1 − shrinkage), shrinkage "
            + "\(Format.percent(answer.shrinkage)) (simulated: each on-shift half-hour of a rep is out with that probability).\n\n"
        out += "| reps | productive FTE | " + answer.targets.map(Self.label).joined(separator: " | ") + " | result |\n"
        out += "|---:|---:|" + answer.targets.map { _ in "---:|" }.joined() + ":---|\n"
        for result in answer.results {
            out += "| \(result.headcount) | \(Format.number(result.productive)) | " + zip(result.estimates, answer.targets).map { cell($0, $1) }.joined(separator: " | ")
                + " | \(mark(result)) |\n"
        }
        if !answer.gaps.isEmpty {
            out += "\n## Why no headcount meets the targets\n\n"
            for gap in answer.gaps { out += "- " + Self.sentence(gap) + (gap.explainsMiss ? "" : " (Those leads alone are within what the target lets miss.)") + "\n" }
        }
        if let erlang = answer.erlang {
            out += "\n## Erlang cross-check\n\n"
            out += measured(erlang) + "\n\n"
            out += "| target | model | computed | slots | reps on roster |\n|:---|:---|:---|---:|---:|\n"
            for check in erlang.checks {
                out += "| \(checkLabel(check)) | \(check.model?.rawValue ?? "—") | \(check.basis) | "
                    + (check.hasClosedForm ? check.slots.map(String.init) ?? "more than 100,000" : "—") + " | "
                    + (check.reps.map { "\($0)" + fte($0) } ?? "—") + " |\n"
            }
            out += "\n\(erlang.caveat)\n"
        }
        return out
    }

    // MARK: JSON

    public func json() -> JSONValue {
        func estimate(_ e: Estimate) -> JSONValue {
            .object([JSONMember("mean", .number(e.mean)), JSONMember("ci95", .array(e.ci95.map { .number($0) }))])
        }
        var members: [JSONMember] = [
            JSONMember("scenario", .string(scenario)), JSONMember("ruleset", .string(ruleSet)),
            JSONMember("team", .string(answer.team)), JSONMember("seed", .number(Double(seed))),
            JSONMember("replications", .number(Double(replications))),
            JSONMember("range", .array([.number(Double(range.lowerBound)), .number(Double(range.upperBound))])),
            JSONMember("hire_date", hireDate.map { .string($0) } ?? .null),
            JSONMember("leadsim_version", .string(version)),
            JSONMember("targets", .array(answer.targets.map { t in
                .object([JSONMember("text", .string(t.text)), JSONMember("metric", .string(t.metric)),
                         JSONMember("comparison", .string(t.comparison.rawValue)), JSONMember("value", .number(t.value)),
                         JSONMember("scope", .string(t.overall ? "overall" : "team"))])
            })),
            JSONMember("safe_headcount", answer.safeHeadcount.map { .number(Double($0)) } ?? .null),
            JSONMember("mean_headcount", answer.meanHeadcount.map { .number(Double($0)) } ?? .null),
            JSONMember("searched", .bool(answer.searched)),
            JSONMember("non_monotone", .array(answer.nonMonotone.map { .number(Double($0)) })),
            JSONMember("headcounts", .array(answer.results.map { r in
                .object([JSONMember("reps", .number(Double(r.headcount))),
                         JSONMember("meets_safely", .bool(r.meetsSafely)), JSONMember("meets_on_average", .bool(r.meetsOnAverage)),
                         JSONMember("metrics", .object(zip(answer.targets, r.estimates).map { JSONMember($0.metric, estimate($1)) }))])
            })),
        ]
        members.append(JSONMember("shrinkage", .number(answer.shrinkage)))
        members.append(JSONMember("safe_productive_fte", answer.safeHeadcount.map { .number(Double($0) * (1 - answer.shrinkage)) } ?? .null))
        members.append(JSONMember("coverage_gaps", .array(answer.gaps.map { gap in
            .object([JSONMember("target", .string(gap.target)), JSONMember("limit_s", .number(gap.limit)),
                     JSONMember("time_zone", .string(gap.timeZone)),
                     JSONMember("hours", .array(gap.runs.map { .string(HourOfWeek.rangeLabel($0.first, $0.end)) })),
                     JSONMember("longest_wait_s", .number(gap.longestWait)), JSONMember("arrival_share", .number(gap.arrivalShare)),
                     JSONMember("allowed_share", .number(gap.allowedShare)), JSONMember("explains_miss", .bool(gap.explainsMiss))])
        })))
        if let erlang = answer.erlang {
            members.append(JSONMember("erlang_c", .object([
                JSONMember("arrivals_per_hour", .number(erlang.load.arrivalsPerHour)),
                JSONMember("holding_time_s", .number(erlang.load.holdingTime)),
                JSONMember("slots_per_rep", .number(erlang.load.slotsPerRep)),
                JSONMember("on_shift_share", .number(erlang.load.onShiftShare)),
                JSONMember("abandonment_rate_per_s", .number(erlang.abandonmentRate)),
                JSONMember("slots", erlang.slots.map { .number(Double($0)) } ?? .null),
                JSONMember("reps", erlang.reps.map { .number(Double($0)) } ?? .null),
                JSONMember("targets", .array(erlang.checks.map { check in
                    .object([JSONMember("target", .string(check.target)),
                             JSONMember("model", check.model.map { .string($0.rawValue) } ?? .null),
                             JSONMember("basis", .string(check.basis)),
                             JSONMember("slots", check.slots.map { .number(Double($0)) } ?? .null),
                             JSONMember("reps", check.reps.map { .number(Double($0)) } ?? .null)])
                })),
            ])))
        }
        return .object(members)
    }

    // MARK: HTML

    /// One chart per target: the metric's mean against headcount with its 95% CI band and the target line.
    func chart(_ t: Int) -> String {
        let target = answer.targets[t]
        let points = answer.results.map { ($0.headcount, $0.estimates[t]) }.filter { $0.1.mean.isFinite }
        // The title, then the legend on its own line above the plot (never on the top gridline).
        let width = 640.0, height = 290.0, left = 70.0, right = 20.0, top = 50.0, bottom = 44.0
        let xs = points.map { Double($0.0) }
        let (xMin, xMax) = (xs.min() ?? 0, max((xs.max() ?? 1), (xs.min() ?? 0) + 1))
        let values = points.flatMap { [$0.1.ci95[0], $0.1.ci95[1]] }.filter(\.isFinite) + [target.value]
        let isDuration = MetricCatalog.info(target.metric).kind == .duration
        let ticks = isDuration ? SVG.durationTicks(upTo: max(values.max() ?? 1, 1e-9))
            : SVG.ticks(upTo: max(values.max() ?? 1, 1e-9))
        let yMax = ticks.last ?? 1
        func x(_ v: Double) -> Double { left + (v - xMin) / (xMax - xMin) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - min(max(v, 0), yMax) / yMax) * (height - top - bottom) }
        let title = Self.chartTitle(target.metric, team: answer.team)
        var svg = SVG.open(width: width, height: height, title: title)
        svg += SVG.text(width / 2, 18, title, size: 13, extra: " font-weight=\"600\"")
        for tick in ticks {
            svg += SVG.line(left, y(tick), width - right, y(tick), stroke: "#e5e5e5")
            svg += SVG.text(left - 6, y(tick) + 4, Self.show(tick, metric: target.metric), anchor: "end", size: 10)
        }
        for (n, _) in points {
            svg += SVG.text(x(Double(n)), height - bottom + 16, String(n), size: 10)
        }
        svg += SVG.text((left + width - right) / 2, height - 8, "reps in \(answer.team)", size: 11)
        if points.count > 1 {
            let upper = points.map { "\(SVG.n(x(Double($0.0)))),\(SVG.n(y($0.1.ci95[1])))" }
            let lower = points.reversed().map { "\(SVG.n(x(Double($0.0)))),\(SVG.n(y($0.1.ci95[0])))" }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(SVG.color(0))\" fill-opacity=\"0.18\"/>"
            svg += "<polyline points=\"\(points.map { "\(SVG.n(x(Double($0.0)))),\(SVG.n(y($0.1.mean)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(SVG.color(0))\" stroke-width=\"2\"/>"
        }
        for (n, e) in points {
            svg += "<circle cx=\"\(SVG.n(x(Double(n))))\" cy=\"\(SVG.n(y(e.mean)))\" r=\"3\" fill=\"\(SVG.color(0))\"/>"
        }
        svg += SVG.line(left, y(target.value), width - right, y(target.value), stroke: SVG.color(5),
                        extra: " stroke-width=\"2\" stroke-dasharray=\"5 3\"")
        svg += SVG.legend(["mean (95% CI band)"], x: left, y: 38, dashed: [("target: \(Self.label(target))", SVG.color(5))])
        return svg + "</svg>"
    }

    /// `staff.html` on the shared page frame (`HTMLPage`): the answer, one chart per target, the
    /// headcount table and the Erlang C cross-check with the load it was measured on.
    public func html() -> String {
        var meta = "Scenario `\(scenario)` · rule set `\(ruleSet)` · seed \(seed) · \(replications) replications"
            + " · headcounts \(range.lowerBound)…\(range.upperBound)"
        if let hireDate { meta += " · added reps start \(hireDate)" }
        meta += " · leadsim \(version)"
        var body = "<section class=\"verdict\"><h2>Answer</h2><p>\(HTMLReport.inline(verdict))</p></section>\n"
        for t in answer.targets.indices {
            body += "<div class=\"narrow\">" + HTMLReport.figure(id: "target-\(t)", title: Self.chartTitle(answer.targets[t].metric, team: answer.team), svg: chart(t),
                                      caption: "Mean over replications with its 95% confidence band; dashed: the target.", table: nil) + "</div>\n"
        }
        body += HTMLReport.table(ReportTable(
            title: "Headcounts", header: ["reps"] + answer.targets.map(Self.label) + ["result"],
            rows: answer.results.map { result in
                ["\(result.headcount) (\(Format.number(result.productive)) FTE)"]
                    + zip(result.estimates, answer.targets).map { cell($0, $1) } + [mark(result)]
            }, numeric: [false] + answer.targets.map { _ in true } + [false]))
        if !answer.gaps.isEmpty {
            body += "<h2>Why no headcount meets the targets</h2><ul>" + answer.gaps.map { "<li>\(SVG.escape(Self.sentence($0)))</li>" }.joined() + "</ul>"
        }
        if let erlang = answer.erlang {
            body += "<section>\n<h2>Erlang cross-check</h2>\n<p>\(HTMLReport.inline(measured(erlang)))</p>\n"
            body += HTMLReport.table(ReportTable(
                title: "Erlang cross-check", header: ["target", "model", "computed", "slots", "reps on roster"],
                rows: erlang.checks.map { check in
                    [checkLabel(check), check.model?.rawValue ?? "—", check.basis,
                     check.hasClosedForm ? check.slots.map(String.init) ?? "more than 100,000" : "—",
                     check.reps.map { "\($0)" + fte($0) } ?? "—"]
                }, numeric: [false, false, false, true, true]), heading: false)
            body += "<p class=\"note\">\(SVG.escape(erlang.caveat))</p>\n</section>\n"
        }
        return HTMLPage.render(title: "leadsim staff: \(answer.team) in \(scenario) with \(ruleSet)", meta: meta, body: body)
    }

    /// The load the Erlang cross-check was computed on, one sentence for both reports.
    func measured(_ erlang: ErlangEstimate) -> String {
        "Measured for \(answer.team): \(String(format: "%.1f", erlang.load.arrivalsPerHour)) leads/hour, a lead holds a slot for"
            + " \(Format.duration(erlang.load.holdingTime)) on average, \(Format.number(erlang.load.slotsPerRep)) slots per rep,"
            + " reps on shift and available \(Format.percent(erlang.load.onShiftShare)) of the time"
            + (erlang.abandonmentRate > 0 ? ", mean patience \(Format.duration(1 / erlang.abandonmentRate)) (Erlang A)." : ", no patience (Erlang C).")
    }

    /// A cross-check row's target as people say it (its text as given when it is not one of the answer's).
    func checkLabel(_ check: ErlangTargetCheck) -> String {
        answer.targets.first { $0.text == check.target }.map(Self.label) ?? check.target
    }

    /// "p90 first touch by headcount (sdr)": the metric as people say it.
    static func chartTitle(_ metric: String, team: String) -> String {
        "\(MetricCatalog.info(metric).label) by headcount (\(team))"
    }
}
