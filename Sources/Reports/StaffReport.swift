import Foundation
import Staffing
import Statistics
import TextFormats

/// The reports of `leadsim staff`: a table of every headcount tried, the answer, the Erlang C
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

    /// The answer in one or two sentences.
    public var verdict: String {
        let team = answer.team
        let goals = answer.targets.map(\.text).joined(separator: ", ")
        guard let safe = answer.safeHeadcount else {
            if let mean = answer.meanHeadcount {
                return "\(team) meets \(goals) on average from \(mean) reps, but no headcount in \(range.lowerBound)…\(range.upperBound) meets them with 95% confidence."
            }
            let best = answer.results.last!
            let gaps = zip(answer.targets, best.estimates).filter { !$0.isMet(by: $1.mean) }.map { target, estimate in
                "\(target.metric) \(Self.show(estimate.mean, metric: target.metric)) vs \(target.comparison.rawValue) \(Self.show(target.value, metric: target.metric)) (short by \(Self.show(target.shortfall(estimate.mean), metric: target.metric)))"
            }
            return "No headcount in \(range.lowerBound)…\(range.upperBound) meets \(goals). At \(best.headcount) reps: " + gaps.joined(separator: "; ") + "."
        }
        var text = "\(team) needs \(safe) reps to meet \(goals) with 95% confidence"
        if let mean = answer.meanHeadcount, mean < safe { text += " (\(mean) meet them on average)" }
        text += "."
        if let reps = answer.erlang?.reps { text += " Erlang C estimate: \(reps) reps." }
        return text
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
        out += "## Headcounts\n\n| reps | " + answer.targets.map(\.text).joined(separator: " | ") + " | result |\n"
        out += "|---:|" + answer.targets.map { _ in "---:|" }.joined() + ":---|\n"
        for result in answer.results {
            out += "| \(result.headcount) | " + zip(result.estimates, answer.targets).map { cell($0, $1) }.joined(separator: " | ")
                + " | \(mark(result)) |\n"
        }
        if let erlang = answer.erlang {
            out += "\n## Erlang C cross-check\n\n"
            out += "Measured for \(answer.team): \(String(format: "%.1f", erlang.load.arrivalsPerHour)) leads/hour, a lead holds a slot for \(Format.duration(erlang.load.holdingTime)) on average, "
            out += "\(Format.number(erlang.load.slotsPerRep)) slots per rep, reps on shift \(Format.percent(erlang.load.onShiftShare)) of the time.\n\n"
            out += "Target used: \(erlang.basis). Erlang C needs \(erlang.slots.map(String.init) ?? "more than 100,000") slots"
            out += erlang.reps.map { " = \($0) reps on shift." } ?? "."
            out += "\n\n\(erlang.caveat)\n"
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
        if let erlang = answer.erlang {
            members.append(JSONMember("erlang_c", .object([
                JSONMember("arrivals_per_hour", .number(erlang.load.arrivalsPerHour)),
                JSONMember("holding_time_s", .number(erlang.load.holdingTime)),
                JSONMember("slots_per_rep", .number(erlang.load.slotsPerRep)),
                JSONMember("on_shift_share", .number(erlang.load.onShiftShare)),
                JSONMember("basis", .string(erlang.basis)),
                JSONMember("slots", erlang.slots.map { .number(Double($0)) } ?? .null),
                JSONMember("reps", erlang.reps.map { .number(Double($0)) } ?? .null),
            ])))
        }
        return .object(members)
    }

    // MARK: HTML

    /// One chart per target: the metric's mean against headcount with its 95% CI band and the target line.
    func chart(_ t: Int) -> String {
        let target = answer.targets[t]
        let points = answer.results.map { ($0.headcount, $0.estimates[t]) }.filter { $0.1.mean.isFinite }
        let width = 640.0, height = 280.0, left = 70.0, right = 20.0, top = 34.0, bottom = 44.0
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
        svg += SVG.legend(["mean (95% CI band)"], x: left, y: top - 2, dashed: [("target \(target.text)", SVG.color(5))])
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
            title: "Headcounts", header: ["reps"] + answer.targets.map(\.text) + ["result"],
            rows: answer.results.map { result in
                [String(result.headcount)] + zip(result.estimates, answer.targets).map { cell($0, $1) } + [mark(result)]
            }))
        if let erlang = answer.erlang {
            body += "<section>\n<h2>Erlang C cross-check</h2>\n<p>Measured for \(SVG.escape(answer.team)):"
                + " \(String(format: "%.1f", erlang.load.arrivalsPerHour)) leads/hour, a lead holds a slot for"
                + " \(Format.duration(erlang.load.holdingTime)) on average, \(Format.number(erlang.load.slotsPerRep)) slots per rep,"
                + " reps on shift \(Format.percent(erlang.load.onShiftShare)) of the time.</p>\n"
                + "<p>Target used: \(SVG.escape(erlang.basis)). Erlang C needs \(erlang.slots.map(String.init) ?? "more than 100,000") slots"
                + (erlang.reps.map { " = \($0) reps on shift" } ?? "") + ".</p>\n<p class=\"note\">\(SVG.escape(erlang.caveat))</p>\n</section>\n"
        }
        return HTMLPage.render(title: "leadsim staff: \(answer.team) in \(scenario) with \(ruleSet)", meta: meta, body: body)
    }

    /// "p90 first touch by headcount (sdr)": the metric as people say it.
    static func chartTitle(_ metric: String, team: String) -> String {
        "\(MetricCatalog.info(metric).label) by headcount (\(team))"
    }
}
