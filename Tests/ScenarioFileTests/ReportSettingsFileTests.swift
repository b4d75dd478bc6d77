import ScenarioFile
import SimulationModel
import Testing

/// `report: {headline: [...]}`: metric names the reports know, in order; a misspelt one is an
/// error at its line with the closest name.
@Suite struct ReportSettingsFileTests {
    @Test func headlineLoadsInOrder() throws {
        let yaml = minimalScenario + "\nreport: {headline: [ttft_business_p90_s, unowned_rate]}"
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "s.yaml")
        #expect(loaded.scenario.report.headline == ["ttft_business_p90_s", "unowned_rate"])
    }

    @Test func noReportKeyLeavesTheDefault() throws {
        #expect(try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml").scenario.report.headline == nil)
    }

    @Test func misspeltMetricIsAnErrorWithASuggestion() {
        let yaml = minimalScenario + "\nreport:\n  headline: [unowned_rate, ttft_busines_p90_s]"
        let errors = scenarioErrors(yaml)
        let hit = errors.first { $0.keyPath == "report.headline[1]" }
        #expect(hit != nil, "\(errors.map(\.description))")
        #expect(hit?.suggestion == "ttft_business_p90_s")
        #expect(hit?.line == yaml.split(separator: "\n", omittingEmptySubsequences: false).count)
    }
}
