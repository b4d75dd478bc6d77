import Foundation
import History
import LeadsimStudy
import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import Testing

/// `leadsim backtest` (SPEC §8): a world is consistent with its own histories, wrong worlds are
/// told where they are wrong, the observed figures are the history's own, bad input is an error.
@Suite struct BacktestStudyTests {
    /// Histories drawn by the world itself, backtested against it over 20 seeds.
    ///
    /// The observed figures and the replications' are exchangeable, so an observed value falls
    /// outside the band of 100 replications ([min, max] here: type-6 quantiles at 0.5% and 99.5%)
    /// with probability 2/101 ≈ 2% per metric. Over 20 histories × 18 overall and per-team metrics,
    /// the band alone may then miss at most 2% + 3 binomial standard deviations (≤ 15 of 360).
    /// Measured (seeds 1–20, backtest seeds 1001–1020): the band alone missed 4 of 360 metrics
    /// (1.1%), and with the 10% tolerance 0 of 20 studies were judged inconsistent.
    @Test func aWorldsOwnHistoriesAreConsistentWithIt() throws {
        let w = try BacktestWorlds.workspace()
        defer { w.remove() }
        var falseAlarms = 0, outsideBand = 0, assessed = 0
        for seed in UInt64(1)...20 {
            try BacktestWorlds.history(in: w, seed: seed, name: "h\(seed).csv")
            let outcome = try BacktestWorlds.backtest(in: w, history: "h\(seed).csv", seed: 1000 + seed)
            if !outcome.isConsistent { falseAlarms += 1 }
            for group in [outcome.summary.overall] + outcome.summary.teams {
                for row in group.rows where row.judgement != .notAssessed {
                    assessed += 1
                    if let o = row.observed, let low = row.low, let high = row.high, o < low || o > high { outsideBand += 1 }
                }
            }
        }
        #expect(assessed == 20 * 18)
        let p = 2.0 / 101, n = Double(assessed)
        #expect(Double(outsideBand) <= n * p + 3 * (n * p * (1 - p)).squareRoot(), "\(outsideBand) of \(assessed) outside the band")
        // A study is 18 correlated metrics; with the tolerance, one false alarm in 20 studies is tolerated (5%).
        #expect(falseAlarms <= 1, "\(falseAlarms) of 20 own histories judged inconsistent")
    }

    @Test func slowerRepsAreRejectedNamingTheMetricAndTheTeams() throws {
        let w = try BacktestWorlds.workspace()
        defer { w.remove() }
        try w.write(BacktestWorlds.scenario(touchDelay: "25m"), "slow.yaml")
        try BacktestWorlds.history(in: w, seed: 3, name: "h.csv")
        let outcome = try BacktestWorlds.backtest(in: w, scenario: "slow.yaml", history: "h.csv")
        #expect(!outcome.isConsistent)
        let named = Set(outcome.summary.inconsistencies.map { "\($0.group) \($0.row.metric)" })
        #expect(named.contains("overall ttft_p50_s") && named.contains("na ttft_p50_s") && named.contains("emea ttft_p50_s"), "\(named)")
        let line = try #require(outcome.verdict.first { $0.hasPrefix("overall ttft_p50_s") })
        #expect(line.contains("NOT consistent") && line.contains("from the mean") && line.contains("below the 99% range"), "\(line)")
    }

    @Test func aTeamTwoRepsShortIsRejectedNamingTheTeam() throws {
        let w = try BacktestWorlds.workspace()
        defer { w.remove() }
        try w.write(BacktestWorlds.scenario(emeaReps: 2), "short.yaml")
        try BacktestWorlds.history(in: w, seed: 4, name: "h.csv")
        let outcome = try BacktestWorlds.backtest(in: w, scenario: "short.yaml", history: "h.csv")
        #expect(!outcome.isConsistent)
        let emea = outcome.summary.inconsistencies.filter { $0.group == "emea" }.map(\.row.metric)
        #expect(emea.contains("assignments_per_rep"), "\(outcome.verdict)")
        #expect(!outcome.summary.inconsistencies.contains { $0.group == "na" }, "NA is staffed right: \(outcome.verdict)")
        #expect(outcome.warnings.contains { $0.contains("'emea-3'") && $0.contains("not reps of the scenario") })
    }

    /// The kernel's tally of a replication equals the history reader's tally of that replication's
    /// own leads written as a history: the two sides are counted the same way.
    @Test func theSimulatedSideIsTheObservedDefinitionOfTheSameLeads() throws {
        let w = try BacktestWorlds.workspace()
        defer { w.remove() }
        try BacktestWorlds.history(in: w, seed: 8, name: "h.csv")
        let inputs = try StudyInputs.load(scenario: w.path("world.yaml"), rules: [w.path("rules.yaml")])
        let history = try BacktestStudy.loadHistory(path: w.path("h.csv"), map: nil, asOf: nil, timeZone: inputs.scenario.timeZone).history
        let world = BacktestWorld(history: history, scenario: inputs.scenario, ruleSet: inputs.ruleSets[0])
        var scenario = world.replayScenario()
        scenario.replications = 1
        let plan = try SimulationPlan(scenario: scenario, ruleSets: inputs.ruleSets)
        var options = ExperimentOptions(jobs: 1, trace: true)
        options.backtest = world.definition
        let run = Experiment.run(plan, options: options)
        let simulated = try #require(run.runs[0][0].backtest)
        let text = HistoryExport.csv(rows: run.trace, fieldNames: plan.schema.fieldNames, scenario: plan.scenario, asOf: history.asOf)
        let again = try HistoryFile.read(text: text, file: "again.csv", timeZone: scenario.timeZone, asOf: history.asOf)
        let observed = BacktestWorld(history: again, scenario: inputs.scenario, ruleSet: inputs.ruleSets[0]).observed()
        #expect(observed.repAssignments == simulated.repAssignments)
        for (a, b) in zip([observed.overall] + observed.teams + observed.weeks, [simulated.overall] + simulated.teams + simulated.weeks) {
            #expect((a.leads, a.assigned, a.touched, a.activeReps) == (b.leads, b.assigned, b.touched, b.activeReps))
            for metric in BacktestMetric.allCases {
                // The history reader drops fractional seconds: TTFTs agree within a second, the rest exactly.
                let slack = metric == .ttftP50 || metric == .ttftP90 ? 1.0 : 0
                #expect(abs((a.value(metric) ?? -1) - (b.value(metric) ?? -1)) <= slack, "\(metric)")
            }
        }
    }

    /// Six leads worked out by hand (NA reps, wall-clock SLA 1h, unowned after 1h, as of 12:00 UTC).
    @Test func observedFiguresAreTheHistorysOwn() throws {
        let w = try Workspace()
        defer { w.remove() }
        let csv = """
            created_at,source,owner,team,assigned_at,first_touch_at,region
            2026-01-05T09:00Z,inbound,na-1,na,2026-01-05T09:00Z,2026-01-05T09:10Z,NA
            2026-01-05T09:00Z,inbound,na-1,na,2026-01-05T09:30Z,2026-01-05T10:30Z,NA
            2026-01-05T09:00Z,inbound,na-2,na,2026-01-05T10:30Z,2026-01-05T11:00Z,NA
            2026-01-05T09:00Z,inbound,na-2,na,2026-01-05T09:05Z,,NA
            2026-01-05T09:00Z,inbound,,na,,,NA
            2026-01-05T11:30Z,inbound,na-1,na,2026-01-05T11:31Z,,NA

            """
        try w.write(csv, "tiny.csv")
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        let history = try BacktestStudy.loadHistory(path: w.path("tiny.csv"), map: nil, asOf: "2026-01-05T12:00Z",
                                                    timeZone: inputs.scenario.timeZone).history
        let world = BacktestWorld(history: history, scenario: inputs.scenario, ruleSet: inputs.ruleSets[0])
        let o = world.observed().overall
        // TTFTs of the touched: 10m, 90m, 120m → median 90m; p90 at position 1.8: 90 + 0.8 × 30 = 114m.
        #expect(o.leads == 6 && o.touched == 3 && o.assigned == 5 && o.activeReps == 2)
        #expect(o.ttftP50 == 90 * 60 && abs(o.ttftP90! - 114 * 60) < 1e-9)
        #expect(o.touchedRate == 0.5)
        // SLA (1h wall): the five 09:00 leads are decided (deadline 10:00 ≤ 12:00); only the first
        // met it. The 11:30 lead's deadline is after the export: not decided.
        #expect(o.slaMetRate == 1.0 / 5)
        // Unowned after 1h: the 10:30 assignment and the never-owned lead, of the five decided.
        #expect(o.unownedRate == 2.0 / 5)
        #expect(o.assignmentsPerRep == 5.0 / 2)
        #expect(world.observed().repAssignments.prefix(2) == [3, 2])
        // The never-owned lead counts for no team, though its row names one.
        #expect(world.observed().teams[0].leads == 5)

        let outcome = try BacktestStudy(inputs: inputs, options: BacktestOptions(history: w.path("tiny.csv"), asOf: "2026-01-05T12:00Z",
                                                                                 replications: 5, out: w.path("out"))).run()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(w.read("out/backtest.json").utf8)) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        func value(_ metric: String, _ key: String) -> Double? { (overall[metric] as? [String: Any])?[key] as? Double }
        #expect(overall["leads"] as? Int == 6)
        #expect(value("ttft_p50_s", "observed") == 5400)
        #expect(value("sla_met_rate", "observed") == 0.2)
        #expect(value("unowned_rate", "observed") == 0.4)
        // The simulated NA reps start at 09:00 New York (14:00 UTC), after the export: nothing touched.
        #expect(value("touched_rate", "simulated_mean") == 0)
        #expect(json["verdict"] as? String == "inconsistent")
        #expect(outcome.written == ["backtest.md", "backtest.html", "backtest.json"])
        let html = try w.read("out/backtest.html")
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    }

    /// Without an `assigned_at` column every owner would seem to own its lead at creation: the
    /// unowned rate is not assessed (nor the touch metrics without `first_touch_at`), and a warning says so.
    @Test func whatTheHistoryDoesNotRecordIsNotAssessed() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("Created,owner\n2026-01-05T09:00Z,na-1\n2026-01-05T10:00Z,na-2\n", "bare.csv")
        try w.write("columns: {created_at: Created}\n", "map.yaml")
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        let file = try BacktestStudy.loadHistory(path: w.path("bare.csv"), map: w.path("map.yaml"), asOf: "2026-01-05T12:00Z",
                                                 timeZone: inputs.scenario.timeZone)
        #expect(file.recorded == [.createdAt, .owner])
        let world = BacktestWorld(history: file.history, scenario: inputs.scenario, ruleSet: inputs.ruleSets[0], recorded: file.recorded)
        let o = world.observed().overall
        #expect(o.unownedRate == nil && o.touchedRate == nil && o.ttftP50 == nil && o.slaMetRate == nil)
        #expect(o.assignmentsPerRep == 1)
        #expect(world.warnings.contains { $0.contains("no assigned_at column: unowned_rate not assessed") })
    }

    @Test func aHistoryWithoutCreatedAtOrWithABadRowIsAClearError() throws {
        let w = try Workspace()
        defer { w.remove() }
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        try w.write("created,owner\n2026-01-05T09:00Z,na-1\n", "nocreated.csv")
        let missing = #expect(throws: StudyError.self) {
            try BacktestStudy(inputs: inputs, options: BacktestOptions(history: w.path("nocreated.csv"), out: w.path("o"))).run()
        }
        #expect(missing?.kind == .invalidInput)
        #expect(missing?.message.contains("has no column 'created_at'") == true, "\(missing?.message ?? "")")
        #expect(missing?.message.contains("did you mean 'created'") == true, "\(missing?.message ?? "")")

        try w.write("created_at,owner,first_touch_at\n2026-01-05T09:00Z,na-1,2026-01-05T09:10Z\n2026-01-05T25:00Z,na-2,\n", "badrow.csv")
        let bad = #expect(throws: StudyError.self) {
            try BacktestStudy(inputs: inputs, options: BacktestOptions(history: w.path("badrow.csv"), out: w.path("o"))).run()
        }
        #expect(bad?.kind == .invalidInput)
        #expect(bad?.message.contains("badrow.csv:3") == true && bad?.message.contains("row 2") == true, "\(bad?.message ?? "")")

        let asOf = #expect(throws: StudyError.self) {
            try BacktestStudy(inputs: inputs, options: BacktestOptions(history: w.path("badrow.csv"), asOf: "yesterday", out: w.path("o"))).run()
        }
        #expect(asOf?.message.contains("--as-of") == true)
        #expect(!FileManager.default.fileExists(atPath: w.path("o")), "nothing is written for bad input")
    }
}
