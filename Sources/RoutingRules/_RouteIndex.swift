/// Which routes can still match, by the value of one field: a bitset of routes per value.
///
/// A route's *literals* are the field tests its condition requires outright to hold (or, under
/// a `not`, to fail): the condition itself, the parts of a top-level `all`, nested `all`s
/// flattened, `not` of an `any` read as an `all` of `not`s. If a literal's answer for the
/// lead's value of its field is wrong, the route cannot match. So for every field with
/// literals the index keeps, per value class, the set of routes not ruled out: one row per
/// symbol, one each for missing, `true` and `false`, and one per elementary region of the
/// number line cut at every bound the field's numeric literals use. Routing ANDs one row per
/// field and looks only at the survivors, in order.
///
/// A route whose condition consists of literals only (no `any` under an `all`) is *exact*:
/// when every row the lead used was exact too (a tabulated symbol, missing, a boolean, or a
/// number in a field without text tests), a survivor is a match and needs no evaluation.
struct _RouteIndex: Sendable {
    /// 64-bit words per bitset, a multiple of 2 (routing takes 128 routes at a time).
    let words: Int
    /// Lead field indices of the indexed fields.
    let fields: [Int]
    /// Per indexed field: its first row, and its number-line bounds in `bounds`.
    let rowStart: [Int]
    let boundStart: [Int]
    let boundEnd: [Int]
    let bounds: [Double]
    let symbolCount: Int
    /// `[row][word]`, rows of all fields concatenated.
    let masks: [UInt64]
    /// The hot path's raw buffers, and the objects that own their memory.
    let raw: Raw
    private let owners: [any AnyObject & Sendable]

    struct Raw: @unchecked Sendable {
        let fields: UnsafeBufferPointer<Int>
        let rowStart: UnsafeBufferPointer<Int>
        let boundStart: UnsafeBufferPointer<Int>
        let boundEnd: UnsafeBufferPointer<Int>
        let bounds: UnsafeBufferPointer<Double>
        let masks: UnsafeBufferPointer<UInt64>
        let valid: UnsafeBufferPointer<UInt64>
        let exact: UnsafeBufferPointer<Bool>
        let numbersExact: UnsafeBufferPointer<Bool>
    }
    /// Bits of existing routes.
    let valid: [UInt64]
    /// Per route: a survivor of exact rows matches without evaluation.
    let exact: [Bool]
    /// Per indexed field: its number rows are exact (no text test on numbers among its literals).
    let numbersExact: [Bool]

    init(program: _ConditionProgram, roots: [Int?]) {
        let words = max(2, (roots.count + 127) / 128 * 2)
        let symbols = program.symbolStride
        var valid = [UInt64](repeating: 0, count: words)
        for route in roots.indices { valid[route / 64] |= 1 << UInt64(route % 64) }

        var literalsByField: [Int: [(route: Int, leaf: Int, positive: Bool)]] = [:]
        var exact = [Bool](repeating: true, count: roots.count)
        for (route, root) in roots.enumerated() {
            guard let root else { continue }
            var complete = true
            for (leaf, positive) in Self.literals(of: root, positive: true, in: program, complete: &complete) {
                literalsByField[program.leaves[leaf].field, default: []].append((route, leaf, positive))
            }
            exact[route] = complete
        }

        let fields = literalsByField.keys.sorted()
        var rowStart: [Int] = [], boundStart: [Int] = [], boundEnd: [Int] = [], bounds: [Double] = []
        var numbersExact: [Bool] = []
        var rows = 0
        for field in fields {
            var cuts = Set<Double>()
            for literal in literalsByField[field]! {
                let leaf = program.leaves[literal.leaf]
                switch leaf.numberKind {
                case .interval: cuts.formUnion([leaf.low, leaf.high].filter(\.isFinite))
                case .set: cuts.formUnion(program.numberSet(leaf.numberSet))
                case .constant, .reference: break
                }
            }
            numbersExact.append(!literalsByField[field]!.contains { program.leaves[$0.leaf].numberKind == .reference })
            rowStart.append(rows)
            boundStart.append(bounds.count)
            bounds.append(contentsOf: cuts.sorted())
            boundEnd.append(bounds.count)
            rows += symbols + 3 + 2 * cuts.count + 1
        }

        var masks = [UInt64](repeating: 0, count: rows * words)
        for row in 0..<rows {
            for w in 0..<words { masks[row * words + w] = valid[w] }
        }
        for (f, field) in fields.enumerated() {
            let cuts = Array(bounds[boundStart[f]..<boundEnd[f]])
            let regions = Self.representatives(of: cuts)
            for (route, leaf, positive) in literalsByField[field]! {
                let clear = ~(UInt64(1) << UInt64(route % 64))
                func rule(_ row: Int, _ holds: Bool) {
                    if holds != positive { masks[(rowStart[f] + row) * words + route / 64] &= clear }
                }
                for symbol in 0..<symbols { rule(symbol, program.symbolAnswer(leaf: leaf, symbol: symbol)) }
                let l = program.leaves[leaf]
                rule(symbols, l.ifMissing)
                rule(symbols + 1, l.ifTrue)
                rule(symbols + 2, l.ifFalse)
                if l.numberKind != .reference {
                    for (region, x) in regions.enumerated() {
                        rule(symbols + 3 + region, program.tests[leaf].holds(for: .number(x)))
                    }
                }
            }
        }
        self.words = words
        self.fields = fields
        self.rowStart = rowStart
        self.boundStart = boundStart
        self.boundEnd = boundEnd
        self.bounds = bounds
        self.symbolCount = symbols
        self.masks = masks
        let owned = (_Frozen(fields), _Frozen(rowStart), _Frozen(boundStart), _Frozen(boundEnd), _Frozen(bounds),
                     _Frozen(masks), _Frozen(valid), _Frozen(exact), _Frozen(numbersExact))
        owners = [owned.0, owned.1, owned.2, owned.3, owned.4, owned.5, owned.6, owned.7, owned.8]
        raw = Raw(fields: owned.0.buffer, rowStart: owned.1.buffer, boundStart: owned.2.buffer, boundEnd: owned.3.buffer,
                  bounds: owned.4.buffer, masks: owned.5.buffer, valid: owned.6.buffer, exact: owned.7.buffer,
                  numbersExact: owned.8.buffer)
        self.valid = valid
        self.exact = exact
        self.numbersExact = numbersExact
    }

    /// The literals a condition requires; `complete` turns false when some part is not one.
    static func literals(of node: Int, positive: Bool, in program: _ConditionProgram,
                         complete: inout Bool) -> [(leaf: Int, positive: Bool)] {
        let n = program.nodes[node]
        switch (n.kind, positive) {
        case (.leaf, _): return [(n.first, positive)]
        case (.not, _): return literals(of: n.first, positive: !positive, in: program, complete: &complete)
        case (.all, true), (.any, false):
            var found: [(leaf: Int, positive: Bool)] = []
            for child in program.children(of: node) {
                found += literals(of: child, positive: positive, in: program, complete: &complete)
            }
            return found
        case (.all, false), (.any, true):
            complete = false
            return []
        }
    }

    /// A number inside each elementary region of the line cut at `cuts` (sorted): below the
    /// first cut, at each cut, between cuts, above the last.
    static func representatives(of cuts: [Double]) -> [Double] {
        guard let first = cuts.first, let last = cuts.last else { return [0] }
        var values = [first - max(1, abs(first))]
        for (i, cut) in cuts.enumerated() {
            values.append(cut)
            values.append(i + 1 < cuts.count ? cut + (cuts[i + 1] - cut) / 2 : last + max(1, abs(last)))
        }
        return values
    }

    /// The row of `value` in field `f`'s masks (nil: rules nothing out), and whether it is exact.
    @inline(__always)
    func row(of value: LeadValue, field f: Int, exact: inout Bool) -> Int? {
        let rowStart = raw.rowStart, boundStart = raw.boundStart, boundEnd = raw.boundEnd, bounds = raw.bounds
        switch value {
        case .symbol(let symbol): return Int(symbol) < symbolCount ? rowStart[f] &+ Int(symbol) : nil
        case .missing: return rowStart[f] &+ symbolCount
        case .bool(let flag): return rowStart[f] &+ symbolCount &+ (flag ? 1 : 2)
        case .number(let x):
            guard !x.isNaN else { return nil }
            if !raw.numbersExact[f] { exact = false }
            // Binary search: region 2i+1 is cut i itself, 2i the gap below it.
            // Branch-free lower bound: the first cut >= x (the numbers are unpredictable).
            var low = boundStart[f], count = boundEnd[f] &- low
            while count > 0 {
                let half = count >> 1
                let lessThanX = bounds[low &+ half] < x
                low = lessThanX ? low &+ half &+ 1 : low
                count = lessThanX ? count &- half &- 1 : half
            }
            let i = low &- boundStart[f]
            let region = low < boundEnd[f] && bounds[low] == x ? 2 &* i &+ 1 : 2 &* i
            return rowStart[f] &+ symbolCount &+ 3 &+ region
        }
    }
}
