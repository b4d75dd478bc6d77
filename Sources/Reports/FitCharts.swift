import Fit
import Foundation
import InputAnalysis

/// The charts of `fit.html`: arrivals by hour of the week, daily counts, touch-delay curves.
enum FitCharts {
    static let width = Charts.width, left = Charts.left, right = Charts.right, top = Charts.top

    /// Observed leads per hour (count / hours of history) against the fitted rate, by local hour of the week.
    static func hourOfWeek(_ source: SourceFit, timeZone: String) -> String {
        guard let a = source.arrivals else { return "" }
        let height = 300.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        let observed = (0..<168).map { h in
            source.exposureByHourOfWeek[h] > 0 ? Double(source.observedByHourOfWeek[h]) / source.exposureByHourOfWeek[h] : 0
        }
        let fitted = (0..<168).map { a.rate(weekday: $0 / 24, hour: $0 % 24) }
        let ticks = SVG.ticks(upTo: max(observed.max() ?? 0, fitted.max() ?? 0))
        let topValue = max(ticks.last ?? 1, 1e-9)
        func x(_ h: Double) -> Double { left + h / 168 * plotW }
        func y(_ v: Double) -> Double { top + (1 - v / topValue) * plotH }
        var out = SVG.open(width: width, height: height, title: "Arrivals of \(source.name) by hour of the week")
        out += frame(ticks: ticks, y: y, plotW: plotW)
        for d in 0...7 {
            out += SVG.line(x(Double(d * 24)), top, x(Double(d * 24)), top + plotH, stroke: d == 0 || d == 7 ? "#333" : "#ccc")
            if d < 7 { out += SVG.text(x(Double(d * 24) + 12), top + plotH + 16, HourOfWeek.dayNames[d]) }
        }
        let barW = plotW / 168
        for h in 0..<168 where observed[h] > 0 {
            out += "<rect x=\"\(SVG.n(x(Double(h)) + 0.5))\" y=\"\(SVG.n(y(observed[h])))\" width=\"\(SVG.n(max(0.5, barW - 1)))\" "
                + "height=\"\(SVG.n(top + plotH - y(observed[h])))\" fill=\"\(SVG.color(4))\"/>"
        }
        let points = (0..<168).map { SVG.n(x(Double($0) + 0.5)) + "," + SVG.n(y(fitted[$0])) }.joined(separator: " ")
        out += "<polyline fill=\"none\" stroke=\"\(SVG.color(5))\" stroke-width=\"2\" points=\"\(points)\"/>"
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.text(left + plotW / 2, height - 12, "hour of the week (\(timeZone))")
        out += SVG.text(16, top + plotH / 2, "leads per hour", extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += legend([("observed", SVG.color(4), false), ("fitted (\(a.pattern == .product ? "hourly × weekdays" : "hour of week"))", SVG.color(5), true)])
        return out + "</svg>"
    }

    /// Each day's count as a dot against the expected count and its central 99.9% range.
    static func daily(_ source: SourceFit) -> String {
        guard let a = source.arrivals, !a.days.isEmpty else { return "" }
        let height = 280.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let days = a.days
        let ticks = SVG.ticks(upTo: days.map { max(Double($0.count), Double($0.upper)) }.max() ?? 1)
        let topValue = max(ticks.last ?? 1, 1e-9)
        let step = plotW / Double(days.count)
        func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * step }
        func y(_ v: Double) -> Double { top + (1 - v / topValue) * plotH }
        var out = SVG.open(width: width, height: height, title: "Daily leads of \(source.name)")
        out += frame(ticks: ticks, y: y, plotW: plotW)
        for (i, day) in days.enumerated() {
            out += "<rect x=\"\(SVG.n(x(i) - step * 0.35))\" y=\"\(SVG.n(y(Double(day.upper))))\" width=\"\(SVG.n(step * 0.7))\" "
                + "height=\"\(SVG.n(max(0.5, y(Double(day.lower)) - y(Double(day.upper)))))\" fill=\"#e3eef8\"/>"
            out += SVG.line(x(i) - step * 0.35, y(day.expected), x(i) + step * 0.35, y(day.expected), stroke: SVG.color(0))
            out += "<circle cx=\"\(SVG.n(x(i)))\" cy=\"\(SVG.n(y(Double(day.count))))\" r=\"2.5\" fill=\"\(day.unusual ? "#b00020" : "#333")\"/>"
        }
        let labelEvery = max(1, days.count / 8)
        for i in stride(from: 0, to: days.count, by: labelEvery) {
            out += SVG.text(x(i), top + plotH + 16, days[i].date.description, size: 10)
        }
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.text(16, top + plotH / 2, "leads per day", extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += legend([("observed", "#333", false), ("expected", SVG.color(0), true), ("unusual", "#b00020", false)])
        return out + "</svg>"
    }

    /// The Kaplan–Meier estimate of P(touched within t) against each fitted family, log time axis.
    static func touchDelay(_ delay: DurationFit, team: String) -> String {
        let height = 300.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        let steps = delay.kaplanMeier.steps
        guard let last = steps.last?.time, let first = steps.first?.time else { return "" }
        let low = max(1, first / 2), high = max(low * 10, last * 2)
        let (lx, hx) = (log(low), log(high))
        func x(_ t: Double) -> Double { left + (log(min(max(t, low), high)) - lx) / (hx - lx) * plotW }
        func y(_ p: Double) -> Double { top + (1 - p) * plotH }
        var out = SVG.open(width: width, height: height, title: "Touch delay of team \(team)")
        out += frame(ticks: [0, 0.25, 0.5, 0.75, 1], y: y, plotW: plotW, percent: true)
        for t in Charts.durationTicks where t >= low && t <= high {
            out += SVG.line(x(t), top, x(t), top + plotH, stroke: "#eee")
            out += SVG.text(x(t), top + plotH + 16, Format.duration(t), size: 10)
        }
        var path = "M\(SVG.n(x(low))),\(SVG.n(y(0)))"
        var before = 0.0
        for step in steps {
            let after = 1 - step.survival
            path += " L\(SVG.n(x(step.time))),\(SVG.n(y(before))) L\(SVG.n(x(step.time))),\(SVG.n(y(after)))"
            before = after
        }
        out += "<path d=\"\(path)\" fill=\"none\" stroke=\"#333\" stroke-width=\"2\"/>"
        for (i, f) in delay.ranking.fits.prefix(4).enumerated() {
            let points = (0...80).map { k -> String in
                let t = exp(lx + Double(k) / 80 * (hx - lx))
                return SVG.n(x(t)) + "," + SVG.n(y(f.cdf(t)))
            }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(SVG.color(i))\" stroke-width=\"\(i == 0 ? 2 : 1.2)\""
                + (i == 0 ? "" : " stroke-dasharray=\"5 3\"") + " points=\"\(points)\"/>"
        }
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.text(left + plotW / 2, height - 12, "on-shift time from assignment to first touch (log scale)")
        out += SVG.text(16, top + plotH / 2, "touched within", extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += legend([("Kaplan–Meier", "#333", false)]
                      + delay.ranking.fits.prefix(4).enumerated().map { ($1.family.rawValue + ($0 == 0 ? " (chosen)" : ""), SVG.color($0), true) })
        return out + "</svg>"
    }

    private static func frame(ticks: [Double], y: (Double) -> Double, plotW: Double, percent: Bool = false) -> String {
        var out = ""
        for t in ticks {
            out += SVG.line(left, y(t), left + plotW, y(t), stroke: "#e3e3e3")
            out += SVG.text(left - 6, y(t) + 4, percent ? "\(Int((t * 100).rounded()))%" : SVG.tickLabel(t), anchor: "end")
        }
        return out
    }

    private static func legend(_ items: [(String, String, Bool)]) -> String {
        var out = "", cx = left
        for (name, color, isLine) in items {
            out += isLine ? SVG.line(cx, 19, cx + 18, 19, stroke: color, extra: " stroke-width=\"2\"")
                : "<rect x=\"\(SVG.n(cx + 3))\" y=\"13\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            out += SVG.text(cx + 22, 23, name, anchor: "start")
            cx += 34 + Double(name.count) * 6.5
        }
        return out
    }
}
