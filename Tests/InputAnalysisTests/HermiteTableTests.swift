import Foundation
@testable import InputAnalysis
import RandomStreams
import Testing

@Suite("Censored terms through the Hermite table")
struct HermiteTableTests {
    /// Many censored values: the tabulated log-likelihood against the term-by-term sum.
    @Test(arguments: [DistributionFamily.lognormal, .gamma])
    func tableMatchesTheExactSum(_ family: DistributionFamily) {
        let stream = RandomStream(seed: 31)
        // Censoring times from 1 s to 30 days, log-uniform: the widest range a history gives.
        let censored = (0..<(Likelihood.tableThreshold + 1)).map { _ in exp(stream.uniform() * log(2_592_000.0)) }
        let observed = (0..<200).map { _ in stream.lognormal(median: 600, sigma: 1) }
        let sample = DurationSample(observed: observed, censored: censored)
        let tabulated = Likelihood(sample, positive: true)
        let exact = Likelihood(sample, positive: true, tableThreshold: .max)
        #expect(tabulated.censoredTable != nil && exact.censoredTable == nil)
        for w in [[log(600.0), 0.0], [log(3_600.0), log(2.0)], [log(60.0), log(0.3)]] {
            let direct = exact.logLikelihood(family, w)
            let viaTable = tabulated.logLikelihood(family, w)
            #expect(abs(viaTable - direct) < 1e-9 * abs(direct), "\(family) at \(w)")
        }
    }

    @Test func gammaLogSurvivalInTheFarTail() {
        // ln Q(a, x) where Q underflows: against the asymptotic series
        // ln Γ(a, x) ≈ (a − 1) ln x − x + ln(1 + (a−1)/x + (a−1)(a−2)/x²) and Q = 1 exactly for a = 1.
        for (a, x) in [(2.5, 1_000.0), (0.5, 5_000.0), (1.0, 800.0)] {
            let correction: Double = 1 + (a - 1) / x + (a - 1) * (a - 2) / (x * x)
            let series: Double = (a - 1) * log(x) - x + log(correction) - lgamma(a)
            #expect(abs(Likelihood.logUpperGamma(a, x) - series) < 1e-6 * abs(series))
        }
        #expect(abs(Likelihood.logUpperGamma(1, 800) - -800) < 1e-12 * 800)
    }
}
