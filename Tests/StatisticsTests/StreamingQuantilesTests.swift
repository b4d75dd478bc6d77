import Foundation
import RandomStreams
import SimulationModel
@_spi(Testing) import Statistics
import Testing

/// Exact sample quantile with linear interpolation (R type 7, NumPy default).
private func type7(_ sorted: [Double], _ q: Double) -> Double {
    let h = Double(sorted.count - 1) * q
    let low = Int(h.rounded(.down))
    if low + 1 >= sorted.count { return sorted[low] }
    return sorted[low] + (h - Double(low)) * (sorted[low + 1] - sorted[low])
}

private func sample(_ spec: DistributionSpec, zeros: Double, n: Int, seed: UInt64) -> [Double] {
    let sampler = Sampler(spec)
    let stream = RandomStream(seed: seed)
    return (0..<n).map { _ in stream.uniform() < zeros ? 0 : sampler.sample(stream) }
}

@Suite("Streaming quantiles")
struct StreamingQuantilesTests {
    static let cases: [(DistributionSpec, Double)] = [
        (.lognormal(median: 600, sigma: 1.5), 0),
        (.exponential(mean: 3600), 0),
        (.lognormal(median: 720, sigma: 0.9), 0.2),
        (.exponential(mean: 30), 0.5),
        (.gamma(mean: 2 * 86400, shape: 0.5), 0.05),
    ]
    static let levels = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

    @Test("relative error ≤ 0.5% against exact type-7 quantiles", arguments: cases)
    func relativeError(spec: DistributionSpec, zeros: Double) {
        for (seed, n) in [(UInt64(1), 7), (2, 100), (3, 5_001), (4, 60_000)] {
            let values = sample(spec, zeros: zeros, n: n, seed: seed)
            let sketch = StreamingQuantiles(values)
            let sorted = values.sorted()
            for q in Self.levels {
                let exact = type7(sorted, q)
                let estimate = sketch.quantile(q)
                #expect(abs(estimate - exact) <= 0.005 * exact + 1e-3,
                        "\(spec) zeros \(zeros) n \(n) q \(q): \(estimate) vs \(exact)")
            }
            #expect(sketch.count == n)
            #expect(abs(sketch.mean - values.reduce(0, +) / Double(n)) <= 1e-9 * sketch.mean)
        }
    }

    @Test func fractionAboveThresholds() {
        let values = sample(.lognormal(median: 600, sigma: 1.2), zeros: 0.1, n: 50_000, seed: 9)
        let sketch = StreamingQuantiles(values)
        for t in [0.0, 1, 60, 600, 3600, 86_400] {
            let exact = Double(values.filter { $0 > t }.count) / Double(values.count)
            #expect(abs(sketch.fractionAbove(t) - exact) < 0.002, "t = \(t)")
            #expect(abs(sketch.fractionAtMost(t) - (1 - exact)) < 0.002)
        }
        #expect(sketch.fractionAbove(-1) == 1)
        #expect(sketch.fractionAbove(sketch.max) == 0)
        #expect(StreamingQuantiles().fractionAbove(1) == 0)
    }

    @Test func mergeEqualsAddingAll() throws {
        let values = sample(.lognormal(median: 300, sigma: 2), zeros: 0.1, n: 20_000, seed: 5)
        let whole = StreamingQuantiles(values)
        var merged = StreamingQuantiles()
        for shard in stride(from: 0, to: values.count, by: 3_000) {
            merged.merge(StreamingQuantiles(values[shard..<min(shard + 3_000, values.count)]))
        }
        merged.merge(StreamingQuantiles())
        #expect(merged.count == whole.count && merged.zeroCount == whole.zeroCount)
        #expect(merged.min == whole.min && merged.max == whole.max)
        for q in Self.levels { #expect(merged.quantile(q) == whole.quantile(q)) }
        #expect(abs(merged.sum - whole.sum) <= 1e-9 * whole.sum)
    }

    @Test func accumulatorBuildsTheSameSketch() {
        let values = sample(.lognormal(median: 300, sigma: 2), zeros: 0.1, n: 20_000, seed: 9) + [0, 2e9]
        let accumulator = QuantileAccumulator()
        #expect(accumulator.sketch == StreamingQuantiles())
        for value in values { accumulator.add(StreamingQuantiles.Value(value)) }
        #expect(accumulator.sketch == StreamingQuantiles(values))
        let zeros = QuantileAccumulator()
        zeros.add(StreamingQuantiles.Value(0))
        #expect(zeros.sketch == StreamingQuantiles([0]))
    }

    @Test func codableRoundTripIsSparse() throws {
        var sketch = StreamingQuantiles([0, 0, 1.5, 1.5, 42, 3600, 7e9])
        sketch.add(0.0005)
        let data = try JSONEncoder().encode(sketch)
        let decoded = try JSONDecoder().decode(StreamingQuantiles.self, from: data)
        #expect(decoded == sketch)
        #expect(sketch.occupiedBuckets == 4)
        #expect(data.count < 400)
        #expect(decoded.quantile(1) == 7e9 && decoded.zeroCount == 3)
        let empty = try JSONDecoder().decode(StreamingQuantiles.self, from: JSONEncoder().encode(StreamingQuantiles()))
        #expect(empty.count == 0 && empty.quantile(0.5).isNaN)
        let corrupt = #"{"count":3,"zeroCount":0,"sum":1,"indices":[5],"counts":[2]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(StreamingQuantiles.self, from: Data(corrupt.utf8)) }
    }

    @Test func extremesAndZeros() {
        var sketch = StreamingQuantiles()
        for _ in 0..<10 { sketch.add(0) }
        #expect(sketch.quantile(0.5) == 0 && sketch.quantile(1) == 0)
        sketch.add(1e12)
        #expect(sketch.quantile(1) == 1e12)
        #expect(StreamingQuantiles([5]).quantile(0.3) == 5)
    }
}

@Suite("Streaming quantile buckets")
struct BucketTableTests {
    /// The table gives ⌈log_γ x⌉ exactly: at every bucket edge (and the doubles beside it) and
    /// at random values over the whole tracked range.
    @Test func tableEqualsTheLogarithmFormula() {
        var checked: [Double] = [StreamingQuantiles.zeroThreshold.nextUp, StreamingQuantiles.maximumTracked]
        let gamma = (1 + StreamingQuantiles.relativeAccuracy) / (1 - StreamingQuantiles.relativeAccuracy)
        let lowest = Int((log(StreamingQuantiles.zeroThreshold) / log(gamma)).rounded(.down))
        let highest = Int((log(StreamingQuantiles.maximumTracked) / log(gamma)).rounded(.up))
        for i in lowest...highest {
            let edge = pow(gamma, Double(i))
            var x = edge
            for _ in 0..<3 { x = x.nextDown }
            for _ in 0..<7 { checked.append(x); x = x.nextUp }
        }
        var state: UInt64 = 7
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            checked.append(StreamingQuantiles.zeroThreshold * pow(1e12, Double(state >> 11) * 0x1p-53))
        }
        let tracked = checked.filter { $0 > StreamingQuantiles.zeroThreshold && $0 <= StreamingQuantiles.maximumTracked }
        let wrong = tracked.filter { StreamingQuantiles.index(of: $0) != StreamingQuantiles.logIndex(of: $0) }
        #expect(tracked.count > 220_000)
        #expect(wrong.isEmpty, "first: \(wrong.prefix(3))")
    }
}
