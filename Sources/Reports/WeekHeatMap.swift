/// A week as a heat map: 7 rows (Monday first) × 24 hour columns, each cell shaded by its
/// value and labelled with it; used by the `requirement` and `shifts` reports.
enum WeekHeatMap {
    /// - Parameters:
    ///   - values: 168 values, hour of the week (Monday 00:00 = 0).
    ///   - marked: hours to outline (e.g. hours that miss a target).
    static func svg(_ values: [Int], title: String, marked: [Bool] = []) -> String {
        let cell = 26.0, left = 44.0, top = 40.0
        let width = left + 24 * cell + 10, height = top + 7 * cell + 30
        let most = max(1, values.max() ?? 1)
        var svg = SVG.open(width: width, height: height, title: title)
        svg += SVG.text(width / 2, 18, title, size: 13, extra: " font-weight=\"600\"")
        for hour in stride(from: 0, to: 24, by: 3) {
            svg += SVG.text(left + (Double(hour) + 0.5) * cell, top - 6, (hour < 10 ? "0" : "") + "\(hour)", size: 10)
        }
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        for (d, day) in days.enumerated() {
            svg += SVG.text(left - 6, top + (Double(d) + 0.65) * cell, day, anchor: "end", size: 10)
            for hour in 0..<24 {
                let h = d * 24 + hour, v = values[h]
                let shade = v == 0 ? 0 : 0.15 + 0.85 * Double(v) / Double(most)
                let x = left + Double(hour) * cell, y = top + Double(d) * cell
                let outline = h < marked.count && marked[h] ? " stroke=\"\(SVG.color(5))\" stroke-width=\"2\"" : " stroke=\"#fff\""
                svg += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(cell))\" height=\"\(SVG.n(cell))\" fill=\"\(SVG.color(0))\" fill-opacity=\"\(SVG.n(shade))\"\(outline)><title>\(HourOfWeek.label(h)): \(v)</title></rect>"
                if v > 0 {
                    svg += SVG.text(x + cell / 2, y + cell * 0.65, String(v), size: 10,
                                    extra: shade > 0.6 ? " fill=\"#fff\"" : "")
                }
            }
        }
        return svg + "</svg>"
    }
}
