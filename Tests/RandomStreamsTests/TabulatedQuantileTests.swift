import Foundation
import RandomStreams
import SimulationModel
import Testing

@Suite("Tabulated quantiles")
struct TabulatedQuantileTests {
    static let shapes: [DistributionSpec] = [
        .beta(a: 0.3, b: 0.4), .beta(a: 0.5, b: 0.5), .beta(a: 2, b: 3), .beta(a: 1.5, b: 4),
        .gamma(mean: 0.3, shape: 0.3), .gamma(mean: 1, shape: 1), .gamma(mean: 172_800, shape: 2),
        .gamma(mean: 20, shape: 20),
        .lognormal(median: 1, sigma: 0.3), .lognormal(median: 180, sigma: 1.3), .lognormal(median: 1, sigma: 2.5),
        .normal(mean: 0, sd: 1), .normal(mean: 50, sd: 10),
        .weibull(scale: 1, shape: 0.5), .weibull(scale: 1200, shape: 0.8), .weibull(scale: 30, shape: 2.5),
    ]

    /// Ascending levels: 80,000 across (0, 1) and 10,000 in each tail, geometric from 2⁻⁵³
    /// (the smallest `CounterUniforms` value) to 2⁻⁴, so every cell is hit about 30 times.
    static let levels: [Double] = {
        let body = (0..<80_000).map { (Double($0) + 0.37) / 80_000 }
        let tail = (0..<10_000).map { 0x1p-53 * pow(2, 49 * Double($0) / 10_000) }
        return (tail + body + tail.reversed().map { 1 - $0 }).sorted()
    }()

    @Test("within 1e-9 of GSL, relative, and non-decreasing", arguments: shapes)
    func tableMatchesExactQuantiles(spec: DistributionSpec) {
        let sampler = Sampler(spec)
        // The normal's guarantee is relative to the distance from the mean.
        let location = if case .normal(let mean, _) = spec { mean } else { 0.0 }
        var worst = (error: 0.0, u: 0.0)
        var decrease: Double?
        var previous = -Double.infinity
        var interpolated = 0
        for u in Self.levels {
            let tabulated = sampler.quantile(u)
            let exact = sampler.exactQuantile(u)
            if tabulated != exact { interpolated += 1 }
            // Two ulps of slack for the scale and location arithmetic.
            let error = (abs(tabulated - exact) - 2 * exact.ulp) / abs(exact - location)
            if error > worst.error { worst = (error, u) }
            if tabulated < previous && decrease == nil { decrease = u }
            previous = tabulated
        }
        #expect(worst.error <= 1e-9, "\(spec): relative error \(worst.error) at u = \(worst.u)")
        #expect(decrease == nil, "\(spec): decreases at u = \(decrease ?? 0)")
        // The table is in use: interpolated values differ from GSL's in the last digits.
        #expect(interpolated > Self.levels.count / 4, "\(spec): only \(interpolated) values interpolated")
    }
}
