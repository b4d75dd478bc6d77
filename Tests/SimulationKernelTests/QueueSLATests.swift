import SimulationKernel
import Testing

/// SPEC §7 queue-level SLA: a queue's `sla` replaces the rule set's for the leads first routed
/// to it; overflow and escalation keep the lead's. Team t: a touches after 2h, b after 10m
/// (each queue's round-robin starts at a); e (team esc) takes escalations, touching after 5m.
@Suite struct QueueSLATests {
    static let scenario = """
        teams: [{name: t}, {name: esc}]
        reps:
          - {name: a, team: t, schedule: always, touch_delay: 2h, handle_time: 1h}
          - {name: b, team: t, schedule: always, touch_delay: 10m, handle_time: 1h}
          - {name: e, team: esc, schedule: always, touch_delay: 5m, handle_time: 1h}
          - {name: x, team: esc, schedule: "weekdays 09:00-17:00", touch_delay: 1m, handle_time: 1h}
        """

    /// demo: 15 minutes; content: none; general: the rule set's hour.
    static let rules = """
        name: r
        routes:
          - {name: demo, when: {kind: demo}, to: demo}
          - {name: content, when: {kind: content}, to: content}
        fallback: general
        queues:
          demo: {team: t, sla: {first_touch: 15m, on_breach: reassign}}
          content: {team: t, sla: none}
          general: {team: t}
        sla: {first_touch: 1h, on_breach: reassign}
        """

    /// Each lead is held to its own queue's SLA: the demo lead breaches at 00:15 (a keeps a 2h
    /// touch) and b touches it at 00:25; the content lead never breaches though a takes 2h; the
    /// general lead breaches at 07:00 (the rule set's hour). `sla_met_rate`: only the second
    /// content lead, touched by b at 09:10, within `unowned_after` (1h, as without an SLA): 1 of 4.
    @Test func eachQueueHasItsOwnSLA() throws {
        let csv = """
            created_at,kind
            2026-01-05T00:00,demo
            2026-01-05T03:00,content
            2026-01-05T06:00,other
            2026-01-05T09:00,content

            """
        let run = try KernelWorld.run(scenario: Self.scenario, rules: Self.rules, csv: csv)
        #expect(run[1].owners == ["a", "b"] && run[1].touched == at("00:25") && run[1].breaches == 1, "\(run[1])")
        #expect(run[2].owners == ["a"] && run[2].touched == at("05:00") && run[2].breaches == 0, "\(run[2])")
        #expect(run[3].owners == ["a", "b"] && run[3].touched == at("07:10") && run[3].breaches == 1, "\(run[3])")
        #expect(run[4].owners == ["b"] && run[4].touched == at("09:10"), "\(run[4])")
        #expect(run.metric("sla_breaches") == 2 && run.metric("sla_met_rate") == 0.25)
    }

    /// A lead first routed to demo (x, off shift at night) overflows at 00:10 into general, where
    /// a gets it; it keeps demo's 15 minutes and escalation: it breaches at 00:15 and e touches it
    /// at 00:20. Routed straight to general (the rule set's 3h SLA), a touches it at 02:00 unbreached.
    @Test func overflowKeepsTheSLAOfTheQueueTheLeadWasFirstRoutedTo() throws {
        let rules = """
            name: r
            fallback: demo
            queues:
              demo:
                reps: [x]
                overflow: {after: 10m, to: general}
                sla: {first_touch: 15m, on_breach: escalate, escalate_to: escalations}
              general: {reps: [a]}
              escalations: {reps: [e]}
            sla: {first_touch: 3h, on_breach: reassign}
            """
        let run = try KernelWorld.run(scenario: Self.scenario, rules: rules, csv: "created_at,n\n2026-01-05T00:00,1\n")
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("00:20") && run[1].queue == "escalations", "\(run[1])")
        #expect(run.metric("sla_breaches") == 1 && run.metric("sla_met_rate") == 0)
        let direct = try KernelWorld.run(scenario: Self.scenario, rules: rules.replacingOccurrences(of: "fallback: demo", with: "fallback: general"),
                                         csv: "created_at,n\n2026-01-05T00:00,1\n")
        #expect(direct[1].owners == ["a"] && direct[1].touched == at("02:00") && direct.metric("sla_breaches") == 0, "\(direct[1])")
    }

    /// A queue's `sla: none` under a rule set without an SLA changes nothing; a queue's own SLA
    /// under a rule set without one applies to its leads only.
    @Test func aQueueSLAWorksWithoutARuleSetSLA() throws {
        let rules = """
            name: r
            routes:
              - {name: demo, when: {kind: demo}, to: demo}
            fallback: general
            queues:
              demo: {team: t, sla: {first_touch: 15m, on_breach: reassign}}
              general: {team: t, sla: none}
            """
        let csv = "created_at,kind\n2026-01-05T00:00,demo\n2026-01-05T03:00,other\n"
        let run = try KernelWorld.run(scenario: Self.scenario, rules: rules, csv: csv)
        #expect(run[1].owners == ["a", "b"] && run[1].touched == at("00:25"), "\(run[1])")
        #expect(run[2].owners == ["a"] && run[2].touched == at("05:00") && run[2].breaches == 0, "\(run[2])")
    }
}
