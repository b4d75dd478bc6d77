import TextFormats

/// A service target for capacity planning, e.g. `ttft_p90<=1h` or `overall.sla_met_rate>=95%`.
///
/// The metric is any SPEC §4 metric name (the `_s` suffix of duration metrics may be left out).
/// A target applies to the staffed team's own metrics when the team has that metric, unless it
/// starts with `overall.`; otherwise to the whole run. Durations take the file syntax (`45m`,
/// `1h30m`), rates and shares a fraction or a percentage, anything else a plain number.
public struct StaffingTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable {
        case atMost = "<="
        case atLeast = ">="
    }

    public var metric: String
    public var comparison: Comparison
    public var value: Double
    /// Whether the target reads the whole run's metric rather than the team's.
    public var overall: Bool
    /// The text as given, for reports.
    public var text: String

    /// Metrics that exist per team (`teamMetricValues`).
    public static let teamMetrics: Set<String> = [
        "ttft_mean_s", "ttft_p50_s", "ttft_p90_s", "sla_met_rate", "unowned_rate", "never_owned_rate",
        "touched_rate", "load_gini", "load_cv", "load_max_over_mean", "load_gini_per_hour", "utilization",
    ]

    /// Parses `METRIC<=VALUE` or `METRIC>=VALUE`.
    /// - Throws: `TargetError` naming what was wrong and what is valid.
    public init(parsing text: String, knownMetrics: [String]) throws(TargetError) {
        self.text = text
        let compact = text.replacingOccurrences(of: " ", with: "")
        guard let range = compact.range(of: "<=") ?? compact.range(of: ">=") else {
            throw TargetError("target '\(text)' needs <= or >=, e.g. 'ttft_p90<=1h' or 'sla_met_rate>=95%'")
        }
        comparison = Comparison(rawValue: String(compact[range]))!
        var name = String(compact[..<range.lowerBound])
        let valueText = String(compact[range.upperBound...])
        overall = name.hasPrefix("overall.")
        if overall { name.removeFirst("overall.".count) }
        if !knownMetrics.contains(name), knownMetrics.contains(name + "_s") { name += "_s" }
        guard knownMetrics.contains(name) else {
            let suggestion = Suggestions.closest(to: name, in: knownMetrics)
            throw TargetError("unknown metric '\(name)' in target '\(text)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " Valid: \(knownMetrics.joined(separator: ", "))")
        }
        metric = name
        do throws(ValueError) {
            if name.hasSuffix("_s") {
                value = try ValueSyntax.duration(valueText)
            } else if name.hasSuffix("_rate") || name == "utilization" {
                value = try ValueSyntax.share(valueText)
            } else if let number = Double(valueText) {
                value = number
            } else {
                throw ValueError("'\(valueText)' is not a number")
            }
        } catch {
            throw TargetError("target '\(text)': \(error.message)")
        }
        if !overall && !Self.teamMetrics.contains(metric) { overall = true }
    }

    public var description: String { text }

    /// Whether `x` meets the target.
    public func isMet(by x: Double) -> Bool {
        guard !x.isNaN else { return false }
        return comparison == .atMost ? x <= value : x >= value
    }

    /// How far `x` is from meeting the target (0 when met), in the metric's unit.
    public func shortfall(_ x: Double) -> Double {
        guard !x.isNaN else { return .infinity }
        return comparison == .atMost ? max(0, x - value) : max(0, value - x)
    }
}

/// A target that cannot be read.
public struct TargetError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
