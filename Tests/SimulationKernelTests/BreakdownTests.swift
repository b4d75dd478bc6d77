import SimulationKernel
import Testing

/// SPEC §7 per-queue and per-source results: every lead counts for the rule queue routing sent it
/// to and for its source, with the SLA, unowned and outcome decisions of the overall metrics.
@Suite struct BreakdownTests {
    /// Demo requests go to ae (round-robin, touch 5m), content to sdr (sam: one open slot, touch
    /// 20m), webinars to an automated queue; partner leads match no route (no fallback).
    static let scenario = """
        sources:
          - {name: demo-request, replay: {file: demo.csv, align: recorded}}
          - {name: content, replay: {file: content.csv, align: recorded}, patience: 30m}
          - {name: webinar, replay: {file: webinar.csv, align: recorded}}
          - {name: partner, replay: {file: partner.csv, align: recorded}}
        teams: [{name: ae}, {name: sdr}]
        reps:
          - {name: ana, team: ae, schedule: always, touch_delay: 5m, handle_time: 1h}
          - {name: bob, team: ae, schedule: always, touch_delay: 5m, handle_time: 1h}
          - {name: sam, team: sdr, schedule: always, touch_delay: 20m, handle_time: 1h, capacity: {open: 1}}
        """
    static let rules = """
        name: by-source
        routes:
          - {name: demos, when: {source: demo-request}, to: ae}
          - {name: content, when: {source: content}, to: sdr}
          - {name: webinars, when: {source: webinar}, to: nurture}
        queues:
          ae: {team: ae, strategy: round-robin}
          sdr: {team: sdr}
          nurture: automated
        sla: {first_touch: 15m}
        """
    /// Monday 2026-01-05 (business hours 09:00–18:00 UTC). The 17:50 content lead is touched at
    /// 18:10 (20m, 10m of business time); the 17:55 one finds sam's only slot taken and goes cold.
    static let files = [
        "demo.csv": "created_at,n\n2026-01-05T10:00,1\n2026-01-05T10:30,2\n2026-01-05T11:00,3\n",
        "content.csv": "created_at,n\n2026-01-05T17:50,1\n2026-01-05T17:55,2\n",
        "webinar.csv": "created_at,n\n2026-01-05T12:00,1\n",
        "partner.csv": "created_at,n\n2026-01-05T12:30,1\n",
    ]

    static func expectClose(_ value: Double?, _ expected: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        // The TTFT sketch is within 0.5% relative error.
        let ok = value.map { abs($0 - expected) <= 0.005 * expected } ?? false
        #expect(ok, "\(what): \(value.map(String.init(describing:)) ?? "nil"), expected \(expected)", sourceLocation: sourceLocation)
    }

    @Test func queuesCountTheLeadsRoutedThereAndTheirMembersLoads() throws {
        let run = try KernelWorld.run(scenario: Self.scenario, rules: Self.rules, files: Self.files)
        #expect(run.metrics.queues.map(\.leads) == [3, 2, 1])
        #expect(run.metrics.queues.map(\.memberAssignments) == [[2, 1], [1], []])
        let ae = run.metrics.queueMetricValues(queue: 0)
        #expect(ae["leads"] == 3 && ae["sla_met_rate"] == 1 && ae["unowned_rate"] == 0)
        Self.expectClose(ae["ttft_p50_s"], 300, "ae p50")
        Self.expectClose(ae["ttft_p90_s"], 300, "ae p90")
        Self.expectClose(ae["ttft_business_p90_s"], 300, "ae business p90")
        // Loads 2 and 1: Gini 2·1 / (2·2²·1.5), CV 0.5 / 1.5, max/mean 2 / 1.5.
        Self.expectClose(ae["load_gini"], 1.0 / 6, "ae Gini")
        Self.expectClose(ae["load_cv"], 1.0 / 3, "ae CV")
        Self.expectClose(ae["load_max_over_mean"], 4.0 / 3, "ae max/mean")
        let sdr = run.metrics.queueMetricValues(queue: 1)
        #expect(sdr["leads"] == 2 && sdr["sla_met_rate"] == 0 && sdr["unowned_rate"] == 0.5 && sdr["load_gini"] == 0)
        Self.expectClose(sdr["ttft_p90_s"], 1200, "sdr p90")
        // Its one touched lead: 17:50 → 18:10, 20 minutes of which 10 in business hours.
        Self.expectClose(sdr["ttft_business_p90_s"], 600, "sdr business p90")
        // The automated queue counts its lead and has no other value.
        let nurture = run.metrics.queueMetricValues(queue: 2)
        #expect(nurture["leads"] == 1)
        for name in nurture.names where name != "leads" { #expect(nurture[name]!.isNaN, "nurture \(name)") }
    }

    @Test func sourcesCountTheirLeadsWithTheOverallDecisions() throws {
        let run = try KernelWorld.run(scenario: Self.scenario, rules: Self.rules, files: Self.files)
        #expect(run.metrics.sources.map(\.leads) == [3, 2, 1, 1])
        let demo = run.metrics.sourceMetricValues(source: 0)
        #expect(demo["sla_met_rate"] == 1 && demo["unowned_rate"] == 0 && demo["touched_rate"] == 1 && demo["cold_rate"] == 0)
        Self.expectClose(demo["ttft_p90_s"], 300, "demo p90")
        Self.expectClose(demo["ttft_business_p90_s"], 300, "demo business p90")
        let content = run.metrics.sourceMetricValues(source: 1)
        #expect(content["sla_met_rate"] == 0 && content["unowned_rate"] == 0.5)
        #expect(content["touched_rate"] == 0.5 && content["cold_rate"] == 0.5)
        Self.expectClose(content["ttft_p50_s"], 1200, "content p50")
        Self.expectClose(content["ttft_business_p90_s"], 600, "content business p90")
        let webinar = run.metrics.sourceMetricValues(source: 2)
        #expect(webinar["leads"] == 1 && webinar["touched_rate"]!.isNaN && webinar["ttft_p90_s"]!.isNaN)
        // Unrouted: counted, never touched, unowned, in no queue.
        let partner = run.metrics.sourceMetricValues(source: 3)
        #expect(partner["leads"] == 1 && partner["touched_rate"] == 0 && partner["unowned_rate"] == 1)
        #expect(partner["sla_met_rate"] == 0 && partner["ttft_p90_s"]!.isNaN)
        #expect(run.metrics.queues.map(\.leads).reduce(0, +) == run.metrics.counted - 1)
    }

    /// With one source and one human queue the kernel keeps no sketch apart: theirs is the overall one.
    @Test func oneSourceAndOneHumanQueueShareTheOverallSketch() throws {
        let rules = """
            name: one-queue
            routes:
              - {name: webinars, when: {region: none}, to: nurture}
            fallback: ae
            queues:
              ae: {team: ae, strategy: round-robin}
              nurture: automated
            """
        let scenario = """
            teams: [{name: ae}]
            reps:
              - {name: ana, team: ae, schedule: always, touch_delay: 5m, handle_time: 1h}
              - {name: bob, team: ae, schedule: always, touch_delay: 15m, handle_time: 1h}
            """
        let run = try KernelWorld.run(scenario: scenario, rules: rules,
                                      csv: "created_at,n\n2026-01-05T10:00,1\n2026-01-05T10:30,2\n2026-01-05T11:00,3\n")
        let overall = run.metrics.ttft
        #expect(overall.count == 3)
        for sketch in [run.metrics.queues[0].ttft, run.metrics.sources[0].ttft] {
            #expect(sketch.count == overall.count && sketch.quantile(0.5) == overall.quantile(0.5)
                    && sketch.quantile(0.9) == overall.quantile(0.9))
        }
        #expect(run.metrics.sources[0].ttftBusiness.quantile(0.9) == run.metrics.ttftBusiness.quantile(0.9))
        #expect(run.metrics.queues[0].ttftBusiness.count == 3
                && run.metrics.queues[0].ttftBusiness.quantile(0.9) == run.metrics.ttftBusiness.quantile(0.9))
        #expect(run.metrics.queues[0].memberAssignments == [2, 1] && run.metrics.queues[1].leads == 0)
    }

    /// A queue whose leads all arrive at night: Tuesday 01:00, 02:00 and 03:00, while the one rep
    /// works weekdays 09:00–18:00 (the business hours). Each is touched at 09:05, 6–8 wall-clock
    /// hours later but 5 business minutes later: the queue's business p90 is 5 minutes, its
    /// wall-clock p90 over 7 hours. The daytime queue's leads (touched 5 minutes after arrival)
    /// have the same p90 on both clocks.
    @Test func aQueueOfNightLeadsHasABusinessP90FarBelowItsWallClockOne() throws {
        let scenario = """
            business_hours: weekdays 09:00-18:00
            sources:
              - {name: daytime, replay: {file: day.csv, align: recorded}}
              - {name: overnight, replay: {file: night.csv, align: recorded}}
            teams: [{name: ae}]
            reps:
              - {name: ana, team: ae, schedule: "weekdays 09:00-18:00", touch_delay: 5m, handle_time: 10m, capacity: {open: 5}}
            """
        let rules = """
            name: by-clock
            routes:
              - {name: days, when: {source: daytime}, to: day}
              - {name: nights, when: {source: overnight}, to: night}
            queues:
              day: {team: ae}
              night: {team: ae}
            sla: {first_touch: 1h, clock: business}
            """
        let run = try KernelWorld.run(scenario: scenario, rules: rules, files: [
            "day.csv": "created_at,n\n2026-01-05T10:00,1\n2026-01-05T10:30,2\n2026-01-05T11:00,3\n",
            "night.csv": "created_at,n\n2026-01-06T01:00,1\n2026-01-06T02:00,2\n2026-01-06T03:00,3\n",
        ])
        #expect(run.metrics.queues.map(\.leads) == [3, 3])
        let day = run.metrics.queueMetricValues(queue: 0)
        Self.expectClose(day["ttft_p90_s"], 300, "day p90")
        Self.expectClose(day["ttft_business_p90_s"], 300, "day business p90")
        let night = run.metrics.queueMetricValues(queue: 1)
        Self.expectClose(night["ttft_business_p90_s"], 300, "night business p90")
        // Wall-clock TTFTs 6h05m, 7h05m and 8h05m: the p90 lies between the last two.
        let wall = try #require(night["ttft_p90_s"])
        #expect(wall >= 25_500 * 0.995 && wall <= 29_100 * 1.005, "night p90 \(wall)")
        #expect(night["sla_met_rate"] == 1 && day["sla_met_rate"] == 1)
        // The same leads by source: the per-source figure, computed the same way, agrees.
        Self.expectClose(run.metrics.sourceMetricValues(source: 1)["ttft_business_p90_s"], 300, "overnight source business p90")
    }
}
