import TextFormats
/// The declared shape of scenario and rule-set files: every object's keys, what each key's
/// value may be, and a one-line description.
///
/// One table, two readers: the loader takes each object's key list, required keys, enum
/// words and the `what` of its diagnostics from here (`DocumentReader.map(_:_:_:)`), and
/// `FileFormat.jsonSchema(_:)` renders the same table as JSON Schema for editors. A key added
/// here is accepted by the loader and offered by the editor at once; the loader's typed reads
/// (durations, shares, …) stay in the builders, and the schema's patterns for them sit next to
/// their parsers in `ValueSyntax.Kind`.
public enum FileFormat {
    /// The kinds of YAML files leadsim reads with this table: scenarios, rule sets and the
    /// shift templates of `leadsim shifts`.
    public enum Kind: String, CaseIterable, Sendable {
        case scenario, rules, shifts
    }
}

/// What a value in a file may be.
public indirect enum ValueShape: Sendable {
    /// Non-empty text (a name).
    case text
    /// Text in one of the value syntaxes of SPEC §1 (durations, rates, schedules, …).
    case syntax(ValueSyntax.Kind)
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    /// A non-negative whole number up to `UInt64.max` (seeds).
    case unsignedInteger
    case number(minimum: Double? = nil, exclusiveMinimum: Double? = nil, maximum: Double? = nil)
    case bool
    /// One of a fixed set of words; `what` names it in diagnostics ("unknown strategy 'x'").
    case choice([String], what: String)
    /// Exactly this word.
    case word(String)
    /// A plain scalar lead field value: text, number or true/false.
    case fieldValue
    /// A lead field value that is not a mistyped comparison (`==`, `=>`, `=<`, `<>`).
    case fieldTestValue
    case list(ValueShape, minimum: Int? = nil, maximum: Int? = nil)
    /// A fixed-length list whose items have these shapes (`[low, high]`, `[value, weight]`).
    case tuple([ValueShape])
    case object(ObjectFormat)
    /// A named shape (recursive or shared), rendered once under `$defs`.
    case reference(String)
    /// Any of these shapes (the loader tells them apart by form).
    case anyOf([ValueShape])
    /// Exactly one of these shapes.
    case oneOf([ValueShape])
}

extension ValueShape {
    /// The words of the first `.choice` in this shape (directly or among alternatives).
    var choice: (words: [String], what: String)? {
        switch self {
        case .choice(let words, let what): return (words, what)
        case .anyOf(let shapes), .oneOf(let shapes): return shapes.lazy.compactMap(\.choice).first
        default: return nil
        }
    }

    /// The object format of this shape, when it is a mapping with declared keys.
    var objectFormat: ObjectFormat? {
        if case .object(let format) = self { return format }
        return nil
    }
}

/// One key of an object.
public struct KeyFormat: Sendable {
    public var name: String
    public var shape: ValueShape
    /// One line for people (editor hover text).
    public var summary: String
    public var isRequired: Bool
    /// Why the key is always an error here, when the loader knows it but rejects it with a
    /// specific explanation (`beta` for durations); the schema leaves such keys out.
    public var rejection: String?

    public init(_ name: String, _ shape: ValueShape, _ summary: String, required: Bool = false, rejected: String? = nil) {
        self.name = name
        self.shape = shape
        self.summary = summary
        self.isRequired = required
        self.rejection = rejected
    }
}

/// A YAML mapping with declared keys.
public struct ObjectFormat: Sendable {
    /// Names the object in diagnostics: "unknown key 'x' in a rep".
    public var what: String
    public var keys: [KeyFormat]
    /// The shape of every undeclared key's value, when the object is open (`fields`, `queues`,
    /// conditions); nil when undeclared keys are errors.
    public var otherKeys: ValueShape?
    /// Of these keys, exactly one must be given (a distribution's kind, a queue's members).
    public var exactlyOne: [String]
    /// The fewest keys the object may have.
    public var minimumKeys: Int?

    public init(_ what: String, _ keys: [KeyFormat], otherKeys: ValueShape? = nil, exactlyOne: [String] = [],
                minimumKeys: Int? = nil) {
        self.what = what
        self.keys = keys
        self.otherKeys = otherKeys
        self.exactlyOne = exactlyOne
        self.minimumKeys = minimumKeys
    }

    /// The keys the loader accepts, in declaration order; nil when any key is accepted.
    public var allowed: [String]? { otherKeys == nil ? keys.map(\.name) : nil }

    /// The keys that must be present, in declaration order.
    public var required: [String] { keys.filter(\.isRequired).map(\.name) }

    public subscript(_ name: String) -> KeyFormat? { keys.first { $0.name == name } }

    /// The same object without some keys (`defaults.rep` is a rep without `name` and `count`).
    func removing(_ names: [String], what: String) -> ObjectFormat {
        var copy = self
        copy.what = what
        copy.keys.removeAll { names.contains($0.name) }
        copy.exactlyOne.removeAll { names.contains($0) }
        return copy
    }
}
