import SimulationKernel
import Testing

/// SPEC §2 `enrichment` (and §3: "a condition on a missing field is false … this is how
/// enrichment gaps show up as misroutes"). Leads are replayed at fixed times and carry one
/// generated field, `employees: 5000`, that always arrives missing (unless `missing` says
/// otherwise); `success` 0 or 1 makes enrichment deterministic.
@Suite struct EnrichmentTests {
    static func scenario(enrichment: String, missing: String = "1", patience: String = "",
                         metrics: String = "") -> String {
        """
        sources:
          - name: web
            replay: {file: leads.csv, align: recorded}
            fields: {employees: 5000}
            missing: {employees: \(missing)}
        \(patience.isEmpty ? "" : "    patience: \(patience)")
        enrichment: \(enrichment)
        \(metrics)
        teams: [{name: t}]
        reps:
          - {name: ent, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
          - {name: gen, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
        """
    }

    static let rules = """
        name: r
        routes:
          - {name: big, when: {employees: ">= 1000"}, to: enterprise}
        fallback: general
        queues:
          enterprise: {reps: [ent]}
          general: {reps: [gen]}
        """

    static let one = "created_at,n\n2026-01-05T00:00,1\n"

    /// `success: 1`: the gap is filled after the delay, then the lead is routed with the value.
    @Test func aMissingFieldIsEnrichedAfterTheDelay() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 10m, success: 1, wait: true}"),
                                      rules: Self.rules, csv: Self.one)
        #expect(run[1].route == "big" && run[1].owners == ["ent"] && run[1].assigned == at("00:10"), "\(run[1])")
    }

    /// `success: 0`: after the delay the lead is routed with the gap, so `>= 1000` is false and
    /// the fallback takes it.
    @Test func aFailedEnrichmentRoutesWithTheGap() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 10m, success: 0, wait: true}"),
                                      rules: Self.rules, csv: Self.one)
        #expect(run[1].route == "(fallback)" && run[1].owners == ["gen"] && run[1].assigned == at("00:10"), "\(run[1])")
    }

    /// `wait: false`: routed at once with the gap (a misroute to the fallback).
    @Test func waitFalseRoutesAtOnce() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 10m, success: 1, wait: false}"),
                                      rules: Self.rules, csv: Self.one)
        #expect(run[1].route == "(fallback)" && run[1].owners == ["gen"] && run[1].assigned == at("00:00"), "\(run[1])")
    }

    /// A lead with nothing missing does not wait for enrichment.
    @Test func aCompleteLeadIsRoutedAtOnce() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 10m, success: 1}", missing: "0"),
                                      rules: Self.rules, csv: Self.one)
        #expect(run[1].route == "big" && run[1].assigned == at("00:00"), "\(run[1])")
    }

    /// A lead waiting for enrichment is unowned (SPEC vocabulary): with `unowned_after: 5m` a
    /// 10-minute enrichment makes it unowned; with 15m it is owned in time.
    @Test func aLeadWaitingForEnrichmentIsUnowned() throws {
        let late = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 10m, success: 1}", metrics: "metrics: {unowned_after: 5m}"),
                                       rules: Self.rules, csv: Self.one)
        #expect(late.metric("unowned_rate") == 1 && late.metric("never_owned_rate") == 0)
        let early = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 10m, success: 1}", metrics: "metrics: {unowned_after: 15m}"),
                                        rules: Self.rules, csv: Self.one)
        #expect(early.metric("unowned_rate") == 0)
    }

    /// Patience runs from arrival, enrichment wait included (docs/SEMANTICS.md): a 2h
    /// enrichment and a 1h patience leave the lead cold, never routed to anyone.
    @Test func aLeadCanGoColdWhileEnriching() throws {
        let run = try KernelWorld.run(scenario: Self.scenario(enrichment: "{delay: 2h, success: 1}", patience: "1h"),
                                      rules: Self.rules, csv: Self.one)
        #expect(run[1].outcome == .cold && run[1].owners.isEmpty, "\(run[1])")
        #expect(run.metric("cold_rate") == 1 && run.metric("never_owned_rate") == 1)
    }
}
