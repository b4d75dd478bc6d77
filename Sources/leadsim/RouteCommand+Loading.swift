import ScenarioFile
import SimulationModel

/// The validated rule set in the YAML file at `path`.
func loadRuleSet(path: String) throws -> RuleSet { try RuleSetLoader.load(path: path).ruleSet }

/// The validated scenario in the YAML file at `path`.
func loadScenario(path: String) throws -> Scenario { try ScenarioLoader.load(path: path).scenario }
