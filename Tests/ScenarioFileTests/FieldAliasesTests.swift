import ScenarioFile
import SimulationModel
import Testing

/// A rule set's `fields:`: the names each lead field goes by in exports, and how readers use them.
@Suite struct FieldAliasesTests {
    static func rules(_ fields: String) -> String {
        minimalRules.replacing1("routes:", "fields:\n\(fields)\nroutes:")
    }

    @Test func aliasesLoadAndResolveColumns() throws {
        let loaded = try RuleSetLoader.load(yaml: Self.rules("""
              region: {aliases: [Lead.Region__c, Region__c, Sales Region]}
              country: {aliases: [Lead.CountryCode, CountryCode]}
            """), file: "r.yaml")
        let aliases = loaded.ruleSet.fields
        #expect(aliases.entries.map(\.field) == ["region", "country"])
        #expect(aliases.field(aliased: "region__C") == "region" && aliases.field(aliased: "sales region") == "region")
        #expect(aliases.field(aliased: "region") == "region" && aliases.field(aliased: "Region") == nil, "a field's own name is exact")
        #expect(FieldColumns.field(ofColumn: "CountryCode", aliases: aliases) == "country")
        #expect(FieldColumns.field(ofColumn: "Id", aliases: aliases) == "Id")
        let map = ImportMap(fields: ["Lead.CountryCode": "iso_country"])
        #expect(FieldColumns.field(ofColumn: "CountryCode", aliases: aliases, map: map) == "iso_country", "the map wins")
    }

    @Test(arguments: [
        ("  region: {aliases: [Code]}\n  country: {aliases: [code]}", "'code' is already an alias of field 'region'", 4),
        ("  region: {aliases: [country]}\n  country: {aliases: [CountryCode]}", "'country' is the name of another field of this section", 3),
        ("  account: {aliases: [AccountId]}", "'account' is the lead's matched account", 3),
        ("  region: {aliases: []}", "field 'region' has no aliases", 3),
        ("  region: {alias: [Region__c]}", "unknown key 'alias'", 3),
    ])
    func badAliasesAreErrorsWithTheirLine(fields: String, message: String, line: Int) {
        let errors = ruleErrors(Self.rules(fields))
        #expect(errors.contains { $0.message.contains(message) && $0.line == line }, "\(errors)")
    }

    /// A replay column named by an alias is also the field: the export replays unrenamed.
    @Test func replayColumnsResolveByAlias() throws {
        let csv = "created_at,CountryCode,Region__c\n2026-01-05T09:00,US,NA\n2026-01-05T10:00,,EMEA\n"
        let yaml = minimalScenario.replacing1("    volume: 100/week\n    fields:\n      region: {NA: 60, EMEA: 40}\n      language: {by: region, NA: {en: 1}, EMEA: {en: 2, de: 1}}\n",
                                              "    replay: leads.csv\n")
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "s.yaml", replayFiles: ["leads.csv": csv])
        let aliases = try RuleSetLoader.load(yaml: Self.rules("  country: {aliases: [CountryCode]}\n  region: {aliases: [Region__c]}"),
                                             file: "r.yaml").ruleSet.fields
        let replay = try #require(scenario.scenario.resolvingReplayColumns(aliases).sources[0].replay)
        #expect(replay.fields == ["CountryCode", "Region__c", "country", "region"])
        #expect(replay.leads.map(\.values) == [[.text("US"), .text("NA"), .text("US"), .text("NA")],
                                                [nil, .text("EMEA"), nil, .text("EMEA")]])
        let rules = try RuleSetLoader.load(yaml: minimalRules, file: "r.yaml")
        let before = crossCheck(scenario: scenario.scenario, ruleSet: rules.ruleSet)
        #expect(before.contains { $0.message.hasPrefix("no source generates the field 'region'") && $0.suggestion == "Region__c" })
        var resolved = scenario
        resolved.scenario = scenario.scenario.resolvingReplayColumns(aliases)
        #expect(!crossCheck(scenario: resolved.scenario, ruleSet: rules.ruleSet).contains { $0.message.contains("'region'") })
    }
}
