/// A Salesforce `booleanFilter` (`1 AND (2 OR 3)`, `NOT 4`, any case), parsed into a tree.
///
/// Precedence is the usual one: NOT binds tightest, then AND, then OR; parentheses group.
/// Salesforce itself asks for parentheses when AND and OR are mixed, so real exports are
/// unambiguous either way.
indirect enum BooleanFilter: Equatable, Sendable {
    /// A criteria item by its 1-based number.
    case item(Int)
    case and([BooleanFilter])
    case or([BooleanFilter])
    case not(BooleanFilter)

    /// Every item number the filter refers to, in order of appearance.
    var items: [Int] {
        switch self {
        case .item(let n): return [n]
        case .and(let parts), .or(let parts): return parts.flatMap(\.items)
        case .not(let inner): return inner.items
        }
    }
}

/// A filter that does not parse: what is wrong and at which 1-based column of the filter text.
struct BooleanFilterError: Error, Equatable, CustomStringConvertible {
    var message: String
    var column: Int
    var description: String { "\(message) (column \(column))" }
}

/// Recursive-descent parser for booleanFilter text.
struct BooleanFilterParser {
    enum Token: Equatable {
        case number(Int)
        case and, or, not, open, close
    }

    private var tokens: [(token: Token, column: Int)] = []
    private var position = 0
    private let length: Int
    /// Parentheses and NOTs around the current token, bounded so that thousands of `(` are
    /// an error, not a stack overflow.
    private var nesting = 0
    /// Deeper filters than this are refused (the rule sets' own bound on nested conditions).
    static let maximumNesting = 32

    /// Parses `text`.
    /// - Throws: `BooleanFilterError` naming the column of the first problem.
    static func parse(_ text: String) throws(BooleanFilterError) -> BooleanFilter {
        var parser = try BooleanFilterParser(text)
        let result = try parser.expression()
        if parser.position < parser.tokens.count {
            let (token, column) = parser.tokens[parser.position]
            throw BooleanFilterError(message: token == .close ? "unmatched ')'" : "expected AND, OR or the end, found \(Self.describe(token))",
                                     column: column)
        }
        return result
    }

    private init(_ text: String) throws(BooleanFilterError) {
        let chars = Array(text)
        length = chars.count
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append((.open, column)); i += 1; continue }
            if c == ")" { tokens.append((.close, column)); i += 1; continue }
            if c.isASCII && c.isNumber {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                guard let n = Int(String(chars[i..<j])), n > 0 else {
                    throw BooleanFilterError(message: "criteria items are numbered from 1", column: column)
                }
                tokens.append((.number(n), column))
                i = j
                continue
            }
            if c.isLetter {
                var j = i
                while j < chars.count, chars[j].isLetter { j += 1 }
                let word = String(chars[i..<j])
                switch word.uppercased() {
                case "AND": tokens.append((.and, column))
                case "OR": tokens.append((.or, column))
                case "NOT": tokens.append((.not, column))
                default:
                    throw BooleanFilterError(message: "unknown word '\(word)' (only AND, OR, NOT, item numbers and parentheses)",
                                             column: column)
                }
                i = j
                continue
            }
            if c == "&" || c == "|" || c == "!" {
                throw BooleanFilterError(message: "'\(c)' is not a booleanFilter operator; write AND, OR or NOT", column: column)
            }
            throw BooleanFilterError(message: "unexpected character '\(c)'", column: column)
        }
    }

    private var current: Token? { position < tokens.count ? tokens[position].token : nil }
    private var column: Int { position < tokens.count ? tokens[position].column : length + 1 }

    private mutating func expression() throws(BooleanFilterError) -> BooleanFilter {
        var parts = [try conjunction()]
        while current == .or {
            position += 1
            parts.append(try conjunction())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func conjunction() throws(BooleanFilterError) -> BooleanFilter {
        var parts = [try unary()]
        while current == .and {
            position += 1
            parts.append(try unary())
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func unary() throws(BooleanFilterError) -> BooleanFilter {
        if current == .not {
            try enter()
            defer { nesting -= 1 }
            position += 1
            return .not(try unary())
        }
        return try primary()
    }

    private mutating func enter() throws(BooleanFilterError) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw BooleanFilterError(message: "parentheses and NOT nested more than \(Self.maximumNesting) deep", column: column)
        }
    }

    private mutating func primary() throws(BooleanFilterError) -> BooleanFilter {
        guard let token = current else {
            throw BooleanFilterError(message: tokens.isEmpty ? "the filter is empty" : "the filter ends too early; expected an item number or '('",
                                     column: column)
        }
        switch token {
        case .number(let n):
            position += 1
            return .item(n)
        case .open:
            let openColumn = column
            try enter()
            defer { nesting -= 1 }
            position += 1
            let inner = try expression()
            guard current == .close else {
                throw BooleanFilterError(message: "'(' at column \(openColumn) is never closed", column: column)
            }
            position += 1
            return inner
        default:
            throw BooleanFilterError(message: "expected an item number or '(', found \(Self.describe(token))", column: column)
        }
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .number(let n): return "\(n)"
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .open: return "'('"
        case .close: return "')'"
        }
    }
}
