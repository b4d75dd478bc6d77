import RoutingRules
import SimulationModel
import Testing

/// Smooth weighted round-robin over random integer weights, every rep always eligible.
///
/// Properties tested, for 2–7 reps with weights 1–9 (W = Σ weights), over 3W picks:
/// 1. **Exact shares in every window**: any W consecutive picks give rep i exactly wᵢ picks
///    (the sequence is periodic with period W).
/// 2. **Interleaving, no blocks**: after every prefix of k picks, rep i has c picks with
///    k·wᵢ/W − 1 ≤ c < k·wᵢ/W + 1 (never more than one pick ahead of or behind its share).
/// 3. **Short runs**: a rep gets at most ⌈wᵢ / (W − wᵢ)⌉ + 1 picks in a row. (Smooth WRR does
///    give two in a row to a rep whose weight equals the others' sum, e.g. 4:3:1 gives
///    a b a b c a b a | a b …, so "never twice in a row" is not a property of the SPEC's algorithm.)
@Suite struct WeightedRoundRobinPropertyTests {
    @Test(arguments: 0..<500)
    func sharesAndInterleaving(seed: Int) throws {
        var random = SeededUniform(state: UInt64(seed) &* 7919 &+ 17)
        let count = 2 + Int(random.nextUniform() * 6)
        let weights = (0..<count).map { _ in Double(1 + Int(random.nextUniform() * 9)) }
        let total = Int(weights.reduce(0, +))
        var q = try QueueDriver(.weightedRoundRobin, weights: weights)
        let picks = q.picks(3 * total).map { q.names.firstIndex(of: $0)! }

        for start in 0...(picks.count - total) {
            var got = Array(repeating: 0, count: count)
            for rep in picks[start..<(start + total)] { got[rep] += 1 }
            #expect(got == weights.map { Int($0) }, "weights \(weights), window at \(start)")
        }

        var got = Array(repeating: 0, count: count)
        for (k, rep) in picks.enumerated() {
            got[rep] += 1
            for i in 0..<count {
                let fair = Double(k + 1) * weights[i] / Double(total)
                #expect(Double(got[i]) - fair >= -1 && Double(got[i]) - fair < 1, "weights \(weights): \(q.names[i]) has \(got[i]) of \(k + 1), fair \(fair)")
            }
        }

        var run = 1
        for k in 1..<picks.count {
            run = picks[k] == picks[k - 1] ? run + 1 : 1
            let mine = Int(weights[picks[k]]), others = total - mine
            let longest = (mine + others - 1) / others + 1
            #expect(run <= longest, "weights \(weights): \(q.names[picks[k]]) got \(run) in a row")
        }
    }
}
