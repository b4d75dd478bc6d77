/// A JSON document with keys in a fixed order, written the same way every time.
///
/// `JSONEncoder` orders dictionary keys by hash unless told otherwise and prints doubles in
/// its own way; reports must be byte-identical for the same inputs, so they are built from
/// this small tree instead: objects keep their insertion order, numbers print with Swift's
/// shortest round-trip `description` (integral values without `.0`), and NaN or infinity
/// become `null`.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    /// A number written exactly as given (`18446744073709551615`, beyond a Double's precision).
    case literal(String)
    case string(String)
    case array([JSONValue])
    /// Keys in the order they are written.
    case object([JSONMember])

    /// The text of the document: two-space indentation, small flat objects and arrays of
    /// scalars on one line, and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The text of a number as written in JSON (`null` when not finite).
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    /// The JSON string literal of `text`.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Written on one line: scalars, arrays of scalars, and objects of at most four members
    /// whose values are scalars or arrays of scalars (`{"mean": 1, "ci95": [0, 2]}`).
    private var isCompact: Bool {
        switch self {
        case .array(let items): return items.allSatisfy(\.isScalar)
        case .object(let members):
            return members.count <= 4 && members.allSatisfy { member in
                if case .array(let items) = member.value { return items.allSatisfy(\.isScalar) }
                return member.value.isScalar
            }
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v): out += Self.numberText(v)
        case .literal(let text): out += text
        case .string(let s): out += Self.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if isCompact {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if isCompact {
                out += "{"
                for (i, member) in members.enumerated() {
                    if i > 0 { out += ", " }
                    out += Self.quoted(member.key) + ": "
                    member.value.write(into: &out, indent: indent)
                }
                out += "}"
                return
            }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += pad + Self.quoted(member.key) + ": "
                member.value.write(into: &out, indent: indent + 1)
                out += i < members.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }
}

/// One key and value of a JSON object.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
