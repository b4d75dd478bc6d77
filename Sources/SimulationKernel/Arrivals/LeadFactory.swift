import RandomStreams
import RoutingRules
import SimulationModel

/// Draws the fields and the per-lead luck of one source's leads (common random numbers).
///
/// Every draw comes from the lead's own counter stream (`CounterUniforms`), keyed by a seed
/// the source stream hands out at arrival, at a fixed index per purpose. So neither the rule
/// set, nor the reps, nor how many assignments a lead gets can shift any other draw.
///
/// A class: the kernel takes a source's factory at every arrival, and a struct would be
/// copied (its tables retained) each time.
final class LeadFactory: Sendable {
    /// Fixed indices into a lead's counter stream.
    enum Draw {
        static let accountMatch = 0
        static let account = 1
        static let patience = 2
        static let handleTime = 3
        static let enrichmentDelay = 4
        static let enrichmentSuccess = 5
        static func field(_ i: Int) -> Int { 16 + 2 * i }
        static func fieldMissing(_ i: Int) -> Int { 17 + 2 * i }
        /// The touch-delay quantile of the lead's n-th assignment (n from 1).
        static func touchDelay(_ assignment: Int) -> Int { 1_000_000 + assignment }
    }

    private enum Generator: Sendable {
        case categorical(Categorical)
        case conditional(parent: Int, options: CategoricalByParent)
        case numeric(Sampler, scale: Double, integer: Bool)
        case constant(LeadValue)

        /// The value of field number `i` of a lead whose earlier fields are in `values`.
        /// Inlined into `fill`: a call would copy the generator (retaining its tables) per lead.
        @inline(__always)
        func value(_ i: Int, luck: CounterUniforms, values: UnsafeMutableBufferPointer<LeadValue>) -> LeadValue {
            switch self {
            case .categorical(let options):
                return options.pick(luck.uniform(Draw.field(i)))
            case .conditional(let parent, let options):
                return options.pick(luck.uniform(Draw.field(i)), parent: values[parent])
            case .numeric(let sampler, let scale, let integer):
                let x = sampler.quantile(luck.uniform(Draw.field(i))) * scale
                return .number(integer ? x.rounded() : x)
            case .constant(let constant):
                return constant
            }
        }
    }

    /// Values picked by weight from one uniform.
    private struct Categorical: Sendable {
        let values: [LeadValue]
        let table: CategoricalSampler

        init(_ options: [(value: FieldValue, weight: Double)], schema: inout LeadSchema) {
            values = options.map { LeadFactory.leadValue($0.value, schema: &schema) }
            table = CategoricalSampler(weights: options.map(\.weight))
        }

        func pick(_ u: Double) -> LeadValue { values[table.index(u)] }
    }

    /// A conditional field's options for each value of its parent field: texts by symbol
    /// (an array index per lead instead of hashing), numbers and booleans by value.
    private struct CategoricalByParent: Sendable {
        private var bySymbol: [Categorical?] = []
        private var byOtherValue: [LeadValue: Categorical] = [:]

        /// Makes `options` the options for `parent`.
        mutating func set(_ options: Categorical, for parent: LeadValue) {
            guard case .symbol(let symbol) = parent else {
                byOtherValue[parent] = options
                return
            }
            let index = Int(symbol)
            if index >= bySymbol.count { bySymbol += repeatElement(nil, count: index + 1 - bySymbol.count) }
            bySymbol[index] = options
        }

        /// The value `u` picks among the options for `parent`; missing when it has none.
        func pick(_ u: Double, parent: LeadValue) -> LeadValue {
            guard case .symbol(let symbol) = parent else { return byOtherValue[parent]?.pick(u) ?? .missing }
            let index = Int(symbol)
            return index < bySymbol.count ? bySymbol[index]?.pick(u) ?? .missing : .missing
        }
    }

    private struct Field: Sendable {
        let index: Int
        let generator: Generator
        /// Probability that the field arrives missing (enrichment gap).
        let missing: Double
    }

    private let fields: [Field]
    private let accountMatch: Double
    private let accountCount: Int
    let accountField: Int
    /// The built-in `source` field, and this source's name as its value.
    let sourceField: Int
    let sourceValue: LeadValue
    let patience: Sampler?

    /// Interns the source's fields and values into `schema` (call before freezing it).
    init(source: Source, accounts: Accounts?, schema: inout LeadSchema) {
        sourceField = schema.fieldIndex(for: LeadSchema.sourceField)
        sourceValue = .symbol(schema.symbol(for: source.name))
        var built: [Field] = []
        for spec in source.fields {
            let index = schema.fieldIndex(for: spec.name)
            let generator: Generator
            switch spec.generator {
            case .categorical(let options):
                generator = .categorical(Categorical(options, schema: &schema))
            case .conditional(let by, let byValue):
                var options = CategoricalByParent()
                for key in byValue.keys.sorted(by: { $0.description < $1.description }) {
                    let parent = LeadFactory.leadValue(key, schema: &schema)
                    options.set(Categorical(byValue[key]!, schema: &schema), for: parent)
                }
                generator = .conditional(parent: schema.fieldIndex(for: by), options: options)
            case .numeric(let distribution, let scale, let integer):
                generator = .numeric(Sampler(distribution), scale: scale, integer: integer)
            case .constant(let value):
                generator = .constant(LeadFactory.leadValue(value, schema: &schema))
            }
            built.append(Field(index: index, generator: generator, missing: source.missing[spec.name] ?? 0))
        }
        fields = built
        accountMatch = accounts == nil ? 0 : source.accountMatch
        accountCount = accounts?.count ?? 0
        accountField = schema.fieldIndex(for: "account")
        patience = source.patience.map { Sampler($0) }
    }

    static func leadValue(_ value: FieldValue, schema: inout LeadSchema) -> LeadValue {
        switch value {
        case .text(let text): return .symbol(schema.symbol(for: text))
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        }
    }

    /// Writes the lead's fields into `values` (which has `fieldCount` slots, all `.missing`).
    ///
    /// - Parameter revealMissing: true once enrichment has found the fields that arrived missing.
    /// - Returns: whether any field arrived missing.
    @discardableResult
    func fill(_ values: UnsafeMutableBufferPointer<LeadValue>, luck: CounterUniforms, revealMissing: Bool) -> Bool {
        var anyMissing = false
        values[sourceField] = sourceValue
        // Through a buffer: the fields are used in place, not copied (and retained) one by one.
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices {
                let value = fields[i].generator.value(i, luck: luck, values: values)
                let missing = fields[i].missing
                if missing > 0 && luck.uniform(Draw.fieldMissing(i)) < missing {
                    anyMissing = true
                    values[fields[i].index] = revealMissing ? value : .missing
                } else {
                    values[fields[i].index] = value
                }
            }
        }
        if accountCount > 0 && luck.uniform(Draw.accountMatch) < accountMatch {
            values[accountField] = .number(Double(account(luck: luck)))
        }
        return anyMissing
    }

    /// The matched account (0-based), uniform over the accounts.
    func account(luck: CounterUniforms) -> Int {
        min(accountCount - 1, Int(luck.uniform(Draw.account) * Double(accountCount)))
    }
}

/// Sorted arrival times of one burst: `leads` leads uniform over [at, at + over).
struct BurstArrivals {
    private var times: [Instant]
    private var next = 0

    init(burst: Burst, stream: RandomStream, from: Instant, to: Instant) {
        times = (0..<burst.leads).map { _ in burst.at + burst.over * stream.uniform() }
            .filter { $0 >= from && $0 < to }
            .sorted()
    }

    mutating func pop() -> Instant? {
        guard next < times.count else { return nil }
        defer { next += 1 }
        return times[next]
    }
}
