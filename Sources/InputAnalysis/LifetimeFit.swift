import Foundation

/// Fits durations with right censoring (touch delay, handle time) and numeric fields.
public enum LifetimeFit {
    /// Fits each of `families` to `sample` by maximum likelihood and ranks them by AIC, with
    /// the Kaplan–Meier-based KS distance and A² of each (see `GoodnessOfFit`).
    public static func rank(_ sample: DurationSample,
                            families: [DistributionFamily] = DistributionFamily.durations) -> FamilyRanking {
        GSLSetup.prepare()
        let kaplanMeier = KaplanMeier(sample)
        let prepared = MaximumLikelihood.PreparedSample(sample)
        var fits: [FamilyFit] = []
        var notFitted: [(DistributionFamily, String)] = []
        for family in families {
            switch MaximumLikelihood.estimate(family, prepared) {
            case .failure(let refusal):
                notFitted.append((family, refusal.reason))
            case .success(let estimate):
                fits.append(fit(family, estimate, kaplanMeier: kaplanMeier, censoredShare: sample.censoredShare))
            }
        }
        fits.sort { $0.aic < $1.aic }
        return FamilyRanking(fits: fits, notFitted: notFitted)
    }

    private static func fit(_ family: DistributionFamily, _ estimate: MaximumLikelihood.WorkingEstimate,
                            kaplanMeier: KaplanMeier, censoredShare: Double) -> FamilyFit {
        let w = estimate.point
        let natural = estimate.natural
        let parameters = family.parameterNames.indices.map { i in
            interval(family.parameterNames[i], value: natural[i], working: w[i], variance: estimate.covariance[i][i],
                     logScale: family.isPositive || i > 0)
        }
        // Delta method on the working scale: Var g(ŵ) ≈ ∇gᵀ Σ ∇g, ∇g by central differences.
        let gradient = w.indices.map { i -> Double in
            let h = 1e-6 * max(1, abs(w[i]))
            var plus = w, minus = w
            plus[i] += h
            minus[i] -= h
            return (family.workingMedian(plus) - family.workingMedian(minus)) / (2 * h)
        }
        var medianVariance = 0.0
        for i in w.indices {
            for j in w.indices { medianVariance += gradient[i] * estimate.covariance[i][j] * gradient[j] }
        }
        let workingMedian = family.workingMedian(w)
        let median = interval("median", value: family.isPositive ? exp(workingMedian) : workingMedian,
                              working: workingMedian, variance: medianVariance, logScale: family.isPositive)
        return FamilyFit(
            family: family, parameters: parameters, median: median,
            logLikelihood: estimate.logLikelihood, aic: 2 * Double(w.count) - 2 * estimate.logLikelihood,
            spec: family.spec(natural),
            goodness: GoodnessOfFit(family, natural, median: median.value,
                                    kaplanMeier: kaplanMeier, censoredShare: censoredShare),
            likelihoodEvaluations: estimate.evaluations
        )
    }

    /// `value` with a Wald interval on the working scale mapped to the natural one:
    /// exp(w ± 1.96 se) for a logarithm (standard error by the delta method, value · se),
    /// w ± 1.96 se otherwise.
    private static func interval(_ name: String, value: Double, working: Double, variance: Double,
                                 logScale: Bool) -> ParameterEstimate {
        let se = variance.squareRoot()
        let half = MaximumLikelihood.z95 * se
        if logScale {
            return ParameterEstimate(name: name, value: value, standardError: value * se,
                                     ci95: [exp(working - half), exp(working + half)])
        }
        return ParameterEstimate(name: name, value: value, standardError: se, ci95: [working - half, working + half])
    }
}
