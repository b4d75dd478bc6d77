import RandomStreams
import RoutingRules
import SimulationModel

/// Draws the fields and the per-lead luck of one source's leads (common random numbers).
///
/// Every draw comes from the lead's own counter stream (`CounterUniforms`), keyed by a seed
/// the source stream hands out at arrival, at a fixed index per purpose. So neither the rule
/// set, nor the reps, nor how many assignments a lead gets can shift any other draw.
struct LeadFactory: Sendable {
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
        case categorical(values: [LeadValue], table: CategoricalSampler)
        case conditional(parent: Int, tables: [LeadValue: (values: [LeadValue], table: CategoricalSampler)])
        case numeric(Sampler, scale: Double, integer: Bool)
        case constant(LeadValue)
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
    let patience: Sampler?

    /// Interns the source's fields and values into `schema` (call before freezing it).
    init(source: Source, accounts: Accounts?, schema: inout LeadSchema) {
        var built: [Field] = []
        for spec in source.fields {
            let index = schema.fieldIndex(for: spec.name)
            let generator: Generator
            switch spec.generator {
            case .categorical(let options):
                generator = .categorical(
                    values: options.map { LeadFactory.leadValue($0.value, schema: &schema) },
                    table: CategoricalSampler(weights: options.map(\.weight)))
            case .conditional(let by, let byValue):
                var tables: [LeadValue: (values: [LeadValue], table: CategoricalSampler)] = [:]
                for key in byValue.keys.sorted(by: { $0.description < $1.description }) {
                    let options = byValue[key]!
                    tables[LeadFactory.leadValue(key, schema: &schema)] = (
                        options.map { LeadFactory.leadValue($0.value, schema: &schema) },
                        CategoricalSampler(weights: options.map(\.weight)))
                }
                generator = .conditional(parent: schema.fieldIndex(for: by), tables: tables)
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
        for (i, field) in fields.enumerated() {
            let value: LeadValue
            switch field.generator {
            case .categorical(let options, let table):
                value = options[table.index(luck.uniform(Draw.field(i)))]
            case .conditional(let parent, let tables):
                if let entry = tables[values[parent]] {
                    value = entry.values[entry.table.index(luck.uniform(Draw.field(i)))]
                } else {
                    value = .missing
                }
            case .numeric(let sampler, let scale, let integer):
                let x = sampler.quantile(luck.uniform(Draw.field(i))) * scale
                value = .number(integer ? x.rounded() : x)
            case .constant(let constant):
                value = constant
            }
            if field.missing > 0 && luck.uniform(Draw.fieldMissing(i)) < field.missing {
                anyMissing = true
                values[field.index] = revealMissing ? value : .missing
            } else {
                values[field.index] = value
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
