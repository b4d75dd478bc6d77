import RandomStreams
import RoutingRules
import SimulationModel

/// Account attributes (scenario `accounts.fields`), generated like lead fields.
///
/// Account *i* of a replication draws its fields from its own counter stream, seeded by the
/// *i*-th sub-seed of the replication's `account-fields` stream; so its values are a pure
/// function of (seed, replication, i), computed again whenever they are needed (no table per
/// account), and independent of the `accounts` stream of stale owners and of every lead stream.
final class AccountFields: Sendable {
    static let streamName = "account-fields"

    private let fields: [(index: Int, generator: FieldGenerator)]

    /// Interns the account fields and their values into `schema`; nil without account fields.
    init?(accounts: Accounts?, schema: inout LeadSchema) {
        guard let specs = accounts?.fields, !specs.isEmpty else { return nil }
        fields = specs.map { (schema.fieldIndex(for: $0.name), FieldGenerator($0.generator, schema: &schema)) }
    }

    /// Whether the field with this schema index is an account field.
    func contains(field index: Int) -> Bool { fields.contains { $0.index == index } }

    /// The seed of a replication's account-fields stream.
    static func streamSeed(seed: UInt64, replication: Int) -> UInt64 {
        StreamSeed.derive(seed: seed, replication: replication, name: streamName)
    }

    /// Writes the fields of `account` into `values` (indexed by the schema's fields), in
    /// declaration order, so that a `by:` field sees the account's value of its parent.
    func write(account: Int, streamSeed: UInt64, into values: UnsafeMutableBufferPointer<LeadValue>) {
        let luck = CounterUniforms(seed: StreamSeed.derive(parent: streamSeed, index: account))
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices { values[fields[i].index] = fields[i].generator.value(i, luck: luck, values: values) }
        }
    }
}
