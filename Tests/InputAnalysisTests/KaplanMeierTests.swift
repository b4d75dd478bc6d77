import InputAnalysis
import Testing

@Suite("Kaplan–Meier")
struct KaplanMeierTests {
    @Test func sixMPArmMatchesTheTextbookTable() {
        // Ŝ and Greenwood standard errors of the 6-MP arm (Kalbfleisch & Prentice Table 1.1 data;
        // the table of every survival text, e.g. Klein & Moeschberger Example 4.1).
        let km = KaplanMeier(DurationSample(observed: sixMPRelapses, censored: sixMPCensored))
        let expected: [(time: Double, atRisk: Int, events: Int, survival: Double, se: Double)] = [
            (6, 21, 3, 0.8571, 0.0764), (7, 17, 1, 0.8067, 0.0869), (10, 15, 1, 0.7529, 0.0963),
            (13, 12, 1, 0.6902, 0.1068), (16, 11, 1, 0.6275, 0.1141), (22, 7, 1, 0.5378, 0.1282),
            (23, 6, 1, 0.4482, 0.1346),
        ]
        #expect(km.steps.count == expected.count)
        for (step, row) in zip(km.steps, expected) {
            #expect(step.time == row.time && step.atRisk == row.atRisk && step.events == row.events)
            #expect(abs(step.survival - row.survival) < 5e-5)
            #expect(abs(step.standardError - row.se) < 5e-5)
        }
        #expect(km.estimate(at: 5.9).survival == 1)
        #expect(km.estimate(at: 21).survival == km.steps[4].survival)
        #expect(km.estimate(at: 40).survival == km.steps[6].survival)
    }

    @Test func controlArmBandsMatchStata() {
        // Placebo arm (no censoring); Stata's `sts list` (log-log Greenwood bands) as printed by
        // G. Rodríguez, data.princeton.edu/eco572/KaplanMeier.html: t = 1: 0.9048 (0.0641)
        // [0.6700, 0.9753]; t = 2: 0.8095 (0.0857) [0.5689, 0.9239].
        let control: [Double] = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]
        let km = KaplanMeier(DurationSample(observed: control))
        let first = km.steps[0], second = km.steps[1]
        #expect(abs(first.survival - 0.9048) < 5e-5 && abs(first.standardError - 0.0641) < 5e-5)
        #expect(abs(first.lower - 0.6700) < 5e-5 && abs(first.upper - 0.9753) < 5e-5)
        #expect(abs(second.survival - 0.8095) < 5e-5 && abs(second.standardError - 0.0857) < 5e-5)
        #expect(abs(second.lower - 0.5689) < 5e-5 && abs(second.upper - 0.9239) < 5e-5)
        // No censoring: Ŝ is the empirical survival function, and it ends at 0.
        #expect(abs(km.estimate(at: 10).survival - 8.0 / 21) < 1e-12)
        #expect(km.steps.last!.survival == 0 && km.steps.last!.lower == 0)
    }
}
