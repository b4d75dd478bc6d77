import RandomStreams
import Testing

@Suite("Counter uniforms")
struct CounterUniformsTests {
    @Test func documentedConstants() {
        // Computed independently (Python) from the recipe documented on CounterUniforms.
        #expect(CounterUniforms(seed: 1).uniform(0) == 0.5665615751722809)
        #expect(CounterUniforms(seed: 1).uniform(1) == 0.9125972035944533)
        #expect(CounterUniforms(seed: 12345).uniform(7) == 0.5908548922795628)
    }

    @Test func orderOfReadsDoesNotMatter() {
        let lead = CounterUniforms(seed: 0xdead_beef)
        let forward = (0..<10).map { lead.uniform($0) }
        let backward = (0..<10).reversed().map { lead.uniform($0) }
        #expect(forward == Array(backward.reversed()))
    }

    @Test func rangeAndKolmogorovSmirnov() {
        // Many leads (seeds from a GSL stream, as in the kernel), a few indices each.
        let source = RandomStream(seed: 42, replication: 0, name: "source")
        var values: [Double] = []
        values.reserveCapacity(100_000)
        for _ in 0..<25_000 {
            let lead = CounterUniforms(seed: source.nextSeed())
            for index in 0..<4 {
                let u = lead.uniform(index)
                #expect(u > 0 && u < 1)
                values.append(u)
            }
        }
        values.sort()
        let n = Double(values.count)
        var d = 0.0
        for (i, u) in values.enumerated() {
            d = max(d, abs(Double(i + 1) / n - u), abs(u - Double(i) / n))
        }
        // 1% critical value of the KS statistic: 1.63/√n.
        #expect(d < 1.63 / n.squareRoot())
    }

    @Test func consecutiveIndicesAreUncorrelated() {
        let n = 50_000
        var sxy = 0.0
        for seed in 0..<UInt64(n) {
            let lead = CounterUniforms(seed: seed)
            sxy += (lead.uniform(0) - 0.5) * (lead.uniform(1) - 0.5)
        }
        // Correlation of independent uniforms: sd of the estimate is 1/√n.
        let correlation = sxy / Double(n) * 12
        #expect(abs(correlation) < 4.5 / Double(n).squareRoot())
    }

    @Test func extremesStayInside() {
        #expect(CounterUniforms(seed: 0).uniform(0) > 0)
        // The grid's end points (z >> 12 = 0 and 2^52 - 1) are exactly representable.
        let smallest = (Double(0) + 0.5) * 0x1p-52
        let largest = (Double(UInt64(1) << 52 - 1) + 0.5) * 0x1p-52
        #expect(smallest > 0 && largest < 1)
    }
}
