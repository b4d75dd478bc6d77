import FuzzSupport
import RuleLint
import ScenarioFile

/// Scenario files: the loader, then the cross-check and lint of a fixed rule set against
/// whatever scenario loaded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let yaml = fuzzText(bytes, count) else { return 0 }
    guard let scenario = try? ScenarioLoader.load(yaml: yaml, file: "scenario.yaml"),
          let rules = try? RuleSetLoader.load(yaml: FuzzWorld.rules, file: "rules.yaml") else { return 0 }
    _ = RuleLinter.lint(rules, scenario: scenario, options: .init(simulatedDays: 0))
    return 0
}
