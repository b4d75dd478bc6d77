import Foundation
import InputAnalysis
import RandomStreams
import SimulationModel
import Testing

/// Remission times in weeks of the 6-MP arm of Freireich et al. (1963) (Gehan 1965): 9 relapses,
/// 12 patients still in remission (right-censored).
let sixMPRelapses: [Double] = [6, 6, 6, 7, 10, 13, 16, 22, 23]
let sixMPCensored: [Double] = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35]

private func fit(_ ranking: FamilyRanking, _ family: DistributionFamily) -> FamilyFit {
    ranking.fits.first { $0.family == family }!
}

@Suite("Censored maximum likelihood")
struct LifetimeFitTests {
    @Test func exponentialIsTheClosedForm() {
        // λ̂ = d / Σ t: 9 relapses over 359 weeks on test (Lawless, Example 3.1.1 uses the same data).
        let ranking = LifetimeFit.rank(DurationSample(observed: sixMPRelapses, censored: sixMPCensored),
                                       families: [.exponential])
        let exponential = fit(ranking, .exponential)
        let mean = (sixMPRelapses + sixMPCensored).reduce(0, +) / 9
        #expect(mean == 359.0 / 9)
        #expect(exponential.parameters[0].value == mean)
        #expect(exponential.spec == .exponential(mean: mean))
        #expect(abs(exponential.parameters[0].standardError - mean / 3) < 1e-12 * mean)
        #expect(abs(exponential.logLikelihood - (-9 * log(mean) - 9)) < 1e-12)
        #expect(abs(exponential.median.value - mean * log(2)) < 1e-9)
        // ln mean ± 1.96/√d.
        #expect(abs(exponential.parameters[0].ci95[0] - mean * exp(-1.959963984540054 / 3)) < 1e-9)
        #expect(exponential.likelihoodEvaluations == 1)
    }

    @Test func weibullMatchesNAGExample() {
        // NAG g07bec example (20 uncensored values): S(x) = exp(−e^β x^γ) with
        // β = −2.1073 (se 0.4627), γ = 2.7870 (se 0.4273).
        let x: [Double] = [1.1, 1.4, 1.3, 1.7, 1.9, 1.8, 1.6, 2.2, 1.7, 2.7, 4.1, 1.8, 1.5, 1.2, 1.4, 3.0, 1.7, 2.3, 1.6, 2.0]
        let weibull = fit(LifetimeFit.rank(DurationSample(observed: x), families: [.weibull]), .weibull)
        let scale = weibull.parameters[0], shape = weibull.parameters[1]
        #expect(abs(shape.value - 2.7870) < 5e-5)
        #expect(abs(-shape.value * log(scale.value) - -2.1073) < 5e-5)
        #expect(abs(shape.standardError - 0.4273) < 5e-5)
    }

    @Test func familiesThatCannotBeFittedSayWhy() {
        let one = LifetimeFit.rank(DurationSample(observed: [30, 30], censored: [600]))
        #expect(one.fits.map(\.family) == [.exponential])
        #expect(one.notFitted.map(\.family) == [.lognormal, .gamma, .weibull])
        #expect(one.notFitted.allSatisfy { $0.reason == "needs 2 distinct observed values" })
        let none = LifetimeFit.rank(DurationSample(observed: [], censored: [600, 900]))
        #expect(none.best == nil && none.notFitted.count == 4)
        // Few values, heavy censoring: every family still fits, with finite intervals.
        let few = LifetimeFit.rank(DurationSample(observed: [40, 95, 300], censored: [1_000, 2_000, 5_000, 9_000]))
        #expect(few.fits.count == 4)
        #expect(few.fits.allSatisfy { $0.median.ci95.allSatisfy(\.isFinite) && $0.aic.isFinite })
    }

    @Test func zerosAreFloored() {
        let sample = DurationSample(observed: [0, 5, 0, 12], censored: [0, 30])
        #expect(sample.shiftedZeros == 3)
        #expect(sample.observed == [1, 5, 1, 12] && sample.censored == [1, 30])
        #expect(abs(sample.censoredShare - 1.0 / 3) < 1e-15)
    }
}
