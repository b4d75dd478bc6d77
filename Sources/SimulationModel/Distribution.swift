import Foundation

/// A probability distribution as written in a scenario (SPEC §1), already validated.
///
/// Duration-valued distributions carry their parameters in seconds. Sampling lives in
/// `RandomStreams`; this type is only the description.
public enum DistributionSpec: Hashable, Sendable {
    case constant(Double)
    case exponential(mean: Double)
    /// Lognormal given by its median (e^μ) and σ of the underlying normal.
    case lognormal(median: Double, sigma: Double)
    case gamma(mean: Double, shape: Double)
    case normal(mean: Double, sd: Double)
    case uniform(lower: Double, upper: Double)
    case beta(a: Double, b: Double)
    /// Weibull with scale λ and shape k: P(X > x) = exp(−(x/λ)^k).
    case weibull(scale: Double, shape: Double)
    /// Discrete values with positive weights (normalised when sampling).
    case empirical([WeightedValue])

    /// The mean of the distribution.
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return m
        case .lognormal(let median, let sigma): return median * exp(sigma * sigma / 2)
        case .gamma(let m, _): return m
        case .normal(let m, _): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .beta(let a, let b): return a / (a + b)
        case .weibull(let scale, let shape): return scale * tgamma(1 + 1 / shape)
        case .empirical(let values):
            let total = values.reduce(0.0) { $0 + $1.weight }
            return values.reduce(0.0) { $0 + $1.value * $1.weight } / total
        }
    }

    /// Whether a draw can be negative (an error for duration-valued distributions).
    public var canBeNegative: Bool {
        switch self {
        case .constant(let v): return v < 0
        case .normal: return true
        case .uniform(let a, _): return a < 0
        case .empirical(let values): return values.contains { $0.value < 0 }
        case .exponential, .lognormal, .gamma, .beta, .weibull: return false
        }
    }
}

/// One value of an empirical distribution or categorical field, with its weight.
public struct WeightedValue: Hashable, Sendable {
    public var value: Double
    public var weight: Double

    public init(value: Double, weight: Double) {
        self.value = value
        self.weight = weight
    }
}
