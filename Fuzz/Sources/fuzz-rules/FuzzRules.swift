import FuzzSupport
import RuleLint
import ScenarioFile

/// Rule-set files: the loader, then lint alone and against a fixed scenario (condition
/// analysis, coverage).
@main enum FuzzRules {
    static func main() {
        let scenario = FuzzWorld.loadedScenario
        runFuzzer { yaml in
            guard let rules = try? RuleSetLoader.load(yaml: yaml, file: "rules.yaml") else { return }
            _ = RuleLinter.lint(rules, options: .init(simulatedDays: 0))
            _ = RuleLinter.lint(rules, scenario: scenario, options: .init(simulatedDays: 0))
        }
    }
}
