import Foundation
internal import CGSL
import SimulationModel

/// A parametric family fitted by maximum likelihood.
///
/// Each family is fitted on working parameters that range over the whole real line: the
/// logarithms of its positive parameters (and the normal's mean as it is). Confidence
/// intervals are Wald intervals on that scale, so a positive parameter's interval stays positive.
public enum DistributionFamily: String, CaseIterable, Sendable, Hashable {
    /// Parameters: mean.
    case exponential
    /// Parameters: median (e^μ) and σ of the underlying normal.
    case lognormal
    /// Parameters: mean and shape (scale = mean / shape).
    case gamma
    /// Parameters: scale λ and shape k, P(X > x) = exp(−(x/λ)^k).
    case weibull
    /// Parameters: mean and standard deviation (numeric fields only: not a duration family).
    case normal

    /// The families a duration (touch delay, handle time) is fitted to.
    public static let durations: [DistributionFamily] = [.exponential, .lognormal, .gamma, .weibull]

    /// The names of the parameters, as the scenario writes them (SPEC §1).
    public var parameterNames: [String] {
        switch self {
        case .exponential: return ["mean"]
        case .lognormal: return ["median", "sigma"]
        case .gamma: return ["mean", "shape"]
        case .weibull: return ["scale", "shape"]
        case .normal: return ["mean", "sd"]
        }
    }

    /// Whether the support is x > 0 (every family but the normal).
    var isPositive: Bool { self != .normal }

    /// A working parameter's natural value: exp, except the normal's mean.
    func natural(_ working: [Double]) -> [Double] {
        working.indices.map { index in
            self == .normal && index == 0 ? working[index] : exp(working[index])
        }
    }

    /// The scenario's distribution for natural parameters.
    func spec(_ natural: [Double]) -> DistributionSpec {
        switch self {
        case .exponential: return .exponential(mean: natural[0])
        case .lognormal: return .lognormal(median: natural[0], sigma: natural[1])
        case .gamma: return .gamma(mean: natural[0], shape: natural[1])
        case .weibull: return .weibull(scale: natural[0], shape: natural[1])
        case .normal: return .normal(mean: natural[0], sd: natural[1])
        }
    }

    /// The median for working parameters: its logarithm for the positive families (the scale of
    /// its confidence interval), the median itself for the normal.
    func workingMedian(_ working: [Double]) -> Double {
        switch self {
        case .exponential:
            return working[0] + log(M_LN2)
        case .lognormal, .normal:
            return working[0]
        case .gamma:
            let shape = exp(working[1])
            return working[0] - working[1] + log(gsl_cdf_gamma_Pinv(0.5, shape, 1))
        case .weibull:
            return working[0] + log(M_LN2) / exp(working[1])
        }
    }

    /// ln P(X ≤ x), ln P(X > x) and P(X ≤ x) for natural parameters from one distribution
    /// function call: the smaller tail (below the median: the lower one) is computed, the other
    /// is its complement, so neither logarithm loses precision (never ln(1 − P) with P near 1).
    func logTails(_ x: Double, _ natural: [Double], median: Double) -> (logLower: Double, logUpper: Double, lower: Double) {
        if x < median {
            let p = lowerTail(x, natural)
            return (log(p), log1p(-p), p)
        }
        let q = upperTail(x, natural)
        return (log1p(-q), log(q), 1 - q)
    }

    /// P(X ≤ x) for natural parameters.
    private func lowerTail(_ x: Double, _ natural: [Double]) -> Double {
        switch self {
        case .exponential: return -expm1(-x / natural[0])
        case .lognormal: return gsl_cdf_lognormal_P(x, log(natural[0]), natural[1])
        case .gamma: return gsl_cdf_gamma_P(x, natural[1], natural[0] / natural[1])
        case .weibull: return -expm1(-pow(x / natural[0], natural[1]))
        case .normal: return gsl_cdf_gaussian_P(x - natural[0], natural[1])
        }
    }

    /// P(X > x) for natural parameters.
    private func upperTail(_ x: Double, _ natural: [Double]) -> Double {
        switch self {
        case .exponential: return exp(-x / natural[0])
        case .lognormal: return gsl_cdf_lognormal_Q(x, log(natural[0]), natural[1])
        case .gamma: return gsl_cdf_gamma_Q(x, natural[1], natural[0] / natural[1])
        case .weibull: return exp(-pow(x / natural[0], natural[1]))
        case .normal: return gsl_cdf_gaussian_Q(x - natural[0], natural[1])
        }
    }
}
