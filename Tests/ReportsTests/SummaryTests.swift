import Foundation
import Reports
import SimulationKernel
import SimulationModel
import Testing

/// `summary.json` has every SPEC §6 key, in the documented shape, and is byte-identical for
/// the same inputs and any number of workers.
@Suite struct SummaryTests {
    static let specMetrics = [
        "ttft_mean_s", "ttft_p50_s", "ttft_p90_s", "ttft_p99_s", "sla_met_rate", "unowned_rate", "never_owned_rate",
        "touched_rate", "load_gini", "load_cv", "load_max_over_mean", "utilization", "reassignments", "cold_rate",
    ]

    /// SPEC §7 per-queue and per-source metrics.
    static let queueMetrics = ["leads", "load_gini", "load_cv", "load_max_over_mean", "ttft_p50_s", "ttft_p90_s",
                               "ttft_business_p90_s", "sla_met_rate", "unowned_rate"]
    static let sourceMetrics = ["leads", "ttft_p50_s", "ttft_p90_s", "ttft_business_p90_s", "sla_met_rate",
                                "unowned_rate", "touched_rate", "cold_rate"]

    static func parse(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A `{"mean", "ci95"}` object: a number and two ordered bounds, or both null.
    static func expectEstimate(_ value: Any?, _ context: String) {
        guard let object = value as? [String: Any] else {
            Issue.record("\(context): not an object")
            return
        }
        #expect(object.keys.sorted() == ["ci95", "mean"], "\(context)")
        if object["mean"] is NSNull {
            #expect(object["ci95"] is NSNull, "\(context)")
            return
        }
        let mean = object["mean"] as? Double
        let ci = object["ci95"] as? [Double]
        #expect(mean != nil, "\(context)")
        #expect(ci?.count == 2, "\(context)")
        if let mean, let ci, ci.count == 2 {
            #expect(ci[0] <= mean + 1e-9 && mean <= ci[1] + 1e-9, "\(context): \(ci[0]) ≤ \(mean) ≤ \(ci[1])")
        }
    }

    @Test func everySpecKeyIsPresent() throws {
        let summary = try ReportWorlds.summary()
        let json = try Self.parse(summary.jsonText)
        #expect(json["scenario"] as? String == "tiny-world")
        #expect(json["replications"] as? Int == 4)
        #expect(json["seed"] as? Int == 5)
        #expect((json["leads_per_replication"] as? Double ?? 0) > 100)
        #expect(json["leadsim_version"] as? String == "test")
        #expect(json["horizon_s"] as? Int == 7 * 86_400)
        #expect(json["warmup_s"] as? Int == 86_400)

        let ruleSets = try #require(json["rulesets"] as? [[String: Any]])
        #expect(ruleSets.map { $0["name"] as? String } == ["territory", "pooled"])
        for rs in ruleSets {
            let name = rs["name"] as? String ?? "?"
            let metrics = try #require(rs["metrics"] as? [String: Any])
            for key in Self.specMetrics { #expect(metrics[key] != nil, "\(name) lacks \(key)") }
            for (key, value) in metrics { Self.expectEstimate(value, "\(name).metrics.\(key)") }
            let routes = try #require(rs["routes"] as? [String: Any])
            for (key, value) in routes { Self.expectEstimate(value, "\(name).routes.\(key)") }
            let teams = try #require(rs["teams"] as? [String: [String: Any]])
            #expect(Set(teams.keys) == ["na", "emea"])
            for (team, values) in teams {
                #expect(values["load_gini"] != nil && values["ttft_p90_s"] != nil)
                for (key, value) in values { Self.expectEstimate(value, "\(name).teams.\(team).\(key)") }
            }
            let queues = try #require(rs["queues"] as? [String: [String: Any]])
            #expect(Set(queues.keys) == (name == "territory" ? ["na", "emea"] : ["pool"]))
            for (queue, values) in queues {
                #expect(Set(values.keys) == Set(Self.queueMetrics), "\(name).queues.\(queue)")
                for (key, value) in values { Self.expectEstimate(value, "\(name).queues.\(queue).\(key)") }
            }
            let sources = try #require(rs["sources"] as? [String: [String: Any]])
            #expect(Set(sources.keys) == ["inbound"])
            for (source, values) in sources {
                #expect(Set(values.keys) == Set(Self.sourceMetrics), "\(name).sources.\(source)")
                for (key, value) in values { Self.expectEstimate(value, "\(name).sources.\(source).\(key)") }
            }
            let reps = try #require(rs["reps"] as? [String: [String: Any]])
            #expect(reps.count == 5)
            #expect(reps["emea-1"]?["team"] as? String == "emea")
            Self.expectEstimate(reps["na-1"]?["assignments"], "\(name).reps.na-1.assignments")
            Self.expectEstimate(reps["na-1"]?["utilization"], "\(name).reps.na-1.utilization")
        }
        let territoryRoutes = try #require(ruleSets[0]["routes"] as? [String: Any])
        #expect(Set(territoryRoutes.keys) == ["emea", "atlantis", "(fallback)"])
        let pooledRoutes = try #require(ruleSets[1]["routes"] as? [String: Any])
        #expect(Set(pooledRoutes.keys) == ["everyone", "(unrouted)"])

        let comparisons = try #require(json["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 1)
        #expect(comparisons[0]["baseline"] as? String == "territory")
        #expect(comparisons[0]["candidate"] as? String == "pooled")
        let diffs = try #require(comparisons[0]["metrics"] as? [String: [String: Any]])
        for key in Self.specMetrics {
            let d = try #require(diffs[key], "comparison lacks \(key)")
            #expect(d["significant"] is Bool)
            #expect((d["ci95"] as? [Double])?.count == 2, "\(key)")
        }
    }

    /// Queues add up to the routed leads; with one source, its figures are the overall ones.
    @Test func queuesAndSourcesAgreeWithTheOverallMetrics() throws {
        let summary = try ReportWorlds.summary()
        for rs in summary.ruleSets {
            let leads = rs.metric("leads")!.values
            let inbound = try #require(rs.sources.first)
            #expect(rs.sources.count == 1 && inbound.metric("leads")!.values == leads)
            for name in ["ttft_p50_s", "ttft_p90_s", "ttft_business_p90_s", "sla_met_rate", "unowned_rate", "touched_rate",
                         "cold_rate"] {
                #expect(inbound.metric(name)!.values == rs.metric(name)!.values, "\(rs.name) \(name)")
            }
            // Every lead is routed to a queue (the territory's fallback, the pool's catch-all route).
            let routed = rs.queues.map { $0.metric("leads")!.values }
            #expect(leads.indices.allSatisfy { k in routed.map { $0[k] }.reduce(0, +) == leads[k] }, "\(rs.name)")
        }
        // The pool is the pooled rule set's only queue: its load is every rep's.
        let pooled = summary.ruleSets[1]
        #expect(pooled.queues[0].metric("load_gini")!.values == pooled.metric("load_gini")!.values)
    }

    @Test func metricKeysKeepTheKernelOrder() throws {
        let summary = try ReportWorlds.summary(replications: 2)
        let text = summary.jsonText
        let positions = ["\"ttft_mean_s\"", "\"ttft_p50_s\"", "\"ttft_p90_s\"", "\"sla_met_rate\"", "\"unowned_rate\""]
            .map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.range(of: "\"scenario\"")!.lowerBound < text.range(of: "\"rulesets\"")!.lowerBound)
        #expect(text.range(of: "\"rulesets\"")!.lowerBound < text.range(of: "\"comparisons\"")!.lowerBound)
    }

    @Test func comparisonsArePairedByReplication() throws {
        let summary = try ReportWorlds.summary()
        let baseline = summary.ruleSets[0], candidate = summary.ruleSets[1]
        for d in summary.comparisons[0].metrics {
            let b = try #require(baseline.metric(d.name)), c = try #require(candidate.metric(d.name))
            let pairs = zip(b.values, c.values).filter { $0.0.isFinite && $0.1.isFinite }
            #expect(d.pairs == pairs.count)
            guard !pairs.isEmpty, let diff = d.diff else { continue }
            let expected = pairs.map { $0.1 - $0.0 }.reduce(0, +) / Double(pairs.count)
            #expect(abs(diff - expected) <= 1e-9 * max(1, abs(expected)), "\(d.name)")
            if let ci = d.ci95 { #expect(d.significant == (ci.lower > 0 || ci.upper < 0), "\(d.name)") }
        }
    }

    @Test func runHasAnEmptyComparisonList() throws {
        let plan = try SimulationPlan(scenario: ReportWorlds.scenario(replications: 2), ruleSets: [ReportWorlds.territory])
        let summary = Summary(result: Experiment.run(plan, options: ExperimentOptions(jobs: 1)), leadsimVersion: "test")
        let json = try Self.parse(summary.jsonText)
        #expect((json["comparisons"] as? [Any])?.isEmpty == true)
    }

    /// Queues with their own SLA (SPEC §7) are named beside the rule set's target in the reports
    /// and listed under `queue_slas` in summary.json; rule sets without them show neither.
    @Test func queueSLAsAreNamedBesideTheRuleSetsTarget() throws {
        var territory = ReportWorlds.territory
        territory.queues[0].kind = .human(HumanQueue(members: .team("na"), sla: .exempt))
        territory.queues[1].kind = .human(HumanQueue(members: .team("emea"), sla: .own(SLA(firstTouch: 900, clock: .business))))
        let plan = try SimulationPlan(scenario: ReportWorlds.scenario(replications: 2), ruleSets: [territory, ReportWorlds.pooled])
        let summary = Summary(result: Experiment.run(plan, options: ExperimentOptions(jobs: 1)), leadsimVersion: "test")
        let ruleSets = try #require(Self.parse(summary.jsonText)["rulesets"] as? [[String: Any]])
        let queueSLAs = try #require(ruleSets[0]["queue_slas"] as? [String: Any])
        #expect(queueSLAs["na"] as? String == "none")
        #expect((queueSLAs["emea"] as? [String: Any])?["first_touch_s"] as? Double == 900)
        #expect(ruleSets[1]["queue_slas"] == nil)
        #expect(HTMLReport.render(summary).contains("<td>SLA 1h; per queue: na none, emea 15m (business)</td>"))
        let alone = Summary(result: Experiment.run(try SimulationPlan(scenario: ReportWorlds.scenario(replications: 2), ruleSets: [territory]),
                                                   options: ExperimentOptions(jobs: 1)), leadsimVersion: "test")
        #expect(Verdict.lines(for: alone).first?.contains("within the 1h SLA (per queue: na none, emea 15m (business));") == true,
                "\(Verdict.lines(for: alone))")
    }

    @Test func identicalForTwoRunsAndAnyJobCount() throws {
        let one = try ReportWorlds.summary(jobs: 1)
        let four = try ReportWorlds.summary(jobs: 4)
        let again = try ReportWorlds.summary(jobs: 4)
        #expect(one.jsonText == four.jsonText)
        #expect(four.jsonText == again.jsonText)
        #expect(MarkdownReport.render(one) == MarkdownReport.render(four))
        #expect(HTMLReport.render(one) == HTMLReport.render(four))
        #expect(one.repsCSV == four.repsCSV && one.timeseriesCSV == four.timeseriesCSV)
    }

    @Test func undefinedReplicationsAreLeftOutAndEmptyMetricsAreNull() {
        let some = MetricEstimate(name: "ttft_p90_s", values: [10, .nan, 20])
        #expect(some.count == 2)
        #expect(some.mean == 15)
        let none = MetricEstimate(name: "ttft_p90_s", values: [.nan, .nan])
        #expect(none.mean == nil && none.ci95 == nil)
        #expect(none.json.rendered() == "{\"mean\": null, \"ci95\": null}\n")
        let paired = MetricDifference(baseline: some, candidate: MetricEstimate(name: "ttft_p90_s", values: [12, 5, .nan]))
        #expect(paired.pairs == 1)
        #expect(paired.diff == 2)
        #expect(!paired.significant)
    }

    @Test func routesNeverHitAreFlagged() throws {
        let summary = try ReportWorlds.summary(replications: 2)
        let routes = summary.ruleSets[0].routes
        #expect(routes.first { $0.name == "atlantis" }?.neverHit == true)
        #expect(routes.first { $0.name == "emea" }?.neverHit == false)
        #expect(MarkdownReport.render(summary).contains("| atlantis | territory | emea | 0 | 0% | never hit |"))
    }

    @Test func hourOfWeekFoldsInTheScenarioZone() {
        let folding = HourOfWeek(timeZone: "America/New_York")
        // 2026-01-05T14:30Z is Monday 09:30 in New York (UTC−5).
        #expect(folding.index(of: ReportWorlds.start + 14.5 * 3600) == 9)
        // 2026-01-05T02:00Z is Sunday 21:00 in New York.
        #expect(folding.index(of: ReportWorlds.start + 2 * 3600) == 6 * 24 + 21)
        // 2026-07-06T13:30Z is Monday 09:30 in New York (UTC−4, daylight time).
        #expect(folding.index(of: 1_783_344_600) == 9)
        #expect(HourOfWeek.label(9) == "Mon 09:00")
        #expect(HourOfWeek.rangeLabel(9, 12) == "Mon 09:00–12:00")
        #expect(HourOfWeek.rangeLabel(4 * 24 + 18, 5 * 24) == "Fri 18:00–24:00")
        #expect(HourOfWeek.rangeLabel(160, 170) == "Sun 16:00–Mon 02:00")
        #expect(HourOfWeek.rangeLabel(4 * 24 + 18, 7 * 24 + 9) == "Fri 18:00–Mon 09:00")
        #expect(HourOfWeek.rangeLabel(18, 24) == "Mon 18:00–24:00")
    }

    @Test func timeSeriesHasOneRowPerHourAndRuleSet() throws {
        let summary = try ReportWorlds.summary(replications: 2)
        let lines = summary.timeseriesCSV.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 2 * 7 * 24)
        #expect(lines[1].hasPrefix("territory,0,2026-01-06T00:00:00Z,Mon 19:00,"))
    }
}
