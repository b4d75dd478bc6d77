import Foundation
import SimulationKernel
import SimulationModel
import Testing

/// SPEC §7 queues over several teams (`team: [A, B]`) and the team a lead counts towards
/// (docs/SEMANTICS.md "Queues over several teams"). Teams na (a1, a2) and emea (e1); e1 is
/// declared first, so member order is team order, not declaration order. Reps are always on,
/// touch after 10m and hold a lead 1h.
@Suite struct PoolTests {
    static func scenario(touch: String = "10m", emeaSchedule: String = "always", open: Int = 25,
                         naReps: [String] = ["a1", "a2"]) -> String {
        let settings = "touch_delay: \(touch), handle_time: 1h, capacity: {open: \(open)}"
        return """
        teams: [{name: na}, {name: emea}]
        reps:
          - {name: e1, team: emea, schedule: "\(emeaSchedule)", \(settings)}
        \(naReps.map { "  - {name: \($0), team: na, schedule: always, \(settings)}" }.joined(separator: "\n"))
        """
    }

    static func rules(_ pool: String, sla: String = "") -> String {
        """
        name: r
        fallback: pool
        queues:
          pool: \(pool)
        \(sla)
        """
    }

    /// Leads at 00:00, 00:01, … (one per row).
    static func leads(_ count: Int) -> String {
        "created_at,n\n" + (0..<count).map { String(format: "2026-01-05T00:%02d,\($0)", $0) }.joined(separator: "\n") + "\n"
    }

    /// Team indices: declared order.
    static let na = 0, emea = 1

    /// Round-robin over `team: [na, emea]` goes a1, a2, e1, a1, …: na's reps, then emea's.
    @Test func aPooledRoundRobinAlternatesInMemberOrder() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules("{team: [na, emea], strategy: round-robin}"),
                                      csv: Self.leads(5))
        #expect(run.leads.map(\.owners) == [["a1"], ["a2"], ["e1"], ["a1"], ["a2"]], "\(run.leads)")
    }

    /// Listing the teams the other way round puts emea's rep first.
    @Test func theTeamListOrderIsTheMemberOrder() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules("{team: [emea, na], strategy: round-robin}"),
                                      csv: Self.leads(3))
        #expect(run.leads.map(\.owners) == [["e1"], ["a1"], ["a2"]], "\(run.leads)")
    }

    /// A pooled queue counts each lead under its owner's team (the bug: all of them under the
    /// first team), and so does a `reps:` list spanning teams.
    @Test(arguments: ["{team: [na, emea], strategy: round-robin}", "{reps: [a1, a2, e1], strategy: round-robin}"])
    func aSpanningQueueCountsLeadsUnderTheOwnersTeam(pool: String) throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules(pool), csv: Self.leads(5))
        let teams = run.metrics.teams
        #expect(teams[Self.na].leads == 4 && teams[Self.na].touched == 4, "\(teams[Self.na])")
        #expect(teams[Self.emea].leads == 1 && teams[Self.emea].touched == 1, "\(teams[Self.emea])")
    }

    /// A queue of named reps of one team counts under that team, as a `team:` queue does.
    @Test func aOneTeamListOfRepsCountsUnderThatTeam() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(), rules: Self.rules("{reps: [a2, a1]}"), csv: Self.leads(3))
        #expect(run.metrics.teams[Self.na].leads == 3 && run.metrics.teams[Self.emea].leads == 0)
    }

    /// A lead a spanning queue never assigned counts under no team: e1 is off shift (Monday)
    /// and a1, a2 hold one lead each (open: 1), so the third lead is dropped after `max_wait`.
    @Test func aNeverOwnedLeadOfASpanningQueueCountsUnderNoTeam() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(touch: "2h", emeaSchedule: "weekends 09:00-17:00", open: 1),
                                      rules: Self.rules("{team: [na, emea], max_wait: 30m}"), csv: Self.leads(3))
        #expect(run[3].owners.isEmpty && run[3].outcome == .dropped, "\(run[3])")
        #expect(run.metrics.teams[Self.na].leads == 2 && run.metrics.teams[Self.emea].leads == 0)
        #expect(run.metrics.teams[Self.na].neverOwned == 0)
    }

    /// After a breach takes the lead, it counts under its latest owner's team: a1 (na) breaches
    /// at 01:00, e1 (emea) gets it and breaches at 02:00; both are excluded, so it waits to the
    /// end without an owner, counted under emea (it had owners, so it is not never-owned).
    @Test func aLeadTakenAwayCountsUnderItsLatestOwnersTeam() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(touch: "2h", naReps: ["a1"]),
                                      rules: Self.rules("{team: [na, emea]}", sla: "sla: {first_touch: 1h, on_breach: reassign}"),
                                      csv: Self.leads(1))
        #expect(run[1].owners == ["a1", "e1"] && run[1].outcome == .waiting, "\(run[1])")
        #expect(run.metrics.teams[Self.na].leads == 0)
        #expect(run.metrics.teams[Self.emea].leads == 1 && run.metrics.teams[Self.emea].neverOwned == 0)
    }
}

extension PoolTests {
    /// The random worlds of the conservation tests have queues over several teams and accounts
    /// with attributes owned by attribute, so the invariants are checked with them too.
    @Test func randomWorldsHavePooledQueuesAndAccountAttributes() {
        var pooled = 0, attributes = 0
        for seed in 0..<200 {
            let (scenario, rules) = RandomWorlds.world(seed: UInt64(seed))
            if rules.queues.contains(where: { if case .human(let h) = $0.kind, case .teams = h.members { true } else { false } }) {
                pooled += 1
            }
            if scenario.accounts?.fields.isEmpty == false { attributes += 1 }
        }
        #expect(pooled >= 40 && attributes >= 40, "\(pooled) worlds with pooled queues, \(attributes) with account attributes")
    }
}
