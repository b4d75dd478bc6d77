import Reports
import SimulationModel
import Testing

/// The recommendation paragraph on synthetic comparisons whose answer is known by construction.
@Suite struct RecommendationTests {
    /// A summary of `baseline` against candidates, each metric given per replication.
    static func summary(_ candidates: [(String, [(String, [Double], [Double])])], leads: Double = 3_000,
                        replications: Int = 10, sla: SLA? = nil, headline: [String]? = nil) -> Summary {
        let names = candidates.first?.1.map(\.0) ?? []
        let baseline = RuleSetSummary(name: "baseline", sla: sla, metrics: names.map { name in
            MetricEstimate(name: name, values: candidates[0].1.first { $0.0 == name }!.1)
        })
        let others = candidates.map { candidate in
            RuleSetSummary(name: candidate.0, sla: sla, metrics: candidate.1.map { MetricEstimate(name: $0.0, values: $0.2) })
        }
        return Summary(scenario: "known", leadsimVersion: "test", replications: replications, seed: 1, start: 0,
                       countedStart: 0, horizon: 7 * 86_400, warmup: 0, timeZone: "UTC", leadsPerReplication: leads,
                       unownedAfter: 3600, conversion: nil, ruleSets: [baseline] + others,
                       comparisons: others.map { Comparison(baseline: baseline, candidate: $0) },
                       hourOfWeekOccurrences: Array(repeating: 1, count: 168), headline: headline)
    }

    /// Faster by 30 minutes in every replication, load Gini 0.10 higher in every replication.
    static let fastButUneven: (String, [(String, [Double], [Double])]) = ("pooled", [
        ("ttft_p90_s", [7_200, 7_260, 7_140, 7_200], [5_400, 5_460, 5_340, 5_400]),
        ("sla_met_rate", [0.80, 0.81, 0.79, 0.80], [0.80, 0.79, 0.81, 0.80]),
        ("load_gini", [0.10, 0.11, 0.09, 0.10], [0.20, 0.21, 0.19, 0.20]),
    ])

    @Test func saysBothTheSpeedGainAndTheBalanceCost() throws {
        let text = try #require(Recommendation.paragraph(for: Self.summary([Self.fastButUneven])))
        #expect(text.contains("pooled wins on p90 first touch (2h → 1h 30m, −30m)"))
        #expect(text.contains("it costs load Gini (0.100 → 0.200, +0.100)"))
        #expect(text.contains("SLA met is not significant"))
        #expect(text.contains("On these numbers adopt pooled, if load Gini is a price worth its gain on p90 first touch."))
        #expect(!text.contains("Caveat"))
    }

    @Test func prefersTheCandidateWithoutHeadlineLosses() throws {
        let even: (String, [(String, [Double], [Double])]) = ("even", [
            ("ttft_p90_s", [7_200, 7_260, 7_140, 7_200], [6_600, 6_660, 6_540, 6_600]),
            ("sla_met_rate", [0.80, 0.81, 0.79, 0.80], [0.80, 0.79, 0.81, 0.80]),
            ("load_gini", [0.10, 0.11, 0.09, 0.10], [0.10, 0.10, 0.10, 0.10]),
        ])
        let text = try #require(Recommendation.paragraph(for: Self.summary([Self.fastButUneven, even])))
        #expect(text.contains("On these numbers adopt even: it wins on p90 first touch at no significant cost."))
    }

    @Test func noWinnerWhenTheLeadMetricIsNotSignificant() throws {
        let noise: (String, [(String, [Double], [Double])]) = ("noise", [
            ("ttft_p90_s", [3_600, 3_700, 3_500], [3_650, 3_600, 3_560]),
        ])
        let text = try #require(Recommendation.paragraph(for: Self.summary([noise], replications: 3)))
        #expect(text.contains("noise wins on nothing significant and costs nothing significant; p90 first touch is not significant."))
        #expect(text.contains("No candidate improves a headline metric on the baseline, baseline, by enough to act on without a headline loss: keep it."))
        #expect(text.contains("Caveat: with only 3 replications"))
    }

    /// Not faster, but better on SLA met and no worse elsewhere: adopted for that, saying the lead metric did not move.
    @Test func adoptsOnOtherHeadlineGainsWhenTheLeadMetricIsFlat() throws {
        let sla: (String, [(String, [Double], [Double])]) = ("catch-up", [
            ("ttft_p90_s", [3_600, 3_700, 3_500, 3_600], [3_650, 3_600, 3_560, 3_620]),
            ("sla_met_rate", [0.80, 0.81, 0.79, 0.80], [0.85, 0.86, 0.84, 0.85]),
            ("load_gini", [0.10, 0.11, 0.09, 0.10], [0.10, 0.11, 0.09, 0.10]),
        ])
        let text = try #require(Recommendation.paragraph(for: Self.summary([sla])))
        #expect(text.contains("No candidate improves p90 first touch by enough to act on. On these numbers adopt catch-up:"
                              + " it wins on SLA met at no significant cost."))
    }

    /// 30 seconds faster on a 2-hour p90 in every replication, SLA met up 0.2 points in every one:
    /// significant, but below the material thresholds (1 minute and 2%, half a point), so neither
    /// is a win and nothing is adopted; a 2-minute gain on a 1-hour p90 is material.
    @Test func significantButSmallChangesAreNoReasonToAdopt() throws {
        let slightly: (String, [(String, [Double], [Double])]) = ("slightly", [
            ("ttft_p90_s", [7_200, 7_260, 7_140, 7_200], [7_170, 7_230, 7_110, 7_170]),
            ("sla_met_rate", [0.800, 0.810, 0.790, 0.800], [0.802, 0.812, 0.792, 0.802]),
        ])
        let s = Self.summary([slightly])
        #expect(s.comparisons[0].metrics[metric: "ttft_p90_s"]?.significant == true)
        let text = try #require(Recommendation.paragraph(for: s))
        #expect(text.contains("slightly wins on nothing significant and costs nothing significant; p90 first touch (−30s)"
                              + " and SLA met (+0.2 pts) change significantly but too little to act on."))
        #expect(text.contains("keep it."))
        #expect(!text.contains("adopt"))

        let material: (String, [(String, [Double], [Double])]) = ("material", [
            ("ttft_p90_s", [3_600, 3_660, 3_540, 3_600], [3_480, 3_540, 3_420, 3_480]),
        ])
        let adopted = try #require(Recommendation.paragraph(for: Self.summary([material])))
        #expect(adopted.contains("On these numbers adopt material: it wins on p90 first touch at no significant cost."))
    }

    @Test func materialThresholdsByKind() {
        #expect(!MetricCatalog.isMaterial("ttft_p90_s", diff: -59, baseline: 600))
        #expect(MetricCatalog.isMaterial("ttft_p90_s", diff: -60, baseline: 600))
        #expect(!MetricCatalog.isMaterial("ttft_p90_s", diff: -300, baseline: 18_000))   // under 2% of 5h
        #expect(MetricCatalog.isMaterial("ttft_p90_s", diff: -360, baseline: 18_000))
        #expect(!MetricCatalog.isMaterial("sla_met_rate", diff: 0.004, baseline: 0.8))
        #expect(MetricCatalog.isMaterial("sla_met_rate", diff: -0.005, baseline: 0.8))
        #expect(MetricCatalog.isMaterial("dropped_rate", diff: -0.002, baseline: 0.004))     // halved
        #expect(!MetricCatalog.isMaterial("dropped_rate", diff: -0.0005, baseline: 0.004))
        #expect(MetricCatalog.isMaterial("sla_met_rate", diff: 0.004, baseline: 0.99))       // misses down 40%
        #expect(!MetricCatalog.isMaterial("load_gini", diff: 0.009, baseline: 0.1))
        #expect(MetricCatalog.isMaterial("load_gini", diff: 0.01, baseline: 0.1))
        #expect(MetricCatalog.isMaterial("sla_breaches", diff: 1, baseline: 0))
        #expect(!MetricCatalog.isMaterial("sla_breaches", diff: 1, baseline: 100))
    }

    @Test func smallSampleCaveat() throws {
        let text = try #require(Recommendation.paragraph(for: Self.summary([Self.fastButUneven], leads: 20)))
        #expect(text.contains("Caveat: with only 20 counted leads per replication, the 95% CIs reflect the simulation's own luck"))
    }

    @Test func loneRuleSetHasNoRecommendation() {
        let s = Summary(scenario: "one", leadsimVersion: "test", replications: 2, seed: 1, start: 0, countedStart: 0,
                        horizon: 86_400, warmup: 0, timeZone: "UTC", leadsPerReplication: 10, unownedAfter: 3600,
                        conversion: nil, ruleSets: [RuleSetSummary(name: "only", metrics: [])], comparisons: [],
                        hourOfWeekOccurrences: [])
        #expect(Recommendation.paragraph(for: s) == nil)
    }

    @Test func headlineFollowsTheSLAClock() {
        let business = SLA(firstTouch: 3600, clock: .business)
        let wall = SLA(firstTouch: 3600, clock: .wall)
        #expect(Self.summary([Self.fastButUneven], sla: business).headline.first == "ttft_business_p90_s")
        #expect(Self.summary([Self.fastButUneven], sla: wall).headline.first == "ttft_p90_s")
        #expect(Self.summary([Self.fastButUneven], sla: business, headline: ["unowned_rate"]).headline == ["unowned_rate"])
    }

    @Test func verdictLeadsWithTheChosenHeadline() {
        let s = Self.summary([Self.fastButUneven], headline: ["load_gini", "ttft_p90_s"])
        #expect(Verdict.lines(for: s) == ["pooled raises load Gini from 0.100 to 0.200 (+0.100, 95% CI +0.100 … +0.100);"
            + " p90 first touch 2h → 1h 30m (−30m), better"])
    }

    @Test func catalogLabelsEveryHeadlineMetricTheScenarioAccepts() {
        #expect(MetricCatalog.names == ReportSettings.metricNames)
    }
}
