import SimulationModel
import TextFormats
import Yams

extension RuleSetBuilder {
    /// `fields: {FIELD: {aliases: [NAME, …]}}`: the names each lead field goes by in CRM exports.
    /// An alias names one field only, and is not the name of another field of the section.
    func fieldAliases(_ node: Node, _ path: String) -> FieldAliases {
        guard let m = r.map(node, path, FileFormat.fieldNames) else { return FieldAliases() }
        let fields = Set(m.entries.map(\.key))
        var entries: [FieldAliases.Entry] = []
        var owner: [String: String] = [:]
        for (field, keyNode, value) in m.entries {
            let fieldPath = m.path(field)
            if field == "account" {
                r.error(keyNode, fieldPath, "'account' is the lead's matched account, not a column of an export",
                        valid: "another field name")
                continue
            }
            guard let fm = r.map(value, fieldPath, FileFormat.fieldNaming), let list = fm["aliases"],
                  let items = r.list(list, fm.path("aliases"), what: "aliases") else { continue }
            if items.isEmpty {
                r.error(list, fm.path("aliases"), "field '\(field)' has no aliases", valid: "aliases: [NAME, …], or leave the field out")
            }
            var aliases: [String] = []
            for (i, item) in items.enumerated() {
                let itemPath = "\(fm.path("aliases"))[\(i)]"
                guard let alias = r.text(item, itemPath, what: "a column name") else { continue }
                let key = alias.lowercased()
                if let other = owner[key], other != field {
                    r.error(item, itemPath, "'\(alias)' is already an alias of field '\(other)'",
                            valid: "each alias under one field")
                } else if alias != field, fields.contains(alias) {
                    r.error(item, itemPath, "'\(alias)' is the name of another field of this section", valid: "a name no other field has")
                } else if owner[key] == nil {
                    owner[key] = field
                    aliases.append(alias)
                }
            }
            entries.append(FieldAliases.Entry(field: field, aliases: aliases))
        }
        return FieldAliases(entries)
    }
}
