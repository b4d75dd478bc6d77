import RandomStreams
import Statistics

/// One check of the simulator against an exact value.
///
/// A row keeps its raw evidence (one value per replication, or a goodness-of-fit statistic),
/// so it can be judged at any confidence level: 95% in `docs/VALIDATION.md`, a Bonferroni
/// level in the CI test.
public struct ValidationRow: Sendable {
    /// What the simulation produced.
    public enum Evidence: Sendable {
        /// One value per replication; judged by whether the exact value lies in the t interval.
        case replications([Double])
        /// Pearson's X² over bins with known expected counts; judged by its upper-tail p-value.
        case chiSquare(statistic: Double, degreesOfFreedom: Int)
        /// A count that must equal the exact value (e.g. arrivals outside business hours).
        case exactCount(Int)
        /// Nothing to measure (e.g. P(wait) ≈ 1e-30); shown, never counted.
        case untestable(String)
    }

    /// Queueing model or process ("Erlang C", "arrivals").
    public var model: String
    /// Human-readable parameters ("c=5 ρ=0.90").
    public var parameters: String
    /// The quantity ("mean TTFT (s)").
    public var metric: String
    /// The exact value from theory (for `.chiSquare` the expected total, for display).
    public var exact: Double
    public var evidence: Evidence
    /// Leads simulated for this row's experiment (all replications, counted leads).
    public var leads: Int

    public init(model: String, parameters: String, metric: String, exact: Double, evidence: Evidence, leads: Int) {
        self.model = model
        self.parameters = parameters
        self.metric = metric
        self.exact = exact
        self.evidence = evidence
        self.leads = leads
    }

    /// The confidence interval of the replication values (nil for other evidence).
    public func interval(level: Double) -> ConfidenceInterval? {
        guard case .replications(let values) = evidence else { return nil }
        return ConfidenceInterval(values, level: level)
    }

    /// The upper-tail p-value of a goodness-of-fit row (nil for other evidence).
    public var pValue: Double? {
        guard case .chiSquare(let x2, let dof) = evidence else { return nil }
        return ChiSquared.upperTail(x2, degreesOfFreedom: Double(dof))
    }

    /// Whether the check passes at `level` (two-sided CI level, or 1 − α for a test);
    /// nil when the row is untestable.
    public func passes(level: Double) -> Bool? {
        switch evidence {
        case .replications:
            return interval(level: level)!.contains(exact)
        case .chiSquare:
            return pValue! >= 1 - level
        case .exactCount(let count):
            return Double(count) == exact
        case .untestable:
            return nil
        }
    }

    /// Whether the row is a confidence interval (the rows whose coverage is reported).
    public var isInterval: Bool {
        if case .replications = evidence { return true }
        return false
    }
}
