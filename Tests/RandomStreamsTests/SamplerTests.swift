import Foundation
import RandomStreams
import SimulationModel
import Testing

private func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b)) || abs(a - b) < 1e-300
}

@Suite("Samplers")
struct SamplerTests {
    // Reference quantiles from scipy.stats (ppf), pasted.
    static let quantileCases: [(DistributionSpec, [Double], [Double])] = [
        (DistributionSpec.exponential(mean: 600), [0.01, 0.5, 0.9, 0.999],
         [6.030201512100865, 415.88830833596717, 1381.5510557964276, 4144.653167389281]),
        (.lognormal(median: 480, sigma: 0.8), [0.01, 0.5, 0.9, 0.999],
         [74.64233239687763, 480.0, 1338.128608919521, 5687.192232546487]),
        (.gamma(mean: 3 * 86400, shape: 2), [0.01, 0.5, 0.9, 0.999],
         [19252.694336823268, 217513.7699061593, 504107.7340148188, 1196650.3865481254]),
        (.gamma(mean: 0.5, shape: 0.05), [1e-6, 0.01, 0.5, 0.9],
         [5.8446320572865515e-120, 5.844632057286578e-40, 5.573878440746256e-06, 0.7631711390918905]),
        (.normal(mean: 50, sd: 10), [0.01, 0.5, 0.9, 0.999],
         [26.73652125959159, 50.0, 62.815515655446006, 80.90232306167813]),
        (.beta(a: 2, b: 5), [0.01, 0.5, 0.9, 0.999],
         [0.026763191142755053, 0.26444998329566005, 0.5103163065514917, 0.818613866919134]),
        (.beta(a: 0.3, b: 0.4), [0.01, 0.5, 0.9],
         [8.961884150910773e-07, 0.3431703984215374, 0.9812695283421334]),
        (.weibull(scale: 1200, shape: 0.8), [0.01, 0.5, 0.9, 0.999],
         [3.8186245880756435, 758.9498375666111, 3403.696726106647, 13438.550427601302]),
        (.weibull(scale: 30, shape: 2.5), [0.01, 0.5, 0.9, 0.999],
         [4.764238393944652, 25.909047018071245, 41.88008266110856, 64.99142091285073]),
        (.uniform(lower: 10, upper: 30), [0.01, 0.5, 0.9], [10.2, 20, 28]),
        (.constant(300), [0.01, 0.5, 0.9], [300, 300, 300]),
    ]

    @Test("quantiles match scipy", arguments: quantileCases)
    func quantilesMatchReference(spec: DistributionSpec, levels: [Double], expected: [Double]) {
        let sampler = Sampler(spec)
        for (u, x) in zip(levels, expected) {
            #expect(close(sampler.quantile(u), x, relative: 1e-6), "\(spec) at \(u): \(sampler.quantile(u)) vs \(x)")
        }
    }

    @Test func standardExponentialAgreesWithLog1p() {
        // Leadsim's uniforms (2⁻³² grid, odd multiples of 2⁻⁵³) take the log(1 − u) path; others log1p.
        var ulps: [Double] = []
        let luck = CounterUniforms(seed: 42)
        for i in 0..<20_000 {
            for u in [luck.uniform(i), Double(UInt32(truncatingIfNeeded: luck.bits(i))) * 0x1p-32] {
                let x = standardExponentialQuantile(u), reference = -log1p(-u)
                ulps.append(abs(x - reference) / reference.ulp)
            }
        }
        #expect(ulps.max()! <= 2, "worst \(ulps.max()!) ulp")
        #expect(standardExponentialQuantile(0).sign == .plus && standardExponentialQuantile(0) == 0)
        #expect(standardExponentialQuantile(1) == .infinity)
        // 1 − 1e-300 rounds to 1: the log1p path keeps the tiny quantile.
        #expect(standardExponentialQuantile(1e-300) == 1e-300)
        #expect(standardExponentialQuantile(0.1 + 1e-17) == -log1p(-(0.1 + 1e-17)))
    }

    @Test func empiricalIsSmallestValueReachingTheShare() {
        let sampler = Sampler(.empirical([
            WeightedValue(value: 30, weight: 1), WeightedValue(value: 10, weight: 2),
            WeightedValue(value: 20, weight: 0), WeightedValue(value: 10, weight: 1),
        ]))
        // Sorted: 10 (weight 3, share 0.75), 30 (share 1); 20 has weight 0 and never appears.
        #expect(sampler.quantile(0.0001) == 10)
        #expect(sampler.quantile(0.75) == 10)
        #expect(sampler.quantile(0.7500001) == 30)
        #expect(sampler.quantile(0.9999) == 30)
    }

    @Test func samplingIsOneUniform() {
        let sampler = Sampler(.lognormal(median: 720, sigma: 0.9))
        let a = RandomStream(seed: 5)
        let b = RandomStream(seed: 5)
        for _ in 0..<100 {
            #expect(sampler.sample(a) == sampler.quantile(b.uniform()))
        }
    }

    static let meanCases: [(DistributionSpec, Double)] = [
        (DistributionSpec.exponential(mean: 600), 600.0 * 600),
        (.gamma(mean: 10, shape: 2), 50),
        (.lognormal(median: 8, sigma: 0.5), 8 * 8 * exp(0.25) * (exp(0.25) - 1)),
        (.normal(mean: 50, sd: 10), 100),
        (.uniform(lower: 0, upper: 100), 10_000.0 / 12),
        (.beta(a: 2, b: 3), 6.0 / (25 * 6)),
        (.weibull(scale: 30, shape: 2.5), 129.73202021710097),
        (.empirical([WeightedValue(value: 1, weight: 1), WeightedValue(value: 5, weight: 3)]), 3.0),
    ]

    @Test("sample means lie within 4.5 standard errors", arguments: meanCases)
    func sampleMeans(spec: DistributionSpec, variance: Double) {
        let sampler = Sampler(spec)
        let stream = RandomStream(seed: 11, replication: 0, name: "\(spec)")
        let n = 20_000
        var sum = 0.0
        for _ in 0..<n { sum += sampler.sample(stream) }
        #expect(abs(sum / Double(n) - spec.mean) <= 4.5 * (variance / Double(n)).squareRoot())
    }

    @Test func validationMessages() {
        #expect(Sampler.validate(.exponential(mean: 0)) == "exponential mean must be > 0, got 0.0")
        #expect(Sampler.validate(.lognormal(median: 5, sigma: 0))?.contains("sigma") == true)
        #expect(Sampler.validate(.gamma(mean: 5, shape: -1))?.contains("shape") == true)
        #expect(Sampler.validate(.normal(mean: 5, sd: -1))?.contains("sd") == true)
        #expect(Sampler.validate(.normal(mean: 5, sd: 0)) == nil)
        #expect(Sampler.validate(.uniform(lower: 3, upper: 3))?.contains("lower") == true)
        #expect(Sampler.validate(.beta(a: 0, b: 1))?.contains("beta a") == true)
        #expect(Sampler.validate(.weibull(scale: 0, shape: 1)) == "weibull scale must be > 0, got 0.0")
        #expect(Sampler.validate(.weibull(scale: 1, shape: 0))?.contains("weibull shape") == true)
        #expect(Sampler.validate(.empirical([])) != nil)
        #expect(Sampler.validate(.empirical([WeightedValue(value: 1, weight: 0)])) != nil)
        #expect(Sampler.validate(.empirical([WeightedValue(value: 1, weight: -1)])) != nil)
        #expect(Sampler.validate(.constant(.infinity))?.contains("finite") == true)
        #expect(Sampler.validate(.exponential(mean: .nan))?.contains("finite") == true)
    }

    @Test func categoricalPicksByCumulativeShare() {
        let categories = CategoricalSampler(weights: [0, 50, 30, 0, 20, 0])
        #expect(categories.index(0) == 1)
        #expect(categories.index(0.4999) == 1)
        #expect(categories.index(0.5) == 2)
        #expect(categories.index(0.8) == 4)
        #expect(categories.index(0.9999999) == 4)
        #expect(categories.index(1) == 4)
        let stream = RandomStream(seed: 3)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<30_000 { counts[categories.sample(stream)] += 1 }
        #expect(counts[0] == 0 && counts[3] == 0 && counts[5] == 0)
        let expected = [15_000.0, 9_000, 6_000]
        let observed = [counts[1], counts[2], counts[4]].map(Double.init)
        let chi2 = zip(observed, expected).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
        #expect(ChiSquared.upperTail(chi2, degreesOfFreedom: 2) > 0.001)
    }
}

