import SimulationModel

/// A rule set compiled for fast routing and assignment (SPEC §3).
///
/// Compiling interns every field and text the conditions use into a ``LeadSchema``, turns
/// conditions into flat arrays (categorical answers tabulated per symbol, so regular
/// expressions and case-insensitive matches run once per symbol, not once per lead) and
/// resolves queue members against a roster. The value is immutable and `Sendable`: one
/// compiled rule set serves every replication; mutable strategy state lives in
/// ``AssignmentState``. Its tables live in shared immutable objects, so the value is a few
/// words, cheap to pass on every route and pick.
///
/// Missing fields: a field test on a missing field is false, except `missing`. That holds for
/// the field test `{field: {not: X}}` too (nothing to test, so false), while the condition
/// `not: {...}` is plain logical negation of the whole condition, so `not: {region: EMEA}`
/// holds for a lead without a region.
public struct CompiledRuleSet: Sendable {
    struct CompiledRoute: Sendable {
        var name: String
        /// nil: matches every lead.
        var root: Int?
        var decision: RouteDecision
    }

    public let name: String
    private let compiledRoutes: [CompiledRoute]
    /// What routing reads: conditions, route index, decisions.
    @usableFromInline private(set) var routeTables: _RouteTables
    public let queues: [CompiledQueue]
    /// Roster names, for explanations (empty without a roster).
    public let repNames: [String]
    /// What assignment reads: members, strategies and skills, flattened.
    @usableFromInline let assignmentTables: _AssignmentTables

    /// Compiles `ruleSet`, interning every field and text its conditions use into `schema`.
    ///
    /// - Parameters:
    ///   - ruleSet: A validated rule set.
    ///   - schema: The run's schema; gains the conditions' fields and texts, the `account`
    ///     pseudo-field and the reps' skills.
    ///   - roster: Reps in scenario order; nil to route only (every queue then has no members).
    /// - Throws: ``RoutingError`` for a queue name or rep that does not resolve, or a bad regex.
    /// - Complexity: O(conditions × symbols) for the per-symbol tables.
    public init(_ ruleSet: RuleSet, schema: inout LeadSchema, roster: [RosterEntry]?) throws {
        name = ruleSet.name
        _ = schema.fieldIndex(for: LeadSchema.accountField)
        let queueIndex = Dictionary(ruleSet.queues.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        func resolve(_ queue: String, _ referrer: String) throws -> Int {
            guard let index = queueIndex[queue] else { throw RoutingError.unknownQueue(queue, referencedBy: referrer) }
            return index
        }

        var program = _ConditionProgram()
        var compiledRoutes: [CompiledRoute] = []
        for (index, route) in ruleSet.routes.enumerated() {
            var root: Int?
            if let when = route.when { root = try program.add(when, route: route.name, schema: &schema) }
            let decision: RouteDecision
            switch route.destination {
            case .queue(let queue):
                decision = .queue(route: index, queue: try resolve(queue, "route '\(route.name)'"))
            case .accountOwner:
                decision = .accountOwner(route: index,
                                         elseQueue: try route.elseQueue.map { try resolve($0, "route '\(route.name)' else") })
            }
            compiledRoutes.append(CompiledRoute(name: route.name, root: root, decision: decision))
        }
        self.compiledRoutes = compiledRoutes
        let fallback = try ruleSet.fallback.map { RouteDecision.queue(route: nil, queue: try resolve($0, "fallback")) }
            ?? .unrouted

        let roster = roster ?? []
        repNames = roster.map(\.name)
        var queues: [CompiledQueue] = []
        for queue in ruleSet.queues {
            switch queue.kind {
            case .automated:
                queues.append(CompiledQueue(name: queue.name, isAutomated: true, team: nil, members: [],
                                            strategy: .roundRobin, skillField: nil, keepTurn: false, maxWait: nil,
                                            overflowAfter: nil, overflowTarget: nil, orderByScore: false,
                                            assignOffShift: false))
            case .human(let human):
                let members: [Int]
                let team: String?
                switch human.members {
                case .team(let name):
                    team = name
                    members = roster.indices.filter { roster[$0].team == name }
                case .teams(let names):
                    team = nil
                    members = names.flatMap { name in roster.indices.filter { roster[$0].team == name } }
                case .reps(let names):
                    team = nil
                    members = roster.isEmpty ? [] : try names.map { name in
                        guard let index = roster.firstIndex(where: { $0.name == name }) else {
                            throw RoutingError.unknownRep(name, queue: queue.name)
                        }
                        return index
                    }
                }
                queues.append(CompiledQueue(
                    name: queue.name, isAutomated: false, team: team, members: members, strategy: human.strategy,
                    skillField: human.skill.map { schema.fieldIndex(for: $0) },
                    // Catching up pays skipped members back itself (the loader refuses both).
                    keepTurn: human.keepTurn && human.fairness.absent != .catchUp,
                    maxWait: human.maxWait, overflowAfter: human.overflow?.after,
                    overflowTarget: try human.overflow.map { try resolve($0.to, "queue '\(queue.name)' overflow") },
                    orderByScore: human.order == .score, assignOffShift: human.assignOffShift,
                    catchUpLimit: human.fairness.absent == .catchUp ? human.fairness.catchUpLimit : 0,
                    fairnessReset: human.fairness.reset))
            }
        }
        if let target = ruleSet.sla?.escalateTo { _ = try resolve(target, "sla escalate_to") }
        for queue in ruleSet.queues {
            guard case .human(let human) = queue.kind, case .own(let sla) = human.sla, let target = sla.escalateTo else { continue }
            _ = try resolve(target, "queue '\(queue.name)' sla escalate_to")
        }
        self.queues = queues

        assignmentTables = _AssignmentTables(queues: queues, roster: roster, schema: &schema)
        program.tabulateSymbols(of: schema)
        // Routing slots (see `_RouteTables.roots`).
        var roots: [Int] = [], decisions: [RouteDecision] = []
        for route in compiledRoutes {
            let alternatives = route.root.map { root in
                program.nodes[root].kind == .any ? program.children(of: root) : [root]
            } ?? [-1]
            roots += alternatives
            decisions += Array(repeating: route.decision, count: alternatives.count)
        }
        routeTables = _RouteTables(program: program, roots: roots, decisions: decisions, fallback: fallback)
    }

    /// Extends the per-symbol tables to symbols interned after compiling.
    ///
    /// Call it once the run has interned its categorical values (and account ids), before
    /// routing; a symbol the tables do not know fails every text test.
    /// - Complexity: O(leaves × symbols) when symbols were added, O(1) otherwise.
    public mutating func tabulateSymbols(of schema: LeadSchema) {
        guard schema.symbolCount != routeTables.program.symbolStride else { return }
        // New tables, not changed ones: copies of this value keep theirs.
        routeTables = routeTables.tabulatingSymbols(of: schema)
    }

    public var routeNames: [String] { compiledRoutes.map(\.name) }

    public func queueIndex(named name: String) -> Int? { queues.firstIndex { $0.name == name } }

    /// Member slots: every queue's members, queue after queue (the positions an
    /// ``AvailabilityView`` names in ``AvailabilityView/candidates(word:)``).
    public var memberSlotCount: Int { assignmentTables.memberReps.count }

    /// The member slots of `queue`.
    public func memberSlots(of queue: Int) -> Range<Int> {
        assignmentTables.memberStart[queue]..<assignmentTables.memberEnd[queue]
    }

    /// The rep (roster index) in member slot `slot`.
    public func rep(inMemberSlot slot: Int) -> Int { assignmentTables.memberReps[slot] }

    /// Routes a lead: the first route whose condition holds, else the fallback, else unrouted.
    ///
    /// - Parameter lead: Values by field index of the schema given at compile time.
    /// - Complexity: O(leaves tested); no allocation.
    @inlinable
    public func route(_ lead: LeadView) -> RouteDecision { lead.withFields { routeTables.route($0) } }

    /// ``route(_:)`` on values in memory the caller keeps valid: the simulation kernel's fast path.
    @inlinable
    package func route(_ lead: UnsafeBufferPointer<LeadValue>) -> RouteDecision { routeTables.route(lead) }

    /// The fallback decision (`.queue(route: nil, …)` or `.unrouted`).
    public var fallback: RouteDecision { routeTables.fallbackDecision }

    /// A name for where a decision sends the lead: the queue, `account owner`, or `unrouted`.
    public func destinationName(of decision: RouteDecision) -> String {
        switch decision {
        case .queue(_, let queue): return queues[queue].name
        case .accountOwner(_, let elseQueue):
            return "account owner" + (elseQueue.map { " (else \(queues[$0].name))" } ?? "")
        case .unrouted: return "unrouted"
        }
    }

    var routesForExplanation: [CompiledRoute] { compiledRoutes }

    /// The compiled conditions, for explanations.
    var program: _ConditionProgram { routeTables.program }
}
