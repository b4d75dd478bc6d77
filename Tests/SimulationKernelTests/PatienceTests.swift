import SimulationKernel
import Testing

/// SPEC §3 "Patience": wall clock from arrival; an untouched lead goes cold, leaving its queue
/// or freeing its owner's slot; a touch exactly at the deadline counts; unrouted leads never go
/// cold. Every lead of the source has the same constant patience.
@Suite struct PatienceTests {
    static func scenario(patience: String, rep: String) -> String {
        """
        sources:
          - name: web
            replay: {file: leads.csv, align: recorded}
            patience: \(patience)
        teams: [{name: t}]
        reps:
          - name: a
            team: t
            capacity: {open: 1}
            handle_time: 2h
        \(rep)
        """
    }

    static func rules(_ queue: String = "{team: t}", fallback: Bool = true) -> String {
        """
        name: r
        routes:
          - {name: known, when: {lane: known}, to: pool}
        \(fallback ? "fallback: pool" : "")
        queues:
          pool: \(queue)
        """
    }

    /// a holds lead 1 until 02:00; lead 2 (00:10) waits and goes cold at 01:10, never owned.
    @Test func aWaitingLeadGoesColdAtItsPatience() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(patience: "1h", rep: "    schedule: always\n    touch_delay: 0s"),
                                      rules: Self.rules(), csv: "created_at,lane\n2026-01-05T00:00,x\n2026-01-05T00:10,x\n")
        #expect(run[1].outcome == .closed)
        #expect(run[2].outcome == .cold && run[2].owners.isEmpty && run[2].touched == nil, "\(run[2])")
        #expect(run.metric("cold_rate") == 0.5 && run.metric("never_owned_rate") == 0.5)
    }

    /// An owned, untouched lead goes cold and frees its owner's slot. a (09:00-17:00, taking
    /// leads off shift) holds lead 1 from 06:00; its touch would be 09:10, past its 09:00
    /// patience, so it goes cold at 09:00. Deadlines come after the instant's dispatch, then
    /// dispatch runs again: lead 2 (07:00, waiting for the slot) gets a at 09:00, touched 09:10.
    @Test func anOwnedLeadGoesColdAndFreesTheSlot() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(patience: "3h", rep: "    schedule: weekdays 09:00-17:00\n    touch_delay: 10m"),
                                      rules: Self.rules("{team: t, assign_off_shift: true}"),
                                      csv: "created_at,lane\n2026-01-05T06:00,x\n2026-01-05T07:00,x\n")
        #expect(run[1].outcome == .cold && run[1].owners == ["a"] && run[1].touched == nil, "\(run[1])")
        #expect(run[2].assigned == at("09:00") && run[2].touched == at("09:10"), "\(run[2])")
        #expect(run.metric("never_owned_rate") == 0)
    }

    /// Patience is wall-clock time, not on-shift time: assigned at 16:50 with a 20-minute touch
    /// delay, the touch would be Tuesday 09:10; the 2h patience ends Monday 18:50.
    @Test func patienceRunsOnTheWallClock() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(patience: "2h", rep: "    schedule: weekdays 09:00-17:00\n    touch_delay: 20m"),
                                      rules: Self.rules(), csv: "created_at,lane\n2026-01-05T16:50,x\n")
        #expect(run[1].assigned == at("16:50") && run[1].outcome == .cold && run[1].touched == nil, "\(run[1])")
    }

    /// "A touch exactly at the deadline counts": touch delay = patience = 1h.
    @Test func aTouchExactlyAtThePatienceDeadlineCounts() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(patience: "1h", rep: "    schedule: always\n    touch_delay: 1h"),
                                      rules: Self.rules(), csv: "created_at,lane\n2026-01-05T00:00,x\n")
        #expect(run[1].touched == at("01:00") && run[1].outcome == .closed, "\(run[1])")
        #expect(run.metric("cold_rate") == 0 && run.metric("touched_rate") == 1)
    }

    /// "Unrouted leads are final at arrival and never go cold."
    @Test func unroutedLeadsNeverGoCold() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(patience: "1h", rep: "    schedule: always\n    touch_delay: 0s"),
                                      rules: Self.rules(fallback: false), csv: "created_at,lane\n2026-01-05T00:00,x\n")
        #expect(run[1].outcome == .unrouted, "\(run[1])")
        #expect(run.metric("cold_rate") == 0 && run.metric("unrouted_rate") == 1)
    }

    /// A lead held by a departed account owner is never touched, so it goes cold at its patience
    /// (docs/SEMANTICS.md: patience applies in every untouched state, stale holds included).
    @Test func aLeadHeldByAStaleOwnerGoesCold() throws {
        let run = try KernelWorld.run(scenario: """
            sources:
              - name: web
                replay: {file: leads.csv, align: recorded}
                patience: 1h
                account_match: 1
            accounts: {count: 1, owners: {team: t}, stale_owner: 1}
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always}
            """, rules: """
            name: r
            routes:
              - {name: named, when: {account: exists}, to: account-owner}
            queues:
              pool: {team: t}
            """, csv: "created_at,lane\n2026-01-05T00:00,x\n")
        #expect(run[1].outcome == .cold && run[1].touched == nil, "\(run[1])")
        #expect(run.metric("never_owned_rate") == 1)
    }
}
