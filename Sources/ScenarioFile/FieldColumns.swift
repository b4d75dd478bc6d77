import SimulationModel
import TextFormats

/// Which lead field each column of a CRM export holds, for every CSV reader (`route --leads`,
/// `replay:`, history files) alike: the map file's name for the column, else the field the column
/// is an alias of (a rule set's `fields:`), else the field of the column's own name.
public enum FieldColumns {
    /// The field `column` holds.
    public static func field(ofColumn column: String, aliases: FieldAliases, map: ImportMap? = nil) -> String {
        if let map, let mapped = map.field(column) { return mapped }
        return aliases.field(aliased: column) ?? column
    }

    /// One message for each field of `tested` that no column holds: every lead then lacks it,
    /// so the rules' tests of it fail. Each names the aliases looked for and, when a column is
    /// close to the field's name or an alias, says "did you mean" it.
    /// - Parameters:
    ///   - columns: the header (or JSON keys) as written.
    ///   - fields: the field each column holds (`field(ofColumn:…)`).
    public static func missingFields(_ tested: [String], columns: [String], fields: [String], aliases: FieldAliases) -> [String] {
        let unused = zip(columns, fields).filter { !tested.contains($0.1) }.map(\.0)
        return tested.filter { !fields.contains($0) }.map { field in
            let names = [field] + aliases.aliases(of: field)
            let suggestion = names.lazy.compactMap { Suggestions.closest(to: $0, in: unused) }.first
            return "no column is the field '\(field)' that the rules test"
                + (names.count > 1 ? " (looked for " + Suggestions.list(names, quoted: true) + ")" : "")
                + ": every lead lacks it, so its tests fail" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }

    /// One message for each of `keys` (a JSON lead's) that holds no field the rules test: no route
    /// reads it, so it is likely misspelt; "did you mean" names the closest tested field or alias.
    public static func unreadKeys(_ keys: [String], fields: [String], tested: [String], aliases: FieldAliases) -> [String] {
        let names = tested + tested.flatMap { aliases.aliases(of: $0) }
        return zip(keys, fields).filter { !tested.contains($0.1) }.map { key, _ in
            let suggestion = Suggestions.closest(to: key, in: names)
            return "key '\(key)' is no field the rules test, so no route reads it"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }
}
