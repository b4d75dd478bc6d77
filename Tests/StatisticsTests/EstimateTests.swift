import Foundation
import Statistics
import Testing

private func close(_ a: Double, _ b: Double, _ relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
}

@Suite("Estimates and paired differences")
struct EstimateTests {
    // Reference: numpy mean, std(ddof=1), scipy.stats.t.ppf(0.975, 4).
    @Test func meanAndInterval() {
        let estimate = Estimate(values: [3.1, 4.7, 2.2, 5.9, 4.4])
        #expect(close(estimate.mean, 4.06))
        #expect(close(estimate.ci95[0], 2.2722625413012976, 1e-10))
        #expect(close(estimate.ci95[1], 5.847737458698703, 1e-10))
        let ci99 = ConfidenceInterval([3.1, 4.7, 2.2, 5.9, 4.4], level: 0.99)
        #expect(close(ci99.lower, 1.095449089374812, 1e-10))
        #expect(close(ci99.upper, 7.024550910625189, 1e-10))
        #expect(ci99.count == 5)
        #expect(close(estimate.halfWidth, (5.847737458698703 - 2.2722625413012976) / 2, 1e-10))
    }

    @Test func oneReplicationCollapses() {
        let estimate = Estimate(values: [7.5])
        #expect(estimate.mean == 7.5 && estimate.ci95 == [7.5, 7.5])
        #expect(ConfidenceInterval([Double]()).mean.isNaN)
    }

    @Test func encodesAsSpecified() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(Estimate(mean: 1.5, ci95: [1, 2])), as: UTF8.self)
        #expect(json == #"{"ci95":[1,2],"mean":1.5}"#)
        let diff = String(decoding: try encoder.encode(PairedDifference(diff: 1, ci95: [0.5, 1.5], significant: true)), as: UTF8.self)
        #expect(diff == #"{"ci95":[0.5,1.5],"diff":1,"significant":true}"#)
    }

    @Test func pairedDifferences() {
        // d = [0.5, -0.2, 0.9, 0.6, 1.0]: CI (scipy) [-0.02635, 1.14635] contains 0.
        let loose = PairedDifference(candidate: [3, 1, 4, 1, 5], baseline: [2.5, 1.2, 3.1, 0.4, 4])
        #expect(close(loose.diff, 0.56, 1e-12))
        #expect(close(loose.ci95[0], -0.026349447879917998, 1e-9))
        #expect(close(loose.ci95[1], 1.1463494478799179, 1e-9))
        #expect(!loose.significant)
        let clear = PairedDifference(candidate: [11, 12.2, 10.8, 12.1, 11.9], baseline: [10, 11, 10, 11, 11])
        #expect(clear.significant && clear.ci95[0] > 0)
        let worse = PairedDifference(candidate: [9, 10, 9, 10, 10], baseline: [10, 11, 10, 11, 11.1])
        #expect(worse.significant && worse.ci95[1] < 0)
        #expect(!PairedDifference(candidate: [5], baseline: [1]).significant)
    }

    @Test func runningMomentsMerge() {
        let xs = (0..<1000).map { sin(Double($0)) * 10 + Double($0 % 7) }
        var all = RunningMoments(xs)
        var left = RunningMoments(xs[..<337])
        left.merge(RunningMoments(xs[337...]))
        #expect(left.count == all.count)
        #expect(close(left.mean, all.mean, 1e-12))
        #expect(close(left.variance, all.variance, 1e-10))
        #expect(left.min == all.min && left.max == all.max)
        all.merge(RunningMoments())
        #expect(all.count == 1000)
    }

    @Test func timeWeightedAverage() {
        var queue = TimeWeightedAverage(start: 0, value: 2)
        queue.update(to: 5, at: 10)      // 2 on [0, 10)
        queue.update(to: 0, at: 14)      // 5 on [10, 14)
        #expect(queue.integral(upTo: 20) == 40)
        #expect(queue.average(upTo: 20) == 2)
        queue.restart(at: 20)
        queue.update(to: 3, at: 25)
        #expect(queue.average(upTo: 30) == 1.5)
    }

    @Test func inequality() {
        // numpy: ΣΣ|xi−xj|/(2n²·mean) = 0.4, population CV 0.7905694150420949.
        let loads: [Double] = [1, 2, 3, 4, 10]
        #expect(close(Inequality.gini(loads), 0.4))
        #expect(close(Inequality.coefficientOfVariation(loads), 0.7905694150420949))
        #expect(close(Inequality.maxOverMean(loads), 2.5))
        #expect(Inequality.gini([5, 5, 5]) == 0)
        #expect(close(Inequality.gini([0, 0, 0, 12]), 0.75))
        #expect(Inequality.gini([0, 0]) == 0 && Inequality.coefficientOfVariation([0, 0]) == 0)
        #expect(Inequality.gini([]) == 0 && Inequality.maxOverMean([]) == 0)
        // O(n log n) form equals the double sum on a random vector.
        var xs: [Double] = []
        var state: UInt64 = 1
        for _ in 0..<200 { state = state &* 6364136223846793005 &+ 1442695040888963407; xs.append(Double(state >> 40)) }
        var pairs = 0.0
        for a in xs { for b in xs { pairs += abs(a - b) } }
        let mean = xs.reduce(0, +) / Double(xs.count)
        #expect(close(Inequality.gini(xs), pairs / (2 * Double(xs.count * xs.count) * mean), 1e-10))
    }
}
