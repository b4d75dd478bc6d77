import Foundation
import RoutingRules
import SalesforceImport
import ScenarioFile
import SimulationModel
import TextFormats

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
}

/// Imports a fixture, loads the YAML back with the ordinary loader, and routes leads with it.
struct ImportedRouter {
    let imported: ImportedRuleSet
    let loaded: LoadedRuleSet
    var schema = LeadSchema()
    var compiled: CompiledRuleSet

    init(_ file: String, map: String? = "map.yaml", rule: String? = nil) throws {
        let mapping = try map.map { try ImportMap.load(yaml: fixture($0), file: $0) } ?? ImportMap()
        imported = try SalesforceImporter.importRules(xml: fixture(file), file: file, map: mapping, rule: rule)
        loaded = try RuleSetLoader.load(yaml: imported.yaml, file: "imported.yaml")
        compiled = try CompiledRuleSet(loaded.ruleSet, schema: &schema, roster: nil)
    }

    /// "route → queue" for a lead given as field texts (typed like CSV cells; nil = blank).
    mutating func route(_ fields: [String: String?]) -> String {
        for name in fields.keys { _ = schema.fieldIndex(for: name) }
        var values = Array(repeating: LeadValue.missing, count: schema.fieldCount)
        for (name, text) in fields {
            values[schema.fieldIndex(for: name)] = schema.value(of: text.map { ValueSyntax.fieldValue($0) })
        }
        compiled.tabulateSymbols(of: schema)
        let decision = compiled.route(LeadView(values))
        switch decision {
        case .queue(let route, let queue):
            return "\(route.map { compiled.routeNames[$0] } ?? "fallback") → \(compiled.queues[queue].name)"
        case .accountOwner: return "account owner"
        case .unrouted: return "unrouted"
        }
    }
}
