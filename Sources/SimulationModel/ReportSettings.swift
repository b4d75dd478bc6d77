/// The scenario's `report:` settings: how the reports present the results (never what is simulated).
public struct ReportSettings: Hashable, Sendable {
    /// The metrics the verdict leads with, in order (nil: p90 first touch on the SLA's clock,
    /// SLA met, unowned leads, load Gini).
    public var headline: [String]?

    public init(headline: [String]? = nil) {
        self.headline = headline
    }

    /// Every rule-set metric name (SPEC §4) a headline may name; the reports' `MetricCatalog`
    /// labels exactly these (a test holds the two lists together).
    public static let metricNames = [
        "leads", "reps", "ttft_mean_s", "ttft_p50_s", "ttft_p90_s", "ttft_p95_s", "ttft_p99_s",
        "ttft_business_mean_s", "ttft_business_p50_s", "ttft_business_p90_s", "ttft_business_p99_s",
        "sla_met_rate", "unowned_rate", "never_owned_rate", "touched_rate", "never_touched",
        "load_gini", "load_cv", "load_max_over_mean", "load_gini_per_hour", "load_cv_per_hour",
        "load_max_over_mean_per_hour", "utilization", "reassignments", "cold_rate", "dropped_rate",
        "unrouted_rate", "stale_rate", "automated_rate", "sla_breaches", "overflows", "queue_length_mean",
        "unowned_leads_mean", "expected_meetings", "expected_meetings_rate",
    ]
}
