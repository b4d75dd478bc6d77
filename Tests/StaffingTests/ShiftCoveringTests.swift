import Staffing
import Testing

/// `shifts`' integer program against brute-force enumeration on small covering problems.
@Suite struct ShiftCoveringTests {
    /// A small deterministic generator (64-bit LCG), so the problems are the same every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// The cheapest cost by trying every vector of reps in 0…max requirement per template (no
    /// optimum needs more: one more rep on a template never covers an hour needing fewer).
    static func bruteForce(_ problem: ShiftCovering) -> Double? {
        let top = problem.required.max() ?? 0
        var best: Double?
        var x = [Int](repeating: 0, count: problem.costs.count)
        func visit(_ j: Int) {
            if j == x.count {
                let ok = problem.required.indices.allSatisfy { h in
                    problem.covers.indices.reduce(0) { $0 + (problem.covers[$1][h] ? x[$1] : 0) } >= problem.required[h]
                }
                if ok {
                    let cost = zip(x, problem.costs).map { Double($0) * $1 }.reduce(0, +)
                    if best == nil || cost < best! - 1e-9 { best = cost }
                }
                return
            }
            for v in 0...top { x[j] = v; visit(j + 1) }
        }
        visit(0)
        return best
    }

    @Test(arguments: 0..<40)
    func optimalCostEqualsEnumeration(seed: Int) throws {
        var g = Generator(state: UInt64(seed) &+ 17)
        let hours = 6 + g.next(10), templates = 2 + g.next(4)
        // Contiguous shifts (wrapping), like real ones, plus a random extra hour now and then.
        var covers: [[Bool]] = []
        for _ in 0..<templates {
            var c = [Bool](repeating: false, count: hours)
            let start = g.next(hours), length = 1 + g.next(hours / 2 + 1)
            for k in 0..<length { c[(start + k) % hours] = true }
            if g.next(3) == 0 { c[g.next(hours)] = true }
            covers.append(c)
        }
        let costs = (0..<templates).map { _ in Double(1 + g.next(9)) }
        let required = (0..<hours).map { h in covers.contains { $0[h] } ? g.next(4) : 0 }
        let problem = ShiftCovering(covers: covers, costs: costs, required: required)
        let solution = try problem.solve()
        let expected = try #require(Self.bruteForce(problem))
        #expect(abs(solution.cost - expected) < 1e-9, "GLPK \(solution.cost) vs enumeration \(expected)")
        // The solution itself covers every hour.
        for h in 0..<hours {
            #expect(covers.indices.reduce(0) { $0 + (covers[$1][h] ? solution.reps[$1] : 0) } >= required[h])
        }
    }

    @Test func hoursNoTemplateCoversAreNamed() {
        let problem = ShiftCovering(covers: [[true, true, false, false]], costs: [8], required: [1, 0, 2, 1])
        #expect(throws: ShiftCovering.Failure.uncovered([2, 3])) { try problem.solve() }
    }

    @Test func nothingRequiredCostsNothing() throws {
        let solution = try ShiftCovering(covers: [[true]], costs: [5], required: [0]).solve()
        #expect(solution == ShiftCovering.Solution(reps: [0], cost: 0))
    }
}
