import RoutingRules
import SimulationModel

/// The fixtures' generator and the random strategy's stream.
public typealias SplitMix = SplitMixUniform

extension SplitMixUniform {
    public init(state: UInt64) { self.init(seed: state) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// 1,000,000 generated leads and a 100-route rule set with mixed conditions over 60 reps.
public struct RoutingFixture: @unchecked Sendable {
    public static let leadCount = 1_000_000
    static let regions = ["NA", "EMEA", "APAC", "LATAM"]
    static let countries = ["US", "CA", "UK", "DE", "FR", "AU", "SG", "BR", "MX", "JP"]
    static let languages = ["en", "es", "de", "fr", "pt", "ja"]
    static let sources = ["web", "referral", "event", "partner", "ads"]
    static let titles = ["VP Sales", "Director IT", "CEO", "Engineer", "Head of RevOps", "Intern"]
    static let domains = ["gmail.com", "acme.io", "bigcorp.com", "example.com", "startup.dev", "globex.net"]
    static let strategies: [Strategy] = [.roundRobin, .weightedRoundRobin, .leastLoaded, .loadRatio, .nextAvailable, .random]

    var schema = LeadSchema()
    public let compiled: CompiledRuleSet
    let fieldCount: Int
    /// Lead-major values: lead k is `values[k * fieldCount ..< (k + 1) * fieldCount]`.
    let values: [LeadValue]
    public let repCount: Int

    public init() {
        var random = SplitMix(state: 2026)
        let teams = (0..<6).map { "team-\($0)" }
        var roster: [RosterEntry] = []
        for (t, team) in teams.enumerated() {
            for i in 0..<10 {
                roster.append(RosterEntry(name: "\(team)-\(i)", team: team, weight: Double(1 + (i + t) % 3),
                                          skills: Array(Self.languages.prefix(1 + (i % Self.languages.count)))))
            }
        }
        repCount = roster.count
        var queues = teams.enumerated().map { t, team in
            Queue(name: team, kind: .human(HumanQueue(members: .team(team), strategy: Self.strategies[t],
                                                      skill: t == 2 ? "language" : nil, keepTurn: t == 0)))
        }
        queues.append(Queue(name: "pool", kind: .human(HumanQueue(
            members: .reps(stride(from: 0, to: 60, by: 4).map { roster[$0].name }), strategy: .weightedRoundRobin))))
        queues.append(Queue(name: "nurture", kind: .automated))
        let queueNames = queues.map(\.name)

        // Mixed conditions, mostly specific, so a typical lead tries dozens of routes.
        var routes: [Route] = [Route(name: "named-accounts", when: .field("account", .exists),
                                     destination: .accountOwner, elseQueue: "pool")]
        for r in 1..<100 {
            let region = FieldValue.text(random.pick(Self.regions))
            let country = FieldValue.text(random.pick(Self.countries))
            let threshold = Double(100 * (1 + random.below(50)))
            let condition: Condition
            switch r % 10 {
            case 0: condition = .all([.field("region", .equals(region)), .field("employees", .compare(.greaterOrEqual, .number(threshold * 4)))])
            case 1: condition = .all([.field("country", .oneOf([country, .text(random.pick(Self.countries))])),
                                      .field("score", .compare(.greater, .number(Double(60 + random.below(40)))))])
            case 2: condition = .all([.field("employees", .between(threshold, threshold * 1.2)), .field("demo_intent", .equals(.bool(true)))])
            case 3: condition = .all([.field("email", .contains(random.pick(Self.domains))), .field("score", .compare(.less, .number(Double(random.below(30)))))])
            case 4: condition = .all([.field("title", .startsWith("vp")), .field("region", .equals(region)),
                                      .field("language", .not(.equals(.text("en"))))])
            case 5: condition = .any([.all([.field("source", .equals(.text("partner"))), .field("country", .equals(country))]),
                                      .field("employees", .compare(.greater, .number(19_000 + threshold)))])
            case 6: condition = .all([.field("email", .matches("^[a-z]+\\.\(r)@")), .field("region", .equals(region))])
            case 7: condition = .all([.field("phone", .missing), .field("country", .equals(country)),
                                      .field("score", .between(Double(random.below(50)), Double(50 + random.below(50))))])
            case 8: condition = .all([.not(.field("region", .oneOf([region]))), .field("source", .equals(.text(random.pick(Self.sources)))),
                                      .field("employees", .compare(.less, .number(threshold / 10)))])
            default: condition = .all([.field("country", .equals(country)), .field("title", .equals(.text(random.pick(Self.titles)))),
                                       .field("demo_intent", .equals(.bool(false)))])
            }
            routes.append(Route(name: "route-\(r)", when: condition, destination: .queue(queueNames[r % queueNames.count])))
        }
        let ruleSet = RuleSet(name: "bench", routes: routes, fallback: "pool", queues: queues)

        var schema = LeadSchema()
        var compiled = try! CompiledRuleSet(ruleSet, schema: &schema, roster: roster)
        let fields = ["region", "country", "employees", "score", "demo_intent", "language", "email", "title", "source",
                      "phone", "account"].map { schema.fieldIndex(for: $0) }
        let emails = (0..<5000).map { i in schema.symbol(for: "user.\(i % 120)@\(Self.domains[i % Self.domains.count])") }
        let accounts = (0..<2000).map { schema.symbol(for: "acct-\($0)") }
        let symbols = [Self.regions, Self.countries, Self.languages, Self.titles, Self.sources].map { $0.map { schema.symbol(for: $0) } }
        fieldCount = schema.fieldCount
        var values = [LeadValue](repeating: .missing, count: Self.leadCount * fieldCount)
        for k in 0..<Self.leadCount {
            let base = k * fieldCount
            values[base + fields[0]] = .symbol(random.pick(symbols[0]))
            values[base + fields[1]] = .symbol(random.pick(symbols[1]))
            if random.below(5) != 0 { values[base + fields[2]] = .number(Double(1 + random.below(20_000))) }
            values[base + fields[3]] = .number(Double(random.below(101)))
            values[base + fields[4]] = .bool(random.below(2) == 0)
            values[base + fields[5]] = .symbol(random.pick(symbols[2]))
            values[base + fields[6]] = .symbol(random.pick(emails))
            values[base + fields[7]] = .symbol(random.pick(symbols[3]))
            values[base + fields[8]] = .symbol(random.pick(symbols[4]))
            if random.below(2) == 0 { values[base + fields[9]] = .number(Double(random.below(1_000_000))) }
            if random.below(20) == 0 { values[base + fields[10]] = .symbol(random.pick(accounts)) }
        }
        compiled.tabulateSymbols(of: schema)
        self.schema = schema
        self.compiled = compiled
        self.values = values
    }
}

/// A kernel-like availability view: a slot array, with some reps off shift or at a cap.
public struct BenchReps: AvailabilityView {
    var states: [RepAvailability]

    public init(count: Int) {
        states = (0..<count).map { rep in
            RepAvailability(ineligibility: rep % 9 == 4 ? .offShift : nil, open: rep % 5, capacity: 25, idleSince: Double(rep))
        }
    }

    @inline(__always)
    public func availability(of rep: Int) -> RepAvailability { states[rep] }

    mutating func assigned(_ rep: Int, at time: Double) {
        states[rep].open += 1
        states[rep].idleSince = time
        if states[rep].open >= states[rep].capacity { states[rep].open = 0 }
    }
}

/// Routes and assigns every lead once; returns a checksum so the work cannot be elided.
public func routeAndAssign(_ fixture: RoutingFixture, state: inout AssignmentState, reps: inout BenchReps,
                    random: inout SplitMix) -> Int {
    var checksum = 0
    let width = fixture.fieldCount
    for k in 0..<RoutingFixture.leadCount {
        let lead = LeadView(fixture.values, fields: (k * width)..<((k + 1) * width))
        switch fixture.compiled.route(lead) {
        case .queue(_, let queue), .accountOwner(_, elseQueue: let queue?):
            if let rep = fixture.compiled.pick(queue: queue, lead: lead, excluded: .none, view: reps,
                                               state: &state, random: &random) {
                reps.assigned(rep, at: Double(k))
                checksum &+= rep
            }
        case .accountOwner, .unrouted:
            checksum &+= 1
        }
    }
    return checksum
}

/// Routes every lead once (no assignment).
public func routeOnly(_ fixture: RoutingFixture) -> Int {
    var checksum = 0
    let width = fixture.fieldCount
    for k in 0..<RoutingFixture.leadCount {
        let lead = LeadView(fixture.values, fields: (k * width)..<((k + 1) * width))
        checksum &+= fixture.compiled.route(lead).route ?? -1
    }
    return checksum
}
