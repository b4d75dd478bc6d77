import SimulationModel

/// A rule set compiled for fast routing and assignment (SPEC §3).
///
/// Compiling interns every field and text the conditions use into a ``LeadSchema``, turns
/// conditions into flat arrays (categorical answers tabulated per symbol, so regular
/// expressions and case-insensitive matches run once per symbol, not once per lead) and
/// resolves queue members against a roster. The value is immutable and `Sendable`: one
/// compiled rule set serves every replication; mutable strategy state lives in
/// ``AssignmentState``.
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
    private(set) var program: _ConditionProgram
    private var compiledRoutes: [CompiledRoute]
    private var index: _RouteIndex
    /// Routing slots, in route order: a route whose condition is an `any` takes one slot per
    /// alternative (so the index can rule each out), any other route one slot.
    /// Roots are -1 for a route without condition.
    private var roots: [Int]
    private var decisions: [RouteDecision]
    private let fallbackDecision: RouteDecision
    public let queues: [CompiledQueue]
    /// Roster names, for explanations (empty without a roster).
    public let repNames: [String]

    // Assignment, flattened for the hot path (usable from inlinable `pick`, which the kernel
    // specializes for its own availability view and random stream).
    @usableFromInline let memberStart: [Int]
    @usableFromInline let memberEnd: [Int]
    @usableFromInline let memberReps: [Int]
    @usableFromInline let memberWeights: [Double]
    @usableFromInline let skillFields: [Int]
    @usableFromInline let strategies: [Strategy]
    @usableFromInline let keepTurns: [Bool]
    /// Per rep: its skills as symbols, as numbers (when a number's text form), and booleans.
    @usableFromInline let skillSymbols: [[Int32]]
    @usableFromInline let skillNumbers: [[Double]]
    @usableFromInline let skillYes: [Bool]
    @usableFromInline let skillNo: [Bool]

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
        fallbackDecision = try ruleSet.fallback.map { .queue(route: nil, queue: try resolve($0, "fallback")) } ?? .unrouted

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
                    skillField: human.skill.map { schema.fieldIndex(for: $0) }, keepTurn: human.keepTurn,
                    maxWait: human.maxWait, overflowAfter: human.overflow?.after,
                    overflowTarget: try human.overflow.map { try resolve($0.to, "queue '\(queue.name)' overflow") },
                    orderByScore: human.order == .score, assignOffShift: human.assignOffShift))
            }
        }
        if let target = ruleSet.sla?.escalateTo { _ = try resolve(target, "sla escalate_to") }
        self.queues = queues

        var start: [Int] = [], end: [Int] = [], reps: [Int] = []
        for queue in queues {
            start.append(reps.count)
            reps.append(contentsOf: queue.members)
            end.append(reps.count)
        }
        (memberStart, memberEnd, memberReps) = (start, end, reps)
        memberWeights = reps.map { roster[$0].weight }
        skillFields = queues.map { $0.skillField ?? -1 }
        strategies = queues.map(\.strategy)
        keepTurns = queues.map(\.keepTurn)
        skillSymbols = roster.map { $0.skills.map { schema.symbol(for: $0) } }
        skillNumbers = roster.map { rep in
            rep.skills.compactMap { skill in Double(skill).flatMap { FieldValue.number($0).description == skill ? $0 : nil } }
        }
        skillYes = roster.map { $0.skills.contains("true") }
        skillNo = roster.map { $0.skills.contains("false") }
        program.tabulateSymbols(of: schema)
        self.program = program
        var roots: [Int] = [], decisions: [RouteDecision] = []
        for route in compiledRoutes {
            let alternatives = route.root.map { root in
                program.nodes[root].kind == .any ? program.children(of: root) : [root]
            } ?? [-1]
            roots += alternatives
            decisions += Array(repeating: route.decision, count: alternatives.count)
        }
        (self.roots, self.decisions) = (roots, decisions)
        index = _RouteIndex(program: program, roots: roots.map { $0 < 0 ? nil : $0 })
    }

    /// Extends the per-symbol tables to symbols interned after compiling.
    ///
    /// Call it once the run has interned its categorical values (and account ids), before
    /// routing; a symbol the tables do not know fails every text test.
    /// - Complexity: O(leaves × symbols) when symbols were added, O(1) otherwise.
    public mutating func tabulateSymbols(of schema: LeadSchema) {
        guard schema.symbolCount != program.symbolStride else { return }
        program.tabulateSymbols(of: schema)
        index = _RouteIndex(program: program, roots: roots.map { $0 < 0 ? nil : $0 })
    }

    public var routeNames: [String] { compiledRoutes.map(\.name) }

    public func queueIndex(named name: String) -> Int? { queues.firstIndex { $0.name == name } }

    /// Member slots: every queue's members, queue after queue (the positions an
    /// ``AvailabilityView`` names in ``AvailabilityView/candidates(word:)``).
    public var memberSlotCount: Int { memberReps.count }

    /// The member slots of `queue`.
    public func memberSlots(of queue: Int) -> Range<Int> { memberStart[queue]..<memberEnd[queue] }

    /// The rep (roster index) in member slot `slot`.
    public func rep(inMemberSlot slot: Int) -> Int { memberReps[slot] }

    /// Routes a lead: the first route whose condition holds, else the fallback, else unrouted.
    ///
    /// - Parameter lead: Values by field index of the schema given at compile time; fields
    ///   beyond the buffer count as missing.
    /// - Complexity: O(leaves tested); no allocation.
    public func route(_ lead: UnsafeBufferPointer<LeadValue>) -> RouteDecision {
        let words = index.words
        let raw = index.raw, view = program.view
        // 128 routes at a time: a lane per 64 routes.
        for chunk in stride(from: 0, to: words, by: 2) {
            var candidates = SIMD2(raw.valid[chunk], raw.valid[chunk &+ 1])
            var exactRows = true
            for f in 0..<raw.fields.count {
                let field = raw.fields[f]
                guard let row = index.row(of: field < lead.count ? lead[field] : .missing, field: f,
                                          exact: &exactRows) else {
                    exactRows = false
                    continue
                }
                let base = row &* words &+ chunk
                candidates &= SIMD2(raw.masks[base], raw.masks[base &+ 1])
                if candidates == .zero { break }
            }
            for lane in 0..<2 {
                var bits = candidates[lane]
                while bits != 0 {
                    let route = (chunk &+ lane) &* 64 &+ bits.trailingZeroBitCount
                    let root = roots[route]
                    if root < 0 || (exactRows && raw.exact[route]) || view.holds(root, lead) {
                        return decisions[route]
                    }
                    bits &= bits &- 1
                }
            }
        }
        return fallbackDecision
    }

    /// The fallback decision (`.queue(route: nil, …)` or `.unrouted`).
    public var fallback: RouteDecision { fallbackDecision }

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
}
