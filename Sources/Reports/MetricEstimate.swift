import Statistics

/// One metric over replications: the mean and 95% CI of the replications that have a value.
///
/// A replication where the metric is undefined (NaN, e.g. TTFT with no lead touched) is left
/// out; with no value at all `mean` and `ci95` are nil and are written as `null`.
public struct MetricEstimate: Sendable {
    public var name: String
    /// One value per replication, in replication order (NaN: undefined there).
    public var values: [Double]
    public var mean: Double?
    /// Lower and upper bound of the 95% CI (Student t over the replications with a value).
    public var ci95: (lower: Double, upper: Double)?
    /// Replications with a value.
    public var count: Int

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
        let defined = values.filter(\.isFinite)
        count = defined.count
        if defined.isEmpty {
            mean = nil
            ci95 = nil
        } else {
            let estimate = Estimate(values: defined)
            mean = estimate.mean
            ci95 = (estimate.ci95[0], estimate.ci95[1])
        }
    }
}

/// A candidate-minus-baseline difference of one metric, paired by replication.
public struct MetricDifference: Sendable {
    public var name: String
    public var baseline: Double?
    public var candidate: Double?
    /// Mean of candidate − baseline over the replications where both have a value.
    public var diff: Double?
    public var ci95: (lower: Double, upper: Double)?
    /// The CI excludes 0 (needs at least two pairs).
    public var significant: Bool
    public var pairs: Int

    public init(name: String, baseline: Double?, candidate: Double?, diff: Double?,
                ci95: (lower: Double, upper: Double)?, significant: Bool, pairs: Int) {
        self.name = name
        self.baseline = baseline
        self.candidate = candidate
        self.diff = diff
        self.ci95 = ci95
        self.significant = significant
        self.pairs = pairs
    }

    /// Pairs the two metrics replication by replication, skipping pairs where either is undefined.
    public init(baseline: MetricEstimate, candidate: MetricEstimate) {
        var b: [Double] = [], c: [Double] = []
        for (x, y) in zip(baseline.values, candidate.values) where x.isFinite && y.isFinite {
            b.append(x)
            c.append(y)
        }
        name = baseline.name
        self.baseline = baseline.mean
        self.candidate = candidate.mean
        pairs = b.count
        if b.isEmpty {
            diff = nil
            ci95 = nil
            significant = false
        } else {
            let paired = PairedDifference(candidate: c, baseline: b)
            diff = paired.diff
            ci95 = (paired.ci95[0], paired.ci95[1])
            significant = paired.significant
        }
    }
}

extension Array where Element == MetricEstimate {
    /// The metric called `name`, if present.
    public subscript(metric name: String) -> MetricEstimate? {
        first { $0.name == name }
    }
}

extension Array where Element == MetricDifference {
    /// The difference of the metric called `name`, if present.
    public subscript(metric name: String) -> MetricDifference? {
        first { $0.name == name }
    }
}
