import Foundation
import SimulationModel

/// Numbers as people read them in reports: durations (`48m`, `3h 12m`, `2d 4h`),
/// percentages with sensible precision, counts with thousands separators.
///
/// Locale-independent, so reports are the same on every machine. Negative values use the
/// typographic minus sign (−).
public enum Format {
    static let minus = "\u{2212}"

    /// A duration in seconds at the two largest units that matter: `45s`, `4m 30s` (under
    /// 10 minutes), `48m`, `3h 12m`, `2d 4h`; `–` for nil or not finite.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        if seconds < 0 { return minus + duration(-seconds) }
        if seconds < 59.5 {
            return seconds < 9.95 && seconds != seconds.rounded() && seconds >= 0.05
                ? String(format: "%.1fs", seconds) : "\(Int(seconds.rounded()))s"
        }
        if seconds < 600 {
            let total = Int(seconds.rounded())
            let (m, s) = (total / 60, total % 60)
            return s == 0 ? "\(m)m" : "\(m)m \(s)s"
        }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes)m" }
        if seconds < 86_400 - 30 {
            let (h, m) = (minutes / 60, minutes % 60)
            return m == 0 ? "\(h)h" : "\(h)h \(m)m"
        }
        let hours = Int((seconds / 3600).rounded())
        let (d, h) = (hours / 24, hours % 24)
        return h == 0 ? "\(d)d" : "\(d)d \(h)h"
    }

    /// A signed duration difference: `+12m`, `−2h 24m`, `0s`.
    public static func signedDuration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        let text = duration(seconds)
        return seconds > 0 && text != "0s" ? "+" + text : text
    }

    /// A fraction as a percentage: `0%`, `0.04%`, `0.8%`, `12.0%`, `100%`.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        if fraction < 0 { return minus + percent(-fraction) }
        let p = fraction * 100
        if p == 0 { return "0%" }
        if p < 0.01 { return "<0.01%" }
        if p < 0.1 { return String(format: "%.2f%%", p) }
        if p >= 99.95 && p < 100 { return ">99.9%" }
        if p == 100 { return "100%" }
        return String(format: "%.1f%%", p)
    }

    /// A difference of two fractions in percentage points: `+0.3 pts`, `−1.2 pts`.
    public static func points(_ difference: Double?) -> String {
        guard let difference, difference.isFinite else { return "–" }
        let p = abs(difference * 100)
        let body = p == 0 ? "0" : p < 0.1 ? String(format: "%.2f", p) : String(format: "%.1f", p)
        let sign = difference > 0 ? "+" : difference < 0 ? minus : ""
        return sign + body + " pts"
    }

    /// A count or other amount: `12,346` from 100 on, `42.5`, `3.25`, `0.123`.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value < 0 { return minus + number(-value) }
        if value >= 99.95 { return grouped(Int(value.rounded())) }
        if value == value.rounded() { return String(Int(value)) }
        if value >= 10 { return String(format: "%.1f", value) }
        if value >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }

    /// A signed amount: `+3.5`, `−120`.
    public static func signedNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return (value > 0 ? "+" : "") + number(value)
    }

    /// `12,345`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (value < 0 ? minus : "") + out
    }

    /// An instant as ISO-8601 UTC: `2026-01-05T08:00:00Z` (fractions of a second to ms when present).
    public static func isoUTC(_ instant: Double) -> String {
        let whole = instant.rounded(.down)
        let millis = Int(((instant - whole) * 1000).rounded())
        var seconds = Int(whole)
        var ms = millis
        if ms == 1000 { seconds += 1; ms = 0 }
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let date = CalendarDate(daysSinceEpoch: days)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day,
                          secondOfDay / 3600, (secondOfDay / 60) % 60, secondOfDay % 60)
        if ms != 0 { text += String(format: ".%03d", ms) }
        return text + "Z"
    }

    /// An instant as a scenario-local date and time: `2026-01-05 08:00`.
    public static func localDateTime(_ instant: Double, timeZone: String) -> String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let local = instant + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
        let days = Int((local / 86_400).rounded(.down))
        let secondOfDay = Int(local - Double(days) * 86_400)
        let date = CalendarDate(daysSinceEpoch: days)
        return String(format: "%04d-%02d-%02d %02d:%02d", date.year, date.month, date.day,
                      secondOfDay / 3600, (secondOfDay / 60) % 60)
    }
}
