import SimulationModel

/// A field test ready to evaluate on one value: the reference semantics of every operator.
///
/// The hot path never calls it for categorical values (their answers are tabulated per symbol
/// at compile time) nor for numeric comparisons; it serves the rare text operators on numbers
/// and booleans, the per-symbol tables, and explanations.
indirect enum _ValueTest: @unchecked Sendable {
    case equals(FieldValue)
    case oneOf([FieldValue])
    case notEqual(FieldValue)
    case order(ComparisonOperator, FieldValue)
    case between(Double, Double)
    case not(_ValueTest)
    case matches(Regex<AnyRegexOutput>, pattern: String)
    /// Lowercased needle.
    case contains(String)
    /// Lowercased prefix.
    case startsWith(String)
    case exists
    case missing

    init(_ test: FieldTest, field: String, route: String) throws {
        switch test {
        case .equals(let value): self = .equals(value)
        case .oneOf(let values): self = .oneOf(values)
        case .compare(.equal, let value): self = .equals(value)
        case .compare(.notEqual, let value): self = .notEqual(value)
        case .compare(let op, let value): self = .order(op, value)
        case .between(let low, let high): self = .between(low, high)
        case .not(let inner): self = .not(try _ValueTest(inner, field: field, route: route))
        case .matches(let pattern):
            do {
                self = .matches(try Regex(pattern), pattern: pattern)
            } catch {
                throw RoutingError.invalidRegex(route: route, field: field, pattern: pattern, reason: "\(error)")
            }
        case .contains(let text): self = .contains(text.lowercased())
        case .startsWith(let text): self = .startsWith(text.lowercased())
        case .exists: self = .exists
        case .missing: self = .missing
        }
    }

    /// Whether the test holds for a lead whose field has `value` (nil: missing).
    ///
    /// A missing field fails every test except `missing`, `{not: …}` included: the test fails
    /// because there is nothing to test, not because the inner test holds.
    func holds(for value: FieldValue?) -> Bool {
        guard let value else {
            if case .missing = self { return true }
            return false
        }
        switch self {
        case .equals(let expected): return value == expected
        case .oneOf(let expected): return expected.contains(value)
        case .notEqual(let expected): return value != expected
        case .order(let op, let expected):
            switch (value, expected) {
            case (.number(let a), .number(let b)): return Self.order(op, a, b)
            case (.text(let a), .text(let b)): return Self.order(op, a, b)
            default: return false
            }
        case .between(let low, let high):
            if case .number(let number) = value { return low <= number && number <= high }
            return false
        case .not(let inner): return !inner.holds(for: value)
        case .matches(let regex, _): return value.description.contains(regex)
        case .contains(let needle): return value.description.lowercased().contains(needle)
        case .startsWith(let prefix): return value.description.lowercased().hasPrefix(prefix)
        case .exists: return true
        case .missing: return false
        }
    }

    static func order<T: Comparable>(_ op: ComparisonOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }

    /// What the test expects, as people write it: `>= 1000`, `in [en, de]`, `not = EMEA`.
    var expectation: String {
        switch self {
        case .equals(let value): return "= \(value)"
        case .oneOf(let values): return "in [\(values.map(\.description).joined(separator: ", "))]"
        case .notEqual(let value): return "!= \(value)"
        case .order(let op, let value): return "\(op.rawValue) \(value)"
        case .between(let low, let high):
            return "between \(FieldValue.number(low)) and \(FieldValue.number(high))"
        case .not(let inner): return "not \(inner.expectation)"
        case .matches(_, let pattern): return "matches /\(pattern)/"
        case .contains(let text): return "contains \"\(text)\""
        case .startsWith(let text): return "starts with \"\(text)\""
        case .exists: return "exists"
        case .missing: return "missing"
        }
    }
}
