/// The other names lead fields go by in CRM exports: a rule set's `fields:` (`import salesforce`
/// writes each field's Salesforce API name with and without `Lead.`, and its label when the map
/// gives one).
///
/// Every CSV reader (`route --leads`, `replay:`, history files) takes a column named by a field or
/// by one of its aliases as that field, so an export routes through imported rules unrenamed.
/// Aliases compare without case, as Salesforce names do; a field's own name compares exactly.
public struct FieldAliases: Hashable, Sendable {
    /// One field and the names it goes by, in the order written.
    public struct Entry: Hashable, Sendable {
        public var field: String
        public var aliases: [String]

        public init(field: String, aliases: [String]) {
            self.field = field
            self.aliases = aliases
        }
    }

    /// In the order written.
    public private(set) var entries: [Entry]
    /// Lower-cased alias → field.
    private var byAlias: [String: String] = [:]

    /// The aliases of `entries`; a later entry does not take an alias an earlier one has.
    public init(_ entries: [Entry] = []) {
        self.entries = []
        for entry in entries { add(entry) }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds `entry` (merged into an entry of the same field); aliases another field has are skipped.
    public mutating func add(_ entry: Entry) {
        let index = entries.firstIndex { $0.field == entry.field } ?? {
            entries.append(Entry(field: entry.field, aliases: []))
            return entries.count - 1
        }()
        for alias in entry.aliases where byAlias[alias.lowercased()] == nil && alias != entry.field {
            byAlias[alias.lowercased()] = entry.field
            entries[index].aliases.append(alias)
        }
    }

    /// The aliases of several rule sets together (the first to claim an alias keeps it).
    public static func merged<S: Sequence>(_ all: S) -> FieldAliases where S.Element == FieldAliases {
        var merged = FieldAliases()
        for aliases in all { for entry in aliases.entries { merged.add(entry) } }
        return merged
    }

    /// The field that a column named `column` holds by alias; nil when no field has that alias
    /// (the column is then the field of its own name).
    public func field(aliased column: String) -> String? {
        if entries.contains(where: { $0.field == column }) { return column }
        return byAlias[column.lowercased()]
    }

    /// The aliases of `field` (empty when it has none).
    public func aliases(of field: String) -> [String] {
        entries.first { $0.field == field }?.aliases ?? []
    }
}
