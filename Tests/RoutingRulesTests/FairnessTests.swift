import RoutingRules
import SimulationModel
import Testing

/// SPEC §7 round-robin fairness: `absent: catch_up` owes a lead to each member a pick passes
/// over while it is off shift or absent (a shrunk block reads as off shift), pays the most-owed
/// eligible member first, caps the debt at `catch_up_limit`; a reset clears debts and scores.
@Suite struct FairnessTests {
    static let catchUp = RoundRobinFairness(absent: .catchUp)

    @Test func roundRobinCatchUpPaysBackMissedTurnsOnceBack() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1], fairness: Self.catchUp)
        var seen = q.picks(1)                // a; b's turn next
        q.set("b", .offShift)
        seen += q.picks(3)                   // a a a: each passes over b
        #expect(q.owed("b") == 3)
        q.set("b", nil)
        seen += q.picks(3)                   // b b b: the owed leads (the rotation waits)
        #expect(q.owed("b") == 0)
        seen += q.picks(3)                   // b (its turn), a, b
        #expect(seen == ["a", "a", "a", "a", "b", "b", "b", "b", "a", "b"])
    }

    @Test func skipLosesTheTurns() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1])
        var seen = q.picks(1)
        q.set("b", .absent)
        seen += q.picks(3)
        q.set("b", nil)
        seen += q.picks(3)
        #expect(seen == ["a", "a", "a", "a", "b", "a", "b"])
        #expect(q.owed("b") == 0)
    }

    @Test func onlyMembersBetweenThePointerAndTheChosenOneArePassedOver() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1, 1, 1], fairness: Self.catchUp)
        q.set("c", .absent)
        #expect(q.picks(3) == ["a", "b", "d"])   // c passed over once, by the third pick only
        #expect(q.owed("c") == 1)
        #expect(q.picks(2) == ["a", "b"])        // nobody passed over
        #expect(q.owed("c") == 1)
        q.set("c", nil)
        #expect(q.picks(3) == ["c", "c", "d"])   // owed, then its turn
    }

    @Test func mostOwedEligibleMemberFirstTiesDeclaredFirst() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1, 1, 1], fairness: Self.catchUp)
        q.set("b", .offShift)
        q.set("c", .offShift)
        #expect(q.picks(4) == ["a", "d", "a", "d"])  // b, c passed over at picks 2 and 4
        #expect((q.owed("b"), q.owed("c")) == (2, 2))
        q.set("c", nil)
        #expect(q.pick() == "c")                    // b is owed as much but not eligible
        q.set("b", nil)
        #expect(q.picks(3) == ["b", "b", "c"])      // b owes 2, c 1 (ties: declared first)
    }

    @Test func catchUpLimitCapsTheDebt() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1],
                                fairness: RoundRobinFairness(absent: .catchUp, catchUpLimit: 2))
        _ = q.picks(1)
        q.set("b", .offShift)
        _ = q.picks(5)
        #expect(q.owed("b") == 2)
        q.set("b", nil)
        #expect(q.picks(4) == ["b", "b", "b", "a"])  // two owed, then its turn
    }

    @Test func capsSkillsAndHiringOweNothing() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1, 1, 1], skills: [["en"], ["en"], ["en"], ["es"]],
                                skill: "language", fairness: Self.catchUp)
        q.set("b", .atOpenCap)
        q.set("c", .inactive)
        #expect([q.pick(["language": "en"]), q.pick(["language": "en"])] == ["a", "a"])
        #expect((q.owed("b"), q.owed("c"), q.owed("d")) == (0, 0, 0))   // d lacks the skill
        #expect(q.pick(["language": "en"], excluded: [0]) == "-")       // no pick, nobody owed
    }

    @Test func resetClearsOwedLeads() throws {
        var q = try QueueDriver(.roundRobin, weights: [1, 1], fairness: Self.catchUp)
        _ = q.picks(1)
        q.set("b", .offShift)
        _ = q.picks(3)
        q.h.compiled.resetFairness(queue: 0, state: &q.state)
        #expect(q.owed("b") == 0)
        q.set("b", nil)
        #expect(q.picks(3) == ["b", "a", "b"])      // the rotation goes on where it was
    }

    @Test func resetClearsWeightedScoresAndKeptTurns() throws {
        var w = try QueueDriver(.weightedRoundRobin, weights: [5, 1, 1])
        _ = w.picks(3)                              // a a b
        w.h.compiled.resetFairness(queue: 0, state: &w.state)
        #expect(w.picks(7) == ["a", "a", "b", "a", "c", "a", "a"])   // a fresh period
        var k = try QueueDriver(.roundRobin, keepTurn: true)
        _ = k.picks(1)
        k.set("b", .atOpenCap)
        _ = k.picks(1)                              // c; b owed a turn
        k.h.compiled.resetFairness(queue: 0, state: &k.state)
        k.set("b", nil)
        #expect(k.picks(2) == ["a", "b"])           // no kept turn any more
    }

    @Test func weightedCatchUpOwesTheRoundsAnAbsentMemberWouldHaveWon() throws {
        // 5:1:1 runs a a b a c a a per period; with c away its round is passed over.
        var q = try QueueDriver(.weightedRoundRobin, weights: [5, 1, 1], fairness: Self.catchUp)
        q.set("c", .absent)
        #expect(q.picks(6) == ["a", "a", "b", "a", "a", "a"])
        #expect(q.owed("c") == 1)
        q.set("c", nil)
        #expect(q.picks(8) == ["c", "a", "a", "b", "a", "c", "a", "a"])  // the owed lead, then the next period
    }

    @Test func weightedCatchUpKeepsTheWeightShareOverTheAbsence() throws {
        // 2:1 runs a b a; b's round while away is owed, so six picks give a four, b two.
        var q = try QueueDriver(.weightedRoundRobin, weights: [2, 1], fairness: Self.catchUp)
        q.set("b", .offShift)
        #expect(q.picks(3) == ["a", "a", "a"])
        #expect(q.owed("b") == 1)
        q.set("b", nil)
        #expect(q.picks(3) == ["b", "b", "a"])      // the owed lead, then b's own round
    }

    @Test func weightedSkipLeavesAbsentScoresStill() throws {
        var q = try QueueDriver(.weightedRoundRobin, weights: [2, 1])
        q.set("b", .offShift)
        #expect(q.picks(3) == ["a", "a", "a"])
        q.set("b", nil)
        #expect(q.picks(3) == ["a", "b", "a"])      // alone, a's score came back to 0: a fresh period
    }
}
