import RoutingRules
import SimulationModel

/// Terse rule-set construction for tests (the YAML loader lives elsewhere).
enum Build {
    static func ruleSet(_ routes: [Route], fallback: String? = nil, queues: [Queue]) -> RuleSet {
        RuleSet(name: "test", routes: routes, fallback: fallback, queues: queues)
    }

    static func route(_ name: String, _ when: Condition?, to queue: String) -> Route {
        Route(name: name, when: when, destination: .queue(queue))
    }

    static func human(_ name: String, _ members: HumanQueue.Members, _ strategy: Strategy = .roundRobin,
                      skill: String? = nil, keepTurn: Bool = false, fairness: RoundRobinFairness = .skip) -> Queue {
        Queue(name: name, kind: .human(HumanQueue(members: members, strategy: strategy, skill: skill, keepTurn: keepTurn,
                                                  fairness: fairness)))
    }

    static func automated(_ name: String) -> Queue { Queue(name: name, kind: .automated) }

    /// Queues named after every destination, each with no members.
    static func queues(_ names: String...) -> [Queue] { names.map { human($0, .reps([])) } }
}

/// `{field: test}`.
func field(_ name: String, _ test: FieldTest) -> Condition { .field(name, test) }

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// A lead under construction: field values by name, interned into the schema.
struct TestLead {
    var values: [LeadValue]

    init(_ fields: [String: FieldValue?], schema: inout LeadSchema) {
        for name in fields.keys { _ = schema.fieldIndex(for: name) }
        values = Array(repeating: .missing, count: schema.fieldCount)
        for (name, value) in fields { values[schema.fieldIndex(for: name)] = schema.value(of: value) }
    }

    var view: LeadView { LeadView(values) }
}

/// A compiled rule set with its schema, routing leads given as dictionaries.
struct Harness {
    var schema = LeadSchema()
    var compiled: CompiledRuleSet

    init(_ ruleSet: RuleSet, roster: [RosterEntry]? = nil) throws {
        compiled = try CompiledRuleSet(ruleSet, schema: &schema, roster: roster)
    }

    mutating func lead(_ fields: [String: FieldValue?]) -> TestLead {
        let lead = TestLead(fields, schema: &schema)
        compiled.tabulateSymbols(of: schema)
        return lead
    }

    /// The destination name of a lead.
    mutating func destination(_ fields: [String: FieldValue?]) -> String {
        let lead = lead(fields)
        return compiled.destinationName(of: compiled.route(lead.view))
    }

    mutating func explain(_ fields: [String: FieldValue?]) -> String {
        let lead = lead(fields)
        return compiled.explainRoute(lead.view, schema: schema).description
    }
}

/// Availability set per rep by the test.
struct Reps: AvailabilityView {
    var states: [RepAvailability]

    init(count: Int) { states = Array(repeating: RepAvailability(capacity: 10), count: count) }

    func availability(of rep: Int) -> RepAvailability { states[rep] }

    subscript(rep: Int) -> RepAvailability {
        get { states[rep] }
        set { states[rep] = newValue }
    }
}

/// Seeded uniforms for tests.
typealias SeededUniform = SplitMixUniform

extension SplitMixUniform {
    init(state: UInt64) { self.init(seed: state) }
}
