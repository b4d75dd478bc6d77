import Foundation
import SimulationModel
import TextFormats

/// The value syntax of SPEC §1 written back as text: numbers, durations, schedules,
/// distributions and YAML scalars, the same on every machine.
enum YAMLWriting {
    /// `value` with `digits` significant digits, no exponent, trailing zeros removed.
    static func number(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "0" }
        if value == 0 { return "0" }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        let decimals = min(10, max(0, digits - 1 - magnitude))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A duration in the largest unit it reaches (`45s`, `12.3m`, `1.52h`, `2.5d`).
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0s" }
        for (unit, length) in [("d", 86_400.0), ("h", 3_600), ("m", 60)] where seconds >= length {
            return number(seconds / length) + unit
        }
        return number(seconds) + "s"
    }

    /// A distribution as the scenario writes it; durations with units when `durations`.
    static func distribution(_ spec: DistributionSpec, durations: Bool) -> String {
        func value(_ v: Double) -> String { durations ? duration(v) : number(v) }
        switch spec {
        case .constant(let v): return durations ? duration(v) : "{constant: \(number(v))}"
        case .exponential(let mean): return "{exponential: {mean: \(value(mean))}}"
        case .lognormal(let median, let sigma): return "{lognormal: {median: \(value(median)), sigma: \(number(sigma))}}"
        case .gamma(let mean, let shape): return "{gamma: {mean: \(value(mean)), shape: \(number(shape))}}"
        case .weibull(let scale, let shape): return "{weibull: {scale: \(value(scale)), shape: \(number(shape))}}"
        case .normal(let mean, let sd): return "{normal: {mean: \(value(mean)), sd: \(value(sd))}}"
        case .uniform(let lower, let upper): return "{uniform: [\(value(lower)), \(value(upper))]}"
        case .beta(let a, let b): return "{beta: {a: \(number(a)), b: \(number(b))}}"
        case .empirical(let values):
            return "{empirical: [" + values.map { "[\(value($0.value)), \(number($0.weight))]" }.joined(separator: ", ") + "]}"
        }
    }

    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// A weekly schedule as `weekdays 09:00-17:00`, `Mon-Thu 08:00-16:00, Fri 08:00-12:00` or `always`.
    static func schedule(_ schedule: WeeklySchedule) -> String {
        if schedule.always { return "always" }
        var parts: [String] = []
        for window in schedule.windows {
            let hours = "\(window.start)-\(window.end)"
            for days in dayRuns(window.weekdays) { parts.append("\(days) \(hours)") }
        }
        return parts.isEmpty ? "always" : parts.joined(separator: ", ")
    }

    /// Weekdays (0 = Monday) as schedule day words: `weekdays`, `weekends`, `daily`, `Mon-Thu`, `Fri`.
    private static func dayRuns(_ weekdays: [Int]) -> [String] {
        let days = Set(weekdays).sorted()
        if days == Array(0...6) { return ["daily"] }
        if days == Array(0...4) { return ["weekdays"] }
        if days == [5, 6] { return ["weekends"] }
        var runs: [String] = []
        var i = 0
        while i < days.count {
            var j = i
            while j + 1 < days.count && days[j + 1] == days[j] + 1 { j += 1 }
            runs.append(i == j ? dayNames[days[i]] : "\(dayNames[days[i]])-\(dayNames[days[j]])")
            i = j + 1
        }
        return runs
    }

    /// A YAML scalar for a name or key: plain when it is a simple word that YAML reads back as
    /// that text, double-quoted otherwise (`"NO"`, `"1"`, `"a: b"`).
    static func scalar(_ text: String) -> String {
        let plain = text.range(of: "^[A-Za-z][A-Za-z0-9_.-]*$", options: .regularExpression) != nil
        let ambiguous = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text.lowercased())
        return plain && !ambiguous ? text : quoted(text)
    }

    /// A double-quoted YAML scalar: a JSON string literal (its escapes are valid YAML ones).
    static func quoted(_ text: String) -> String { JSONValue.quoted(text) }

    /// A field value as a YAML key or scalar: numbers and booleans plain, text as `scalar`.
    static func fieldValue(_ value: FieldValue) -> String {
        switch value {
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? value.description : number(v, digits: 15)
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return scalar(s)
        }
    }
}

/// Scenario values as a scenario file writes them, for reports.
public enum ScenarioValueText {
    /// `weekdays 09:00-17:00`, `Mon-Thu 08:00-16:00, Fri 08:00-12:00`, `always`.
    public static func schedule(_ schedule: WeeklySchedule) -> String { YAMLWriting.schedule(schedule) }
    /// A duration distribution: `{lognormal: {median: 12.3m, sigma: 0.9}}`, `15m`.
    public static func duration(_ spec: DistributionSpec) -> String { YAMLWriting.distribution(spec, durations: true) }
}
