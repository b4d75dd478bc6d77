import SimulationKernel
import Testing

/// SPEC §3 `to: account-owner` (and docs/SEMANTICS.md "Leads" where the SPEC is silent): every
/// lead matches the one account, owned by olga; pat works the `else` / fallback pool.
@Suite struct AccountOwnerTests {
    static func scenario(olga: String = "schedule: weekdays 09:00-17:00", match: String = "1",
                         stale: String = "0", patience: String = "") -> String {
        """
        sources:
          - name: web
            replay: {file: leads.csv, align: recorded}
            account_match: \(match)
        \(patience.isEmpty ? "" : "    patience: \(patience)")
        accounts:
          count: 1
          owners: {team: owners}
          stale_owner: \(stale)
        teams: [{name: owners}, {name: pool}]
        reps:
          - name: olga
            team: owners
            \(olga)
            touch_delay: 10m
            handle_time: 1h
          - name: pat
            team: pool
            schedule: always
            touch_delay: 10m
            handle_time: 1h
        """
    }

    static func rules(else elseQueue: Bool = true, fallback: Bool = true) -> String {
        """
        name: r
        routes:
          - name: named
            when: {account: exists}
            to: account-owner
        \(elseQueue ? "    else: pool" : "")
        \(fallback ? "fallback: pool" : "")
        queues:
          pool: {team: pool}
        """
    }

    static let mondayAt10 = "created_at,n\n2026-01-05T10:00,1\n"

    /// The owner gets the lead even off shift; the touch waits for the shift (on-shift delay).
    @Test func theOwnerGetsTheLeadEvenOffShift() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules(),
                                      csv: "created_at,n\n2026-01-05T06:00,1\n")
        #expect(run[1].route == "named")
        #expect(run[1].owners == ["olga"] && run[1].assigned == at("06:00"), "\(run[1])")
        #expect(run[1].touched == at("09:10"), "\(run[1])")
    }

    /// SPEC §3 `else`: "when that owner is inactive, absent or at cap". Absent all Monday.
    @Test func anAbsentOwnerSendsTheLeadToTheElseQueue() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(olga: "schedule: always\n    absent: [2026-01-05]"),
                                      rules: Self.rules(), csv: Self.mondayAt10)
        #expect(run[1].route == "named")
        #expect(run[1].owners == ["pat"] && run[1].assigned == at("10:00") && run[1].queue == "pool", "\(run[1])")
    }

    /// At a cap: olga holds one lead (open: 1) until 11:10, so the second goes to the else queue.
    @Test func anOwnerAtCapSendsTheLeadToTheElseQueue() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(olga: "schedule: always\n    capacity: {open: 1}"),
                                      rules: Self.rules(), csv: "created_at,n\n2026-01-05T10:00,1\n2026-01-05T10:05,2\n")
        #expect(run[1].owners == ["olga"])
        #expect(run[2].owners == ["pat"] && run[2].assigned == at("10:05"), "\(run[2])")
    }

    /// Inactive (not yet hired) owner with `else`: the else queue.
    @Test func anInactiveOwnerSendsTheLeadToTheElseQueue() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(olga: "schedule: always\n    active_from: 2026-01-12"),
                                      rules: Self.rules(), csv: Self.mondayAt10)
        #expect(run[1].owners == ["pat"] && run[1].assigned == at("10:00"), "\(run[1])")
    }

    /// A stale owner (one who has left) is inactive: with `else` the lead goes there.
    @Test func aStaleOwnerWithElseSendsTheLeadToTheElseQueue() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(stale: "1"), rules: Self.rules(), csv: Self.mondayAt10)
        #expect(run[1].route == "named")
        #expect(run[1].owners == ["pat"] && run[1].assigned == at("10:00"), "\(run[1])")
    }

    /// Without `else`, a departed owner holds the lead: outcome `stale`, never touched, and it
    /// counts as unowned and never owned (SPEC §4: "held only by a stale account owner").
    @Test func aStaleOwnerWithoutElseHoldsTheLead() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(stale: "1"), rules: Self.rules(else: false), csv: Self.mondayAt10)
        #expect(run[1].outcome == .stale && run[1].touched == nil, "\(run[1])")
        #expect(run.metric("never_owned_rate") == 1 && run.metric("unowned_rate") == 1)
        #expect(run.metric("touched_rate") == 0 && run.metric("stale_rate") == 1)
    }

    /// No matched account: `{account: exists}` is false, so the next route or the fallback
    /// takes the lead; without a fallback it is unrouted (never owned).
    @Test func aLeadWithoutAnAccountIsNotRoutedToAnOwner() throws {
        let fallback = try KernelWorld.run(scenario: Self.scenario(match: "0"), rules: Self.rules(), csv: Self.mondayAt10)
        #expect(fallback[1].route == "(fallback)" && fallback[1].owners == ["pat"], "\(fallback[1])")
        let unrouted = try KernelWorld.run(scenario: Self.scenario(match: "0"), rules: Self.rules(fallback: false),
                                           csv: Self.mondayAt10)
        #expect(unrouted[1].route == "(unrouted)" && unrouted[1].outcome == .unrouted, "\(unrouted[1])")
        #expect(unrouted.metric("never_owned_rate") == 1)
    }

    /// docs/SEMANTICS.md: without `else`, an absent owner is waited for: the lead goes to olga
    /// when her day off ends (Tuesday 00:00, an `always` rep) and is touched 10 minutes later.
    @Test func anAbsentOwnerWithoutElseIsWaitedFor() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(olga: "schedule: always\n    absent: [2026-01-05]"),
                                      rules: Self.rules(else: false), csv: Self.mondayAt10)
        #expect(run[1].owners == ["olga"], "\(run[1])")
        #expect(run[1].assigned == at("00:00", day: 1) && run[1].touched == at("00:10", day: 1), "\(run[1])")
    }
}
