import SimulationModel

// Loading for `leadsim route`. The YAML loader (module ScenarioFile) is written on another
// branch; at merge, replace both bodies with:
//
//     import ScenarioFile
//     func loadRuleSet(path: String) throws -> RuleSet { try RuleSetLoader.load(path: path).ruleSet }
//     func loadScenario(path: String) throws -> Scenario { try ScenarioLoader.load(path: path).scenario }

/// The validated rule set in the YAML file at `path`.
func loadRuleSet(path: String) throws -> RuleSet {
    throw RouteInputError.loaderUnavailable(path)
}

/// The validated scenario in the YAML file at `path`.
func loadScenario(path: String) throws -> Scenario {
    throw RouteInputError.loaderUnavailable(path)
}
