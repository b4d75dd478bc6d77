import Foundation
import Statistics

/// The report's charts as inline SVG, each with a title, axis labels with units and a legend.
enum Charts {
    static let width = 760.0
    static let left = 64.0
    static let right = 20.0
    static let top = 44.0

    // MARK: TTFT distribution

    /// Round durations for a logarithmic time axis.
    static let durationTicks: [Double] = [1, 10, 30, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400,
                                          172_800, 345_600, 604_800, 1_209_600, 2_419_200, 4_838_400]

    /// Share of human-bound leads first-touched within x, per rule set, on a log time axis.
    static func ttftCDF(_ s: Summary) -> String {
        let title = "Time to first touch: share of leads touched within a given time"
        let height = 340.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        var out = SVG.open(width: width, height: height, title: title)
        // The curve on the clock the SLA counts, so the SLA line sits where "SLA met" is measured.
        let business = s.businessClock && s.ruleSets.contains { $0.ttftBusiness.count > 0 }
        func curve(_ rs: RuleSetSummary) -> StreamingQuantiles { business ? rs.ttftBusiness : rs.ttft }
        let sketches = s.ruleSets.map(curve).filter { $0.count > 0 }
        guard !sketches.isEmpty else {
            return out + SVG.text(width / 2, height / 2, "No lead was touched in any replication.") + "</svg>"
        }
        let lo = max(1, sketches.map { $0.quantile(0.01) }.min() ?? 1)
        let hi = max(lo * 10, sketches.map { $0.quantile(0.999) }.max() ?? 3600)
        let slas = Set(s.ruleSets.compactMap(\.slaTarget))
        let marks = slas.isEmpty ? [s.unownedAfter] : slas.sorted()
        let low = min(durationTicks.last { $0 <= lo } ?? 1, marks.min() ?? lo)
        let high = max(durationTicks.first { $0 >= hi } ?? hi, (marks.max() ?? hi) * 1.5)
        let (lx, hx) = (log(low), log(high))
        func x(_ t: Double) -> Double { left + (log(max(t, low)) - lx) / (hx - lx) * plotW }
        func y(_ p: Double) -> Double { top + (1 - p) * plotH }

        for p in stride(from: 0.0, through: 1.0, by: 0.2) {
            out += SVG.line(left, y(p), left + plotW, y(p), stroke: "#e3e3e3")
            out += SVG.text(left - 6, y(p) + 4, "\(Int((p * 100).rounded()))%", anchor: "end")
        }
        for t in durationTicks where t >= low && t <= high {
            out += SVG.line(x(t), top, x(t), top + plotH, stroke: "#e3e3e3")
            out += SVG.text(x(t), top + plotH + 16, Format.duration(t))
        }
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.line(left, top, left, top + plotH, stroke: "#333")
        for t in marks {
            out += SVG.line(x(t), top, x(t), top + plotH, stroke: "#B00020", extra: " stroke-width=\"2\" stroke-dasharray=\"5 3\"")
            out += SVG.text(x(t) + 4, top + 12, (slas.isEmpty ? "unowned after " : "SLA ") + Format.duration(t),
                            anchor: "start", extra: " fill=\"#B00020\"")
        }
        for (i, rs) in s.ruleSets.enumerated() where curve(rs).count > 0 {
            let sketch = curve(rs)
            let scale = rs.humanBoundTotal > 0 ? Double(sketch.count) / Double(rs.humanBoundTotal) : 1
            let points = (0...120).map { k -> String in
                let t = exp(lx + (hx - lx) * Double(k) / 120)
                return SVG.n(x(t)) + "," + SVG.n(y(sketch.fractionAtMost(t) * scale))
            }
            out += "<polyline fill=\"none\" stroke=\"\(SVG.color(i))\" stroke-width=\"2.5\" points=\"\(points.joined(separator: " "))\"/>"
        }
        out += SVG.text(left + plotW / 2, height - 12, "time from arrival to first touch (log scale, "
                           + (business ? "business time, the SLA's clock)" : "wall clock)"))
        out += SVG.text(16, top + plotH / 2, "leads touched (%)", extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += SVG.legend(s.ruleSets.map(\.name), x: left, y: 22,
                          dashed: [(slas.isEmpty ? "unowned threshold" : "SLA", "#B00020")])
        return out + "</svg>"
    }

    // MARK: Leads per rep

    /// Mean assignments per rep, reps grouped by team, one bar colour per rule set.
    static func repLoad(_ s: Summary) -> String {
        let title = "Leads per rep, grouped by team"
        guard let first = s.ruleSets.first, !first.reps.isEmpty else {
            return SVG.open(width: width, height: 80, title: title) + SVG.text(width / 2, 40, "No reps.") + "</svg>"
        }
        let order = groupedByTeam(first.reps.map(\.team))
        let k = Double(s.ruleSets.count)
        let slot = max(16, k * 7 + 6)
        let plotW = max(width - left - right, Double(order.count) * slot)
        let chartW = left + plotW + right
        let height = 380.0, bottom = 120.0
        let plotH = height - top - bottom
        let maximum = s.ruleSets.flatMap { $0.reps.map { $0.assignments.mean ?? 0 } }.max() ?? 0
        let ticks = SVG.ticks(upTo: maximum)
        let topValue = max(ticks.last ?? 1, 1e-9)
        func y(_ v: Double) -> Double { top + (1 - v / topValue) * plotH }
        let slotW = plotW / Double(order.count)
        var out = SVG.open(width: chartW, height: height, title: title)
        out += SVG.valueGrid(ticks, y: y, left: left, width: plotW)
        let barW = (slotW - 4) / k
        var previousTeam: String?
        var teamStart = 0
        func closeTeam(_ end: Int) {
            guard let team = previousTeam else { return }
            let mid = left + (Double(teamStart) + Double(end)) / 2 * slotW
            out += SVG.text(mid, height - 14, team, extra: " font-weight=\"600\"")
        }
        for (position, i) in order.enumerated() {
            let rep = first.reps[i]
            if rep.team != previousTeam {
                closeTeam(position)
                if previousTeam != nil {
                    out += SVG.line(left + Double(position) * slotW, top, left + Double(position) * slotW, height - 28,
                                    stroke: "#bbb", extra: " stroke-dasharray=\"2 2\"")
                }
                previousTeam = rep.team
                teamStart = position
            }
            let x0 = left + Double(position) * slotW + 2
            for (r, rs) in s.ruleSets.enumerated() where i < rs.reps.count {
                let v = rs.reps[i].assignments.mean ?? 0
                let barTop = y(v)
                out += "<rect x=\"\(SVG.n(x0 + Double(r) * barW))\" y=\"\(SVG.n(barTop))\" width=\"\(SVG.n(max(1, barW - 1)))\""
                    + " height=\"\(SVG.n(max(0, top + plotH - barTop)))\" fill=\"\(SVG.color(r))\"><title>"
                    + SVG.escape("\(rep.name), \(rs.name): \(Format.number(v)) leads") + "</title></rect>"
            }
            let lx = x0 + (slotW - 4) / 2, ly = top + plotH + 8
            out += SVG.text(lx, ly, rep.name, anchor: "end", size: 10,
                            extra: " transform=\"rotate(-60 \(SVG.n(lx)) \(SVG.n(ly)))\"")
        }
        closeTeam(order.count)
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        out += SVG.line(left, top, left, top + plotH, stroke: "#333")
        out += SVG.text(16, top + plotH / 2, "leads assigned per replication",
                        extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += SVG.legend(s.ruleSets.map(\.name), x: left, y: 22)
        return out + "</svg>"
    }

    /// Rep indices ordered by team (teams in order of first appearance), declaration order within.
    static func groupedByTeam(_ teams: [String]) -> [Int] {
        var order: [String] = []
        for team in teams where !order.contains(team) { order.append(team) }
        return order.flatMap { team in teams.indices.filter { teams[$0] == team } }
    }

    // MARK: Hour of week

    /// One line per rule set over the 168 hours of the local week.
    static func hourOfWeek(_ s: Summary, title: String, axis: String, value: (HourPoint) -> Double) -> String {
        let height = 300.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maximum = s.ruleSets.flatMap { $0.hourOfWeek.map(value) }.max() ?? 0
        let ticks = SVG.ticks(upTo: maximum)
        let topValue = max(ticks.last ?? 1, 1e-9)
        func x(_ h: Double) -> Double { left + h / 168 * plotW }
        func y(_ v: Double) -> Double { top + (1 - v / topValue) * plotH }
        var out = SVG.open(width: width, height: height, title: title)
        out += SVG.valueGrid(ticks, y: y, left: left, width: plotW)
        for d in 0...7 {
            out += SVG.line(x(Double(d * 24)), top, x(Double(d * 24)), top + plotH, stroke: d == 0 || d == 7 ? "#333" : "#ccc")
            if d < 7 { out += SVG.text(x(Double(d * 24) + 12), top + plotH + 16, HourOfWeek.dayNames[d]) }
        }
        out += SVG.line(left, top + plotH, left + plotW, top + plotH, stroke: "#333")
        for (i, rs) in s.ruleSets.enumerated() where rs.hourOfWeek.count == 168 {
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    out += "<polyline fill=\"none\" stroke=\"\(SVG.color(i))\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
                }
                segment = []
            }
            for h in 0..<168 {
                guard s.hourOfWeekOccurrences[h] > 0 else { flush(); continue }
                segment.append(SVG.n(x(Double(h) + 0.5)) + "," + SVG.n(y(value(rs.hourOfWeek[h]))))
            }
            flush()
        }
        out += SVG.text(left + plotW / 2, height - 12, "hour of the week (\(s.timeZone), mean over the counted weeks)")
        out += SVG.text(16, top + plotH / 2, axis, extra: " transform=\"rotate(-90 16 \(SVG.n(top + plotH / 2)))\"")
        out += SVG.legend(s.ruleSets.map(\.name), x: left, y: 22)
        return out + "</svg>"
    }

    // MARK: Routes

    /// Horizontal bars of mean hits per route, rule set by rule set.
    static func routeHits(_ s: Summary) -> String {
        let title = "Route hit counts"
        let labelW = 230.0, rowH = 18.0
        var rows: [(label: String, value: Double, color: Int, header: Bool)] = []
        for (i, rs) in s.ruleSets.enumerated() {
            rows.append((rs.name, 0, i, true))
            for route in rs.routes {
                rows.append((route.name + (route.neverHit ? " (never hit)" : ""), route.hits.mean ?? 0, i, false))
            }
        }
        let height = top + Double(rows.count) * rowH + 50
        let plotW = width - labelW - right - 50
        let maximum = rows.map(\.value).max() ?? 0
        let ticks = SVG.ticks(upTo: maximum)
        let topValue = max(ticks.last ?? 1, 1e-9)
        func x(_ v: Double) -> Double { labelW + v / topValue * plotW }
        var out = SVG.open(width: width, height: height, title: title)
        let plotBottom = top + Double(rows.count) * rowH
        for t in ticks {
            out += SVG.line(x(t), top, x(t), plotBottom, stroke: "#e3e3e3")
            out += SVG.text(x(t), plotBottom + 14, SVG.tickLabel(t))
        }
        for (k, row) in rows.enumerated() {
            let yy = top + Double(k) * rowH
            if row.header {
                out += SVG.text(8, yy + 13, row.label, anchor: "start", extra: " font-weight=\"600\"")
                continue
            }
            out += SVG.text(labelW - 6, yy + 13, row.label, anchor: "end")
            out += "<rect x=\"\(SVG.n(labelW))\" y=\"\(SVG.n(yy + 3))\" width=\"\(SVG.n(max(0.5, x(row.value) - labelW)))\""
                + " height=\"\(SVG.n(rowH - 6))\" fill=\"\(SVG.color(row.color))\"/>"
            out += SVG.text(x(row.value) + 4, yy + 13, Format.number(row.value), anchor: "start", size: 10)
        }
        out += SVG.line(labelW, top, labelW, plotBottom, stroke: "#333")
        out += SVG.text(labelW + plotW / 2, height - 12, "counted leads per replication")
        out += SVG.legend(s.ruleSets.map(\.name), x: 8, y: 22)
        return out + "</svg>"
    }
}
