import FuzzSupport
import RuleLint
import ScenarioFile

/// Rule-set files: the loader, then lint alone and against a fixed scenario (condition
/// analysis, coverage).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let yaml = fuzzText(bytes, count), let rules = try? RuleSetLoader.load(yaml: yaml, file: "rules.yaml") else { return 0 }
    _ = RuleLinter.lint(rules, options: .init(simulatedDays: 0))
    _ = RuleLinter.lint(rules, scenario: FuzzWorld.loadedScenario, options: .init(simulatedDays: 0))
    return 0
}
