import Reports
import Testing

/// The plain-language verdict on synthetic results.
@Suite struct VerdictTests {
    static func metric(_ name: String, _ values: [Double]) -> MetricEstimate {
        MetricEstimate(name: name, values: values)
    }

    static func comparison(_ pairs: [(String, [Double], [Double])]) -> Comparison {
        let baseline = RuleSetSummary(name: "baseline", metrics: pairs.map { metric($0.0, $0.1) })
        let candidate = RuleSetSummary(name: "territory-v2", metrics: pairs.map { metric($0.0, $0.2) })
        return Comparison(baseline: baseline, candidate: candidate)
    }

    @Test func cutsWithCIAndNotSignificant() {
        let c = Self.comparison([
            ("ttft_p90_s", [11_400, 11_520, 11_640, 11_520], [2_880, 2_940, 2_820, 2_880]),
            ("unowned_rate", [0.008, 0.006, 0.010, 0.008], [0.011, 0.004, 0.012, 0.017]),
        ])
        #expect(Verdict.line(c) == "territory-v2 cuts p90 first touch from 3h 12m to 48m (−2h 24m, 95% CI −2h 27m … −2h 21m);"
                + " unowned leads 0.8% → 1.1%, not significant")
    }

    @Test func raisesAndBetterOrWorse() {
        let c = Self.comparison([
            ("ttft_p90_s", [3600, 3660, 3540, 3600], [7200, 7320, 7080, 7200]),
            ("sla_met_rate", [0.9, 0.91, 0.89, 0.9], [0.8, 0.81, 0.79, 0.8]),
            ("load_gini", [0.3, 0.31, 0.29, 0.3], [0.1, 0.11, 0.09, 0.1]),
            ("cold_rate", [0, 0, 0, 0], [0, 0, 0, 0]),
        ])
        #expect(Verdict.line(c) == "territory-v2 raises p90 first touch from 1h to 2h (+1h, 95% CI +59m … +1h 1m);"
                + " SLA met 90.0% → 80.0% (−10.0 pts), worse; load Gini 0.300 → 0.100 (−0.200), better")
    }

    @Test func unchangedHeadline() {
        let c = Self.comparison([("ttft_p90_s", [3600, 3700, 3500], [3650, 3600, 3560])])
        #expect(Verdict.line(c) == "territory-v2 leaves p90 first touch about the same (1h 0m → 1h 0m, not significant)"
                    .replacingOccurrences(of: "1h 0m", with: "1h"))
    }

    @Test func significantOnlyClausesAppearWhenSignificant() {
        let quiet = Self.comparison([("ttft_p90_s", [60, 60], [60, 60]), ("cold_rate", [0.01, 0.02], [0.02, 0.01])])
        #expect(!Verdict.line(quiet).contains("gone cold"))
        let loud = Self.comparison([("ttft_p90_s", [60, 60, 60], [60, 60, 60]),
                                    ("cold_rate", [0.01, 0.011, 0.012], [0.05, 0.051, 0.052])])
        #expect(Verdict.line(loud).hasSuffix("; gone cold 1.1% → 5.1% (+4.0 pts), worse"))
    }

    @Test func noTouchedLeads() {
        let c = Self.comparison([("ttft_p90_s", [.nan, .nan], [.nan, .nan])])
        #expect(Verdict.line(c) == "territory-v2 has no p90 first touch to compare (no lead touched)")
    }
}
