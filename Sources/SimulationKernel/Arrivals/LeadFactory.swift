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

    private struct Field: Sendable {
        let index: Int
        let generator: FieldGenerator
        /// Probability that the field arrives missing (enrichment gap).
        let missing: Double
        /// An account field too: a lead matching an account has the account's value.
        let fromAccount: Bool
    }

    private let fields: [Field]
    private let accountMatch: Double
    private let accountCount: Int
    let accountField: Int
    /// The account attributes a matching lead takes (nil: accounts have none).
    private let accountFields: AccountFields?
    /// The built-in `source` field, and this source's name as its value.
    let sourceField: Int
    let sourceValue: LeadValue
    let patience: Sampler?

    /// Interns the source's fields and values into `schema` (call before freezing it).
    init(source: Source, accounts: Accounts?, accountFields: AccountFields?, schema: inout LeadSchema) {
        sourceField = schema.fieldIndex(for: LeadSchema.sourceField)
        sourceValue = .symbol(schema.symbol(for: source.name))
        var built: [Field] = []
        for spec in source.fields {
            let index = schema.fieldIndex(for: spec.name)
            let generator = FieldGenerator(spec.generator, schema: &schema)
            built.append(Field(index: index, generator: generator, missing: source.missing[spec.name] ?? 0,
                               fromAccount: accountFields?.contains(field: index) == true))
        }
        fields = built
        accountMatch = accounts == nil ? 0 : source.accountMatch
        accountCount = accounts?.count ?? 0
        accountField = schema.fieldIndex(for: "account")
        self.accountFields = accountFields
        patience = source.patience.map { Sampler($0) }
    }

    /// Writes the lead's fields into `values` (which has `fieldCount` slots, all `.missing`).
    ///
    /// A lead matching an account takes the account's attributes first (never missing: the CRM
    /// has them); its own fields that are account fields are then left as the account has them,
    /// and its other fields see the account's values (`by:`).
    /// - Parameters:
    ///   - revealMissing: true once enrichment has found the fields that arrived missing.
    ///   - accountSeed: The replication's account-fields stream seed (see ``AccountFields``).
    /// - Returns: whether any field arrived missing.
    @discardableResult
    func fill(_ values: UnsafeMutableBufferPointer<LeadValue>, luck: CounterUniforms, revealMissing: Bool,
              accountSeed: UInt64) -> Bool {
        var anyMissing = false
        values[sourceField] = sourceValue
        var takesAccountFields = false
        if accountCount > 0 && luck.uniform(Draw.accountMatch) < accountMatch {
            let account = account(luck: luck)
            values[accountField] = .number(Double(account))
            if let accountFields {
                accountFields.write(account: account, streamSeed: accountSeed, into: values)
                takesAccountFields = true
            }
        }
        // Through a buffer: the fields are used in place, not copied (and retained) one by one.
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices {
                if takesAccountFields && fields[i].fromAccount { continue }
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
