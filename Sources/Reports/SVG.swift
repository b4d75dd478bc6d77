import Foundation

/// Small helpers for hand-written SVG: escaping, coordinates, ticks and the palette.
enum SVG {
    /// Okabe–Ito colours: distinguishable with colour-vision deficiencies and in greyscale print.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal, the same on every machine.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// About five round tick values covering [0, maximum].
    /// Round duration ticks from 0 covering `maximum` seconds: steps of 1, 2, 5, 10, 15, 30 minutes,
    /// 1, 2, 3, 6, 12 hours or 1, 2, 7 days, about five of them.
    static func durationTicks(upTo maximum: Double) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 3600] }
        let steps: [Double] = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]
        let step = steps.first { $0 * 5 >= maximum } ?? (maximum / 5 / 604_800).rounded(.up) * 604_800
        return (0...Int((maximum / step).rounded(.up))).map { Double($0) * step }
    }

    /// Round ticks from 0 covering `maximum`: steps of 1, 2, 2.5 or 5 times a power of ten.
    static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var t = 0.0
        while t < maximum + step * 0.999 {
            ticks.append(t)
            t += step
        }
        return ticks
    }

    /// A tick label for an amount: `0`, `2.5`, `1,200`.
    static func tickLabel(_ value: Double) -> String {
        value == value.rounded() ? Format.grouped(Int(value)) : String(format: "%g", value)
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "middle", size: Int = 11,
                     extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\"\(extra)>\(escape(content))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#999",
                     extra: String = "") -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\"\(extra)/>"
    }

    /// Horizontal grid lines at `ticks` across [left, left + width], each labelled left of the axis.
    static func valueGrid(_ ticks: [Double], y: (Double) -> Double, left: Double, width: Double, size: Int = 11,
                          label: (Double) -> String = tickLabel) -> String {
        ticks.map { t in
            line(left, y(t), left + width, y(t), stroke: "#e3e3e3") + text(left - 6, y(t) + 4, label(t), anchor: "end", size: size)
        }.joined()
    }

    /// The opening tag of a chart scaled to the page width.
    static func open(width: Double, height: Double, title: String) -> String {
        "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\""
            + " aria-label=\"\(escape(title))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\">"
            + "<title>\(escape(title))</title>"
    }

    /// A legend row of coloured swatches with names.
    static func legend(_ names: [String], x: Double, y: Double, dashed: [(String, String)] = []) -> String {
        var out = ""
        var cx = x
        for (i, name) in names.enumerated() {
            out += "<rect x=\"\(n(cx))\" y=\"\(n(y - 9))\" width=\"12\" height=\"12\" fill=\"\(color(i))\"/>"
            out += text(cx + 16, y + 1, name, anchor: "start")
            cx += 28 + Double(name.count) * 6.5
        }
        for (label, stroke) in dashed {
            out += line(cx, y - 3, cx + 18, y - 3, stroke: stroke, extra: " stroke-width=\"2\" stroke-dasharray=\"5 3\"")
            out += text(cx + 22, y + 1, label, anchor: "start")
            cx += 34 + Double(label.count) * 6.5
        }
        return out
    }
}
