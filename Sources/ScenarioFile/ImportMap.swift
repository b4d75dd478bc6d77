import SimulationModel
import TextFormats
import Yams

/// How CRM names become scenario names: `MAP.yaml` of `leadsim import salesforce --map`, and of
/// the history commands (`fit`, `backtest`) for the columns of a history file. One file serves
/// both: each command reads the keys it needs and accepts the others.
///
/// ```yaml
/// columns:                     # history file: role → column (SPEC §8)
///   created_at: CreatedDate
///   owner: Owner.Email
/// fields:                      # Salesforce field → scenario lead field
///   Lead.CountryCode: country
///   Lead.NumberOfEmployees: {field: employees, label: Employees}   # the label report exports use
/// users:                       # assignedTo users → a rep, or a team queue
///   jane@acme.example: jane
///   team-lead@acme.example: {team: enterprise}
/// queues:                      # assignedTo queues → a team, reps, or automated
///   EMEA_Queue: emea
///   Inbound: {reps: [alice, bob], strategy: least-loaded}
///   Nurture: automated
/// strategy: round-robin        # strategy of team queues that do not name one
/// ```
///
/// Field names match case-insensitively (as in Salesforce) and `Lead.` may be left out.
public struct ImportMap: Sendable {
    public enum Target: Hashable, Sendable {
        /// A one-rep queue.
        case rep(String)
        case team(String, strategy: Strategy?)
        case reps([String], strategy: Strategy?)
        case automated
    }

    /// Keyed by the lower-cased `Lead.Field` name.
    public var fields: [String: String]
    /// Field labels (`Country Code`, as report exports head their columns), keyed like `fields`.
    public var labels: [String: String] = [:]
    public var users: [String: Target]
    public var queues: [String: Target]
    /// Strategy of team and multi-rep queues that do not say.
    public var strategy: Strategy
    /// History file columns by role, where they differ from the role's name.
    public var columns: [HistoryColumn: String]

    public init(fields: [String: String] = [:], users: [String: Target] = [:], queues: [String: Target] = [:],
                strategy: Strategy = .roundRobin, columns: [HistoryColumn: String] = [:]) {
        self.fields = Dictionary(fields.map { (Self.fieldKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.users = users
        self.queues = queues
        self.strategy = strategy
        self.columns = columns
    }

    /// The history file column of `role`: as mapped, or the role's own name.
    public func column(_ role: HistoryColumn) -> String { columns[role] ?? role.rawValue }

    /// `Lead.CountryCode`, `countrycode` → `lead.countrycode`.
    public static func fieldKey(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.hasPrefix("lead.") ? lower : "lead." + lower
    }

    public func field(_ salesforceName: String) -> String? { fields[Self.fieldKey(salesforceName)] }

    /// Loads a map from YAML text; `file` names it in diagnostics.
    /// - Throws: `LoadFailure` with every problem found, each with its line.
    public static func load(yaml: String, file: String) throws(LoadFailure) -> ImportMap {
        var reader = MapReader(file: file, yaml: yaml)
        let map = reader.read()
        guard let map, !reader.problems.contains(where: \.isError) else {
            throw LoadFailure(diagnostics: reader.problems.isEmpty
                ? [Diagnostic(severity: .error, file: file, line: 0, column: 0, keyPath: "", message: "cannot read the map")]
                : reader.problems)
        }
        return map
    }
}

/// The column roles of a history file (SPEC §8); any other column is a lead field.
public enum HistoryColumn: String, CaseIterable, Hashable, Sendable {
    case createdAt = "created_at"
    case source, owner, team
    case assignedAt = "assigned_at"
    case firstTouchAt = "first_touch_at"
    case closedAt = "closed_at"
    case account
}

private struct MapReader {
    let file: String
    let yaml: String
    let lines: [Substring]
    var problems: [Diagnostic] = []

    init(file: String, yaml: String) {
        self.file = file
        self.yaml = yaml
        lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    }

    mutating func error(_ node: Node?, _ path: String, _ message: String, valid: String? = nil, suggestion: String? = nil) {
        let line = node?.mark?.line ?? 0, column = node?.mark?.column ?? 0
        problems.append(Diagnostic(severity: .error, file: file, line: line, column: column, keyPath: path, message: message,
                                   valid: valid, suggestion: suggestion,
                                   sourceLine: line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil))
    }

    func text(_ node: Node) -> String? {
        guard case .scalar(let s) = node, !s.string.isEmpty, !(s.style == .plain && ["~", "null"].contains(s.string)) else { return nil }
        return s.string
    }

    mutating func read() -> ImportMap? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, Resolver.basic)
        } catch let problem {
            self.error(nil, "", "cannot parse YAML: \(problem)")
            return nil
        }
        guard let root else { return ImportMap() }
        if YAMLSize.exceeds(root) {
            error(root, "", YAMLSize.tooLarge, valid: YAMLSize.tooLargeHint)
            return nil
        }
        guard case .mapping(let top) = root else {
            error(root, "", "expected a mapping with columns, fields, users, queues and strategy")
            return nil
        }
        var map = ImportMap()
        let keys = ["columns", "fields", "users", "queues", "strategy"]
        for (keyNode, value) in top {
            let key = text(keyNode) ?? ""
            switch key {
            case "fields":
                for (k, v, path) in entries(value, key) {
                    if let name = text(v) { map.fields[ImportMap.fieldKey(k)] = name } else if case .mapping = v {
                        field(k, v, path, into: &map)
                    } else {
                        error(v, path, "expected a scenario field name", valid: "e.g. Lead.CountryCode: country")
                    }
                }
            case "users", "queues":
                for (k, v, path) in entries(value, key) {
                    if let target = target(v, path, user: key == "users") {
                        if key == "users" { map.users[k] = target } else { map.queues[k] = target }
                    }
                }
            case "strategy":
                if let s = strategy(value, "strategy") { map.strategy = s }
            case "columns":
                columns(value, into: &map)
            default:
                error(keyNode, key, "unknown key '\(key)' in a map file", valid: keys.joined(separator: ", "),
                      suggestion: Suggestions.closest(to: key, in: keys))
            }
        }
        return map
    }

    /// `Lead.CountryCode: {field: country, label: Country Code}`.
    private mutating func field(_ salesforce: String, _ node: Node, _ path: String, into map: inout ImportMap) {
        guard case .mapping(let m) = node else { return }
        let valid = "e.g. Lead.CountryCode: {field: country, label: Country Code}"
        var name: String?
        for (k, v) in m {
            let key = text(k) ?? ""
            switch key {
            case "field":
                if let s = text(v) { name = s } else { error(v, "\(path).field", "expected a scenario field name", valid: valid) }
            case "label":
                if let s = text(v) { map.labels[ImportMap.fieldKey(salesforce)] = s } else {
                    error(v, "\(path).label", "expected the field's label as exports head its column", valid: valid)
                }
            default:
                error(k, "\(path).\(key)", "unknown key '\(key)' in a field mapping", valid: "field, label",
                      suggestion: Suggestions.closest(to: key, in: ["field", "label"]))
            }
        }
        if let name { map.fields[ImportMap.fieldKey(salesforce)] = name } else {
            error(node, path, "a field mapping needs 'field'", valid: valid)
        }
    }

    private mutating func columns(_ node: Node, into map: inout ImportMap) {
        guard case .mapping(let m) = node else {
            error(node, "columns", "expected a mapping of column roles to the history file's column names",
                  valid: "e.g. created_at: CreatedDate")
            return
        }
        let roles = HistoryColumn.allCases.map(\.rawValue)
        for (k, v) in m {
            let key = text(k) ?? ""
            guard let role = HistoryColumn(rawValue: key) else {
                error(k, "columns.\(key)", "unknown column role '\(key)'", valid: Suggestions.list(roles),
                      suggestion: Suggestions.closest(to: key, in: roles))
                continue
            }
            if let column = text(v) { map.columns[role] = column } else {
                error(v, "columns.\(key)", "expected the name of a column of the history file", valid: "e.g. \(key): Some_Column__c")
            }
        }
    }

    private mutating func entries(_ node: Node, _ path: String) -> [(String, Node, String)] {
        guard case .mapping(let m) = node else {
            error(node, path, "expected a mapping of Salesforce names to scenario names")
            return []
        }
        var result: [(String, Node, String)] = []
        for (k, v) in m {
            guard let key = text(k) else { error(k, path, "a key must be a name"); continue }
            result.append((key, v, "\(path).\(key)"))
        }
        return result
    }

    private mutating func strategy(_ node: Node, _ path: String) -> Strategy? {
        let names = Strategy.allCases.map(\.rawValue)
        guard let s = text(node), let strategy = Strategy(rawValue: s) else {
            error(node, path, "unknown strategy", valid: names.joined(separator: ", "))
            return nil
        }
        return strategy
    }

    private mutating func target(_ node: Node, _ path: String, user: Bool) -> ImportMap.Target? {
        let valid = user ? "a rep name, {rep: NAME}, {team: TEAM} or {reps: [A, B]}"
                         : "a team name, {team: TEAM}, {reps: [A, B]} or automated"
        if let s = text(node) {
            if s == "automated" { return .automated }
            return user ? .rep(s) : .team(s, strategy: nil)
        }
        guard case .mapping(let m) = node else {
            error(node, path, "expected a target", valid: valid)
            return nil
        }
        var strategy: Strategy?
        var result: ImportMap.Target?
        for (k, v) in m {
            let key = text(k) ?? ""
            switch key {
            case "rep":
                if let s = text(v) { result = .rep(s) } else { error(v, "\(path).rep", "expected a rep name") }
            case "team":
                if let s = text(v) { result = .team(s, strategy: nil) } else { error(v, "\(path).team", "expected a team name") }
            case "reps":
                if case .sequence(let items) = v, !items.isEmpty, items.allSatisfy({ text($0) != nil }) {
                    result = .reps(items.compactMap { text($0) }, strategy: nil)
                } else {
                    error(v, "\(path).reps", "expected a list of rep names")
                }
            case "strategy":
                strategy = self.strategy(v, "\(path).strategy")
            default:
                error(k, "\(path).\(key)", "unknown key '\(key)' in a target", valid: valid)
            }
        }
        switch result {
        case .team(let t, _): return .team(t, strategy: strategy)
        case .reps(let r, _): return .reps(r, strategy: strategy)
        case nil:
            error(node, path, "a target needs rep, team or reps", valid: valid)
            return nil
        default: return result
        }
    }
}
