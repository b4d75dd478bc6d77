import SimulationModel

/// Interns lead field names to dense indices and categorical texts to `Int32` symbols.
///
/// The simulation kernel owns one schema per run: it stores leads as contiguous buffers of
/// ``LeadValue`` indexed by field index, and categorical values as symbols, so that routing
/// compares integers instead of strings. ``CompiledRuleSet`` interns every field and text its
/// conditions use when it is compiled.
public struct LeadSchema: Sendable {
    /// The pseudo-field holding the lead's matched account id as a symbol (or `.missing`).
    public static let accountField = "account"
    /// The built-in field holding the name of the lead's source (SPEC §7).
    public static let sourceField = "source"

    private var indexByName: [String: Int] = [:]
    public private(set) var fieldNames: [String] = []
    private var symbolByText: [String: Int32] = [:]
    private var texts: [String] = []

    public init() {}

    /// The index of field `name`, interning it when new.
    public mutating func fieldIndex(for name: String) -> Int {
        if let index = indexByName[name] { return index }
        let index = fieldNames.count
        indexByName[name] = index
        fieldNames.append(name)
        return index
    }

    /// The index of field `name`, or nil when no one interned it.
    public func existingFieldIndex(_ name: String) -> Int? { indexByName[name] }

    /// The symbol of `text`, interning it when new.
    public mutating func symbol(for text: String) -> Int32 {
        if let symbol = symbolByText[text] { return symbol }
        let symbol = Int32(texts.count)
        symbolByText[text] = symbol
        texts.append(text)
        return symbol
    }

    /// The symbol of `text`, or nil when no one interned it.
    public func existingSymbol(_ text: String) -> Int32? { symbolByText[text] }

    /// The text of an interned symbol.
    public func text(of symbol: Int32) -> String { texts[Int(symbol)] }

    public var fieldCount: Int { fieldNames.count }
    public var symbolCount: Int { texts.count }

    /// The value of a file or command-line value in this schema (texts are interned).
    public mutating func value(of fieldValue: FieldValue?) -> LeadValue {
        switch fieldValue {
        case nil: return .missing
        case .text(let text)?: return .symbol(symbol(for: text))
        case .number(let number)?: return .number(number)
        case .bool(let flag)?: return .bool(flag)
        }
    }

    /// The file form of `value` (nil when missing).
    public func fieldValue(of value: LeadValue) -> FieldValue? {
        switch value {
        case .missing: return nil
        case .symbol(let symbol): return .text(text(of: symbol))
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        }
    }

    /// The text people read for `value`: its text, number or `true`/`false`, or `missing`.
    public func describe(_ value: LeadValue) -> String {
        fieldValue(of: value)?.description ?? "missing"
    }
}

/// One field of a lead, as the kernel stores it.
public enum LeadValue: Hashable, Sendable {
    case missing
    case number(Double)
    /// A categorical value interned in a ``LeadSchema``.
    case symbol(Int32)
    case bool(Bool)
}
