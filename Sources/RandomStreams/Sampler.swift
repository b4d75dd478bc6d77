import Foundation
import SimulationModel

/// A `DistributionSpec` compiled for fast, inverse-CDF sampling.
///
/// Every draw is `quantile(u)` of exactly one uniform `u`: a lead's touch delay under rule
/// set A and under rule set B comes from the same `u`, so the two runs differ only by the
/// policy (common random numbers), and a faster or slower distribution for one rep moves the
/// draw monotonically. Constants (gamma scale, cumulative table) are computed once here.
///
/// Beta, gamma, lognormal, normal and weibull quantiles come from a table of the standard form's
/// inverse CDF (`location + scale · Q(u)`), built once per process and shape and shared by
/// all samplers of that shape: within a relative 10⁻⁹ of GSL's value (for the normal, of
/// `(x − mean)`), exactly GSL's value where the table cannot guarantee that (the far tails),
/// and non-decreasing in `u`. `exactQuantile(_:)` is the untabulated reference.
/// Equality and hashing are by `spec`.
public struct Sampler: Hashable, Sendable {
    @usableFromInline enum Kind: Sendable {
        case constant(Double)
        case exponential(mean: Double)
        case uniform(lower: Double, width: Double)
        case empirical(Empirical)
        /// `location + scale · Q(u)`, Q the standard form's inverse CDF.
        case tabulated(QuantileTable, scale: Double, location: Double)
    }

    @usableFromInline let kind: Kind

    /// The distribution this sampler was compiled from.
    public let spec: DistributionSpec

    /// Compiles `spec`.
    ///
    /// - Precondition: `Sampler.validate(spec) == nil` (the scenario loader checks it with a
    ///   message pointing at the file).
    public init(_ spec: DistributionSpec) {
        if let problem = Sampler.validate(spec) {
            preconditionFailure("Sampler: invalid distribution \(spec): \(problem)")
        }
        GSL.prepare()
        self.spec = spec
        switch spec {
        case .constant(let v): kind = .constant(v)
        case .exponential(let mean): kind = .exponential(mean: mean)
        case .lognormal(let median, let sigma):
            kind = .tabulated(.shared(.lognormal(sigma: sigma)), scale: median, location: 0)
        case .gamma(let mean, let shape):
            kind = .tabulated(.shared(.gamma(shape: shape)), scale: mean / shape, location: 0)
        case .normal(let mean, let sd):
            kind = sd == 0 ? .constant(mean) : .tabulated(.shared(.normal), scale: sd, location: mean)
        case .uniform(let lower, let upper): kind = .uniform(lower: lower, width: upper - lower)
        case .beta(let a, let b): kind = .tabulated(.shared(.beta(a: a, b: b)), scale: 1, location: 0)
        case .weibull(let scale, let shape): kind = .tabulated(.shared(.weibull(shape: shape)), scale: scale, location: 0)
        case .empirical(let weighted): kind = .empirical(Empirical(weighted))
        }
    }

    public static func == (lhs: Sampler, rhs: Sampler) -> Bool {
        lhs.spec == rhs.spec
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(spec)
    }

    /// Why `spec` cannot be sampled, or `nil` when it can.
    ///
    /// Checks: every parameter finite; exponential mean > 0; lognormal median > 0 and
    /// sigma > 0; gamma mean > 0 and shape > 0; normal sd ≥ 0; uniform lower < upper; beta
    /// a, b > 0; weibull scale > 0 and shape > 0; empirical non-empty, weights ≥ 0 with a positive sum.
    public static func validate(_ spec: DistributionSpec) -> String? {
        func finite(_ pairs: (String, Double)...) -> String? {
            for (name, value) in pairs where !value.isFinite {
                return "\(name) must be a finite number, got \(value)"
            }
            return nil
        }
        switch spec {
        case .constant(let v):
            return finite(("constant value", v))
        case .exponential(let mean):
            if let problem = finite(("exponential mean", mean)) { return problem }
            return mean > 0 ? nil : "exponential mean must be > 0, got \(mean)"
        case .lognormal(let median, let sigma):
            if let problem = finite(("lognormal median", median), ("lognormal sigma", sigma)) { return problem }
            if median <= 0 { return "lognormal median must be > 0, got \(median)" }
            return sigma > 0 ? nil : "lognormal sigma must be > 0, got \(sigma)"
        case .gamma(let mean, let shape):
            if let problem = finite(("gamma mean", mean), ("gamma shape", shape)) { return problem }
            if mean <= 0 { return "gamma mean must be > 0, got \(mean)" }
            return shape > 0 ? nil : "gamma shape must be > 0, got \(shape)"
        case .normal(let mean, let sd):
            if let problem = finite(("normal mean", mean), ("normal sd", sd)) { return problem }
            return sd >= 0 ? nil : "normal sd must be >= 0, got \(sd)"
        case .uniform(let lower, let upper):
            if let problem = finite(("uniform lower bound", lower), ("uniform upper bound", upper)) { return problem }
            return lower < upper ? nil : "uniform lower bound must be < upper bound, got [\(lower), \(upper)]"
        case .beta(let a, let b):
            if let problem = finite(("beta a", a), ("beta b", b)) { return problem }
            if a <= 0 { return "beta a must be > 0, got \(a)" }
            return b > 0 ? nil : "beta b must be > 0, got \(b)"
        case .weibull(let scale, let shape):
            if let problem = finite(("weibull scale", scale), ("weibull shape", shape)) { return problem }
            if scale <= 0 { return "weibull scale must be > 0, got \(scale)" }
            return shape > 0 ? nil : "weibull shape must be > 0, got \(shape)"
        case .empirical(let items):
            if items.isEmpty { return "empirical distribution needs at least one [value, weight] pair" }
            var total = 0.0
            for (i, item) in items.enumerated() {
                if !item.value.isFinite { return "empirical value #\(i + 1) must be a finite number, got \(item.value)" }
                if !item.weight.isFinite || item.weight < 0 {
                    return "empirical weight #\(i + 1) must be a finite number >= 0, got \(item.weight)"
                }
                total += item.weight
            }
            return total > 0 && total.isFinite ? nil : "empirical weights must have a positive sum"
        }
    }

    /// The inverse CDF at `u`: the value below which a share `u` of draws falls.
    ///
    /// `u` is expected in (0, 1); at 0 and 1 the ends of the support are returned (which may
    /// be infinite). Empirical: the smallest value whose cumulative weight share is ≥ u.
    /// Beta, gamma, lognormal and normal: from the shape's table (see the type's notes).
    @inlinable
    public func quantile(_ u: Double) -> Double {
        switch kind {
        case .constant(let v):
            return v
        case .exponential(let mean):
            // gsl_cdf_exponential_Pinv(u, mean) = -mean * log1p(-u), to within an ulp (see below).
            return mean * standardExponentialQuantile(u)
        case .uniform(let lower, let width):
            return lower + width * u
        case .empirical(let empirical):
            return empirical.quantile(u)
        case .tabulated(let table, let scale, let location):
            return location + scale * table.quantile(u)
        }
    }

    /// The inverse CDF at `u` without the table: GSL's `*_Pinv` functions, and where one
    /// reports failure (NaN), bisection of the CDF. The reference `quantile(_:)` is held to;
    /// the same as `quantile(_:)` for the other kinds.
    public func exactQuantile(_ u: Double) -> Double {
        guard case .tabulated(let table, let scale, let location) = kind else { return quantile(u) }
        return location + scale * table.distribution.quantile(u)
    }

    /// One draw: `quantile(stream.uniform())`, exactly one uniform.
    @inline(__always)
    public func sample(_ stream: RandomStream) -> Double {
        quantile(stream.uniform())
    }

    /// The mean of the distribution.
    public var mean: Double { spec.mean }
}

extension Sampler {
    /// An empirical distribution: distinct values ascending, with their cumulative weight
    /// share (the last is exactly 1).
    @usableFromInline struct Empirical: Sendable {
        let values: [Double]
        let cumulative: [Double]

        /// Merges equal values and drops zero weights.
        init(_ weighted: [WeightedValue]) {
            var byValue: [Double: Double] = [:]
            for item in weighted where item.weight > 0 {
                byValue[item.value, default: 0] += item.weight
            }
            values = byValue.keys.sorted()
            let total = values.reduce(0.0) { $0 + byValue[$1]! }
            var running = 0.0
            var cumulative = values.map { value -> Double in
                running += byValue[value]!
                return running / total
            }
            cumulative[cumulative.count - 1] = 1
            self.cumulative = cumulative
        }

        /// The smallest value whose cumulative weight share is ≥ u.
        @usableFromInline func quantile(_ u: Double) -> Double {
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] >= u { high = mid } else { low = mid + 1 }
            }
            return values[low]
        }
    }
}

/// −ln(1 − u): the inverse CDF of the unit exponential at `u` (`gsl_cdf_exponential_Pinv(u, 1)`).
///
/// Computed as −log(1 − u) when 1 − u is exact in floating point, which holds for every
/// uniform leadsim draws (multiples of 2⁻³² from GSL, odd multiples of 2⁻⁵³ from
/// ``CounterUniforms``): then both forms are the logarithm of the same number, each within an
/// ulp, and `log` costs well under half of `log1p` (15.6 → 6.4 ns here). For any other `u`,
/// `log1p(−u)` keeps the precision that rounding 1 − u would lose.
@inlinable @inline(__always)
public func standardExponentialQuantile(_ u: Double) -> Double {
    let complement = 1 - u
    return 1 - complement == u ? 0 - log(complement) : 0 - log1p(-u)  // 0 − x: +0.0 at u = 0
}
