internal import CGSL

/// A continuous distribution in standard form: its shape only, scale 1 and location 0.
///
/// `Sampler` draws a gamma, lognormal, normal or weibull as `location + scale · Q(u)`, Q the
/// inverse CDF of the standard form, so samplers that differ only in mean, median or scale
/// share one `QuantileTable`. For the gamma, the normal and the weibull this is exactly what
/// GSL computes (`gsl_cdf_gamma_Pinv` and `gsl_cdf_weibull_Pinv` scale a unit-scale quantile,
/// `gsl_cdf_gaussian_Pinv` an N(0, 1) one); for the lognormal, `median · exp(σz)` differs from GSL's `exp(ln median + σz)` by
/// rounding only.
enum StandardDistribution: Hashable, Sendable {
    case beta(a: Double, b: Double)
    /// Scale 1.
    case gamma(shape: Double)
    /// Median 1.
    case lognormal(sigma: Double)
    /// N(0, 1).
    case normal
    /// Scale 1: P(X > x) = exp(−x^shape).
    case weibull(shape: Double)

    /// The exact inverse CDF at `u`: GSL's `*_Pinv`, or bisection of the CDF where GSL reports
    /// failure (NaN). At 0 and 1 the ends of the support (which may be infinite).
    func quantile(_ u: Double) -> Double {
        switch self {
        case .beta(let a, let b):
            let x = gsl_cdf_beta_Pinv(u, a, b)
            if !x.isNaN { return x }
            return StandardDistribution.bisect(u, upper: 1) { gsl_cdf_beta_P($0, a, b) }
        case .gamma(let shape):
            let x = gsl_cdf_gamma_Pinv(u, shape, 1)
            if !x.isNaN { return x }
            return StandardDistribution.bisect(u, upper: .infinity) { gsl_cdf_gamma_P($0, shape, 1) }
        case .lognormal(let sigma):
            return gsl_cdf_lognormal_Pinv(u, 0, sigma)
        case .normal:
            return gsl_cdf_ugaussian_Pinv(u)
        case .weibull(let shape):
            return gsl_cdf_weibull_Pinv(u, 1, shape)
        }
    }

    /// The probability density at `x` (GSL's `gsl_ran_*_pdf`).
    func density(_ x: Double) -> Double {
        switch self {
        case .beta(let a, let b): return gsl_ran_beta_pdf(x, a, b)
        case .gamma(let shape): return gsl_ran_gamma_pdf(x, shape, 1)
        case .lognormal(let sigma): return gsl_ran_lognormal_pdf(x, 0, sigma)
        case .normal: return gsl_ran_ugaussian_pdf(x)
        case .weibull(let shape): return gsl_ran_weibull_pdf(x, 1, shape)
        }
    }

    /// Inverts a continuous CDF on [0, upper] by bisection: the upper end is found by
    /// doubling, the lower by halving (so tiny quantiles keep their relative precision).
    private static func bisect(_ u: Double, upper: Double, cdf: (Double) -> Double) -> Double {
        if u <= 0 { return 0 }
        if u >= 1 { return upper }
        var high = upper.isFinite ? upper : 1
        while cdf(high) < u {
            if high > .greatestFiniteMagnitude / 4 { return high }
            high *= 2
        }
        var low = high
        repeat {
            if low < 1e-300 { return low }
            high = low
            low /= 2
        } while cdf(low) >= u
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { break }
            if cdf(mid) < u { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
