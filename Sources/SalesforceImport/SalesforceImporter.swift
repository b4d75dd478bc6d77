import Foundation
import ScenarioFile
import SimulationModel
import TextFormats

/// A Salesforce assignment rule turned into a leadsim rule set.
public struct ImportedRuleSet: Sendable {
    /// The rule set as a model (what the YAML loads back into).
    public var ruleSet: RuleSet
    /// The rule set as YAML text, with comments pointing back to the entry numbers.
    public var yaml: String
    /// Unmapped names, unsupported formulas, unused criteria items … (never errors).
    public var warnings: [Diagnostic]
    /// The `fullName` of the imported assignment rule.
    public var ruleName: String
    /// Every assignment rule of the file with whether it is active, in file order.
    public var rules: [(name: String, active: Bool)]
    /// A folder import's reps and teams, as YAML to paste into a scenario (nil for a single file).
    public var reps: String?
}

/// Reads Salesforce Metadata API lead assignment rules (`Lead.assignmentRules-meta.xml`, source
/// format, or `Lead.assignmentRules`, the older format: both have the root `AssignmentRules`).
///
/// Pure: XML text in, rule set, YAML text and warnings out. Salesforce semantics kept:
/// - entries are tried in order, the first match wins (leadsim routes);
/// - criteria items are ANDed unless `booleanFilter` says otherwise;
/// - a comma-separated value is any of the values (for `notEqual`, `notContain`, `excludes`:
///   none of them); an item without a value tests for a blank field;
/// - the negative operations hold for a blank field, so they become a condition-level `not`;
/// - `contains` and `startsWith` are case-insensitive;
/// - `includes`/`excludes` test multi-select picklists (`A;B;C`) value by value;
/// - an entry without criteria matches every lead: when it is last it becomes the fallback;
/// - each field keeps its Salesforce names (`fields:` aliases), so exports are read unrenamed;
/// - a lead is assigned the moment the rule runs, on shift or not: every human queue says
///   `assign_off_shift: true` (the YAML explains it above `queues:`).
public enum SalesforceImporter {
    public static let metadataNamespace = "http://soap.sforce.com/2006/04/metadata"

    /// Imports one assignment rule of `xml`.
    ///
    /// - Parameters:
    ///   - xml: The file's text.
    ///   - file: Its name, for diagnostics.
    ///   - map: Salesforce names → scenario names.
    ///   - rule: The `fullName` of the rule to import; nil picks the active rule.
    /// - Throws: `LoadFailure` when the XML is malformed, has no assignment rule, `rule` is
    ///   not found, or a `booleanFilter` does not parse or names an item that does not exist.
    public static func importRules(xml: String, file: String, map: ImportMap = ImportMap(),
                                   rule: String? = nil) throws(LoadFailure) -> ImportedRuleSet {
        var session = ImportSession(file: file, xml: xml, map: map)
        return try session.run(rule: rule)
    }
}

struct ImportSession {
    let file: String
    let lines: [Substring]
    let xml: String
    let map: ImportMap
    var warnings: [Diagnostic] = []
    var errors: [Diagnostic] = []
    var reportedFields: Set<String> = []
    var reportedTargets: Set<String> = []
    /// Names not in the map, reported together per kind once the rule is read (`reportUnmapped`).
    var unmapped: [Unmapped] = []
    /// Names derived for unmapped fields, kept distinct (`Lead.LeadSource` and `Lead.Lead_Source__c`).
    let derivedNames: DerivedFieldNames
    /// The Salesforce names of each field the rule reads, for the rule set's `fields:`.
    var aliases = FieldAliases()

    /// Queues by target key, in order of first use.
    var queues: [(key: String, queue: Queue, comment: String)] = []
    /// A metadata folder's queues, routing and presence configurations (nil: a single file).
    let metadata: SalesforceMetadata?
    /// The reps the rule set names, for the reps fragment of a folder import.
    var folderReps: [FolderRep] = []

    init(file: String, xml: String, map: ImportMap, metadata: SalesforceMetadata? = nil) {
        self.file = file
        self.xml = xml
        self.map = map
        self.metadata = metadata
        derivedNames = DerivedFieldNames(taken: Set(map.fields.values))
        lines = xml.split(separator: "\n", omittingEmptySubsequences: false)
    }

    mutating func report(_ severity: Diagnostic.Severity, _ element: XMLElement?, _ path: String, _ message: String,
                         valid: String? = nil, suggestion: String? = nil) {
        let line = element?.line ?? 0, column = element?.column ?? 0
        let d = Diagnostic(severity: severity, file: file, line: line, column: column, keyPath: path, message: message,
                           valid: valid, suggestion: suggestion,
                           sourceLine: line >= 1 && line <= lines.count ? String(lines[line - 1]).trimmingTrailingCR : nil)
        if severity == .error { errors.append(d) } else if !warnings.contains(d) { warnings.append(d) }
    }

    mutating func run(rule wanted: String?) throws(LoadFailure) -> ImportedRuleSet {
        let root: XMLElement
        do {
            root = try XMLTree.parse(xml)
        } catch {
            throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: file, line: error.line, column: error.column,
                                                       keyPath: "", message: error.message,
                                                       valid: "a Salesforce Lead.assignmentRules-meta.xml export")])
        }
        guard root.name == "AssignmentRules" else {
            report(.error, root, "", "the root element is <\(root.name)>, not <AssignmentRules>",
                   valid: "a Metadata API assignment-rules file (Lead.assignmentRules-meta.xml or Lead.assignmentRules)")
            throw LoadFailure(diagnostics: errors)
        }
        if root.namespace != SalesforceImporter.metadataNamespace {
            report(.warning, root, "", "the root element's namespace is \(root.namespace.map { "'\($0)'" } ?? "missing"); reading it anyway",
                   valid: "xmlns=\"\(SalesforceImporter.metadataNamespace)\"")
        }
        let rules = root.children(named: "assignmentRule")
        let summary = rules.map { (name: $0.value("fullName") ?? "", active: $0.value("active")?.lowercased() == "true") }
        guard !rules.isEmpty else {
            report(.error, root, "", "the file has no <assignmentRule>")
            throw LoadFailure(diagnostics: errors)
        }
        let names = summary.map(\.name)
        let chosen: Int
        if let wanted {
            guard let i = names.firstIndex(of: wanted) ?? names.firstIndex(where: { $0.lowercased() == wanted.lowercased() }) else {
                report(.error, nil, "", "no assignment rule is called '\(wanted)'",
                       valid: names.map { "'\($0)'" }.joined(separator: ", "),
                       suggestion: Suggestions.closest(to: wanted, in: names))
                throw LoadFailure(diagnostics: errors)
            }
            chosen = i
        } else {
            let active = summary.indices.filter { summary[$0].active }
            if let first = active.first {
                chosen = first
                if active.count > 1 {
                    report(.warning, rules[active[1]], "assignmentRule[\(names[active[1]])]",
                           "more than one rule is active; importing the first, '\(names[first])'")
                }
            } else if rules.count == 1 {
                chosen = 0
                report(.warning, rules[0], "assignmentRule[\(names[0])]", "the only rule, '\(names[0])', is not active; importing it anyway")
            } else {
                report(.error, nil, "", "no assignment rule is active; pick one with --rule",
                       valid: names.map { "'\($0)'" }.joined(separator: ", "))
                throw LoadFailure(diagnostics: errors)
            }
        }
        let (ruleSet, yaml) = convert(rules[chosen], name: names[chosen], active: summary[chosen].active)
        reportUnmapped()
        if !errors.isEmpty { throw LoadFailure(diagnostics: errors + warnings) }
        return ImportedRuleSet(ruleSet: ruleSet, yaml: yaml, warnings: warnings, ruleName: names[chosen], rules: summary,
                               reps: metadata == nil ? nil : repsFragment(ruleFile: URL(fileURLWithPath: file).lastPathComponent))
    }

    // MARK: Entries

    mutating func convert(_ rule: XMLElement, name: String, active: Bool) -> (RuleSet, String) {
        let entries = rule.children(named: "ruleEntry")
        let base = "assignmentRule[\(name)]"
        var routes: [Route] = []
        var comments: [[String]] = []
        var fallback: String?
        var fallbackComment: String?
        var usedRouteNames: Set<String> = []
        if entries.isEmpty {
            report(.warning, rule, base, "rule '\(name)' has no entries: every lead would be unrouted")
        }
        for (offset, entry) in entries.enumerated() {
            let number = offset + 1
            let path = "\(base).ruleEntry[\(number)]"
            let (queueName, targetText) = target(entry, path)
            let items = entry.children(named: "criteriaItems")
            let formula = entry.value("formula").flatMap { $0.isEmpty ? nil : $0 }
            let filterText = entry.value("booleanFilter").flatMap { $0.isEmpty ? nil : $0 }
            var comment: [String] = []
            var when: Condition?
            var catchAll = false
            if let formula {
                comment.append("entry \(number): formula → \(targetText)")
                comment += formula.split(separator: "\n").map { "  " + $0.trimmingCharacters(in: .whitespaces) }
                if !items.isEmpty {
                    report(.warning, entry, path, "entry \(number) has both a formula and criteria items; Salesforce uses the formula")
                }
                let converter = FormulaConverter { [self] in self.fieldName($0) }
                do {
                    let (condition, fields) = try converter.convert(formula)
                    when = condition
                    for field in fields { noteField(field, entry, path) }
                } catch {
                    report(.warning, entry, path,
                           "entry \(number): formula not supported (\(error.reason)); kept as a route that matches nothing",
                           valid: "formulas using only AND, OR, NOT, ISPICKVAL, ISBLANK and comparisons of a field with a value")
                    comment.append("UNSUPPORTED formula (\(error.reason)): this route matches nothing")
                    when = .any([])
                }
            } else if items.isEmpty {
                catchAll = true
                comment.append("entry \(number): no criteria (every lead) → \(targetText)")
            } else {
                var conditions: [Condition?] = []
                var descriptions: [String] = []
                for (i, item) in items.enumerated() {
                    let (condition, text) = self.item(item, number: i + 1, entry: number, path: "\(path).criteriaItems[\(i + 1)]")
                    conditions.append(condition)
                    descriptions.append(text)
                }
                var filter: BooleanFilter = .and((1...items.count).map { .item($0) })
                if let filterText {
                    do {
                        filter = try BooleanFilterParser.parse(filterText)
                    } catch {
                        report(.error, entry.child("booleanFilter"), "\(path).booleanFilter",
                               "booleanFilter '\(filterText)': \(error)",
                               valid: "item numbers 1…\(items.count) with AND, OR, NOT and parentheses, e.g. 1 AND (2 OR 3)")
                    }
                }
                let referenced = Set(filter.items)
                for n in referenced.sorted() where n > items.count {
                    report(.error, entry.child("booleanFilter"), "\(path).booleanFilter",
                           "booleanFilter '\(filterText ?? "")' refers to item \(n), but entry \(number) has \(items.count) criteria item\(items.count == 1 ? "" : "s")",
                           valid: "item numbers 1…\(items.count)")
                }
                for n in 1...items.count where !referenced.contains(n) {
                    report(.warning, items[n - 1], "\(path).criteriaItems[\(n)]",
                           "entry \(number): criteria item \(n) is not used by booleanFilter '\(filterText ?? "")'")
                }
                comment.append("entry \(number) (" + (filterText.map { "booleanFilter \($0)" } ?? "all items") + ") → \(targetText)")
                comment += descriptions.enumerated().map { "  \($0 + 1). \($1)" }
                if conditions.contains(where: { $0 == nil }) {
                    comment.append("UNSUPPORTED criteria: this route matches nothing")
                    when = .any([])
                } else if referenced.allSatisfy({ $0 <= items.count }) {
                    when = Self.combine(filter, conditions.map { $0! })
                }
            }
            if catchAll && offset == entries.count - 1 {
                fallback = queueName
                fallbackComment = "entry \(number): no criteria → \(targetText)"
                continue
            }
            var routeName = "entry-\(number)-\(queueName)"
            if usedRouteNames.contains(routeName) { routeName = "entry-\(number)" }
            usedRouteNames.insert(routeName)
            routes.append(Route(name: routeName, when: when, destination: .queue(queueName)))
            comments.append(comment)
        }
        if queues.isEmpty {
            // A rule set needs a queue; a rule without entries routes nobody.
            queues.append((key: "none", queue: Queue(name: "unassigned", kind: .human(HumanQueue(members: .team("unassigned"), assignOffShift: true))),
                           comment: "placeholder: the rule has no entries"))
        }
        let slug = Self.slug(name).isEmpty ? "salesforce-rule" : Self.slug(name)
        let ruleSet = RuleSet(name: slug, description: "Salesforce assignment rule '\(name)'", routes: routes, fallback: fallback,
                              queues: queues.map(\.queue), fields: aliases)
        var header = ["Imported by `leadsim import salesforce` from \(URL(fileURLWithPath: file).lastPathComponent),",
                      "assignment rule '\(name)'\(active ? " (active)" : " (not active)"), \(entries.count) entr\(entries.count == 1 ? "y" : "ies").",
                      "Comments give each route's entry number (ruleEntry order in that rule) and its criteria as written."]
        if fallback == nil { header.append("No catch-all last entry: leads no entry matches stay unrouted (as in Salesforce, they keep their creator).") }
        let yaml = YAMLText.ruleSet(ruleSet, header: header, routeComments: comments,
                                    queueComments: Dictionary(queues.map { ($0.queue.name, $0.comment) }, uniquingKeysWith: { a, _ in a }),
                                    fallbackComment: fallbackComment)
        return (ruleSet, yaml)
    }

    static func combine(_ filter: BooleanFilter, _ items: [Condition]) -> Condition {
        switch filter {
        case .item(let n): return items[n - 1]
        case .and(let parts): return parts.count == 1 ? combine(parts[0], items) : .all(parts.map { combine($0, items) })
        case .or(let parts): return parts.count == 1 ? combine(parts[0], items) : .any(parts.map { combine($0, items) })
        case .not(let inner): return negate(combine(inner, items))
        }
    }

    /// Logical negation, written the simple way when there is one (`not missing` is `exists`).
    static func negate(_ c: Condition) -> Condition {
        switch c {
        case .not(let inner): return inner
        case .field(let f, .missing): return .field(f, .exists)
        case .field(let f, .exists): return .field(f, .missing)
        default: return .not(c)
        }
    }

    // MARK: Criteria items

    static let operations = ["equals", "notEqual", "lessThan", "greaterThan", "lessOrEqual", "greaterOrEqual",
                             "contains", "notContain", "startsWith", "includes", "excludes"]

    /// One criteria item as a condition (nil: unsupported, reported) and as people read it.
    mutating func item(_ element: XMLElement, number: Int, entry: Int, path: String) -> (Condition?, String) {
        let sfField = element.value("field") ?? ""
        let operation = element.value("operation") ?? ""
        let raw = element.value("value") ?? ""
        let text = "\(sfField) \(operation) \(raw.isEmpty ? "(blank)" : "\"\(raw)\"")"
        guard !sfField.isEmpty else {
            report(.warning, element, path, "entry \(entry): criteria item \(number) has no field; the entry matches nothing")
            return (nil, text)
        }
        if sfField.contains(":") || sfField.split(separator: ".").count > 2 {
            report(.warning, element, path, "entry \(entry): criteria item \(number) tests a related record's field (\(sfField)), which leads do not carry; the entry matches nothing")
            return (nil, text)
        }
        let field = fieldName(sfField)
        noteField(sfField, element, path)
        let values = Self.splitValues(raw)
        let blank = values.isEmpty
        let typed = values.map { ValueSyntax.fieldValue($0) }
        func equality() -> Condition {
            typed.count == 1 ? .field(field, .equals(typed[0])) : .field(field, .oneOf(typed))
        }
        func anyOf(_ make: (String) -> FieldTest) -> Condition {
            values.count == 1 ? .field(field, make(values[0])) : .any(values.map { .field(field, make($0)) })
        }
        switch operation {
        case "equals":
            return (blank ? .field(field, .missing) : equality(), text)
        case "notEqual":
            return (blank ? .field(field, .exists) : .not(equality()), text)
        case "lessThan", "greaterThan", "lessOrEqual", "greaterOrEqual":
            let op: ComparisonOperator = ["lessThan": .less, "greaterThan": .greater, "lessOrEqual": .lessOrEqual,
                                          "greaterOrEqual": .greaterOrEqual][operation]!
            if blank {
                report(.warning, element, path, "entry \(entry): criteria item \(number) compares with a blank value; it matches nothing")
                return (.any([]), text)
            }
            for (v, t) in zip(values, typed) where !t.isNumber {
                report(.warning, element, path, "entry \(entry): criteria item \(number) compares '\(v)' as text (alphabetical order), not as a number or date")
            }
            let parts = typed.map { Condition.field(field, .compare(op, $0)) }
            return (parts.count == 1 ? parts[0] : .any(parts), text)
        case "contains":
            return (blank ? .field(field, .exists) : anyOf { .contains($0) }, text)
        case "notContain":
            return (blank ? .field(field, .missing) : .not(anyOf { .contains($0) }), text)
        case "startsWith":
            return (blank ? .field(field, .exists) : anyOf { .startsWith($0) }, text)
        case "includes", "excludes":
            if blank { return (.field(field, operation == "includes" ? .missing : .exists), text) }
            let includes = anyOf { .matches(Self.picklistPattern($0)) }
            return (operation == "includes" ? includes : .not(includes), text)
        default:
            report(.warning, element, path, "entry \(entry): criteria item \(number) uses the operation '\(operation)', which leadsim does not support; the entry matches nothing",
                   valid: Self.operations.joined(separator: ", "))
            return (nil, text)
        }
    }

    /// A regular expression true when a multi-select picklist value (`A;B;C`) holds every
    /// `;`-separated value of `value` (case-insensitive).
    static func picklistPattern(_ value: String) -> String {
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return "(?i)" + parts.map { "(?=(^|.*;)\\s*\(NSRegularExpression.escapedPattern(for: $0))\\s*(;|$))" }.joined()
    }

    /// A criteria value split at commas (a double-quoted value may hold commas); blanks dropped.
    static func splitValues(_ raw: String) -> [String] {
        var values: [String] = []
        var current = ""
        var quoted = false
        for c in raw {
            if c == "\"" { quoted.toggle(); continue }
            if c == ",", !quoted {
                values.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        values.append(current)
        return values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The queue of an entry's `assignedTo`, and how the comment names the target.
    mutating func target(_ entry: XMLElement, _ path: String) -> (String, String) {
        let assignee = entry.value("assignedTo") ?? ""
        let type = entry.value("assignedToType") ?? "User"
        let isQueue = type.lowercased() == "queue"
        let display = assignee.isEmpty ? "no assignee (default lead owner)" : "\(isQueue ? "Queue" : "User") \(assignee)"
        if assignee.isEmpty {
            report(.warning, entry, path, "entry has no assignedTo; Salesforce keeps the lead with its default owner, mapped to the queue 'default-lead-owner'")
        } else if !["user", "queue"].contains(type.lowercased()) {
            report(.warning, entry, path, "assignedToType '\(type)' is neither User nor Queue; treating it as a User")
        }
        let name = assignee.isEmpty ? "default-lead-owner" : assignee
        let mapped = isQueue ? map.queues[name] : map.users[name]
        let key = (isQueue ? "queue:" : "user:") + name
        let target: ImportMap.Target
        var routing: SalesforceMetadata.RoutingConfig?
        var queueName: String?
        if let mapped {
            target = mapped
        } else if isQueue, let folder = metadataTarget(queue: name, entry: entry, path: path) {
            (target, routing) = folder
            queueName = Self.slug(name)
        } else {
            let slug = Self.slug(isQueue ? name : String(name.split(separator: "@").first ?? Substring(name)))
            target = isQueue ? .team(slug, strategy: nil) : .rep(slug)
            if !reportedTargets.contains(key) {
                reportedTargets.insert(key)
                unmapped.append(Unmapped(kind: isQueue ? .queue : .user, name: name, using: slug, element: entry, path: path))
            }
        }
        let known = queues.count
        let created = queue(for: target, display: display, named: queueName)
        if queues.count > known {
            let index = queues.count - 1
            noteReps(of: target, queue: isQueue ? name : nil, routing: routing, user: isQueue ? nil : name)
            if let routing { applyRouting(routing, to: index, entry: entry, path: path) }
        }
        return (created, display)
    }

    /// The queue for a target, created on first use (named `preferred` when given); same target, same queue.
    mutating func queue(for target: ImportMap.Target, display: String, named preferred: String? = nil) -> String {
        let key = "\(target)"
        if let existing = queues.first(where: { $0.key == key }) { return existing.queue.name }
        var base: String
        let kind: Queue.Kind
        switch target {
        case .rep(let rep):
            base = rep
            kind = .human(HumanQueue(members: .reps([rep]), assignOffShift: true))
        case .team(let team, let strategy):
            base = team
            kind = .human(HumanQueue(members: .team(team), strategy: strategy ?? map.strategy, assignOffShift: true))
        case .reps(let reps, let strategy):
            base = reps.joined(separator: "-")
            kind = .human(HumanQueue(members: .reps(reps), strategy: strategy ?? map.strategy, assignOffShift: true))
        case .automated:
            base = Self.slug(display.split(separator: " ").dropFirst().joined(separator: " "))
            kind = .automated
        }
        if let preferred, !preferred.isEmpty { base = preferred }
        var name = base.isEmpty ? "queue" : base
        var n = 2
        while queues.contains(where: { $0.queue.name == name }) {
            name = "\(base)-\(n)"
            n += 1
        }
        queues.append((key: key, queue: Queue(name: name, kind: kind), comment: display))
        return name
    }

    static func slug(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("-") { out.append("-") }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

}

extension String {
    var trimmingTrailingCR: String { hasSuffix("\r") ? String(dropLast()) : self }
}

extension FieldValue {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
