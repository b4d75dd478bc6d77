import Yams

/// The size a composed YAML document has once its aliases are expanded.
///
/// Yams resolves `*alias` to the anchored node, so a few lines of nested aliases (a "billion
/// laughs" file) compose quickly into a tree with billions of logical nodes that every later
/// walk would visit. Loaders measure the expanded size first and refuse a document above
/// `maximumNodes`; the walk stops at the limit, so measuring costs at most that many steps.
enum YAMLSize {
    /// The most nodes (scalars, lists and mappings, aliases expanded) a scenario, rule-set or
    /// map file may have: the bundled scenarios have under 2,000, and arrays of data (replays,
    /// accounts, histories) belong in CSV files.
    static let maximumNodes = 1_000_000

    /// Whether `root` has more than `limit` nodes with its aliases expanded.
    static func exceeds(_ root: Node, limit: Int = maximumNodes) -> Bool {
        var pending = [root], visited = 0
        while let node = pending.popLast() {
            visited += 1
            if visited > limit { return true }
            switch node {
            case .scalar, .alias: continue
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
        return false
    }

    /// The error text for a document above the limit.
    static let tooLarge = "the document expands to more than \(maximumNodes) YAML nodes (aliases repeated inside aliases?)"
    static let tooLargeHint = "write lists out, or use fewer nested aliases; bulk data belongs in a CSV file"
}
