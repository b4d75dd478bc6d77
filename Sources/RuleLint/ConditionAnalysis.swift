import SimulationModel

/// What one field may be for a lead to satisfy a conjunction: missing and/or some values.
///
/// Values are split into numbers (a union of intervals) and the rest (texts and booleans: a
/// finite set, or everything but a finite set). Tests the analysis cannot reason about
/// (`matches`, `contains`, `starts_with`, text ordering) are kept as opaque keys: two opaque
/// tests are the same only when they are written the same. Every answer errs on "not proven".
struct FieldConstraint: Equatable, Sendable {
    var allowsMissing: Bool
    var numbers: IntervalSet
    var others: ValueSet
    /// Opaque tests the present value must also pass (all of them).
    var opaque: Set<String> = []

    static let anything = FieldConstraint(allowsMissing: true, numbers: .all, others: .allExcept([]))
    static let present = FieldConstraint(allowsMissing: false, numbers: .all, others: .allExcept([]))
    static let missing = FieldConstraint(allowsMissing: true, numbers: .empty, others: .only([]))

    /// No lead satisfies it (only provable without opaque tests on an empty nominal set).
    var isEmpty: Bool { !allowsMissing && numbers.isEmpty && others.isEmpty }

    func intersection(_ o: FieldConstraint) -> FieldConstraint {
        FieldConstraint(allowsMissing: allowsMissing && o.allowsMissing, numbers: numbers.intersection(o.numbers),
                        others: others.intersection(o.others), opaque: opaque.union(o.opaque))
    }

    /// Whether every lead satisfying `self` satisfies `o` (sound, not complete).
    func isSubset(of o: FieldConstraint) -> Bool {
        if isEmpty { return true }
        if allowsMissing && !o.allowsMissing { return false }
        let presentEmpty = numbers.isEmpty && others.isEmpty
        if presentEmpty { return true }
        guard o.opaque.isSubset(of: opaque) else { return false }
        return numbers.isSubset(of: o.numbers) && others.isSubset(of: o.others)
    }

    /// Leads satisfying either (nil with opaque tests: not representable).
    func union(_ o: FieldConstraint) -> FieldConstraint? {
        guard opaque.isEmpty, o.opaque.isEmpty else { return nil }
        return FieldConstraint(allowsMissing: allowsMissing || o.allowsMissing, numbers: numbers.union(o.numbers),
                               others: others.union(o.others))
    }

    /// The complement over missing-or-any-value; nil when opaque tests make it unknowable.
    var complement: FieldConstraint? {
        guard opaque.isEmpty else { return nil }
        return FieldConstraint(allowsMissing: !allowsMissing, numbers: numbers.complement, others: others.complement)
    }
}

/// A union of intervals of the real line, kept sorted and disjoint.
struct IntervalSet: Equatable, Sendable {
    struct Interval: Equatable, Sendable {
        var low: Double, lowClosed: Bool, high: Double, highClosed: Bool
        var isEmpty: Bool { low > high || (low == high && !(lowClosed && highClosed)) }
    }

    var intervals: [Interval]

    static let empty = IntervalSet(intervals: [])
    static let all = IntervalSet(intervals: [Interval(low: -.infinity, lowClosed: false, high: .infinity, highClosed: false)])

    static func point(_ v: Double) -> IntervalSet { IntervalSet(intervals: [Interval(low: v, lowClosed: true, high: v, highClosed: true)]) }

    static func compare(_ op: ComparisonOperator, _ v: Double) -> IntervalSet {
        switch op {
        case .equal: return .point(v)
        case .notEqual: return point(v).complement
        case .less: return IntervalSet(intervals: [Interval(low: -.infinity, lowClosed: false, high: v, highClosed: false)])
        case .lessOrEqual: return IntervalSet(intervals: [Interval(low: -.infinity, lowClosed: false, high: v, highClosed: true)])
        case .greater: return IntervalSet(intervals: [Interval(low: v, lowClosed: false, high: .infinity, highClosed: false)])
        case .greaterOrEqual: return IntervalSet(intervals: [Interval(low: v, lowClosed: true, high: .infinity, highClosed: false)])
        }
    }

    var isEmpty: Bool { intervals.allSatisfy(\.isEmpty) }

    func intersection(_ o: IntervalSet) -> IntervalSet {
        var out: [Interval] = []
        for a in intervals {
            for b in o.intervals {
                let (low, lowClosed): (Double, Bool) = a.low > b.low ? (a.low, a.lowClosed) : b.low > a.low ? (b.low, b.lowClosed)
                    : (a.low, a.lowClosed && b.lowClosed)
                let (high, highClosed): (Double, Bool) = a.high < b.high ? (a.high, a.highClosed) : b.high < a.high ? (b.high, b.highClosed)
                    : (a.high, a.highClosed && b.highClosed)
                let i = Interval(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed)
                if !i.isEmpty { out.append(i) }
            }
        }
        return IntervalSet(intervals: out.sorted { $0.low < $1.low })
    }

    func union(_ o: IntervalSet) -> IntervalSet { (complement.intersection(o.complement)).complement }

    var complement: IntervalSet {
        var out: [Interval] = []
        var low = -Double.infinity, lowClosed = false
        for i in intervals.filter({ !$0.isEmpty }).sorted(by: { $0.low < $1.low }) {
            let gap = Interval(low: low, lowClosed: lowClosed, high: i.low, highClosed: !i.lowClosed)
            if !gap.isEmpty && !(gap.low == -.infinity && gap.high == -.infinity) { out.append(gap) }
            if i.high > low || (i.high == low && i.highClosed) { (low, lowClosed) = (i.high, !i.highClosed) }
        }
        let tail = Interval(low: low, lowClosed: lowClosed, high: .infinity, highClosed: false)
        if !tail.isEmpty && low != .infinity { out.append(tail) }
        return IntervalSet(intervals: out)
    }

    func isSubset(of o: IntervalSet) -> Bool { intersection(o.complement).isEmpty }
}

/// Texts and booleans: exactly these values, or every value except these.
enum ValueSet: Equatable, Sendable {
    case only(Set<FieldValue>)
    case allExcept(Set<FieldValue>)

    var isEmpty: Bool { if case .only(let s) = self { return s.isEmpty } else { return false } }

    var complement: ValueSet {
        switch self {
        case .only(let s): return .allExcept(s)
        case .allExcept(let s): return .only(s)
        }
    }

    func intersection(_ o: ValueSet) -> ValueSet {
        switch (self, o) {
        case (.only(let a), .only(let b)): return .only(a.intersection(b))
        case (.only(let a), .allExcept(let b)), (.allExcept(let b), .only(let a)): return .only(a.subtracting(b))
        case (.allExcept(let a), .allExcept(let b)): return .allExcept(a.union(b))
        }
    }

    func isSubset(of o: ValueSet) -> Bool { intersection(o.complement).isEmpty }

    func union(_ o: ValueSet) -> ValueSet { complement.intersection(o.complement).complement }
}

/// A conjunction of field constraints (fields not listed are unconstrained).
typealias Term = [String: FieldConstraint]

/// Conditions as a disjunction of conjunctions (DNF), when small enough to reason about.
enum ConditionAnalysis {
    /// At most this many terms; bigger conditions are not analysed (nothing is proven).
    static let termLimit = 256

    /// The DNF of `condition` (nil: matches every lead is `[[:]]`; nil result: not analysable).
    static func terms(_ condition: Condition?) -> [Term]? {
        guard let condition else { return [[:]] }
        return dnf(condition, negated: false)
    }

    private static func dnf(_ c: Condition, negated: Bool) -> [Term]? {
        switch c {
        case .field(let f, let test):
            guard var constraint = self.constraint(test) else {
                // Opaque positive tests still say "present and passes this test".
                guard !negated, let key = opaqueKey(test) else { return nil }
                var k = FieldConstraint.present
                k.opaque = [key]
                return [[f: k]]
            }
            if negated {
                guard let complement = constraint.complement else { return nil }
                constraint = complement
            }
            return constraint.isEmpty ? [] : [[f: constraint]]
        case .not(let inner):
            return dnf(inner, negated: !negated)
        case .all(let parts):
            return negated ? or(parts, negated: true) : and(parts, negated: false)
        case .any(let parts):
            return negated ? and(parts, negated: true) : or(parts, negated: false)
        }
    }

    private static func or(_ parts: [Condition], negated: Bool) -> [Term]? {
        var out: [Term] = []
        for p in parts {
            guard let t = dnf(p, negated: negated) else { return nil }
            out += t
            if out.count > termLimit { return nil }
        }
        return out
    }

    private static func and(_ parts: [Condition], negated: Bool) -> [Term]? {
        var out: [Term] = [[:]]
        for p in parts {
            guard let t = dnf(p, negated: negated) else { return nil }
            var next: [Term] = []
            for a in out {
                for b in t {
                    var merged = a
                    var empty = false
                    for (f, k) in b {
                        let m = merged[f].map { $0.intersection(k) } ?? k
                        if m.isEmpty { empty = true; break }
                        merged[f] = m
                    }
                    if !empty { next.append(merged) }
                }
            }
            out = next
            if out.count > termLimit { return nil }
        }
        return out
    }

    /// The constraint of a field test; nil for tests the analysis treats as opaque.
    static func constraint(_ test: FieldTest) -> FieldConstraint? {
        func present(numbers: IntervalSet = .empty, others: ValueSet = .only([])) -> FieldConstraint {
            FieldConstraint(allowsMissing: false, numbers: numbers, others: others)
        }
        func value(_ v: FieldValue) -> FieldConstraint {
            if case .number(let n) = v { return present(numbers: .point(n)) }
            return present(others: .only([v]))
        }
        switch test {
        case .equals(let v): return value(v)
        case .oneOf(let vs):
            var k = present()
            for v in vs {
                let x = value(v)
                k.numbers = k.numbers.union(x.numbers)
                if case .only(let a) = k.others, case .only(let b) = x.others { k.others = .only(a.union(b)) }
            }
            return k
        case .compare(.equal, let v): return value(v)
        case .compare(.notEqual, let v):
            // Present and different (a missing field fails the test).
            guard let c = value(v).complement else { return nil }
            return present().intersection(FieldConstraint(allowsMissing: false, numbers: c.numbers, others: c.others))
        case .compare(let op, .number(let n)): return present(numbers: .compare(op, n))
        case .compare: return nil
        case .between(let a, let b):
            return present(numbers: IntervalSet(intervals: [.init(low: a, lowClosed: true, high: b, highClosed: true)]))
        case .not(let inner):
            // A field-level not: present, and the inner test fails.
            guard let k = constraint(inner), let c = k.complement else { return nil }
            return FieldConstraint(allowsMissing: false, numbers: c.numbers, others: c.others)
        case .exists: return .present
        case .missing: return .missing
        case .matches, .contains, .startsWith: return nil
        }
    }

    static func opaqueKey(_ test: FieldTest) -> String? {
        switch test {
        case .matches(let p): return "matches \(p)"
        case .contains(let t): return "contains \(t.lowercased())"
        case .startsWith(let t): return "starts_with \(t.lowercased())"
        case .compare(let op, let v): return "\(op.rawValue) \(v)"
        default: return nil
        }
    }

    /// Whether every lead of `term` satisfies at least one of `others` (sound, not complete):
    /// one of them implies it, or the terms that constrain a single field together cover that
    /// field's constraint in `term` (`< 100` and `>= 100` cover `exists`).
    static func covered(_ term: Term, by others: [Term]) -> Bool {
        if others.contains(where: { implies(term, $0) }) { return true }
        var unions: [String: FieldConstraint] = [:]
        for other in others where other.count == 1 {
            let (f, k) = other.first!
            if let u = unions[f] { if let m = u.union(k) { unions[f] = m } } else if k.opaque.isEmpty { unions[f] = k }
        }
        return unions.contains { f, u in (term[f] ?? .anything).isSubset(of: u) }
    }

    /// Whether every lead of `term` satisfies `other` (sound, not complete).
    static func implies(_ term: Term, _ other: Term) -> Bool {
        for (f, k) in other where !(term[f] ?? .anything).isSubset(of: k) { return false }
        return true
    }
}
