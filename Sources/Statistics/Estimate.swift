import Foundation
import RandomStreams

/// A confidence interval for a mean, from independent per-replication values.
///
/// mean ± t(1 − (1 − level)/2, n − 1) · s/√n with s the sample standard deviation (n − 1).
/// With one value there is no spread to estimate: the interval collapses to [mean, mean]
/// (half-width 0) — report n alongside. With no values everything is NaN.
public struct ConfidenceInterval: Hashable, Sendable {
    public let mean: Double
    public let halfWidth: Double
    public let level: Double
    public let count: Int
    /// Sample standard deviation of the values (0 when n < 2).
    public let standardDeviation: Double

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    /// - Parameters:
    ///   - values: one value per replication.
    ///   - level: two-sided confidence level in (0, 1), 0.95 by default.
    public init<Values: Collection>(_ values: Values, level: Double = 0.95) where Values.Element == Double {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1), got \(level)")
        var moments = RunningMoments()
        for value in values { moments.add(value) }
        self.init(moments, level: level)
    }

    /// The interval from accumulated moments.
    public init(_ moments: RunningMoments, level: Double = 0.95) {
        self.level = level
        self.count = moments.count
        if moments.count == 0 {
            mean = .nan
            halfWidth = .nan
            standardDeviation = .nan
        } else if moments.count == 1 {
            mean = moments.mean
            halfWidth = 0
            standardDeviation = 0
        } else {
            mean = moments.mean
            standardDeviation = moments.standardDeviation
            let t = StudentT.quantile(p: 1 - (1 - level) / 2, degreesOfFreedom: Double(moments.count - 1))
            halfWidth = t * standardDeviation / Double(moments.count).squareRoot()
        }
    }

    /// Whether `value` lies in [lower, upper].
    public func contains(_ value: Double) -> Bool {
        value >= lower && value <= upper
    }
}

/// A metric over replications as written to `summary.json`: `{"mean": m, "ci95": [lo, hi]}`.
///
/// Built from per-replication values with a 95% Student-t interval (`ConfidenceInterval`);
/// one replication gives `ci95 = [mean, mean]`. No values give NaN, which `JSONEncoder`
/// only writes with a `nonConformingFloatEncodingStrategy` — the caller decides.
public struct Estimate: Codable, Hashable, Sendable {
    public var mean: Double
    /// Lower and upper bound (two values).
    public var ci95: [Double]

    public init(mean: Double, ci95: [Double]) {
        precondition(ci95.count == 2, "ci95 holds exactly two values")
        self.mean = mean
        self.ci95 = ci95
    }

    /// The estimate of the mean of `values` (one per replication).
    public init<Values: Collection>(values: Values) where Values.Element == Double {
        self.init(ConfidenceInterval(values, level: 0.95))
    }

    public init(_ interval: ConfidenceInterval) {
        self.init(mean: interval.mean, ci95: [interval.lower, interval.upper])
    }

    /// Half the width of the interval.
    public var halfWidth: Double { (ci95[1] - ci95[0]) / 2 }
}

/// A candidate-minus-baseline comparison, replication by replication (SPEC §4).
///
/// The differences dᵢ = candidateᵢ − baselineᵢ share their common random numbers, so their
/// spread is much smaller than that of either side; the interval is the Student-t interval
/// of the dᵢ. `significant` means the interval excludes 0; with one replication there is no
/// interval and nothing is significant.
public struct PairedDifference: Codable, Hashable, Sendable {
    public var diff: Double
    public var ci95: [Double]
    public var significant: Bool

    public init(diff: Double, ci95: [Double], significant: Bool) {
        self.diff = diff
        self.ci95 = ci95
        self.significant = significant
    }

    /// - Precondition: both arrays have the same length (one value per replication).
    public init(candidate: [Double], baseline: [Double], level: Double = 0.95) {
        precondition(candidate.count == baseline.count,
                     "paired arrays differ in length: \(candidate.count) vs \(baseline.count)")
        let differences = zip(candidate, baseline).map { $0 - $1 }
        let interval = ConfidenceInterval(differences, level: level)
        diff = interval.mean
        ci95 = [interval.lower, interval.upper]
        significant = interval.count >= 2 && (interval.lower > 0 || interval.upper < 0)
    }
}
