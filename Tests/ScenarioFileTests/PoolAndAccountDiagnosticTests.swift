import Foundation
import ScenarioFile
import SimulationModel
import Testing

/// SPEC §7 queues over several teams and accounts with attributes: what loads, and where the
/// errors point (the cases run with the others in DiagnosticTests.swift).
private let accountsScenario = minimalScenario.replacing1("teams:\n", """
    accounts:
      count: 10
      fields:
        segment: {smb: 3, ent: 1}
        employees: {lognormal: {median: 2000, sigma: 1}, integer: true}
      owners: {by: segment, smb: {team: na}, ent: {team: emea}}
    teams:
      - name: emea

    """).replacing1("defaults:", "  - name: emea-1\n    team: emea\ndefaults:")

let accountCases: [DiagnosticCase] = [
    DiagnosticCase(name: "owners.by unknown field", yaml: accountsScenario.replacing1("by: segment", "by: segmnt"),
                   line: 18, at: "segmnt", keyPath: "accounts.owners.by", message: "must name a field of 'accounts.fields'",
                   suggestion: "segment"),
    DiagnosticCase(name: "owners.by unknown team", yaml: accountsScenario.replacing1("ent: {team: emea}", "ent: {team: emae}"),
                   line: 18, at: "emae", keyPath: "accounts.owners.ent.team", message: "unknown team 'emae'", suggestion: "emea"),
    DiagnosticCase(name: "owners team and by", yaml: accountsScenario.replacing1("{by: segment,", "{team: na, by: segment,"),
                   line: 18, at: "na, by", keyPath: "accounts.owners.team", message: "either 'team' or 'by'"),
    DiagnosticCase(name: "account field by", yaml: accountsScenario.replacing1("employees: {lognormal: {median: 2000, sigma: 1}, integer: true}",
                                                                            "size: {by: segmnt, smb: {s: 1}}"),
                   line: 17, at: "segmnt", keyPath: "accounts.fields.size.by", message: "declared earlier", suggestion: "segment"),
    DiagnosticCase(name: "account field reserved", yaml: accountsScenario.replacing1("segment: {smb: 3, ent: 1}", "account: 3\n    segment: {smb: 3, ent: 1}"),
                   line: 16, at: "account", keyPath: "accounts.fields.account", message: "reserved"),
]

@Test func accountsWithAttributesLoad() throws {
    let scenario = try ScenarioLoader.load(yaml: accountsScenario, file: "s.yaml").scenario
    let accounts = try #require(scenario.accounts)
    #expect(accounts.fields.map(\.name) == ["segment", "employees"])
    #expect(accounts.owners == .byField("segment", teams: [.text("smb"): "na", .text("ent"): "emea"]))
    let plain = try ScenarioLoader.load(yaml: minimalScenario.replacing1("teams:\n", "accounts: {count: 5, owners: {team: na}}\nteams:\n"),
                                        file: "s.yaml").scenario
    #expect(plain.accounts?.owners == .team("na") && plain.accounts?.fields.isEmpty == true)
}

@Test func anOwnersValueTheFieldNeverTakesIsAWarning() throws {
    let loaded = try ScenarioLoader.load(yaml: accountsScenario.replacing1("ent: {team: emea}", "mid: {team: emea}"), file: "s.yaml")
    let hit = try #require(loaded.warnings.first { $0.keyPath == "accounts.owners.mid" })
    #expect(hit.message.contains("never takes the value 'mid'"), "\(hit)")
}

/// Rule conditions may test account fields: the cross-check knows their names and values.
@Test func ruleConditionsKnowAccountFields() throws {
    let scenario = try ScenarioLoader.load(yaml: accountsScenario, file: "s.yaml")
    let rules = try RuleSetLoader.load(yaml: minimalRules.replacing1("{region: EMEA}", "{segment: ent}"), file: "r.yaml")
    #expect(!crossCheck(scenario: scenario, ruleSet: rules).contains { $0.keyPath.hasPrefix("routes[0].when") })
    let typo = try RuleSetLoader.load(yaml: minimalRules.replacing1("{region: EMEA}", "{segment: entt}"), file: "r.yaml")
    #expect(crossCheck(scenario: scenario, ruleSet: typo).first { $0.keyPath == "routes[0].when.segment" }?.suggestion == "ent")
}

@Test func aQueueTakesAListOfTeams() throws {
    let scenario = try ScenarioLoader.load(yaml: accountsScenario, file: "s.yaml")
    let loaded = try RuleSetLoader.load(yaml: minimalRules.replacing1("team: na,", "team: [emea, na],"), file: "r.yaml")
    guard case .human(let main) = loaded.ruleSet.queues[0].kind else { Issue.record("main is automated"); return }
    #expect(main.members == .teams(["emea", "na"]) && main.members.teamNames == ["emea", "na"])
    #expect(crossCheck(scenario: scenario, ruleSet: loaded).filter(\.isError).isEmpty)
    let one = try RuleSetLoader.load(yaml: minimalRules.replacing1("team: na,", "team: [na],"), file: "r.yaml")
    guard case .human(let single) = one.ruleSet.queues[0].kind else { return }
    #expect(single.members == .team("na"))
}

let poolCases: [DiagnosticCase] = [
    DiagnosticCase(name: "pooled team unknown", yaml: minimalRules.replacing1("team: na,", "team: [na, nx],"),
                   line: 8, at: "nx", keyPath: "queues.main.team[1]", message: "is not a team", suggestion: "na"),
    DiagnosticCase(name: "pooled team twice", yaml: minimalRules.replacing1("team: na,", "team: [na, na],"),
                   line: 8, at: "na]", keyPath: "queues.main.team[1]", message: "listed twice"),
]

@Test func anEmptyTeamListIsAnError() {
    let errors = ruleErrors(minimalRules.replacing1("team: na,", "team: [],"))
    #expect(errors.contains { $0.keyPath == "queues.main.team" && $0.line == 8 }, "\(errors)")
}
