/// How each metric name reads in a report: its label, its unit and which way is better.
public struct MetricInfo: Sendable {
    public enum Kind: Sendable {
        /// Seconds, shown as `3h 12m`.
        case duration
        /// A fraction 0–1, shown as a percentage; differences in percentage points.
        case rate
        /// A count or amount.
        case count
        /// A dimensionless ratio (Gini, CV).
        case ratio
    }

    public enum Better: Sendable {
        case lower, higher, neither
    }

    public var name: String
    public var label: String
    public var kind: Kind
    public var better: Better

    /// The value as people read it.
    public func format(_ value: Double?) -> String {
        switch kind {
        case .duration: return Format.duration(value)
        case .rate: return Format.percent(value)
        case .count: return Format.number(value)
        case .ratio: return value.map { $0.isFinite ? String(format: "%.3f", $0) : "–" } ?? "–"
        }
    }

    /// A difference as people read it (`−2h 24m`, `+0.3 pts`, `+12`).
    public func formatDifference(_ value: Double?) -> String {
        switch kind {
        case .duration: return Format.signedDuration(value)
        case .rate: return Format.points(value)
        case .count: return Format.signedNumber(value)
        case .ratio:
            guard let value, value.isFinite else { return "–" }
            return (value > 0 ? "+" : value < 0 ? Format.minus : "") + String(format: "%.3f", abs(value))
        }
    }
}

/// Labels for every metric name of `metricValues`, `teamMetricValues`, `queueMetricValues` and
/// `sourceMetricValues`.
public enum MetricCatalog {
    static let entries: [MetricInfo] = [
        MetricInfo(name: "leads", label: "counted leads", kind: .count, better: .neither),
        MetricInfo(name: "reps", label: "reps", kind: .count, better: .neither),
        MetricInfo(name: "ttft_mean_s", label: "mean first touch", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_p50_s", label: "median first touch", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_p90_s", label: "p90 first touch", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_p95_s", label: "p95 first touch", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_p99_s", label: "p99 first touch", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_business_mean_s", label: "mean first touch (business time)", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_business_p50_s", label: "median first touch (business time)", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_business_p90_s", label: "p90 first touch (business time)", kind: .duration, better: .lower),
        MetricInfo(name: "ttft_business_p99_s", label: "p99 first touch (business time)", kind: .duration, better: .lower),
        MetricInfo(name: "sla_met_rate", label: "SLA met", kind: .rate, better: .higher),
        MetricInfo(name: "unowned_rate", label: "unowned leads", kind: .rate, better: .lower),
        MetricInfo(name: "never_owned_rate", label: "never owned", kind: .rate, better: .lower),
        MetricInfo(name: "touched_rate", label: "touched", kind: .rate, better: .higher),
        MetricInfo(name: "never_touched", label: "leads never touched", kind: .count, better: .lower),
        MetricInfo(name: "load_gini", label: "load Gini", kind: .ratio, better: .lower),
        MetricInfo(name: "load_cv", label: "load CV", kind: .ratio, better: .lower),
        MetricInfo(name: "load_max_over_mean", label: "load max/mean", kind: .ratio, better: .lower),
        MetricInfo(name: "load_gini_per_hour", label: "load Gini per shift hour", kind: .ratio, better: .lower),
        MetricInfo(name: "load_cv_per_hour", label: "load CV per shift hour", kind: .ratio, better: .lower),
        MetricInfo(name: "load_max_over_mean_per_hour", label: "load max/mean per shift hour", kind: .ratio, better: .lower),
        MetricInfo(name: "utilization", label: "utilization", kind: .rate, better: .neither),
        MetricInfo(name: "reassignments", label: "reassignments per lead", kind: .ratio, better: .lower),
        MetricInfo(name: "cold_rate", label: "gone cold", kind: .rate, better: .lower),
        MetricInfo(name: "dropped_rate", label: "dropped", kind: .rate, better: .lower),
        MetricInfo(name: "unrouted_rate", label: "unrouted", kind: .rate, better: .lower),
        MetricInfo(name: "stale_rate", label: "held by stale owner", kind: .rate, better: .lower),
        MetricInfo(name: "automated_rate", label: "automated", kind: .rate, better: .neither),
        MetricInfo(name: "sla_breaches", label: "SLA breaches", kind: .count, better: .lower),
        MetricInfo(name: "overflows", label: "overflows", kind: .count, better: .neither),
        MetricInfo(name: "queue_length_mean", label: "mean queue length", kind: .count, better: .lower),
        MetricInfo(name: "unowned_leads_mean", label: "mean unowned leads", kind: .count, better: .lower),
        MetricInfo(name: "expected_meetings", label: "expected meetings", kind: .count, better: .higher),
        MetricInfo(name: "expected_meetings_rate", label: "expected meetings per lead", kind: .rate, better: .higher),
    ]

    /// Every metric name with a label, in catalog order (the names `--headline` accepts).
    public static var names: [String] { entries.map(\.name) }

    /// The entry for `name` (unknown names read as a plain count).
    public static func info(_ name: String) -> MetricInfo {
        entries.first { $0.name == name } ?? MetricInfo(name: name, label: name.replacingOccurrences(of: "_", with: " "),
                                                        kind: .count, better: .neither)
    }

    /// The columns of a rule set's queue table and source table (SPEC §7), in reading order.
    public static let queueColumns = ["leads", "ttft_p50_s", "ttft_p90_s", "ttft_business_p90_s", "sla_met_rate", "unowned_rate",
                                      "load_gini"]
    public static let sourceColumns = ["leads", "ttft_p50_s", "ttft_p90_s", "ttft_business_p90_s", "sla_met_rate",
                                       "unowned_rate", "touched_rate", "cold_rate"]

    /// The metrics of the key table and the verdict, in reading order.
    public static let keyMetrics = [
        "ttft_p50_s", "ttft_p90_s", "ttft_p99_s", "sla_met_rate", "unowned_rate", "never_owned_rate",
        "touched_rate", "load_gini", "load_max_over_mean", "utilization", "reassignments", "cold_rate",
        "dropped_rate", "unrouted_rate", "expected_meetings",
    ]
}
