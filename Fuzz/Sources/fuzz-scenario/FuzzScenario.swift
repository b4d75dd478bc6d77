import Fit
import FuzzSupport
import RuleLint
import ScenarioFile

/// Scenario files: the reader of a fitted scenario's evidence comments (run on every scenario a
/// study reads), the loader, then the cross-check and lint of a fixed rule set against whatever
/// scenario loaded.
@main enum FuzzScenario {
    static func main() {
        let rules = try? RuleSetLoader.load(yaml: FuzzWorld.rules, file: "rules.yaml")
        runFuzzer { yaml in
            _ = FitProvenanceReader.read(yaml)
            guard let scenario = try? ScenarioLoader.load(yaml: yaml, file: "scenario.yaml"), let rules else { return }
            _ = RuleLinter.lint(rules, scenario: scenario, options: .init(simulatedDays: 0))
        }
    }
}
