import ScenarioFile
import SimulationModel
import Testing

/// Cross-check warnings a person reads: one per field, however many values or tests it has.
@Suite struct CrossCheckWarningTests {
    /// The country codes an EMEA rule of a Salesforce export lists (as in a real export: dozens
    /// per criteria item, over several routes), while the scenario generates five countries.
    static let emeaCodes = ["AX", "AL", "DZ", "AD", "AO", "AM", "AT", "BY", "BE", "BJ", "BA", "BW", "BG", "BF", "BI",
                            "CM", "CV", "CF", "TD", "KM", "CG", "CD", "CI", "HR", "CY", "CZ", "DK", "DJ", "GQ", "QA"]
    static let apacCodes = ["AU", "NZ", "SG", "JP", "KR", "CN", "IN", "ID", "MY", "TH"]

    static let scenario = minimalScenario.replacing1("      language:", "      country: {US: 5, CA: 2, DE: 2, FR: 1, AU: 1}\n      language:")

    static func rules(_ routes: String) throws -> LoadedRuleSet {
        try RuleSetLoader.load(yaml: """
            name: imported
            routes:
            \(routes)
            fallback: main
            queues:
              main: {team: na}
            """, file: "r.yaml")
    }

    static func warnings(_ routes: String) throws -> [Diagnostic] {
        let world = try ScenarioLoader.load(yaml: scenario, file: "s.yaml")
        return crossCheck(scenario: world, ruleSet: try rules(routes)).filter { !$0.isError }
    }

    @Test func manyUnknownCodesAreOneWarningListingThem() throws {
        let found = try Self.warnings("""
              - {name: emea-1, when: {country: [\(Self.emeaCodes.prefix(15).joined(separator: ", "))]}, to: main}
              - {name: emea-2, when: {any: [{country: [\(Self.emeaCodes.dropFirst(15).joined(separator: ", "))]}, {region: EMEA}]}, to: main}
              - {name: apac, when: {country: [\(Self.apacCodes.joined(separator: ", "))]}, to: main}
            """)
        // AU is generated; the other 30 + 9 codes are not.
        #expect(found.count == 1, "\(found)")
        let warning = try #require(found.first)
        #expect(warning.keyPath == "routes[0].when.country" && warning.line == 3, "at the first test of the field")
        #expect(warning.message == "no source gives 'country' any of 39 values its tests name, so those tests never hold: "
                + "'AX', 'AL', 'DZ', 'AD', 'AO', 'AM', 'AT', 'BY' and 31 more")
        #expect(warning.valid == "values the sources give it: US, CA, DE, FR or AU")
        #expect(warning.suggestion == nil && !warning.description.contains("did you mean"), "no hint for two-letter codes (QA is not CA)")
        #expect(warning.description.split(separator: "\n").count <= 5, "a screenful, not a thousand lines")
    }

    @Test func oneUnknownValueKeepsItsOwnWordingAndOnlyASensibleHint() throws {
        let qa = try #require(try Self.warnings("  - {name: qa, when: {country: QA}, to: main}").first)
        #expect(qa.message == "no source gives 'country' the value 'QA'")
        #expect(qa.suggestion == nil, "two letters from CA is no evidence of a typo")
        let lower = try #require(try Self.warnings("  - {name: ca, when: {country: ca}, to: main}").first)
        #expect(lower.suggestion == "CA", "a case slip is still suggested")
        let typo = try #require(try Self.warnings("  - {name: typo, when: {region: EMAE}, to: main}").first)
        #expect(typo.suggestion == "EMEA")
    }

    @Test func closeValuesInAGroupAreHintedInTheMessage() throws {
        let found = try Self.warnings("  - {name: both, when: {region: [EMAE, Atlantis, Nowhere]}, to: main}")
        #expect(found.map(\.message) == ["no source gives 'region' any of 3 values its tests name, so those tests never hold: "
                                         + "'EMAE', 'Atlantis' and 'Nowhere' (did you mean 'EMAE' → 'EMEA'?)"])
    }

    @Test func aFieldNoSourceGeneratesIsOneWarningCountingItsTests() throws {
        let found = try Self.warnings("""
              - {name: a, when: {segment: ent}, to: main}
              - {name: b, when: {segment: smb}, to: main}
              - {name: c, when: {all: [{segment: mid}, {region: NA}]}, to: main}
            """)
        #expect(found.map(\.keyPath) == ["routes[0].when.segment"])
        #expect(found.first?.message.hasSuffix("; 2 more tests of it") == true)
    }
}

/// A `by:` table listing many values its parent never takes is one warning; a two-letter value
/// gets no far-fetched hint.
@Test func unusedByEntriesAreOneWarning() throws {
    let many = minimalScenario.replacing1("      language: {by: region, NA: {en: 1}, EMEA: {en: 2, de: 1}}",
                                          "      language: {by: region, NA: {en: 1}, EMEA: {en: 2}, QA: {en: 1}, DE: {de: 1}, FR: {fr: 1}}")
    let warnings = try ScenarioLoader.load(yaml: many, file: "s.yaml").warnings.filter { $0.message.contains("never takes") }
    #expect(warnings.map(\.message) == ["'region' never takes 3 of the values listed, so their entries are never used: 'QA', 'DE' and 'FR'"])
    #expect(warnings.first?.valid == "NA or EMEA" && warnings.first?.keyPath == "sources[0].fields.language.QA")
    let one = minimalScenario.replacing1("EMEA: {en: 2, de: 1}}", "EMEA: {en: 2, de: 1}, NE: {en: 1}}")
    let single = try #require(try ScenarioLoader.load(yaml: one, file: "s.yaml").warnings.first { $0.message.contains("never takes") })
    #expect(single.message == "'region' never takes the value 'NE', so this entry is never used" && single.suggestion == nil,
            "NE is one letter from NA: no evidence of a typo")
}
