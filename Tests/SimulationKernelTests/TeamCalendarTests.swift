import SimulationKernel
import Testing

/// SPEC §7 team calendars: a team's `timezone`, `business_hours` and `holidays` make the
/// business clock of the leads first routed to its queues, and its holidays replace the
/// scenario's for its reps. Scenario in UTC (business hours weekdays 09:00-18:00); team emea
/// keeps London's (UTC+1 in June) 08:00-17:00; rep a (emea) touches after 20 hours, rep e (team
/// esc) takes escalations and touches after 5 minutes.
@Suite struct TeamCalendarTests {
    static func scenario(emea: String) -> String {
        """
        start: 2026-06-01T00:00
        business_hours: weekdays 09:00-18:00
        teams:
          - {name: emea\(emea)}
          - {name: esc}
        reps:
          - {name: a, team: emea, schedule: always, touch_delay: 20h, handle_time: 1h}
          - {name: e, team: esc, schedule: always, touch_delay: 5m, handle_time: 1h}
        """
    }

    static let rules = """
        name: r
        fallback: emea
        queues:
          emea: {team: emea}
          escalations: {team: esc}
        sla: {first_touch: 1h, clock: business, on_breach: escalate, escalate_to: escalations}
        """

    static let london = ", timezone: Europe/London, business_hours: weekdays 08:00-17:00"
    /// Monday 17:00 London.
    static let fivePMLondon = "created_at,n\n2026-06-01T16:00,1\n"

    /// A lead at 17:00 London under the London calendar has used no business time by the close:
    /// its 1h business SLA breaches at 09:00 London (08:00 UTC) on Tuesday, when e gets it.
    @Test func aLeadAtCloseBreachesAnHourIntoTheTeamsNextBusinessDay() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(emea: Self.london), rules: Self.rules, csv: Self.fivePMLondon)
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("08:05", day: 1), "\(run[1])")
        #expect(run.metric("sla_breaches") == 1)
        // 65 business minutes on the team's clock (Tuesday 08:00-09:05 London); the sketch is within 0.45%.
        #expect(abs(run.metric("ttft_business_p50_s") - 3900) <= 3900 * 0.005, "\(run.metric("ttft_business_p50_s"))")
    }

    /// Without team keys the scenario's calendar holds: 16:00 UTC + 1 business hour = 17:00 UTC.
    @Test func aTeamWithoutCalendarKeysUsesTheScenariosClock() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(emea: ""), rules: Self.rules, csv: Self.fivePMLondon)
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("17:05"), "\(run[1])")
    }

    /// Team business hours without a team zone are read in the scenario's zone: 08:00-17:00 UTC.
    /// A lead at 17:30 UTC breaches at Tuesday 09:00 UTC (the scenario's hours: 09:30; London's: 08:00).
    @Test func teamBusinessHoursAreInTheScenariosZoneUnlessTheTeamSetsOne() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(emea: ", business_hours: weekdays 08:00-17:00"), rules: Self.rules,
                                      csv: "created_at,n\n2026-06-01T17:30,1\n")
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("09:05", day: 1), "\(run[1])")
    }

    /// A team holiday on Tuesday skips the whole London day on its business clock: the breach
    /// moves to Wednesday 09:00 London (08:00 UTC). (a, off that UTC day too, would touch Wednesday 12:00.)
    @Test func aTeamHolidayPausesItsBusinessClock() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(emea: Self.london + ", holidays: [2026-06-02]"),
                                      rules: Self.rules, csv: Self.fivePMLondon)
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("08:05", day: 2), "\(run[1])")
    }

    /// Team holidays replace the scenario's for its reps: a (emea, off on 2026-06-03) works the
    /// scenario's holiday 2026-06-02, while b (na, scenario holidays) is off that day. A lead for
    /// a on its holiday waits for midnight (a is always on shift otherwise).
    @Test func teamHolidaysReplaceTheScenariosForItsReps() throws {
        let scenario = """
            start: 2026-06-01T00:00
            holidays: [2026-06-02]
            teams:
              - {name: emea, holidays: [2026-06-03]}
              - {name: na}
            reps:
              - {name: a, team: emea, schedule: always, touch_delay: 10m, handle_time: 1h}
              - {name: b, team: na, schedule: always, touch_delay: 10m, handle_time: 1h}
            """
        let rules = """
            name: r
            routes:
              - {name: emea, when: {region: EMEA}, to: emea}
            fallback: na
            queues:
              emea: {team: emea}
              na: {team: na}
            """
        let csv = "created_at,region\n2026-06-02T10:00,EMEA\n2026-06-02T10:00,NA\n2026-06-03T10:00,EMEA\n"
        let run = try KernelWorld.run(scenario: scenario, rules: rules, csv: csv)
        #expect(run[1].owners == ["a"] && run[1].touched == at("10:10", day: 1), "\(run[1])")
        #expect(run[2].owners == ["b"] && run[2].touched == at("00:10", day: 2), "\(run[2])")
        #expect(run[3].owners == ["a"] && run[3].touched == at("00:10", day: 3), "\(run[3])")
    }

    /// An account owner's lead runs on the owner's team calendar (Singapore, 09:00-18:00 local =
    /// 01:00-10:00 UTC) under the rule set's SLA, whatever the queues' own: arriving at 09:30 UTC
    /// it has 30 business minutes left on Monday, breaches at Tuesday 01:30 UTC and goes to pat.
    /// (On the scenario's clock it would breach at 10:30 on Monday.)
    @Test func anAccountOwnersLeadRunsOnTheOwnersTeamCalendarUnderTheRuleSetsSLA() throws {
        let scenario = """
            sources:
              - name: web
                replay: {file: leads.csv, align: recorded}
                account_match: 1
            accounts: {count: 1, owners: {team: owners}}
            teams:
              - {name: owners, timezone: Asia/Singapore, business_hours: weekdays 09:00-18:00}
              - {name: pool}
            reps:
              - {name: olga, team: owners, schedule: always, touch_delay: 20h, handle_time: 1h}
              - {name: pat, team: pool, schedule: always, touch_delay: 10m, handle_time: 1h}
            """
        let rules = """
            name: r
            routes:
              - {name: named, when: {account: exists}, to: account-owner}
            fallback: pool
            queues:
              pool: {team: pool, sla: none}
            sla: {first_touch: 1h, clock: business, on_breach: escalate, escalate_to: pool}
            """
        let run = try KernelWorld.run(scenario: scenario, rules: rules, csv: "created_at,n\n2026-01-05T09:30,1\n")
        #expect(run[1].owners == ["olga", "pat"] && run[1].touched == at("01:40", day: 1), "\(run[1])")
    }

    /// A queue listing reps uses the scenario's clock even when its reps' team has a calendar.
    @Test func aQueueOfNamedRepsUsesTheScenariosClock() throws {
        let rules = Self.rules.replacingOccurrences(of: "emea: {team: emea}", with: "emea: {reps: [a]}")
        let run = try KernelWorld.run(scenario: Self.scenario(emea: Self.london), rules: rules, csv: Self.fivePMLondon)
        #expect(run[1].owners == ["a", "e"] && run[1].touched == at("17:05"), "\(run[1])")
    }
}
