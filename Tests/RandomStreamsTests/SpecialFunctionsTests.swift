import RandomStreams
import Testing

private func close(_ a: Double, _ b: Double, _ relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b))
}

@Suite("Special functions")
struct SpecialFunctionsTests {
    // t(0.975, ν) from statistical tables / scipy.stats.t.ppf.
    @Test("Student t quantiles", arguments: [
        (1.0, 12.706204736174694), (2, 4.302652729749462), (4, 2.7764451051977934),
        (9, 2.262157162798205), (19, 2.0930240544083087), (29, 2.045229642132703),
    ])
    func tQuantiles(dof: Double, expected: Double) {
        #expect(close(StudentT.quantile(p: 0.975, degreesOfFreedom: dof), expected, 1e-8))
    }

    @Test func otherHelpers() {
        #expect(close(StudentT.quantile(p: 0.995, degreesOfFreedom: 9), 3.249835541592126, 1e-8))
        #expect(close(StudentT.quantile(p: 0.975, degreesOfFreedom: .infinity), 1.959963984540054, 1e-12))
        #expect(close(Normal.quantile(0.975), 1.959963984540054, 1e-12))
        #expect(close(ChiSquared.upperTail(30, degreesOfFreedom: 20), 0.06985366069940986, 1e-9))
        #expect(close(ChiSquared.upperTail(3.84, degreesOfFreedom: 1), 0.05004352124870519, 1e-9))
        #expect(close(Poisson.cdf(3, mean: 2.5), 0.7575761331330662, 1e-12))
        #expect(close(Poisson.upperTail(10, mean: 7), 0.09852079411091275, 1e-10))
        #expect(close(Poisson.probability(4, mean: 3), 0.16803135574154085, 1e-12))
        #expect(close(GammaFunctions.regularizedLower(a: 2.5, x: 3), 0.6937810815867212, 1e-12))
        #expect(close(GammaFunctions.lnGamma(10.5), 13.940625219403763, 1e-12))
        #expect(close(GammaDistribution.quantile(0.5, shape: 2, scale: 129_600), 217513.7699061593, 1e-9))
    }

    @Test func failuresAreNaNNotAborts() {
        // Outside the domain GSL would call its (aborting) default handler; here it is off.
        #expect(GammaFunctions.lnGamma(-1).isNaN)
        #expect(GammaFunctions.regularizedLower(a: -1, x: 1).isNaN)
    }
}
