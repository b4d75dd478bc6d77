import Foundation
import ScenarioFile
import SimulationModel
import TextFormats

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
        unmapped.append(Unmapped(kind: .field, name: salesforce, using: derivedNames.name(salesforce), element: element, path: path))
    }

    /// One warning per kind of name the map does not give (fields, users, queues): a name alone
    /// as before, several as one warning listing them (first 8) with the map entries to add.
    mutating func reportUnmapped() {
        for kind in Unmapped.Kind.allCases {
            let names = unmapped.filter { $0.kind == kind }
            guard let first = names.first else { continue }
            if names.count == 1 {
                report(.warning, first.element, first.path, "\(kind.rawValue) '\(first.name)' is not in the map; using \(kind.target)'\(first.using)'",
                       valid: "\(kind.mapKey): {\(YAMLText.name(first.name)): \(kind.placeholder)} in the map file")
                continue
            }
            let pairs = names.map { "'\($0.name)' → '\($0.using)'" }
            report(.warning, first.element, first.path,
                   "\(names.count) \(kind.rawValue)s are not in the map; using \(kind.derivation): " + Suggestions.sample(pairs, quoted: false),
                   valid: "\(kind.mapKey): {" + names.prefix(3).map { "\(YAMLText.name($0.name)): \(kind.placeholder)" }.joined(separator: ", ")
                       + (names.count > 3 ? ", …" : "") + "} in the map file")
        }
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

/// A Salesforce name the map does not give, and the name used instead.
struct Unmapped {
    enum Kind: String, CaseIterable {
        case field, user, queue

        var mapKey: String { rawValue + "s" }
        var placeholder: String { ["field": "SCENARIO_FIELD", "user": "REP", "queue": "TEAM"][rawValue]! }
        /// Before a single derived name: `using 'x'`, `using rep 'x'`.
        var target: String { ["field": "", "user": "rep ", "queue": "team "][rawValue]! }
        /// How the derived names were made, for the grouped warning.
        var derivation: String {
            ["field": "snake-case names", "user": "reps named by the e-mail's local part", "queue": "teams named after them"][rawValue]!
        }
    }

    var kind: Kind
    var name: String
    var using: String
    var element: XMLElement
    var path: String
}
