import SimulationKernel
import Testing

/// SPEC §3 "`max_wait` and `overflow.after`" and the deadline order of "Dynamics in detail".
/// Rep a (one slot) works q1, rep b (one slot) q2, rep c q3; a lead's `lane` picks its first
/// queue (q1 by default). Touches are immediate, so a rep's slot frees a handle time later.
@Suite struct OverflowTests {
    static func scenario(a: String = "2h", b: String = "1h") -> String {
        """
        teams: [{name: t}]
        reps:
          - {name: a, team: t, schedule: always, capacity: {open: 1}, touch_delay: 0s, handle_time: \(a)}
          - {name: b, team: t, schedule: always, capacity: {open: 1}, touch_delay: 0s, handle_time: \(b)}
          - {name: c, team: t, schedule: always, capacity: {open: 1}, touch_delay: 0s, handle_time: 1h}
        """
    }

    static func rules(q1: String, q2: String = "", q3: String = "") -> String {
        """
        name: r
        routes:
          - {name: second, when: {lane: q2}, to: q2}
        fallback: q1
        queues:
          q1: {reps: [a]\(q1)}
          q2: {reps: [b]\(q2)}
          q3: {reps: [c]\(q3)}
        """
    }

    /// a is busy until 02:00; lead 2 (00:10) waits 30 minutes in q1, then moves to q2, whose rep
    /// b takes it at once.
    @Test func aWaitingLeadMovesToTheTargetAfterOverflowAfter() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules(q1: ", overflow: {after: 30m, to: q2}"),
                                      csv: "created_at,lane\n2026-01-05T00:00,q1\n2026-01-05T00:10,q1\n")
        #expect(run[2].owners == ["b"] && run[2].assigned == at("00:40") && run[2].queue == "q2", "\(run[2])")
        #expect(run.metrics.overflows == 1)
    }

    /// Deadlines are applied after the instant's dispatch: a frees its slot at 00:40, the very
    /// moment lead 2's overflow falls due; dispatch gives it to a first, so it does not move.
    @Test func aLeadAssignedAtTheOverflowInstantDoesNotMove() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(a: "40m"), rules: Self.rules(q1: ", overflow: {after: 30m, to: q2}"),
                                      csv: "created_at,lane\n2026-01-05T00:00,q1\n2026-01-05T00:10,q1\n")
        #expect(run[2].owners == ["a"] && run[2].assigned == at("00:40") && run[2].queue == "q1", "\(run[2])")
        #expect(run.metrics.overflows == 0)
    }

    /// Overflow chains: q1 → q2 (b busy until 01:00 … 02:00) → q3 after another 30 minutes.
    @Test func overflowsChain() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(b: "2h"),
                                      rules: Self.rules(q1: ", overflow: {after: 30m, to: q2}", q2: ", overflow: {after: 30m, to: q3}"),
                                      csv: "created_at,lane\n2026-01-05T00:00,q1\n2026-01-05T00:00,q2\n2026-01-05T00:10,q1\n")
        #expect(run[3].owners == ["c"] && run[3].assigned == at("01:10") && run[3].queue == "q3", "\(run[3])")
        #expect(run.metrics.overflows == 2)
    }

    /// Overflow keeps the arrival time for FIFO in the target: lead 3 (00:10) overflows into q2
    /// at 00:40, behind lead 4 (00:20) in time of entry but ahead of it by arrival, so it gets b
    /// when b frees at 01:00; lead 4 waits until 02:00.
    @Test func anOverflowedLeadKeepsItsArrivalTimeForFIFO() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules(q1: ", overflow: {after: 30m, to: q2}"),
                                      csv: """
                                      created_at,lane
                                      2026-01-05T00:00,q2
                                      2026-01-05T00:00,q1
                                      2026-01-05T00:10,q1
                                      2026-01-05T00:20,q2
                                      """)
        #expect(run[3].owners == ["b"] && run[3].assigned == at("01:00"), "\(run[3])")
        #expect(run[4].owners == ["b"] && run[4].assigned == at("02:00"), "\(run[4])")
    }

    /// After `max_wait` the lead is dropped: unowned, never owned.
    @Test func maxWaitDropsTheLead() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules(q1: ", max_wait: 30m"),
                                      csv: "created_at,lane\n2026-01-05T00:00,q1\n2026-01-05T00:10,q1\n")
        #expect(run[2].outcome == .dropped && run[2].owners.isEmpty, "\(run[2])")
        #expect(run.metric("dropped_rate") == 0.5 && run.metric("never_owned_rate") == 0.5)
    }

    /// "`max_wait: 0s` means dropped unless assigned on arrival": two leads at 00:00 for one
    /// slot; the first is assigned, the second dropped; a lead at 03:00 finds a free again.
    @Test func maxWaitZeroDropsUnlessAssignedOnArrival() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules(q1: ", max_wait: 0s"),
                                      csv: "created_at,lane\n2026-01-05T00:00,q1\n2026-01-05T00:00,q1\n2026-01-05T03:00,q1\n")
        #expect(run.leads.map(\.outcome) == [.closed, .dropped, .closed], "\(run.leads)")
        #expect(run[3].assigned == at("03:00"))
    }

    /// `max_wait` counts from the latest entry into the queue: lead 3 enters q2 by overflow at
    /// 00:40, so q2's hour runs to 01:40 (not 01:10 from its arrival); b frees at 01:20 and takes it.
    @Test func maxWaitCountsFromTheLatestEntryIntoTheQueue() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(b: "1h20m"),
                                      rules: Self.rules(q1: ", overflow: {after: 30m, to: q2}", q2: ", max_wait: 1h"),
                                      csv: "created_at,lane\n2026-01-05T00:00,q2\n2026-01-05T00:00,q1\n2026-01-05T00:10,q1\n")
        #expect(run[3].owners == ["b"] && run[3].assigned == at("01:20") && run[3].queue == "q2", "\(run[3])")
    }
}
