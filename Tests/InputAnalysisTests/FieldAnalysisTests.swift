import Foundation
import InputAnalysis
import RandomStreams
import SimulationModel
import Testing

@Suite("Field analysis")
struct FieldAnalysisTests {
    @Test func wilsonIntervalsMatchNewcombe() {
        // Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score).
        let cases: [(Int, Int, Double, Double)] = [
            (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0, 0.1611), (1, 29, 0.0061, 0.1718),
        ]
        for (count, total, lower, upper) in cases {
            let share = Share(count: count, total: total)
            #expect(abs(share.ci95[0] - lower) < 5e-5 && abs(share.ci95[1] - upper) < 5e-5, "\(count)/\(total)")
        }
    }

    @Test func categoricalWeightsAndMissing() {
        let field = CategoricalFieldAnalysis(counts: ["NA": 500, "EMEA": 300, "APAC": 200], blanks: 250)
        #expect(field.values.map(\.value) == ["NA", "EMEA", "APAC"])
        #expect(field.values.map(\.share.share) == [0.5, 0.3, 0.2])
        #expect(field.missing.share == 0.2 && field.missing.total == 1_250)
    }

    @Test func integralLognormalFieldIsFlaggedInteger() {
        let stream = RandomStream(seed: 17)
        let employees = (0..<5_000).map { _ in max(1, stream.lognormal(median: 150, sigma: 1.2).rounded()) }
        let field = NumericFieldAnalysis(values: employees, blanks: 40)
        #expect(field.integer)
        #expect(field.ranking.best?.family == .lognormal)
        #expect(field.ranking.fits.count == 5)
        let median = field.ranking.best!.parameters[0]
        #expect(abs(median.value - 150) < 4 * median.standardError)
        #expect(abs(field.missing.share - 40.0 / 5_040) < 1e-15)
    }

    @Test func fieldWithNegativesGetsTheNormalOnly() {
        let stream = RandomStream(seed: 23)
        let values = (0..<2_000).map { _ in stream.normal(mean: 3, sd: 10) }
        let field = NumericFieldAnalysis(values: values, blanks: 0)
        #expect(!field.integer)
        #expect(field.ranking.fits.map(\.family) == [.normal])
        #expect(Set(field.ranking.notFitted.map(\.family)) == [.lognormal, .gamma, .weibull, .exponential])
        let normal = field.ranking.fits[0]
        #expect(abs(normal.parameters[0].value - 3) < 4 * normal.parameters[0].standardError)
        #expect(abs(normal.parameters[1].value - 10) < 4 * normal.parameters[1].standardError)
        #expect(normal.median.value == normal.parameters[0].value)
        #expect(normal.spec == .normal(mean: normal.parameters[0].value, sd: normal.parameters[1].value))
    }
}
