import SimulationKernel
import Testing

/// SPEC §3 SLA: breaches, reassignment, escalation, limits and the business clock. One lead
/// arrives at 00:00 unless said otherwise; `first_touch: 1h`. Breaches are counted by the
/// `sla_breaches` metric; a trace row's `breaches` counts only the breaches that took the lead
/// from its owner (with `on_breach: none`, or past `max_reassignments`, it stays 0).
@Suite struct SLATests {
    /// Reps of team t, always on, each `(name, touch delay)`; team t's manager is boss (team m).
    static func scenario(_ reps: [(String, String)], schedule: String = "always", extra: String = "") -> String {
        """
        \(extra)
        teams: [{name: t, manager: boss}, {name: m}]
        reps:
        \(reps.map { "  - {name: \($0.0), team: t, schedule: \"\(schedule)\", touch_delay: \($0.1), handle_time: 1h}" }.joined(separator: "\n"))
          - {name: boss, team: m, schedule: always, touch_delay: 10m, handle_time: 1h}
          - {name: e, team: m, schedule: always, touch_delay: 5m, handle_time: 1h}
        """
    }

    static func rules(_ sla: String) -> String {
        """
        name: r
        fallback: pool
        queues:
          pool: {team: t, strategy: round-robin}
          escalations: {reps: [e]}
        sla:
        \(sla)
        """
    }

    static let midnight = "created_at,n\n2026-01-05T00:00,1\n"

    /// Untouched at arrival + first_touch: the owner breaches (and keeps the lead with `none`).
    @Test func anUntouchedLeadBreachesAtTheDeadline() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: none"), csv: Self.midnight)
        #expect(run[1].owners == ["a"] && run[1].touched == at("02:00"), "\(run[1])")
        #expect(run.metric("sla_breaches") == 1 && run.metric("sla_met_rate") == 0 && run.metric("reassignments") == 0)
    }

    /// A touch exactly at the deadline is within the SLA: no breach, SLA met.
    @Test func aTouchExactlyAtTheDeadlineIsNoBreach() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "1h")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: reassign"), csv: Self.midnight)
        #expect(run[1].breaches == 0 && run[1].owners == ["a"] && run[1].touched == at("01:00"), "\(run[1])")
        #expect(run.metric("sla_met_rate") == 1 && run.metric("sla_breaches") == 0)
    }

    /// `reassign`: the slot is freed and the lead goes at once to another eligible rep of the
    /// queue; the new owner's touch delay runs from its assignment.
    @Test func reassignMovesTheLeadToAnotherRepAtOnce() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h"), ("b", "30m")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: reassign"), csv: Self.midnight)
        #expect(run[1].owners == ["a", "b"] && run[1].breaches == 1 && run[1].touched == at("01:30"), "\(run[1])")
        #expect(run.metric("reassignments") == 1 && run.metric("sla_met_rate") == 0)
    }

    /// "An owner who gets the lead after a breach has `first_touch` from its own assignment":
    /// b gets it at 01:00 and touches at 01:50, within its own hour (not a second breach).
    @Test func aNewOwnerHasFirstTouchFromItsOwnAssignment() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h"), ("b", "50m")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: reassign"), csv: Self.midnight)
        #expect(run[1].owners == ["a", "b"] && run[1].breaches == 1 && run[1].touched == at("01:50"), "\(run[1])")
    }

    /// Previous owners are excluded for good: after b breaches too, only a is left, who had it;
    /// the lead waits in the queue (never touched).
    @Test func previousOwnersAreExcludedForGood() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h"), ("b", "2h")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: reassign"), csv: Self.midnight)
        #expect(run[1].owners == ["a", "b"] && run[1].breaches == 2, "\(run[1])")
        #expect(run[1].touched == nil && run[1].outcome == .waiting, "\(run[1])")
    }

    /// `max_reassignments: 1`: b's breach at 02:00 is counted but moves nothing; b touches at 03:00.
    @Test func maxReassignmentsLimitsTheMoves() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h"), ("b", "2h"), ("c", "2h")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: reassign\n  max_reassignments: 1"),
                                      csv: Self.midnight)
        #expect(run[1].owners == ["a", "b"] && run[1].touched == at("03:00"), "\(run[1])")
        #expect(run.metric("sla_breaches") == 2)
        #expect(run.metrics.reassignments == 1)
    }

    /// `escalate` without `escalate_to`: the manager of the queue's team (boss) gets it at the breach.
    @Test func escalateGoesToTheTeamManager() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: escalate"), csv: Self.midnight)
        #expect(run[1].owners == ["a", "boss"] && run[1].breaches == 1 && run[1].touched == at("01:10"), "\(run[1])")
        #expect(run.metrics.reassignments == 1)
    }

    /// `escalate_to: QUEUE`: the breached lead goes to that queue (rep e, 5-minute touch).
    @Test func escalateToSendsTheLeadToThatQueue() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "2h")]),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: escalate\n  escalate_to: escalations"),
                                      csv: Self.midnight)
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("01:05") && run[1].queue == "escalations", "\(run[1])")
    }

    /// "A lead that waited past its SLA has missed it, but its first owner is not bounced":
    /// arrives 06:00, deadline 07:00, assigned at the 09:00 shift start, touched 09:10.
    @Test func aLeadThatWaitedPastItsSLAMissesItButItsFirstOwnerIsNotBounced() throws {
        let run = try KernelWorld.run(scenario: Self.scenario([("a", "10m"), ("b", "10m")], schedule: "weekdays 09:00-17:00"),
                                      rules: Self.rules("  first_touch: 1h\n  on_breach: reassign"),
                                      csv: "created_at,n\n2026-01-05T06:00,1\n")
        #expect(run[1].owners == ["a"] && run[1].breaches == 0 && run.metric("sla_breaches") == 0 && run[1].touched == at("09:10"), "\(run[1])")
        #expect(run.metric("sla_met_rate") == 0)
    }

    /// `clock: business` (weekdays 09:00-18:00): a lead at Monday 17:30 touched at 18:50 has used
    /// 30 business minutes (deadline Tuesday 09:30): no breach, SLA met. On the wall clock the
    /// same touch is 80 minutes late: a breach at 18:30.
    @Test func aBusinessClockSLACountsBusinessHoursOnly() throws {
        let csv = "created_at,n\n2026-01-05T17:30,1\n"
        let scenario = Self.scenario([("a", "1h20m")], extra: "business_hours: weekdays 09:00-18:00")
        let business = try KernelWorld.run(scenario: scenario, rules: Self.rules("  first_touch: 1h\n  clock: business"), csv: csv)
        #expect(business[1].touched == at("18:50") && business.metric("sla_breaches") == 0, "\(business[1])")
        #expect(business.metric("sla_met_rate") == 1)
        let wall = try KernelWorld.run(scenario: scenario, rules: Self.rules("  first_touch: 1h\n  clock: wall"), csv: csv)
        #expect(wall[1].touched == at("18:50") && wall.metric("sla_breaches") == 1, "\(wall[1])")
        #expect(wall.metric("sla_met_rate") == 0)
    }
}
