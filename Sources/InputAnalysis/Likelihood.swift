import Foundation
internal import CGSL

/// A sample reduced to what the log-likelihoods need: sufficient statistics of the observed
/// values (counts, centred sums of values and of their logarithms) and the values that have no
/// sufficient statistic (censored values; every value's logarithm for the weibull).
struct Likelihood {
    let observedCount: Double
    let meanObserved: Double
    /// Σ (x − x̄)² over observed values.
    let centredSquaresObserved: Double
    let meanLogObserved: Double
    /// Σ (ln x − mean ln x)² over observed values.
    let centredSquaresLogObserved: Double
    /// Σ of observed and censored values (the exponential's total time on test).
    let totalTime: Double
    let censored: [Double]
    let logCensored: [Double]
    /// ln of every value, observed and censored (the weibull's Σ (t/λ)^k).
    let logAll: [Double]
    /// The censored values' log-survival terms through a Hermite table in ln c, when there are
    /// more than `tableThreshold` of them (lognormal and gamma: their log-survival has no
    /// closed form, and the table makes each evaluation cost `tableNodes` terms).
    let censoredTable: HermiteTable?

    static let tableNodes = 4_096
    static let tableThreshold = 4 * tableNodes

    /// - Parameters:
    ///   - positive: whether the logarithms are needed (positive families only).
    ///   - tableThreshold: the censored count above which their terms go through the table.
    init(_ sample: DurationSample, positive: Bool, tableThreshold: Int = Likelihood.tableThreshold) {
        let observed = sample.observed
        observedCount = Double(observed.count)
        (meanObserved, centredSquaresObserved) = Likelihood.centredMoments(observed)
        censored = sample.censored
        totalTime = observed.reduce(0, +) + censored.reduce(0, +)
        if positive {
            let logObserved = observed.map { log($0) }
            (meanLogObserved, centredSquaresLogObserved) = Likelihood.centredMoments(logObserved)
            logCensored = censored.map { log($0) }
            logAll = logObserved + logCensored
        } else {
            (meanLogObserved, centredSquaresLogObserved) = (.nan, .nan)
            logCensored = []
            logAll = []
        }
        censoredTable = logCensored.count > tableThreshold
            ? HermiteTable(points: logCensored, nodeCount: Likelihood.tableNodes)
            : nil
    }

    /// Mean and Σ (x − mean)², two passes (no cancellation).
    private static func centredMoments(_ values: [Double]) -> (mean: Double, squares: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) })
    }

    private static let halfLogTwoPi = 0.5 * log(2 * Double.pi)

    /// The log-likelihood of `family` at working parameters `w` (see `DistributionFamily`).
    func logLikelihood(_ family: DistributionFamily, _ w: [Double]) -> Double {
        let d = observedCount
        switch family {
        case .exponential:
            return -d * w[0] - totalTime * exp(-w[0])
        case .normal:
            let sigma = exp(w[1])
            let squares = centredSquaresObserved + d * (meanObserved - w[0]) * (meanObserved - w[0])
            return -d * (w[1] + Likelihood.halfLogTwoPi) - squares / (2 * sigma * sigma)
        case .lognormal:
            let mu = w[0], sigma = exp(w[1])
            let squares = centredSquaresLogObserved + d * (meanLogObserved - mu) * (meanLogObserved - mu)
            var value = -d * (w[1] + Likelihood.halfLogTwoPi + meanLogObserved) - squares / (2 * sigma * sigma)
            // ln P(X > c) = ln Q(z) = ln erfc(z/√2) − ln 2, z = (ln c − μ)/σ;
            // d/d ln c = −φ(z) / (σ Q(z)).
            let scale = 1 / (sigma * 2.0.squareRoot())
            if let table = censoredTable {
                return value + table.sum { logC in
                    let z = (logC - mu) / sigma
                    let logQ = gsl_sf_log_erfc(z / 2.0.squareRoot()) - M_LN2
                    return (logQ, -exp(-0.5 * z * z - Likelihood.halfLogTwoPi - logQ) / sigma)
                }
            }
            for logC in logCensored {
                value += gsl_sf_log_erfc((logC - mu) * scale) - M_LN2
            }
            return value
        case .gamma:
            let shape = exp(w[1]), logScale = w[0] - w[1], scale = exp(logScale)
            var value = (shape - 1) * d * meanLogObserved - d * meanObserved / scale
                - d * shape * logScale - d * gsl_sf_lngamma(shape)
            if let table = censoredTable {
                // d ln Q(a, x) / d ln c = −x^a e^(−x) / (Γ(a) Q(a, x)), x = c/θ.
                let logGammaShape = gsl_sf_lngamma(shape)
                return value + table.sum { logC in
                    let logX = logC - logScale, x = exp(logX)
                    let logQ = Likelihood.logUpperGamma(shape, x)
                    return (logQ, -exp(shape * logX - x - logGammaShape - logQ))
                }
            }
            for c in censored {
                value += Likelihood.logUpperGamma(shape, c / scale)
            }
            return value
        case .weibull:
            let logScale = w[0], shape = exp(w[1])
            var cumulativeHazard = 0.0
            for logT in logAll {
                cumulativeHazard += exp(shape * (logT - logScale))
            }
            return d * (w[1] - shape * logScale) + (shape - 1) * d * meanLogObserved - cumulativeHazard
        }
    }

    /// ln Q(a, x), the log of the regularised upper incomplete gamma function (the gamma's log
    /// survival at x in scale units): `gsl_sf_gamma_inc_Q_e` while Q is representable, and in the
    /// far upper tail, where Q underflows, Legendre's continued fraction evaluated in logs
    /// (modified Lentz): Q = e^(−x) x^a / Γ(a) · 1/(x + 1 − a − 1(1 − a)/(x + 3 − a − …)).
    static func logUpperGamma(_ a: Double, _ x: Double) -> Double {
        var result = gsl_sf_result(val: 0, err: 0)
        if gsl_sf_gamma_inc_Q_e(a, x, &result) == GSL_SUCCESS && result.val > 1e-250 {
            return log(result.val)
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return -x + a * log(x) - gsl_sf_lngamma(a) + log(h)
    }
}
