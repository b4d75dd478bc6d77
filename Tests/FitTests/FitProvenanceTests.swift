import Fit
import Foundation
import LeadsimStudy
import SimulationModel
import Testing

/// The evidence a fitted `scenario.yaml` carries in its comments, read back for the reports of
/// studies run on it.
@Suite struct FitProvenanceTests {
    /// Every fitted value of a fit of the test world comes back with its value and evidence.
    @Test func everyFittedValueOfAFitIsReadBack() throws {
        let world = try FitRecoveryTests.world.get()
        let fit = Fitter.fit(try world.history(zone: "America/New_York"), timeZone: "America/New_York")
        let text = FittedScenarioText.render(fit, name: "fitted", replications: 2, seed: 1)
        let provenance = try #require(FitProvenanceReader.read(text))
        #expect(provenance.history.hasPrefix("history.csv: "))
        #expect(provenance.notes == fit.assumptions)
        func value(_ owner: String, _ key: String) -> FittedValue? {
            provenance.values.first { $0.owner == owner && $0.key == key }
        }
        for rep in fit.reps {
            for key in ["name", "schedule", "capacity", "touch_delay", "handle_time"] {
                let v = value("rep \(rep.rep.name)", key)
                #expect(v != nil && v?.evidence.isEmpty == false, "rep \(rep.rep.name) \(key)")
                #expect(key == "name" || v?.value.isEmpty == false, "rep \(rep.rep.name) \(key) has no value")
            }
            #expect(value("rep \(rep.rep.name)", "touch_delay")?.evidence.contains("by AIC") == true)
        }
        for source in fit.sources {
            let volume = try #require(value("source \(source.name)", "volume"))
            #expect(volume.value.hasSuffix("/week") && volume.evidence.contains("a week (95% CI"))
            #expect(value("source \(source.name)", "pattern")?.evidence.contains("G²") == true)
            #expect(value("source \(source.name)", "dispersion") != nil)
            for field in source.fields { #expect(value("source \(source.name)", "fields.\(field.name)") != nil, "\(field.name)") }
        }
        // The layout notes of a pattern are not evidence.
        #expect(!provenance.values.contains { $0.key.hasPrefix("pattern.") || $0.evidence.contains("Mon first") })
    }

    /// Each placement the writer uses: a labelled comment finds its key, an unlabelled one goes to
    /// the next key, a trailing one to its line; copied sections and a `#` in a quoted value are not comments.
    @Test func commentsGoToTheKeysTheyDescribe() throws {
        let text = """
            # Fitted by `leadsim fit` from h.csv: 10 leads, 2026-01-05 to 2026-01-09 (as of 2026-01-09T17:00).
            # Every fitted value is commented with its evidence; fit.md has the charts and tables behind them.
            # What the history could not tell:
            #   - No closed_at column: handle time is 0s.
            name: x
            horizon: 5d   # the history's span
            metrics:
              unowned_after: 1h   # the base author's note
            sources:
              - name: web
                # 10 leads: too few for a weekly shape (flat)
                volume: 14/week
                pattern: flat
                # dispersion: none (daily counts not over-dispersed at 5%)
                fields:
                  tier: {A: 6, "B #2": 4}   # counts of 10 leads
            reps:
              - name: "ann"   # 10 leads in the history
                team: t
                # touch delay: n 10 (0 censored), on its shift clock; exponential by AIC
                schedule: "weekdays 09:00-17:00"
                touch_delay: {exponential: {mean: 5m}}
            """
        let p = try #require(FitProvenanceReader.read(text))
        #expect(p.history == "h.csv: 10 leads, 2026-01-05 to 2026-01-09 (as of 2026-01-09T17:00)")
        #expect(p.notes == ["No closed_at column: handle time is 0s."])
        let rows = p.values.map { [$0.owner, $0.key, $0.value, $0.evidence] }
        #expect(rows == [
            ["scenario", "horizon", "5d", "the history's span"],
            ["source web", "volume", "14/week", "10 leads: too few for a weekly shape (flat)"],
            ["source web", "dispersion", "", "none (daily counts not over-dispersed at 5%)"],
            ["source web", "fields.tier", "{A: 6, \"B #2\": 4}", "counts of 10 leads"],
            ["rep ann", "name", "ann", "10 leads in the history"],
            ["rep ann", "touch_delay", "{exponential: {mean: 5m}}", "n 10 (0 censored), on its shift clock; exponential by AIC"],
        ])
    }

    @Test func aScenarioNotWrittenByFitHasNoProvenance() {
        #expect(FitProvenanceReader.read("# my world\nname: x\n") == nil)
        #expect(FitProvenanceReader.read("") == nil)
    }

    /// fit, then compare on the fitted scenario: the report says it was fitted and lists the evidence.
    @Test func aStudyOnAFittedScenarioReportsWhereItsValuesCameFrom() throws {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("leadsim-provenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
        try FitRecoveryTests.world.get().csv.write(toFile: path("history.csv"), atomically: true, encoding: .utf8)
        try worldRules.write(toFile: path("rules.yaml"), atomically: true, encoding: .utf8)
        _ = try FitStudy(.init(history: path("history.csv"), timeZone: "America/New_York", directory: path("fit"))).run()
        var inputs = try StudyInputs.load(scenario: path("fit/scenario.yaml"), rules: [path("rules.yaml")])
        inputs.scenario.replications = 2
        inputs.scenario.horizon = 7 * 86_400
        _ = try RunStudy(inputs: inputs, options: RunOptions(out: path("report"))).run()
        let markdown = try String(contentsOfFile: path("report/report.md"), encoding: .utf8)
        #expect(markdown.contains("- The scenario was fitted by `leadsim fit` from history.csv: "))
        #expect(markdown.contains("- From the fit: Patience (leads going cold)"))
        #expect(markdown.contains("## Fitted values"))
        #expect(markdown.contains("| rep emea-1 | touch delay | `{"))
        let html = try String(contentsOfFile: path("report/report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Fitted values</h2>"))
    }
}
