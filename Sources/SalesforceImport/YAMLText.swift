import ScenarioFile
import SimulationModel
import TextFormats

/// Deterministic YAML text for rule sets: flow style when a value fits on a line, block style
/// otherwise, scalars quoted whenever the loader would read them differently.
enum YAMLText {
    indirect enum Value {
        /// Already rendered (quoted when needed).
        case scalar(String)
        case list([Value])
        case map([(String, Value)])
    }

    static let width = 100

    // MARK: Scalars

    /// A field value as the rule-set loader reads it back (`ValueSyntax.fieldValue` for plain text).
    static func scalar(_ value: FieldValue) -> String {
        switch value {
        case .number, .bool: return value.description
        case .text(let s): return text(s)
        }
    }

    /// A text that loads back as exactly this text.
    static func text(_ s: String) -> String {
        if isPlainSafe(s), case .text = ValueSyntax.fieldValue(s), !["exists", "missing", "automated"].contains(s) { return s }
        return quoted(s)
    }

    /// A name (key, queue, route): plain when safe, quoted otherwise.
    static func name(_ s: String) -> String { isPlainSafe(s) ? s : quoted(s) }

    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "_" else { return false }
        guard last != " " else { return false }
        if ["null", "Null", "NULL", "~", "true", "false", "True", "False", "TRUE", "FALSE"].contains(s) { return false }
        for c in s.unicodeScalars {
            if c.properties.isAlphabetic || ("0"..."9").contains(c) { continue }
            if !"_ .@/+-()'".unicodeScalars.contains(c) { return false }
        }
        return true
    }

    /// A double-quoted YAML scalar: a JSON string literal (its escapes are valid YAML ones).
    static func quoted(_ s: String) -> String { JSONValue.quoted(s) }

    // MARK: Structures

    static func flow(_ v: Value) -> String {
        switch v {
        case .scalar(let s): return s
        case .list(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\(name($0.0)): \(flow($0.1))" }.joined(separator: ", ") + "}"
        }
    }

    /// `prefix value` at `indent`, breaking into block style when the flow form is too wide.
    static func lines(_ v: Value, indent: Int, prefix: String) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let oneLine = pad + prefix + flow(v)
        if case .scalar = v { return [oneLine] }
        if oneLine.count <= width { return [oneLine] }
        let head = pad + prefix.trimmingTrailingSpace
        switch v {
        case .scalar: return [oneLine]
        case .map(let entries):
            return [head] + entries.flatMap { lines($0.1, indent: indent + 2, prefix: name($0.0) + ": ") }
        case .list(let items):
            return [head] + items.flatMap { item in listItem(item, indent: indent + 2) }
        }
    }

    /// One `- item` of a block list at `indent`.
    static func listItem(_ item: Value, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let oneLine = pad + "- " + flow(item)
        if oneLine.count <= width { return [oneLine] }
        switch item {
        case .map(let entries) where !entries.isEmpty:
            var body = entries.flatMap { lines($0.1, indent: indent + 2, prefix: name($0.0) + ": ") }
            body[0] = pad + "- " + body[0].dropFirst(indent + 2)
            return body
        case .list(let items):
            return [pad + "-"] + items.flatMap { listItem($0, indent: indent + 2) }
        default:
            return [oneLine]
        }
    }

    // MARK: Conditions

    static func condition(_ c: Condition) -> Value {
        switch c {
        case .field(let f, let test):
            return .map([(f, self.test(test))])
        case .all(let parts):
            // A map is an AND of its keys: merge plain field tests on distinct fields.
            var entries: [(String, Value)] = []
            var mergeable = !parts.isEmpty
            for part in parts {
                guard case .field(let f, let t) = part, !entries.contains(where: { $0.0 == f }),
                      !["any", "all", "not"].contains(f) else { mergeable = false; break }
                entries.append((f, test(t)))
            }
            if mergeable { return .map(entries) }
            return .map([("all", .list(parts.map(condition)))])
        case .any(let parts):
            return .map([("any", .list(parts.map(condition)))])
        case .not(let inner):
            return .map([("not", condition(inner))])
        }
    }

    static func test(_ t: FieldTest) -> Value {
        switch t {
        case .equals(let v):
            // A text starting with an operator character would read as a comparison.
            if case .text(let s) = v, let first = s.first, "=!<>".contains(first) { return .list([.scalar(scalar(v))]) }
            return .scalar(scalar(v))
        case .oneOf(let vs): return .list(vs.map { .scalar(scalar($0)) })
        case .compare(let op, let v): return .scalar(quoted("\(op.rawValue) \(v.description)"))
        case .between(let a, let b):
            return .map([("between", .list([.scalar(FieldValue.number(a).description), .scalar(FieldValue.number(b).description)]))])
        case .not(let inner): return .map([("not", test(inner))])
        case .matches(let pattern): return .map([("matches", .scalar(quoted(pattern)))])
        case .contains(let s): return .map([("contains", .scalar(text(s)))])
        case .startsWith(let s): return .map([("starts_with", .scalar(text(s)))])
        case .exists: return .scalar("exists")
        case .missing: return .scalar("missing")
        }
    }

    /// Whole seconds as the loader reads them back exactly: `45s`, `1h30m`, `2d`.
    static func duration(_ seconds: Seconds) -> String {
        var left = Int(seconds.rounded())
        guard left > 0 else { return "0s" }
        var out = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where left >= size {
            out += "\(left / size)\(unit)"
            left %= size
        }
        return out
    }

    // MARK: Rule sets

    /// Above `fields:`: what the aliases are for.
    static let fieldsComment = [
        "The Salesforce names of each field: a CSV column (route --leads, replay:, history files)",
        "named by any of them is read as the field, so exports need no renaming.",
    ]

    /// Above `queues:` when a queue assigns off shift: why, and what removing it means.
    static let offShiftComment = [
        "assign_off_shift: true, as in Salesforce: the rule assigns a lead the moment it runs, whether",
        "or not the owner is on shift (the first touch still waits for the owner's shift). Remove it",
        "to have leads wait in the queue until one of its reps is on shift.",
    ]

    /// The YAML of `ruleSet`; `comments` are written above each route (by index), `queueComments`
    /// after each queue, `fallbackComment` after the fallback, `header` at the top.
    static func ruleSet(_ ruleSet: RuleSet, header: [String], routeComments: [[String]], queueComments: [String: String],
                        fallbackComment: String?) -> String {
        var out: [String] = header.map { "# " + $0 }
        out.append("name: \(name(ruleSet.name))")
        if let d = ruleSet.description { out.append("description: \(quoted(d))") }
        if !ruleSet.fields.isEmpty {
            out += fieldsComment.map { "# " + $0 }
            out.append("fields:")
            for entry in ruleSet.fields.entries where !entry.aliases.isEmpty {
                out += lines(.map([("aliases", .list(entry.aliases.map { .scalar(text($0)) }))]), indent: 2,
                             prefix: name(entry.field) + ": ")
            }
        }
        if !ruleSet.routes.isEmpty {
            out.append("routes:")
            for (i, route) in ruleSet.routes.enumerated() {
                if i < routeComments.count { out += routeComments[i].map { "  # " + $0 } }
                out.append("  - name: \(name(route.name))")
                if let when = route.when { out += lines(condition(when), indent: 4, prefix: "when: ") }
                switch route.destination {
                case .queue(let q): out.append("    to: \(name(q))")
                case .accountOwner: out.append("    to: account-owner")
                }
                if let e = route.elseQueue { out.append("    else: \(name(e))") }
            }
        }
        if let fallback = ruleSet.fallback {
            out.append("fallback: \(name(fallback))" + (fallbackComment.map { "  # " + $0 } ?? ""))
        }
        if ruleSet.queues.contains(where: { if case .human(let h) = $0.kind { return h.assignOffShift } else { return false } }) {
            out += offShiftComment.map { "# " + $0 }
        }
        out.append("queues:")
        for queue in ruleSet.queues {
            let value: Value
            switch queue.kind {
            case .automated: value = .scalar("automated")
            case .human(let h):
                var entries: [(String, Value)] = []
                switch h.members {
                case .team(let t): entries.append(("team", .scalar(name(t))))
                case .teams(let ts): entries.append(("team", .list(ts.map { .scalar(name($0)) })))
                case .reps(let r): entries.append(("reps", .list(r.map { .scalar(name($0)) })))
                }
                if case .reps(let r) = h.members, r.count == 1 {} else { entries.append(("strategy", .scalar(h.strategy.rawValue))) }
                if h.assignOffShift { entries.append(("assign_off_shift", .scalar("true"))) }
                if let overflow = h.overflow {
                    entries.append(("overflow", .map([("after", .scalar(duration(overflow.after))), ("to", .scalar(name(overflow.to)))])))
                }
                if case .own(let sla) = h.sla {
                    entries.append(("sla", .map([("first_touch", .scalar(duration(sla.firstTouch))),
                                                 ("on_breach", .scalar(sla.onBreach.rawValue))])))
                }
                value = .map(entries)
            }
            var queueLines = lines(value, indent: 2, prefix: name(queue.name) + ": ")
            if let comment = queueComments[queue.name] { queueLines[0] += "  # " + comment }
            out += queueLines
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpace: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
