import RandomStreams
import RoutingRules
import SimulationModel

/// How one field's value is drawn: a lead field of a source or an account field alike.
///
/// Field number `i` of a declaration draws uniform `LeadFactory.Draw.field(i)` of the
/// entity's counter stream, so its value depends only on that stream and its place.
enum FieldGenerator: Sendable {
    case categorical(Categorical)
    case conditional(parent: Int, options: CategoricalByParent)
    case numeric(Sampler, scale: Double, integer: Bool)
    case constant(LeadValue)

    /// Interns the generator's values (and its `by:` field) into `schema`.
    init(_ generator: FieldSpec.Generator, schema: inout LeadSchema) {
        switch generator {
        case .categorical(let options):
            self = .categorical(Categorical(options, schema: &schema))
        case .conditional(let by, let byValue):
            var options = CategoricalByParent()
            for key in byValue.keys.sorted(by: { $0.description < $1.description }) {
                let parent = FieldGenerator.leadValue(key, schema: &schema)
                options.set(Categorical(byValue[key]!, schema: &schema), for: parent)
            }
            self = .conditional(parent: schema.fieldIndex(for: by), options: options)
        case .numeric(let distribution, let scale, let integer):
            self = .numeric(Sampler(distribution), scale: scale, integer: integer)
        case .constant(let value):
            self = .constant(FieldGenerator.leadValue(value, schema: &schema))
        }
    }

    static func leadValue(_ value: FieldValue, schema: inout LeadSchema) -> LeadValue {
        switch value {
        case .text(let text): return .symbol(schema.symbol(for: text))
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        }
    }

    /// The value of field number `i` of an entity whose earlier fields are in `values`.
    /// Inlined into the callers' loops: a call would copy the generator (retaining its tables).
    @inline(__always)
    func value(_ i: Int, luck: CounterUniforms, values: UnsafeMutableBufferPointer<LeadValue>) -> LeadValue {
        switch self {
        case .categorical(let options):
            return options.pick(luck.uniform(LeadFactory.Draw.field(i)))
        case .conditional(let parent, let options):
            return options.pick(luck.uniform(LeadFactory.Draw.field(i)), parent: values[parent])
        case .numeric(let sampler, let scale, let integer):
            let x = sampler.quantile(luck.uniform(LeadFactory.Draw.field(i))) * scale
            return .number(integer ? x.rounded() : x)
        case .constant(let constant):
            return constant
        }
    }

    /// Values picked by weight from one uniform.
    struct Categorical: Sendable {
        let values: [LeadValue]
        let table: CategoricalSampler

        init(_ options: [(value: FieldValue, weight: Double)], schema: inout LeadSchema) {
            values = options.map { FieldGenerator.leadValue($0.value, schema: &schema) }
            table = CategoricalSampler(weights: options.map(\.weight))
        }

        func pick(_ u: Double) -> LeadValue { values[table.index(u)] }
    }

    /// A conditional field's options for each value of its parent field: texts by symbol
    /// (an array index per lead instead of hashing), numbers and booleans by value.
    struct CategoricalByParent: Sendable {
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
}
