import RoutingRules
import SimulationModel
import Testing

/// One queue of reps a, b, c… (weights and skills per rep) and a driver that picks leads.
struct QueueDriver {
    var h: Harness
    var state: AssignmentState
    var reps: Reps
    var random = SeededUniform(state: 1)
    let names: [String]

    init(_ strategy: Strategy, weights: [Double] = [1, 1, 1], skills: [[String]]? = nil,
         skill: String? = nil, keepTurn: Bool = false, fairness: RoundRobinFairness = .skip) throws {
        let names = weights.indices.map { String(UnicodeScalar(UInt8(97 + $0))) }
        self.names = names
        let roster = names.indices.map {
            RosterEntry(name: names[$0], team: "t", weight: weights[$0], skills: skills?[$0] ?? [])
        }
        h = try Harness(Build.ruleSet([], queues: [Build.human("q", .team("t"), strategy, skill: skill, keepTurn: keepTurn,
                                                                 fairness: fairness)]),
                        roster: roster)
        state = h.compiled.makeAssignmentState()
        reps = Reps(count: names.count)
    }

    /// Picks for one lead; "-" when nobody is eligible.
    mutating func pick(_ fields: [String: FieldValue?] = [:], excluded: ExcludedReps = .none) -> String {
        let lead = h.lead(fields)
        let rep = h.compiled.pick(queue: 0, lead: lead.view, excluded: excluded, view: reps, state: &state, random: &random)
        return rep.map { names[$0] } ?? "-"
    }

    mutating func picks(_ count: Int) -> [String] { (0..<count).map { _ in pick() } }

    mutating func set(_ rep: String, _ reason: Ineligibility?) {
        reps[names.firstIndex(of: rep)!].ineligibility = reason
    }

    /// Leads owed by catch-up to `rep` (the queue's members are the reps in order).
    func owed(_ rep: String) -> Int { state.owedLeads(memberSlot: names.firstIndex(of: rep)!) }
}

@Suite struct StrategyTests {
    @Test func roundRobinSkipsIneligibleReps() throws {
        var q = try QueueDriver(.roundRobin)
        var seen = q.picks(4)                // a b c a
        q.set("c", .offShift)
        seen += q.picks(3)                   // b a b
        q.set("c", nil)
        seen += q.picks(3)                   // c a b
        #expect(seen == ["a", "b", "c", "a", "b", "a", "b", "c", "a", "b"])
    }

    @Test func keepTurnPutsASkippedRepFirstInLine() throws {
        var q = try QueueDriver(.roundRobin, keepTurn: true)
        var seen = q.picks(1)                // a
        q.set("b", .atOpenCap)
        seen += q.picks(2)                   // c (b skipped, owed), a
        q.set("b", nil)
        seen += q.picks(4)                   // b (owed turn), b (its place in line), c, a
        #expect(seen == ["a", "c", "a", "b", "b", "c", "a"])
    }

    @Test func keepTurnServesOwedRepsLongestOwedFirst() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1, 1, 1], keepTurn: true)
        q.set("a", .absent)
        q.set("b", .absent)
        var seen = q.picks(1)                // c (a, b owed)
        q.set("a", nil)
        q.set("b", nil)
        seen += q.picks(4)                   // a, b (owed), d, a
        #expect(seen == ["c", "a", "b", "d", "a"])
    }

    @Test func noEligibleRepLeavesStateUntouched() throws {
        var q = try QueueDriver(.roundRobin, keepTurn: true)
        #expect(q.picks(1) == ["a"])
        for rep in ["a", "b", "c"] { q.set(rep, .offShift) }
        #expect(q.picks(2) == ["-", "-"])
        for rep in ["a", "b", "c"] { q.set(rep, nil) }
        #expect(q.picks(3) == ["b", "c", "a"])
    }

    @Test func weightedRoundRobinFiveOneOne() throws {
        var q = try QueueDriver(.weightedRoundRobin, weights: [5, 1, 1])
        #expect(q.picks(14) == ["a", "a", "b", "a", "c", "a", "a", "a", "a", "b", "a", "c", "a", "a"])
    }

    @Test func weightedRoundRobinFourThreeOne() throws {
        var q = try QueueDriver(.weightedRoundRobin, weights: [4, 3, 1])
        // The period ends and starts with a: two in a row for a rep holding half the weight.
        #expect(q.picks(9) == ["a", "b", "a", "b", "c", "a", "b", "a", "a"])
    }

    @Test func weightedRoundRobinIneligibleScoresDoNotMove() throws {
        var q = try QueueDriver(.weightedRoundRobin)
        var seen = q.picks(1)                // scores a-2 b1 c1
        q.set("c", .offShift)
        seen += q.picks(2)                   // b (a-1 b0), b (a0 b-1); c stays at 1
        q.set("c", nil)
        seen += q.picks(2)                   // c (a1 b0 c-1), a
        #expect(seen == ["a", "b", "b", "c", "a"])
    }

    @Test func leastLoadedPicksFewestOpenTiesDeclaredFirst() throws {
        var q = try QueueDriver(.leastLoaded)
        q.reps[0].open = 3
        q.reps[1].open = 1
        q.reps[2].open = 1
        #expect(q.pick() == "b")
        q.reps[1].open = 2
        #expect(q.pick() == "c")
        q.set("c", .atDailyCap)
        #expect(q.pick() == "b")
    }

    @Test func loadRatioPicksLowestOpenOverCapacity() throws {
        var q = try QueueDriver(.loadRatio)
        (q.reps[0].open, q.reps[0].capacity) = (5, 10)   // 0.5
        (q.reps[1].open, q.reps[1].capacity) = (2, 4)    // 0.5
        (q.reps[2].open, q.reps[2].capacity) = (4, 5)    // 0.8
        #expect(q.pick() == "a")
        q.reps[0].open = 6
        #expect(q.pick() == "b")
    }

    @Test func nextAvailablePicksLongestIdle() throws {
        var q = try QueueDriver(.nextAvailable)
        (q.reps[0].idleSince, q.reps[1].idleSince, q.reps[2].idleSince) = (300, 100, 100)
        #expect(q.pick() == "b")
        q.set("b", .offShift)
        #expect(q.pick() == "c")
    }

    @Test func randomIsUniformOverEligibleRepsWithOneDrawPerPick() throws {
        struct Fixed: UniformSource {
            var values: [Double]
            mutating func nextUniform() -> Double { values.removeFirst() }
        }
        var q = try QueueDriver(.random)
        var fixed = Fixed(values: [0.1, 0.5, 0.99, 0.6])
        func pick(_ q: inout QueueDriver) -> String {
            let lead = q.h.lead([:])
            return q.h.compiled.pick(queue: 0, lead: lead.view, excluded: .none, view: q.reps, state: &q.state, random: &fixed).map { q.names[$0] } ?? "-"
        }
        #expect([pick(&q), pick(&q), pick(&q)] == ["a", "b", "c"])
        q.set("a", .inactive)
        #expect(pick(&q) == "c")                // 0.6 of {b, c}
        for rep in ["b", "c"] { q.set(rep, .inactive) }
        #expect(pick(&q) == "-")
        #expect(fixed.values.isEmpty)           // four picks, four draws; none when nobody eligible
    }

    @Test func randomIsRoughlyUniform() throws {
        var q = try QueueDriver(.random, weights: [1, 1, 1, 1])
        let counts = Dictionary(grouping: q.picks(40_000), by: { $0 }).mapValues(\.count)
        // Binomial sd = sqrt(40000 · 0.25 · 0.75) ≈ 87; allow 5 sd.
        for rep in ["a", "b", "c", "d"] { #expect(abs(counts[rep, default: 0] - 10_000) < 435) }
    }

    @Test func skillFilterKeepsRepsWithTheLeadsValue() throws {
        var q = try QueueDriver(.roundRobin, skills: [["en"], ["en", "es"], ["es", "1"]], skill: "language")
        #expect(q.pick(["language": "es"]) == "b")
        #expect(q.pick(["language": "es"]) == "c")
        #expect(q.pick(["language": "es"]) == "b")
        #expect(q.pick(["language": "en"]) == "a")
        #expect(q.pick(["language": "fr"]) == "-")
        #expect(q.pick([:]) == "-")                     // no value: nobody has the skill
        #expect(q.pick(["language": 1]) == "c")         // a number matches its text form
    }

    @Test func excludedRepsAreSkipped() throws {
        var q = try QueueDriver(.leastLoaded)
        #expect(q.pick(excluded: [0]) == "b")
        #expect(q.pick(excluded: [0, 1, 2]) == "-")
        var many = ExcludedReps()
        for rep in [9, 8, 7, 6, 5, 1] { many.insert(rep) }
        #expect(many.contains(1) && many.contains(9) && !many.contains(0))
        #expect(many.count == 6)
    }
}
