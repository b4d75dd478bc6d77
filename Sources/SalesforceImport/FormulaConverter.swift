import ScenarioFile
import SimulationModel
import TextFormats

/// Converts a rule entry's `formula` into a condition when it uses only AND, OR, NOT (also
/// `&&`, `||`, `!`), ISPICKVAL, ISBLANK and comparisons of a field with a literal.
///
/// Anything else (TEXT, CONTAINS, arithmetic, `$User`, cross-object fields …) is reported as
/// unsupported with the reason, and the importer keeps the entry as a route that never matches.
struct FormulaConverter {
    struct Unsupported: Error, Equatable {
        var reason: String
    }

    /// Scenario field name for a Salesforce field reference (always `Lead.Name` here).
    let field: (String) -> String

    /// The condition, and the Salesforce fields the formula reads (`Lead.Name`, in order).
    func convert(_ formula: String) throws(Unsupported) -> (Condition, [String]) {
        var parser = try FormulaParser(formula)
        let expr = try parser.parseAll()
        var fields: [String] = []
        Self.collect(expr, into: &fields)
        return (try condition(expr), fields)
    }

    private static func collect(_ e: FormulaExpr, into fields: inout [String]) {
        switch e {
        case .field(let f): if !fields.contains(f) { fields.append(f) }
        case .call(_, let args), .and(let args), .or(let args): for a in args { collect(a, into: &fields) }
        case .compare(_, let a, let b): collect(a, into: &fields); collect(b, into: &fields)
        case .not(let inner): collect(inner, into: &fields)
        case .text, .number, .bool: break
        }
    }

    private func condition(_ expr: FormulaExpr) throws(Unsupported) -> Condition {
        switch expr {
        case .and(let parts): return .all(try parts.map { (p) throws(Unsupported) in try condition(p) })
        case .or(let parts): return .any(try parts.map { (p) throws(Unsupported) in try condition(p) })
        case .not(let inner): return negate(try condition(inner))
        case .field(let name): return .field(field(name), .equals(.bool(true)))
        case .call(let name, let args):
            switch name.uppercased() {
            case "AND", "OR":
                guard !args.isEmpty else { throw Unsupported(reason: "\(name.uppercased())() without arguments") }
                let parts = try args.map { (a) throws(Unsupported) in try condition(a) }
                return name.uppercased() == "AND" ? .all(parts) : .any(parts)
            case "NOT":
                guard args.count == 1 else { throw Unsupported(reason: "NOT takes one argument, found \(args.count)") }
                return negate(try condition(args[0]))
            case "ISPICKVAL":
                guard args.count == 2, case .field(let f) = args[0], case .text(let value) = args[1] else {
                    throw Unsupported(reason: "ISPICKVAL needs a field and a text literal")
                }
                if value.isEmpty { return .field(field(f), .missing) }
                return .field(field(f), .equals(ValueSyntax.fieldValue(value)))
            case "ISBLANK", "ISNULL":
                guard args.count == 1, case .field(let f) = args[0] else {
                    throw Unsupported(reason: "\(name.uppercased()) needs a field")
                }
                return .field(field(f), .missing)
            default:
                throw Unsupported(reason: "uses \(name.uppercased())()")
            }
        case .compare(let op, let lhs, let rhs):
            var op = op
            let fieldName: String, literal: FormulaExpr
            switch (lhs, rhs) {
            case (.field(let f), let l) where l.isLiteral:
                (fieldName, literal) = (f, l)
            case (let l, .field(let f)) where l.isLiteral:
                (fieldName, literal) = (f, l)
                op = op.flipped
            default:
                throw Unsupported(reason: "compares something other than a field with a literal")
            }
            let value: FieldValue
            switch literal {
            case .text(let t):
                if t.isEmpty {
                    switch op {
                    case .equal: return .field(field(fieldName), .missing)
                    case .notEqual: return .field(field(fieldName), .exists)
                    default: throw Unsupported(reason: "orders a field against an empty text")
                    }
                }
                value = .text(t)
            case .number(let n): value = .number(n)
            case .bool(let b): value = .bool(b)
            default: throw Unsupported(reason: "compares something other than a field with a literal")
            }
            let f = field(fieldName)
            switch op {
            case .equal: return .field(f, .equals(value))
            // A blank field is "not equal" in Salesforce, so negate the whole condition.
            case .notEqual: return .not(.field(f, .equals(value)))
            default: return .field(f, .compare(op, value))
            }
        case .text, .number, .bool:
            throw Unsupported(reason: "a constant is not a condition")
        }
    }

    private func negate(_ c: Condition) -> Condition { ImportSession.negate(c) }
}

indirect enum FormulaExpr: Equatable {
    case field(String)
    case text(String)
    case number(Double)
    case bool(Bool)
    case call(String, [FormulaExpr])
    case compare(ComparisonOperator, FormulaExpr, FormulaExpr)
    case and([FormulaExpr])
    case or([FormulaExpr])
    case not(FormulaExpr)

    var isLiteral: Bool {
        switch self {
        case .text, .number, .bool: return true
        default: return false
        }
    }
}

extension ComparisonOperator {
    /// The operator with its operands swapped (`5 < x` is `x > 5`).
    var flipped: ComparisonOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}

/// Recursive descent over Salesforce formula syntax (the logical subset).
struct FormulaParser {
    enum Token: Equatable {
        case identifier(String), text(String), number(Double)
        case op(String), open, close, comma
    }

    private var tokens: [Token] = []
    private var position = 0
    /// Parentheses, calls and `!` around the current token: bounded so that a formula of
    /// thousands of `(` is an unsupported formula, not a stack overflow.
    private var nesting = 0
    /// Deeper formulas than this are unsupported (the rule sets' own bound on nested conditions).
    static let maximumNesting = 32

    init(_ text: String) throws(FormulaConverter.Unsupported) {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
                // Formula comments.
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
                i = j + 2
                continue
            }
            switch c {
            case "(": tokens.append(.open); i += 1; continue
            case ")": tokens.append(.close); i += 1; continue
            case ",": tokens.append(.comma); i += 1; continue
            default: break
            }
            if c == "\"" || c == "'" {
                var j = i + 1
                var s = ""
                while j < chars.count, chars[j] != c {
                    if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                    s.append(chars[j])
                    j += 1
                }
                guard j < chars.count else { throw .init(reason: "a text literal is never closed") }
                tokens.append(.text(s))
                i = j + 1
                continue
            }
            if c.isASCII && (c.isNumber || c == ".") {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
                guard let n = Double(String(chars[i..<j])) else { throw .init(reason: "'\(String(chars[i..<j]))' is not a number") }
                tokens.append(.number(n))
                i = j
                continue
            }
            if c.isLetter || c == "_" || c == "$" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || "_.$:".contains(chars[j]) { j += 1 }
                tokens.append(.identifier(String(chars[i..<j])))
                i = j
                continue
            }
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            if ["==", "!=", "<>", "<=", ">=", "&&", "||"].contains(two) {
                tokens.append(.op(two))
                i += 2
                continue
            }
            if "=<>!".contains(c) {
                tokens.append(.op(String(c)))
                i += 1
                continue
            }
            throw .init(reason: "uses the operator '\(c)'")
        }
    }

    mutating func parseAll() throws(FormulaConverter.Unsupported) -> FormulaExpr {
        let e = try orExpr()
        guard position == tokens.count else { throw .init(reason: "has text after the end of the expression") }
        return e
    }

    private var current: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func orExpr() throws(FormulaConverter.Unsupported) -> FormulaExpr {
        var parts = [try andExpr()]
        while current == .op("||") { position += 1; parts.append(try andExpr()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func andExpr() throws(FormulaConverter.Unsupported) -> FormulaExpr {
        var parts = [try comparison()]
        while current == .op("&&") { position += 1; parts.append(try comparison()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func comparison() throws(FormulaConverter.Unsupported) -> FormulaExpr {
        let lhs = try unary()
        guard case .op(let symbol) = current, !["&&", "||", "!"].contains(symbol) else { return lhs }
        position += 1
        let rhs = try unary()
        let op: ComparisonOperator
        switch symbol {
        case "=", "==": op = .equal
        case "!=", "<>": op = .notEqual
        case "<": op = .less
        case "<=": op = .lessOrEqual
        case ">": op = .greater
        default: op = .greaterOrEqual
        }
        return .compare(op, lhs, rhs)
    }

    private mutating func unary() throws(FormulaConverter.Unsupported) -> FormulaExpr {
        if current == .op("!") {
            position += 1
            try enter()
            defer { nesting -= 1 }
            return .not(try unary())
        }
        return try primary()
    }

    private mutating func enter() throws(FormulaConverter.Unsupported) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw .init(reason: "nests parentheses, calls and ! more than \(Self.maximumNesting) deep")
        }
    }

    private mutating func primary() throws(FormulaConverter.Unsupported) -> FormulaExpr {
        guard let token = current else { throw .init(reason: "ends too early") }
        position += 1
        switch token {
        case .text(let s): return .text(s)
        case .number(let n): return .number(n)
        case .open:
            try enter()
            defer { nesting -= 1 }
            let e = try orExpr()
            guard current == .close else { throw .init(reason: "has an unclosed '('") }
            position += 1
            return e
        case .identifier(let name):
            if current == .open {
                position += 1
                try enter()
                defer { nesting -= 1 }
                var args: [FormulaExpr] = []
                if current != .close {
                    args.append(try orExpr())
                    while current == .comma { position += 1; args.append(try orExpr()) }
                }
                guard current == .close else { throw .init(reason: "has an unclosed call to \(name.uppercased())") }
                position += 1
                return .call(name, args)
            }
            switch name.uppercased() {
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            case "NULL": return .text("")
            default: break
            }
            if name.hasPrefix("$") { throw .init(reason: "uses the global \(name)") }
            var local = Substring(name)
            if local.lowercased().hasPrefix("lead.") { local = local.dropFirst(5) }
            if local.contains(":") || local.contains(".") {
                throw .init(reason: "uses the cross-object field \(name)")
            }
            return .field("Lead." + local)
        default:
            throw .init(reason: "has an unexpected \(token)")
        }
    }
}
