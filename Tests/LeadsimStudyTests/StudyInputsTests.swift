import Foundation
import LeadsimStudy
import ScenarioFile
import StudyFixtures
import Testing

/// The one loader: the same checks for every command, errors typed, warnings returned.
@Suite struct StudyInputsTests {
    @Test func loadAppliesOverrides() throws {
        let w = try Workspace()
        defer { w.remove() }
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")],
                                          overrides: StudyOverrides(replications: 5, seed: 42))
        #expect(inputs.scenario.replications == 5 && inputs.scenario.seed == 42)
        #expect(inputs.ruleSets.map(\.name) == ["baseline"])
        let plain = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        #expect(plain.scenario.replications == 2 && plain.scenario.seed == 9)
    }

    @Test func duplicateRuleSetNamesAreAnErrorForEveryCommand() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write(StudyFixtures.baseline, "copy.yaml")
        let rules = [w.path("baseline.yaml"), w.path("copy.yaml")]
        #expect(!InputCheck(scenario: w.path("scenario.yaml"), rules: rules).isValid)
        do {
            _ = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: rules)
            Issue.record("loaded two rule sets named baseline")
        } catch {
            #expect(error.kind == .invalidInput)
            #expect(error.message.contains("copy.yaml: error: rule set name 'baseline' is used by another rule set"))
        }
        let validate = ValidateStudy(scenario: w.path("scenario.yaml"), rules: rules)
        #expect(throws: StudyError.self) { try validate.report() }
        #expect(validate.check.failure().diagnostics.contains { $0.message.contains("used by another rule set") })
    }

    @Test func invalidFilesCarryTheirDiagnostics() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write(StudyFixtures.baseline.replacingOccurrences(of: "strategy: round-robin}", with: "strategy: round-robbin}"),
                    "broken.yaml")
        do {
            _ = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("broken.yaml"), w.path("nowhere.yaml")])
            Issue.record("loaded a broken rule set")
        } catch {
            #expect(error.kind == .invalidInput)
            #expect(error.diagnostics.contains { $0.keyPath == "queues.na.strategy" && $0.suggestion == "round-robin" })
            #expect(error.message.contains("nowhere.yaml"))
        }
        let report = try DiagnosticReport(files: ["x"], diagnostics: InputCheck(scenario: w.path("scenario.yaml"),
                                                                                rules: [w.path("broken.yaml")]).failure().diagnostics).json()
        #expect(report.contains("\"valid\" : false"))
    }

    @Test func validateSummarisesValidInputs() throws {
        let w = try Workspace()
        defer { w.remove() }
        let report = try ValidateStudy(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml"), w.path("pooled.yaml")])
            .report()
        #expect(report.hasPrefix("scenario cli-world: America/New_York, 1d warm-up + 3d horizon, 2 replications, seed 9"))
        #expect(report.contains("rule set pooled: 1 routes, 1 queues (0 automated), no fallback"))
        #expect(report.hasSuffix("valid"))
    }
}
