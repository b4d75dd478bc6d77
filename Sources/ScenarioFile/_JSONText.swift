/// A JSON value with keys kept in the order given, so generated files are stable and read in
/// declaration order (Foundation's encoders either shuffle keys or sort them).
indirect enum _JSONText {
    case object([(String, _JSONText)])
    case array([_JSONText])
    case string(String)
    /// A number written exactly as given (`0`, `1e-6`, `18446744073709551615`).
    case number(String)
    case bool(Bool)

    static func number(_ value: Double) -> _JSONText {
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }

    static func number(_ value: Int) -> _JSONText { .number(String(value)) }

    /// Pretty-printed with two-space indentation; short lists of scalars stay on one line.
    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .object(let entries):
            guard !entries.isEmpty else { return "{}" }
            let lines = entries.map { "\(inner)\(Self.quoted($0.0)): \($0.1.rendered(indent: inner))" }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            let flat = items.allSatisfy(\.isScalar) ? "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" : nil
            if let flat, flat.count + indent.count <= 100 { return flat }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .string(let s): return Self.quoted(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
