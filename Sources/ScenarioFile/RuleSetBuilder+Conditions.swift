import Foundation
import SimulationModel
import TextFormats
import Yams

extension RuleSetBuilder {
    static let conditionValid = """
        a map of FIELD: TEST (all must hold), or any: [...], all: [...], not: {...}; a TEST is a value, a list \
        of values, "OP value" (OP one of = != < <= > >=), {between: [a, b]}, {not: TEST}, {matches: REGEX}, \
        {contains: TEXT}, {starts_with: TEXT}, exists or missing
        """
    static var testOperators: [String] { FileFormat.testFormat.keys.map(\.name) }
    /// The deepest nesting of `any`, `all` and `not` a condition may have. Real rule sets stay
    /// under 5; the bound keeps loading, routing and lint's analysis fast on any file.
    static let maximumConditionDepth = 32

    /// A condition map: an AND of its keys, where `any`, `all` and `not` combine sub-conditions;
    /// `depth` counts the combinators around it.
    func condition(_ node: Node, _ path: String, depth: Int = 0) -> Condition? {
        guard case .mapping(let mapping) = node else {
            r.error(node, path, "expected a condition (a map of field tests), found \(r.describe(node))",
                    valid: Self.conditionValid)
            return nil
        }
        var parts: [Condition] = []
        var ok = true
        for (keyNode, value) in mapping {
            guard let key = r.scalarText(keyNode) else {
                r.error(keyNode, path, "a condition key must be a field name, found \(r.describe(keyNode))")
                ok = false
                continue
            }
            let here = DocumentReader.join(path, key)
            var part: Condition?
            if ["any", "all", "not"].contains(key), depth >= Self.maximumConditionDepth {
                r.error(keyNode, here, "conditions nested more than \(Self.maximumConditionDepth) deep (any, all and not inside each other)",
                        valid: "at most \(Self.maximumConditionDepth) levels: a flatter condition, or several routes to the same queue")
                ok = false
                continue
            }
            switch key {
            case "any", "all":
                if let items = r.list(value, here, what: "conditions") {
                    if items.isEmpty { r.warning(value, here, "'\(key): []' is always \(key == "all" ? "true" : "false")") }
                    let subs = items.enumerated().map { condition($1, "\(here)[\($0)]", depth: depth + 1) }
                    if !subs.contains(where: { $0 == nil }) {
                        part = key == "any" ? .any(subs.compactMap { $0 }) : .all(subs.compactMap { $0 })
                    }
                }
            case "not":
                part = condition(value, here, depth: depth + 1).map { .not($0) }
            default:
                r.remember(here, keyNode)
                part = test(value, here, depth: depth).map { .field(key, $0) }
            }
            if let part { parts.append(part) } else { ok = false }
        }
        guard ok else { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// The test applied to one field's value (`depth`: the combinators around it, `not` included).
    func test(_ node: Node, _ path: String, depth: Int = 0) -> FieldTest? {
        guard depth <= Self.maximumConditionDepth else {
            r.error(node, path, "tests nested \(depth) deep (not inside not); at most \(Self.maximumConditionDepth)",
                    valid: "one not, or the opposite test")
            return nil
        }
        switch node {
        case .alias:
            r.error(node, path, "aliases are not supported in conditions")
            return nil
        case .sequence(let sequence):
            if sequence.isEmpty { r.warning(node, path, "an empty list matches no lead") }
            let values = sequence.enumerated().map { r.fieldValue($1, "\(path)[\($0)]") }
            return values.contains { $0 == nil } ? nil : .oneOf(values.compactMap { $0 })
        case .scalar(let scalar):
            if r.isNull(node) {
                r.error(node, path, "a field test needs a value", valid: Self.conditionValid)
                return nil
            }
            let text = scalar.string
            if text == "exists" { return .exists }
            if text == "missing" { return .missing }
            if scalar.style != .plain || text.first.map({ "=!<>".contains($0) }) == true,
               let comparison = comparison(text, node, path) {
                return comparison
            }
            if r.hasErrorAt(node) { return nil }
            return r.fieldValue(node, path).map { .equals($0) }
        case .mapping(let mapping):
            guard mapping.count == 1, let (keyNode, value) = mapping.first(where: { _ in true }),
                  let op = r.scalarText(keyNode) else {
                r.error(node, path, "a test map has exactly one operator, found \(mapping.count)",
                        valid: Self.testOperators.joined(separator: ", "))
                return nil
            }
            let here = DocumentReader.join(path, op)
            switch op {
            case "between":
                guard let items = r.list(value, here, what: "two bounds [low, high]") else { return nil }
                guard items.count == 2 else {
                    r.error(value, here, "'between' takes two bounds [low, high], found \(items.count)")
                    return nil
                }
                guard let low = r.number(items[0], here + "[0]"), let high = r.number(items[1], here + "[1]") else { return nil }
                guard low <= high else {
                    r.error(items[1], here + "[1]", "the upper bound is below the lower bound", valid: "[low, high] with low ≤ high")
                    return nil
                }
                return .between(low, high)
            case "not":
                return test(value, here, depth: depth + 1).map { .not($0) }
            case "matches":
                guard let pattern = r.text(value, here, what: "a regular expression") else { return nil }
                do {
                    _ = try NSRegularExpression(pattern: pattern)
                } catch {
                    r.error(value, here, "'\(pattern)' is not a valid regular expression", found: pattern,
                            valid: "an ICU regular expression such as '^(ceo|cto)$'")
                    return nil
                }
                return .matches(pattern)
            case "contains":
                return r.text(value, here, what: "a text").map { .contains($0) }
            case "starts_with":
                return r.text(value, here, what: "a text").map { .startsWith($0) }
            default:
                r.error(keyNode, here, "unknown test '\(op)'", found: op, valid: Self.testOperators.joined(separator: ", "),
                        suggestion: Suggestions.closest(to: op, in: Self.testOperators + ["exists", "missing"]))
                return nil
            }
        }
    }

    /// `"op value"`: nil when the text does not start with an operator (then it is plain equality).
    private func comparison(_ text: String, _ node: Node, _ path: String) -> FieldTest? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (typo, fix) in [("==", "="), ("=>", ">="), ("=<", "<="), ("<>", "!=")] where trimmed.hasPrefix(typo) {
            r.error(node, path, "'\(typo)' is not a comparison operator", found: text,
                    valid: "one of = != < <= > >=", suggestion: fix + " " + trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces))
            return nil
        }
        let ops = ComparisonOperator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        guard let op = ops.first(where: { trimmed.hasPrefix($0.rawValue) }) else { return nil }
        let operand = trimmed.dropFirst(op.rawValue.count).trimmingCharacters(in: .whitespaces)
        // `>== 1000`, `<<5`, `!= = x`: a second operator character is a typo, never a text to compare with.
        if let extra = operand.first, "=!<>".contains(extra) {
            let written = String(trimmed.prefix { "=!<> ".contains($0) }).replacingOccurrences(of: " ", with: "")
            let rest = trimmed.drop { "=!<> ".contains($0) }
            r.error(node, path, "'\(written)' is not a comparison operator", found: text,
                    valid: "one of = != < <= > >=", suggestion: op.rawValue + " " + rest)
            return nil
        }
        guard !operand.isEmpty else {
            r.error(node, path, "'\(op.rawValue)' needs a value to compare with", found: text, valid: "e.g. \">= 1000\"")
            return nil
        }
        let value = ValueSyntax.fieldValue(operand)
        let ordering: [ComparisonOperator] = [.less, .lessOrEqual, .greater, .greaterOrEqual]
        if ordering.contains(op), !value.isNumber {
            r.warning(node, path, "'\(op.rawValue) \(operand)' compares text, not numbers (alphabetical order)")
        }
        return .compare(op, value)
    }
}

extension DocumentReader {
    /// Whether an error was reported at this node already.
    func hasErrorAt(_ node: Node) -> Bool {
        guard let mark = node.mark else { return false }
        return diagnostics.contains { $0.isError && $0.line == mark.line && $0.column == mark.column }
    }
}

extension FieldValue {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
