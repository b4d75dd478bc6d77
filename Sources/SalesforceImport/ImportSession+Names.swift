import Foundation
import ScenarioFile
import SimulationModel

extension ImportSession {
    /// The scenario name of a Salesforce field: the map's, else derived (`Lead.CountryCode` → `country_code`).
    func fieldName(_ salesforce: String) -> String {
        map.field(salesforce) ?? derivedNames.name(salesforce)
    }

    mutating func noteField(_ salesforce: String, _ element: XMLElement, _ path: String) {
        let key = ImportMap.fieldKey(salesforce)
        aliases.add(FieldAliases.Entry(field: fieldName(salesforce), aliases: Self.salesforceNames(salesforce, label: map.labels[key])))
        guard map.fields[key] == nil, !reportedFields.contains(key) else { return }
        reportedFields.insert(key)
        report(.warning, element, path, "field '\(salesforce)' is not in the map; using '\(derivedNames.name(salesforce))'",
               valid: "fields: {\(salesforce): SCENARIO_FIELD} in the map file")
    }

    /// The names a Salesforce field has in exports: `Lead.CountryCode`, `CountryCode` (Data Loader
    /// writes API names), and the label (`Country Code`, report exports) when the map gives one.
    static func salesforceNames(_ salesforce: String, label: String?) -> [String] {
        let api = salesforce.lowercased().hasPrefix("lead.") ? String(salesforce.dropFirst(5)) : salesforce
        return ["Lead." + api, api] + (label.map { [$0] } ?? [])
    }

    static func derivedFieldName(_ salesforce: String) -> String {
        var name = Substring(salesforce)
        if name.lowercased().hasPrefix("lead.") { name = name.dropFirst(5) }
        if name.hasSuffix("__c") { name = name.dropLast(3) }
        var out = ""
        var previous: Character?
        for c in name {
            if c.isUppercase, let p = previous, p.isLowercase || p.isNumber { out += "_" }
            if c == "_" || c == " " || c == "-" {
                if !out.hasSuffix("_") { out += "_" }
            } else {
                out += c.lowercased()
            }
            previous = c
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }
}

/// Derived scenario names of unmapped Salesforce fields, one per field, never two alike.
final class DerivedFieldNames {
    private var byKey: [String: String] = [:]
    private var taken: Set<String>

    init(taken: Set<String>) { self.taken = taken }

    func name(_ salesforce: String) -> String {
        let key = ImportMap.fieldKey(salesforce)
        if let name = byKey[key] { return name }
        let base = ImportSession.derivedFieldName(salesforce)
        var name = base
        if taken.contains(name) { name = salesforce.hasSuffix("__c") ? base + "_c" : base + "_2" }
        var n = 2
        while taken.contains(name) { n += 1; name = "\(base)_\(n)" }
        taken.insert(name)
        byKey[key] = name
        return name
    }
}
