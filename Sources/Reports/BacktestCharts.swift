import Foundation

/// The backtest report's charts as inline SVG: weekly observed values against the simulated
/// band, and per-rep observed against simulated first assignments.
enum BacktestCharts {
    static let width = Charts.width
    static let left = Charts.left
    static let right = Charts.right
    static let top = Charts.top

    /// One metric by ISO week: the simulated 99% range as a band, its mean dashed, the observed
    /// values as dots joined by a line.
    ///
    /// - Parameter unit: ticks are round multiples of it (durations: a minute or an hour).
    static func weeklyBand(_ s: BacktestSummary, metric: String, unit: (Double) -> Double = { _ in 1 },
                           format: (Double) -> String) -> String {
        let title = "\(metric) by week: observed against the simulated 99% range"
        let points = s.weeks.map { week in week.rows.first { $0.metric == metric } }
        let values = points.flatMap { [$0?.observed, $0?.high].compactMap { $0 } }
        guard !s.weeks.isEmpty, let maximum = values.max() else {
            return SVG.open(width: width, height: 80, title: title) + SVG.text(width / 2, 40, "No week has a value.") + "</svg>"
        }
        let height = 300.0, bottom = 64.0
        let plotW = width - left - right, plotH = height - top - bottom
        let scale = unit(maximum)
        let ticks = SVG.ticks(upTo: maximum / scale).map { $0 * scale }
        let topValue = max(ticks.last ?? 1, 1e-9)
        let step = plotW / Double(max(1, s.weeks.count))
        func x(_ w: Int) -> Double { left + (Double(w) + 0.5) * step }
        func y(_ v: Double) -> Double { top + (1 - v / topValue) * plotH }
        var out = SVG.open(width: width, height: height, title: title)
        out += SVG.valueGrid(ticks, y: y, left: left, width: plotW, size: 10, label: format)
        // The band, one polygon per run of consecutive weeks that have a range.
        var run: [Int] = []
        func closeRun() {
            guard !run.isEmpty else { return }
            let upper = run.map { "\(SVG.n(x($0))),\(SVG.n(y(points[$0]!.high!)))" }
            let lower = run.reversed().map { "\(SVG.n(x($0))),\(SVG.n(y(points[$0]!.low!)))" }
            out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(SVG.color(0))\" fill-opacity=\"0.18\" stroke=\"none\"/>"
            let mean = run.map { "\(SVG.n(x($0))),\(SVG.n(y(points[$0]!.mean!)))" }
            out += "<polyline points=\"\(mean.joined(separator: " "))\" fill=\"none\" stroke=\"\(SVG.color(0))\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
            run = []
        }
        for w in points.indices {
            if points[w]?.low != nil && points[w]?.high != nil && points[w]?.mean != nil { run.append(w) } else { closeRun() }
        }
        closeRun()
        let observed = points.indices.compactMap { w in points[w]?.observed.map { (w, $0) } }
        out += "<polyline points=\"\(observed.map { "\(SVG.n(x($0.0))),\(SVG.n(y($0.1)))" }.joined(separator: " "))\""
            + " fill=\"none\" stroke=\"\(SVG.color(5))\" stroke-width=\"1.5\"/>"
        for (w, v) in observed {
            let off = points[w]?.judgement == .inconsistent
            out += "<circle cx=\"\(SVG.n(x(w)))\" cy=\"\(SVG.n(y(v)))\" r=\"\(off ? 4.5 : 3)\" fill=\"\(SVG.color(5))\"><title>"
                + SVG.escape("\(s.weeks[w].name): observed \(format(v))" + (off ? " (outside the range)" : "")) + "</title></circle>"
        }
        let labelEvery = max(1, s.weeks.count / 12)
        for w in s.weeks.indices where w % labelEvery == 0 {
            let lx = x(w), ly = top + plotH + 12
            out += SVG.text(lx, ly, s.weeks[w].name, anchor: "end", size: 10, extra: " transform=\"rotate(-40 \(SVG.n(lx)) \(SVG.n(ly)))\"")
        }
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.line(left, top, left, top + plotH, stroke: "#333")
        out += legend(y: 22)
        return out + "</svg>"
    }

    /// Per rep (grouped by team): simulated mean bar with its 99% range, observed as a dark tick.
    static func repAssignments(_ s: BacktestSummary) -> String {
        let title = "First assignments per rep: observed against simulated"
        guard !s.reps.isEmpty else {
            return SVG.open(width: width, height: 80, title: title) + SVG.text(width / 2, 40, "No rep had a lead.") + "</svg>"
        }
        let order = Charts.groupedByTeam(s.reps.map(\.team))
        let slot = 16.0
        let plotW = max(width - left - right, Double(order.count) * slot)
        let chartW = left + plotW + right
        let height = 360.0, bottom = 110.0
        let plotH = height - top - bottom
        let maximum = s.reps.map { max($0.row.observed ?? 0, $0.row.high ?? 0) }.max() ?? 0
        let ticks = SVG.ticks(upTo: maximum)
        let topValue = max(ticks.last ?? 1, 1e-9)
        func y(_ v: Double) -> Double { top + (1 - v / topValue) * plotH }
        let slotW = plotW / Double(order.count)
        var out = SVG.open(width: chartW, height: height, title: title)
        out += SVG.valueGrid(ticks, y: y, left: left, width: plotW)
        for (position, i) in order.enumerated() {
            let (rep, _, row) = s.reps[i]
            let x0 = left + Double(position) * slotW + 2, w = max(2, slotW - 4), mid = x0 + w / 2
            if let mean = row.mean {
                out += "<rect x=\"\(SVG.n(x0))\" y=\"\(SVG.n(y(mean)))\" width=\"\(SVG.n(w))\" height=\"\(SVG.n(max(0, top + plotH - y(mean))))\""
                    + " fill=\"\(SVG.color(4))\" fill-opacity=\"0.6\"><title>" + SVG.escape("\(rep): simulated \(Format.number(mean))") + "</title></rect>"
            }
            if let low = row.low, let high = row.high { out += SVG.line(mid, y(low), mid, y(high), stroke: "#333") }
            if let observed = row.observed {
                out += "<line x1=\"\(SVG.n(x0 - 1))\" y1=\"\(SVG.n(y(observed)))\" x2=\"\(SVG.n(x0 + w + 1))\" y2=\"\(SVG.n(y(observed)))\""
                    + " stroke=\"\(SVG.color(5))\" stroke-width=\"3\"><title>" + SVG.escape("\(rep): observed \(Format.number(observed))")
                    + "</title></line>"
            }
            let ly = top + plotH + 8
            out += SVG.text(mid, ly, rep, anchor: "end", size: 10, extra: " transform=\"rotate(-60 \(SVG.n(mid)) \(SVG.n(ly)))\"")
        }
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.line(left, top, left, top + plotH, stroke: "#333")
        out += SVG.text(16, top + plotH / 2, "first assignments", extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += "<rect x=\"\(SVG.n(left))\" y=\"19\" width=\"12\" height=\"4\" fill=\"\(SVG.color(5))\"/>"
        out += SVG.text(left + 16, 23, "observed", anchor: "start")
        out += "<rect x=\"\(SVG.n(left + 90))\" y=\"13\" width=\"12\" height=\"12\" fill=\"\(SVG.color(4))\" fill-opacity=\"0.6\"/>"
        out += SVG.text(left + 106, 23, "simulated mean", anchor: "start")
        out += SVG.line(left + 226, 13, left + 226, 25, stroke: "#333")
        out += SVG.text(left + 234, 23, "simulated 99% range", anchor: "start")
        return out + "</svg>"
    }

    /// Observed (the dark colour), simulated mean (dashed) and the 99% range (the band).
    private static func legend(y: Double) -> String {
        var out = "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(y - 9))\" width=\"12\" height=\"12\" fill=\"\(SVG.color(5))\"/>"
        out += SVG.text(left + 16, y + 1, "observed", anchor: "start")
        out += "<rect x=\"\(SVG.n(left + 90))\" y=\"\(SVG.n(y - 9))\" width=\"12\" height=\"12\" fill=\"\(SVG.color(0))\" fill-opacity=\"0.25\"/>"
        out += SVG.text(left + 106, y + 1, "simulated 99% range", anchor: "start")
        out += SVG.line(left + 250, y - 3, left + 268, y - 3, stroke: SVG.color(0), extra: " stroke-width=\"2\" stroke-dasharray=\"5 3\"")
        out += SVG.text(left + 272, y + 1, "simulated mean", anchor: "start")
        return out
    }
}
