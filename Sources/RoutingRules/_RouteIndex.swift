/// Which routes can still match, by the value of one field: a bitset of routes per value.
///
/// A route's *conjunctive leaves* are the field tests its condition requires outright (the
/// condition itself, or the leaves of its top-level `all`, nested `all`s flattened). If one of
/// them fails for the lead's value of its field, the route cannot match. So for every indexed
/// field and every symbol (and for missing, `true` and `false`), the index keeps the set of
/// routes not ruled out; routing ANDs one row per field and evaluates only the survivors, in
/// order. Numbers rule nothing out here (their tests run in full evaluation).
struct _RouteIndex: Sendable {
    /// 64-bit words per bitset.
    let words: Int
    /// Lead field indices of the indexed fields.
    let fields: [Int]
    /// Rows per field: one per symbol, then missing, true, false.
    let rowsPerField: Int
    let symbolCount: Int
    /// `[field][row][word]`, flattened.
    let masks: [UInt64]
    /// Bits of existing routes.
    let valid: [UInt64]

    init(program: _ConditionProgram, roots: [Int?]) {
        let words = max(1, (roots.count + 63) / 64)
        let symbols = program.symbolStride
        var valid = [UInt64](repeating: 0, count: words)
        for route in roots.indices { valid[route / 64] |= 1 << UInt64(route % 64) }

        var leavesByField: [Int: [(route: Int, leaf: Int)]] = [:]
        for (route, root) in roots.enumerated() {
            guard let root else { continue }
            for leaf in Self.conjunctiveLeaves(of: root, in: program) {
                leavesByField[program.leaves[leaf].field, default: []].append((route, leaf))
            }
        }
        let fields = leavesByField.keys.sorted()
        let rowsPerField = symbols + 3
        var masks = [UInt64](repeating: 0, count: fields.count * rowsPerField * words)
        for (f, field) in fields.enumerated() {
            for row in 0..<rowsPerField {
                for w in 0..<words { masks[(f * rowsPerField + row) * words + w] = valid[w] }
            }
            for (route, leaf) in leavesByField[field]! {
                let clear = ~(UInt64(1) << UInt64(route % 64))
                func rule(_ row: Int, _ holds: Bool) {
                    if !holds { masks[(f * rowsPerField + row) * words + route / 64] &= clear }
                }
                for symbol in 0..<symbols { rule(symbol, program.symbolAnswer(leaf: leaf, symbol: symbol)) }
                let l = program.leaves[leaf]
                rule(symbols, l.ifMissing)
                rule(symbols + 1, l.ifTrue)
                rule(symbols + 2, l.ifFalse)
            }
        }
        self.words = words
        self.fields = fields
        self.rowsPerField = rowsPerField
        self.symbolCount = symbols
        self.masks = masks
        self.valid = valid
    }

    static func conjunctiveLeaves(of node: Int, in program: _ConditionProgram) -> [Int] {
        let n = program.nodes[node]
        switch n.kind {
        case .leaf: return [n.first]
        case .all: return program.children(of: node).flatMap { conjunctiveLeaves(of: $0, in: program) }
        case .any, .not: return []
        }
    }

    /// The row of `value` in a field's masks (nil: rules nothing out).
    @inline(__always)
    func row(of value: LeadValue) -> Int? {
        switch value {
        case .symbol(let symbol): return Int(symbol) < symbolCount ? Int(symbol) : nil
        case .missing: return symbolCount
        case .bool(let flag): return symbolCount + (flag ? 1 : 2)
        case .number: return nil
        }
    }
}
