import SimulationModel

/// Every condition of a rule set, compiled to flat arrays of plain values.
///
/// A leaf (one field test) answers a categorical value by looking up a per-symbol table built
/// at compile time, so `matches`, `contains`, `starts_with` and text ordering never run on the
/// hot path for a symbol; numeric tests are intervals or small sets; booleans are two answers.
/// Text operators on numbers and booleans (rare) fall back to the reference evaluator.
struct _ConditionProgram: Sendable {
    enum NodeKind: UInt8, Sendable { case leaf, all, any, not }

    struct Node: Sendable {
        var kind: NodeKind
        /// leaf: leaf index; all/any: first child slot; not: the negated node.
        var first: Int
        /// all/any: end of child slots.
        var end: Int
    }

    enum NumberKind: UInt8, Sendable { case constant, interval, set, reference }

    struct Leaf: Sendable {
        var field: Int
        var ifMissing: Bool
        var ifTrue: Bool
        var ifFalse: Bool
        var numberKind: NumberKind
        /// Inverts an interval or set answer (the parity of `not`s around it).
        var negate: Bool
        var constant: Bool
        var low: Double
        var high: Double
        var lowInclusive: Bool
        var highInclusive: Bool
        /// Index into `numberSets` (set).
        var numberSet: Int
    }

    private(set) var nodes: [Node] = []
    private var children: [Int] = []
    private(set) var leaves: [Leaf] = []
    /// Per leaf: the test and field name, for the reference evaluator and explanations.
    private(set) var tests: [_ValueTest] = []
    private(set) var leafFieldNames: [String] = []
    private var numberSets: [[Double]] = []
    /// Leaf-major answers for every symbol below `symbolStride`.
    private var symbolAnswers: [Bool] = []
    private(set) var symbolStride = 0

    /// Compiles `condition`, interning its fields and texts, and returns its root node.
    mutating func add(_ condition: Condition, route: String, schema: inout LeadSchema) throws -> Int {
        switch condition {
        case .field(let name, let test):
            let valueTest = try _ValueTest(test, field: name, route: route)
            internTexts(of: test, in: &schema)
            leaves.append(makeLeaf(field: schema.fieldIndex(for: name), test: valueTest))
            tests.append(valueTest)
            leafFieldNames.append(name)
            nodes.append(Node(kind: .leaf, first: leaves.count - 1, end: 0))
        case .all(let parts), .any(let parts):
            let roots = try parts.map { try add($0, route: route, schema: &schema) }
            let first = children.count
            children.append(contentsOf: roots)
            let kind: NodeKind
            if case .all = condition { kind = .all } else { kind = .any }
            nodes.append(Node(kind: kind, first: first, end: children.count))
        case .not(let inner):
            let root = try add(inner, route: route, schema: &schema)
            nodes.append(Node(kind: .not, first: root, end: 0))
        }
        return nodes.count - 1
    }

    /// Texts a condition compares with equality get symbols, so a lead carrying them later
    /// shares the symbol the tables were built for.
    private func internTexts(of test: FieldTest, in schema: inout LeadSchema) {
        switch test {
        case .equals(.text(let text)), .compare(_, .text(let text)): _ = schema.symbol(for: text)
        case .oneOf(let values):
            for case .text(let text) in values { _ = schema.symbol(for: text) }
        case .not(let inner): internTexts(of: inner, in: &schema)
        default: break
        }
    }

    private mutating func makeLeaf(field: Int, test: _ValueTest) -> Leaf {
        var leaf = Leaf(field: field, ifMissing: test.holds(for: nil), ifTrue: test.holds(for: .bool(true)),
                        ifFalse: test.holds(for: .bool(false)), numberKind: .constant, negate: false,
                        constant: false, low: 0, high: 0, lowInclusive: true, highInclusive: true, numberSet: 0)
        var base = test
        var negate = false
        while case .not(let inner) = base {
            base = inner
            negate.toggle()
        }
        func interval(_ low: Double, _ high: Double, _ lowInclusive: Bool = true, _ highInclusive: Bool = true) {
            leaf.numberKind = .interval
            (leaf.low, leaf.high, leaf.lowInclusive, leaf.highInclusive) = (low, high, lowInclusive, highInclusive)
        }
        switch base {
        case .equals(.number(let v)): interval(v, v)
        case .notEqual(.number(let v)):
            interval(v, v)
            negate.toggle()
        case .order(let op, .number(let v)):
            switch op {
            case .less: interval(-.infinity, v, true, false)
            case .lessOrEqual: interval(-.infinity, v)
            case .greater: interval(v, .infinity, false, true)
            case .greaterOrEqual: interval(v, .infinity)
            case .equal, .notEqual: interval(v, v) // normalised away by _ValueTest
            }
        case .between(let low, let high): interval(low, high)
        case .oneOf(let values):
            leaf.numberKind = .set
            leaf.numberSet = numberSets.count
            numberSets.append(values.compactMap { if case .number(let v) = $0 { v } else { nil } })
        case .matches, .contains, .startsWith:
            leaf.numberKind = .reference
        case .equals, .notEqual, .order, .exists, .missing, .not:
            leaf.numberKind = .constant
            leaf.constant = test.holds(for: .number(0))
        }
        leaf.negate = negate
        return leaf
    }

    /// Tabulates every leaf's answer for every symbol of `schema`.
    mutating func tabulateSymbols(of schema: LeadSchema) {
        let stride = schema.symbolCount
        guard frozen == nil || stride != symbolStride else { return }
        var answers = [Bool](repeating: false, count: stride * leaves.count)
        for symbol in 0..<stride {
            let value = FieldValue.text(schema.text(of: Int32(symbol)))
            for leaf in tests.indices {
                answers[leaf * stride + symbol] = tests[leaf].holds(for: value)
            }
        }
        symbolAnswers = answers
        symbolStride = stride
        freeze()
    }

    func numberSet(_ index: Int) -> [Double] { numberSets[index] }

    /// The tabulated answer of a leaf for a symbol below `symbolStride`.
    func symbolAnswer(leaf: Int, symbol: Int) -> Bool { symbolAnswers[leaf * symbolStride + symbol] }

    /// The program's storage as raw buffers, for evaluation without bounds checks or
    /// reference counting; valid only inside `withView`.
    struct View: @unchecked Sendable {
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int>
        let leaves: UnsafeBufferPointer<Leaf>
        let symbolAnswers: UnsafeBufferPointer<Bool>
        let numberSets: UnsafeBufferPointer<[Double]>
        let tests: UnsafeBufferPointer<_ValueTest>
        let symbolStride: Int

        @inline(__always)
        func leafHolds(_ index: Int, _ lead: UnsafeBufferPointer<LeadValue>) -> Bool {
            let leaf = leaves[index]
            let value = leaf.field < lead.count ? lead[leaf.field] : .missing
            switch value {
            case .missing: return leaf.ifMissing
            case .bool(let flag): return flag ? leaf.ifTrue : leaf.ifFalse
            case .symbol(let symbol):
                let s = Int(symbol)
                assert(s < symbolStride, "symbol interned after compiling; call tabulateSymbols(of:)")
                return s < symbolStride ? symbolAnswers[index &* symbolStride &+ s] : false
            case .number(let x):
                let answer: Bool
                switch leaf.numberKind {
                case .constant: return leaf.constant
                case .interval:
                    answer = (leaf.lowInclusive ? x >= leaf.low : x > leaf.low)
                        && (leaf.highInclusive ? x <= leaf.high : x < leaf.high)
                case .set: answer = numberSets[leaf.numberSet].contains(x)
                case .reference: return tests[index].holds(for: .number(x))
                }
                return answer != leaf.negate
            }
        }

        func holds(_ node: Int, _ lead: UnsafeBufferPointer<LeadValue>) -> Bool {
            let n = nodes[node]
            switch n.kind {
            case .leaf: return leafHolds(n.first, lead)
            case .all:
                for slot in n.first..<n.end where !holds(children[slot], lead) { return false }
                return true
            case .any:
                for slot in n.first..<n.end where holds(children[slot], lead) { return true }
                return false
            case .not: return !holds(n.first, lead)
            }
        }
    }

    /// Raw-buffer copies of the tables, refreshed by `tabulateSymbols(of:)`.
    private var frozen: (nodes: _Frozen<Node>, children: _Frozen<Int>, leaves: _Frozen<Leaf>, answers: _Frozen<Bool>,
                         sets: _Frozen<[Double]>, tests: _Frozen<_ValueTest>)?

    private mutating func freeze() {
        let f = (_Frozen(nodes), _Frozen(children), _Frozen(leaves), _Frozen(symbolAnswers), _Frozen(numberSets),
                 _Frozen(tests))
        frozen = f
        view = View(nodes: f.0.buffer, children: f.1.buffer, leaves: f.2.buffer, symbolAnswers: f.3.buffer,
                    numberSets: f.4.buffer, tests: f.5.buffer, symbolStride: symbolStride)
    }

    /// The evaluator over the frozen tables; valid while `frozen` lives, as long as this program.
    private(set) var view = View(nodes: .init(start: nil, count: 0), children: .init(start: nil, count: 0),
                                 leaves: .init(start: nil, count: 0), symbolAnswers: .init(start: nil, count: 0),
                                 numberSets: .init(start: nil, count: 0), tests: .init(start: nil, count: 0),
                                 symbolStride: 0)

    func holds(_ node: Int, _ lead: UnsafeBufferPointer<LeadValue>) -> Bool {
        view.holds(node, lead)
    }

    func children(of node: Int) -> [Int] {
        let n = nodes[node]
        return Array(children[n.first..<n.end])
    }
}
