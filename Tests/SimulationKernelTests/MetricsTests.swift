import SimulationKernel
import Testing

/// SPEC §4 metric definitions on worlds whose values can be counted by hand.
@Suite struct MetricsTests {
    static func scenario(handle: String = "1h", extra: String = "", open: Int = 1) -> String {
        """
        \(extra)
        teams: [{name: t}]
        reps:
          - {name: a, team: t, schedule: always, capacity: {open: \(open)}, touch_delay: 0s, handle_time: \(handle)}
        """
    }

    static let pool = """
        name: r
        fallback: pool
        queues:
          pool: {team: t}
        """

    /// `unowned_rate`: no owner `unowned_after` (default 1h) after arrival. a holds each lead
    /// 50 minutes: lead 2 (00:10) is assigned at 00:50, lead 3 (00:20) only at 01:40, past 01:20.
    @Test func unownedAfterCountsLeadsWithoutAnOwnerAnHourAfterArrival() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(handle: "50m"), rules: Self.pool,
                                      csv: "created_at,n\n2026-01-05T00:00,1\n2026-01-05T00:10,2\n2026-01-05T00:20,3\n")
        #expect(run.leads.map(\.assigned) == [at("00:00"), at("00:50"), at("01:40")])
        #expect(run.metric("unowned_rate") == 1.0 / 3 && run.metric("never_owned_rate") == 0)
    }

    /// The check is made after everything at that instant: lead 2 (00:10) assigned exactly at
    /// 01:10 is owned at arrival + unowned_after. With `unowned_after: 30m` it is unowned.
    @Test func aLeadAssignedExactlyAtUnownedAfterIsOwned() throws {
        let csv = "created_at,n\n2026-01-05T00:00,1\n2026-01-05T00:10,2\n"
        let hour = try KernelWorld.run(scenario: Self.scenario(handle: "1h10m"), rules: Self.pool, csv: csv)
        #expect(hour[2].assigned == at("01:10"))
        #expect(hour.metric("unowned_rate") == 0)
        let half = try KernelWorld.run(scenario: Self.scenario(handle: "1h10m", extra: "metrics: {unowned_after: 30m}"),
                                       rules: Self.pool, csv: csv)
        #expect(half.metric("unowned_rate") == 0.5)
    }

    /// TTFT on the wall clock and in business time (weekdays 09:00-18:00): arrival Monday 17:30,
    /// touch 18:50 (80-minute delay on an always-on rep): 4800 s wall, 1800 s business.
    @Test func ttftWallAndBusiness() throws {
        let run = try KernelWorld.run(scenario: """
            business_hours: weekdays 09:00-18:00
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always, touch_delay: 1h20m, handle_time: 1h}
            """, rules: Self.pool, csv: "created_at,n\n2026-01-05T17:30,1\n")
        #expect(run[1].touched == at("18:50"))
        #expect(run.metric("ttft_mean_s") == 4800 && run.metric("ttft_business_mean_s") == 1800)
        #expect(abs(run.metric("ttft_p50_s") / 4800 - 1) < 0.005 && abs(run.metric("ttft_business_p50_s") / 1800 - 1) < 0.005)
    }

    /// `sla_met_rate` and `touched_rate` count never-touched leads in the denominator. Lead 1 is
    /// touched at once, lead 2 (waiting for lead 1's slot) at 02:00, past its 1h SLA, and lead 3
    /// has no eligible rep (it lacks the skill field): met 1/3, touched 2/3, never touched 1,
    /// TTFT mean over the touched only: (0 + 7200) / 2.
    @Test func slaMetAndTouchedRatesCountNeverTouchedLeads() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always, capacity: {open: 1}, skills: [en], touch_delay: 0s, handle_time: 2h}
            """, rules: """
            name: r
            fallback: pool
            queues:
              pool: {team: t, skill: lang}
            sla: {first_touch: 1h}
            """, csv: "created_at,lang\n2026-01-05T00:00,en\n2026-01-05T00:00,en\n2026-01-05T00:00,\n")
        #expect(run.leads.map(\.touched) == [at("00:00"), at("02:00"), nil])
        #expect(run.metric("sla_met_rate") == 1.0 / 3)
        #expect(run.metric("touched_rate") == 2.0 / 3 && run.metric("never_touched") == 1)
        #expect(run.metric("ttft_mean_s") == 3600)
    }

    /// Warm-up leads are not counted: with `warmup: 1d` the Monday lead is served but excluded,
    /// the Tuesday lead is the only counted one (and the only assignment in the load metrics).
    @Test func warmUpLeadsAreNotCounted() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(extra: "warmup: 1d"), rules: Self.pool,
                                      csv: "created_at,n\n2026-01-05T10:00,1\n2026-01-06T10:00,2\n")
        #expect(run.leads.map(\.counted) == [false, true])
        #expect(run.metrics.arrivals == 2 && run.metrics.counted == 1 && run.metric("leads") == 1)
        #expect(run.metrics.reps.map(\.assignments) == [1])
    }

    /// Load balance over every rep (zeros included): round-robin over a and b gives a, b, a;
    /// rep z (in no queue) has 0. Loads [2, 1, 0]: mean 1, Gini ΣΣ|xi−xj| / (2n²·mean) =
    /// 8 / 18, CV = population sd / mean = √(2/3), max/mean = 2.
    @Test func loadBalanceCountsEveryRep() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
              - {name: b, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
              - {name: z, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
            """, rules: """
            name: r
            fallback: pool
            queues:
              pool: {reps: [a, b], strategy: round-robin}
            """, csv: "created_at,n\n2026-01-05T00:00,1\n2026-01-05T00:01,2\n2026-01-05T00:02,3\n")
        #expect(run.metrics.reps.map(\.assignments) == [2, 1, 0])
        #expect(abs(run.metric("load_gini") - 8.0 / 18) < 1e-12)
        #expect(abs(run.metric("load_cv") - (2.0 / 3).squareRoot()) < 1e-12)
        #expect(run.metric("load_max_over_mean") == 2)
    }

    /// `utilization`: time-average of occupied slots over the counted window ÷ summed `open`.
    /// Horizon 1d, a has 2 slots, one lead holds one from 00:00 to 12:00: 12h · 1 / (24h · 2).
    @Test func utilizationIsOccupiedSlotsOverCapacity() throws {
        let run = try KernelWorld.run(scenario: "horizon: 1d\n" + Self.scenario(handle: "12h", open: 2), rules: Self.pool,
                                      csv: "created_at,n\n2026-01-05T00:00,1\n")
        #expect(abs(run.metric("utilization") - 0.25) < 1e-12)
    }

    /// Conservation: every counted lead ends in exactly one outcome, one world with each.
    @Test func everyOutcomeIsCountedOnce() throws {
        let run = try KernelWorld.run(scenario: """
            sources:
              - name: web
                replay: {file: leads.csv, align: recorded}
              - name: slow
                replay: {file: slow.csv, align: recorded}
                patience: 1h
              - name: crm
                replay: {file: crm.csv, align: recorded}
                account_match: 1
            accounts: {count: 1, owners: {team: t}, stale_owner: 1}
            teams: [{name: t}]
            reps:
              - {name: f, team: t, schedule: always, touch_delay: 0s, handle_time: 1m}
              - {name: s, team: t, schedule: always, touch_delay: 0s, handle_time: 60d}
              - {name: w, team: t, schedule: weekends, touch_delay: 0s, handle_time: 1m}
            """, rules: """
            name: r
            routes:
              - {name: named, when: {account: exists}, to: account-owner}
              - {name: fast, when: {lane: fast}, to: fast}
              - {name: slow, when: {lane: slow}, to: slow}
              - {name: drop, when: {lane: drop}, to: weekend}
              - {name: auto, when: {lane: auto}, to: nurture}
              - {name: wait, when: {lane: wait}, to: skilled}
              - {name: cold, when: {lane: cold}, to: later}
            queues:
              fast: {reps: [f]}
              slow: {reps: [s]}
              weekend: {reps: [w], max_wait: 10m}
              later: {reps: [w]}
              skilled: {reps: [f], skill: lane}
              nurture: automated
            """, files: [
                "leads.csv": "created_at,lane\n2026-01-05T00:00,fast\n2026-01-05T00:00,slow\n2026-01-05T00:00,drop\n"
                    + "2026-01-05T00:00,auto\n2026-01-05T00:00,wait\n2026-01-05T00:00,nowhere\n",
                "slow.csv": "created_at,lane\n2026-01-05T00:00,cold\n",
                "crm.csv": "created_at,lane\n2026-01-05T00:00,any\n",
            ])
        let expected = ["closed", "open", "dropped", "automated", "waiting", "unrouted", "cold", "stale"]
        #expect(run.metrics.outcomes == Dictionary(uniqueKeysWithValues: expected.map { ($0, 1) }), "\(run.leads)")
        #expect(run.metrics.counted == 8 && run.metrics.humanBound == 7)
        #expect(run.metric("automated_rate") == 1.0 / 8 && run.metric("cold_rate") == 1.0 / 7)
    }

    /// SPEC §4 "gaps after a breach count": a is assigned at 00:00 and breaches its 30-minute
    /// SLA; the only other rep, b, starts at 01:30, so at arrival + 1h the lead has no owner.
    /// It was owned once, so it is not "never owned".
    @Test func aGapAfterABreachCountsAsUnowned() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always, touch_delay: 2h, handle_time: 1h}
              - {name: b, team: t, schedule: "daily 01:30-23:00", touch_delay: 0s, handle_time: 1h}
            """, rules: """
            name: r
            fallback: pool
            queues:
              pool: {team: t}
            sla: {first_touch: 30m, on_breach: reassign}
            """, csv: "created_at,n\n2026-01-05T00:00,1\n")
        #expect(run[1].owners == ["a", "b"] && run[1].touched == at("01:30"), "\(run[1])")
        #expect(run.metric("unowned_rate") == 1 && run.metric("never_owned_rate") == 0)
        #expect(run.metric("reassignments") == 1)
    }
}
