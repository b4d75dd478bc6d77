import Foundation
internal import CGSL

// Distribution functions used by confidence intervals, queueing formulas and the
// validation suite. All go through GSL; results GSL flags as failures come back as NaN.

/// The standard normal distribution.
public enum Normal {
    /// The p-quantile of N(mean, sd²) (`gsl_cdf_gaussian_Pinv`).
    public static func quantile(_ p: Double, mean: Double = 0, sd: Double = 1) -> Double {
        GSL.prepare()
        return mean + gsl_cdf_gaussian_Pinv(p, sd)
    }

    /// P(X ≤ x) for N(mean, sd²) (`gsl_cdf_gaussian_P`).
    public static func cdf(_ x: Double, mean: Double = 0, sd: Double = 1) -> Double {
        GSL.prepare()
        return gsl_cdf_gaussian_P(x - mean, sd)
    }
}

/// Student's t distribution.
public enum StudentT {
    /// The p-quantile with ν degrees of freedom (`gsl_cdf_tdist_Pinv`); ν = ∞ gives the normal
    /// quantile. For a 95% two-sided interval use p = 0.975.
    ///
    /// - Precondition: `degreesOfFreedom > 0`.
    public static func quantile(p: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "t quantile needs degrees of freedom > 0, got \(degreesOfFreedom)")
        GSL.prepare()
        if degreesOfFreedom.isInfinite { return gsl_cdf_ugaussian_Pinv(p) }
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }

    /// P(T ≤ t) (`gsl_cdf_tdist_P`).
    public static func cdf(_ t: Double, degreesOfFreedom: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_tdist_P(t, degreesOfFreedom)
    }
}

/// The chi-square distribution.
public enum ChiSquared {
    /// P(X > x) with the given degrees of freedom (`gsl_cdf_chisq_Q`): the p-value of a
    /// chi-square goodness-of-fit statistic.
    public static func upperTail(_ x: Double, degreesOfFreedom: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_chisq_Q(x, degreesOfFreedom)
    }

    /// The p-quantile (`gsl_cdf_chisq_Pinv`).
    public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_chisq_Pinv(p, degreesOfFreedom)
    }
}

/// The Poisson distribution.
public enum Poisson {
    /// P(N ≤ k) for N ~ Poisson(mean) (`gsl_cdf_poisson_P`).
    public static func cdf(_ k: Int, mean: Double) -> Double {
        GSL.prepare()
        if k < 0 { return 0 }
        return gsl_cdf_poisson_P(UInt32(clamping: k), mean)
    }

    /// P(N > k) (`gsl_cdf_poisson_Q`).
    public static func upperTail(_ k: Int, mean: Double) -> Double {
        GSL.prepare()
        if k < 0 { return 1 }
        return gsl_cdf_poisson_Q(UInt32(clamping: k), mean)
    }

    /// P(N = k) (`gsl_ran_poisson_pdf`).
    public static func probability(_ k: Int, mean: Double) -> Double {
        GSL.prepare()
        if k < 0 { return 0 }
        return gsl_ran_poisson_pdf(UInt32(clamping: k), mean)
    }
}

/// The gamma distribution with shape k and scale θ.
public enum GammaDistribution {
    /// P(X ≤ x) (`gsl_cdf_gamma_P`).
    public static func cdf(_ x: Double, shape: Double, scale: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_gamma_P(x, shape, scale)
    }

    /// The p-quantile (`gsl_cdf_gamma_Pinv` at scale 1 times `scale`, as GSL computes it;
    /// bisection when it fails).
    public static func quantile(_ p: Double, shape: Double, scale: Double) -> Double {
        GSL.prepare()
        return scale * StandardDistribution.gamma(shape: shape).quantile(p)
    }
}

/// Gamma-function family (Erlang formulas need them).
public enum GammaFunctions {
    /// ln Γ(x) for x > 0 (`gsl_sf_lngamma_e`); NaN on failure.
    public static func lnGamma(_ x: Double) -> Double {
        GSL.checked { gsl_sf_lngamma_e(x, $0) } ?? .nan
    }

    /// The regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) (`gsl_sf_gamma_inc_P_e`);
    /// NaN on failure.
    public static func regularizedLower(a: Double, x: Double) -> Double {
        GSL.checked { gsl_sf_gamma_inc_P_e(a, x, $0) } ?? .nan
    }

    /// The regularised upper incomplete gamma Q(a, x) = 1 − P(a, x) (`gsl_sf_gamma_inc_Q_e`);
    /// NaN on failure.
    public static func regularizedUpper(a: Double, x: Double) -> Double {
        GSL.checked { gsl_sf_gamma_inc_Q_e(a, x, $0) } ?? .nan
    }
}
