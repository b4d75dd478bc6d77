import SimulationModel

/// Why a lead took the destination it took: the audit answer to "why did it go there?".
public struct RouteExplanation: Sendable, Hashable, CustomStringConvertible {
    /// One route tried, in rule-set order, up to and including the matched one.
    public struct Step: Sendable, Hashable {
        public var route: Int
        public var name: String
        public var matched: Bool
        /// The first condition that failed (nil when matched).
        public var failure: ConditionFailure?
    }

    public var steps: [Step]
    public var decision: RouteDecision
    /// The matched route's name (nil: fallback or unrouted).
    public var routeName: String?
    /// The queue, `account owner (else Q)`, or `unrouted`.
    public var destination: String

    /// One line per route tried, then the outcome.
    public var description: String {
        var lines = steps.map { step in
            "\(step.route + 1). \(step.name): " + (step.matched ? "matched" : "no, \(step.failure?.description ?? "")")
        }
        switch decision {
        case .unrouted: lines.append("-> unrouted (no route matched, no fallback)")
        case .queue(nil, _): lines.append("-> fallback: \(destination)")
        default: lines.append("-> \(routeName ?? ""): \(destination)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The first failing part of a route's condition.
public struct ConditionFailure: Sendable, Hashable, CustomStringConvertible {
    /// The field tested (nil for a failing `any` or `not` over several fields).
    public var field: String?
    /// The lead's value (`missing` when absent); for `any`/`not`, every field's value.
    public var actual: String
    /// What the condition expects: `>= 1000`, `in [en, de]`, `any of [...]`.
    public var expected: String

    public init(field: String?, actual: String, expected: String) {
        (self.field, self.actual, self.expected) = (field, actual, expected)
    }

    public var description: String {
        if let field { return "\(field) is \(actual), expected \(expected)" }
        return "\(actual); expected \(expected)"
    }
}

/// One member of a queue when a rep was picked.
public struct CandidateExplanation: Sendable, Hashable, CustomStringConvertible {
    public enum Outcome: Sendable, Hashable {
        case picked
        /// Eligible, but the strategy chose another rep.
        case passedOver
        case skipped(Ineligibility)
    }

    /// Roster index.
    public var rep: Int
    public var name: String
    public var outcome: Outcome
    public var open: Int
    public var capacity: Int

    public var description: String {
        switch outcome {
        case .picked: return "\(name): picked (open \(open)/\(capacity))"
        case .passedOver: return "\(name): eligible, not picked (open \(open)/\(capacity))"
        case .skipped(let reason): return "\(name): skipped, \(reason.rawValue)"
        }
    }
}

extension CompiledRuleSet {
    /// Tries every route in order and tells, for each one that failed, its first failing
    /// condition with the lead's actual value, then the matched route and destination.
    ///
    /// Decides exactly as ``route(_:)``; meant for `leadsim route`, reports and `--trace`.
    public func explainRoute(_ lead: LeadView, schema: LeadSchema) -> RouteExplanation {
        lead.withFields { explainRoute($0, schema: schema) }
    }

    private func explainRoute(_ lead: UnsafeBufferPointer<LeadValue>, schema: LeadSchema) -> RouteExplanation {
        var steps: [RouteExplanation.Step] = []
        for (index, route) in routesForExplanation.enumerated() {
            if let root = route.root, !program.holds(root, lead) {
                steps.append(.init(route: index, name: route.name, matched: false,
                                   failure: failure(of: root, lead, schema)))
                continue
            }
            steps.append(.init(route: index, name: route.name, matched: true, failure: nil))
            return RouteExplanation(steps: steps, decision: route.decision, routeName: route.name,
                                    destination: destinationName(of: route.decision))
        }
        return RouteExplanation(steps: steps, decision: fallback, routeName: nil,
                                destination: destinationName(of: fallback))
    }

    /// Every member of `queue` with its outcome: picked, eligible but passed over, or why skipped.
    ///
    /// - Parameter picked: The rep ``pick(queue:lead:excluded:view:state:random:)`` returned,
    ///   so that the strategy's choice shows; nil marks every eligible rep as passed over.
    public func explainAssignment<View: AvailabilityView>(
        queue: Int, lead: LeadView, excluded: ExcludedReps, view: View,
        schema: LeadSchema, picked: Int? = nil
    ) -> [CandidateExplanation] {
        queues[queue].members.map { rep in
            let availability = view.availability(of: rep)
            let outcome: CandidateExplanation.Outcome
            if let reason = lead.withFields({
                assignmentTables.ineligibility(of: rep, queue: queue, lead: $0, excluded: excluded,
                                               availability: availability)
            }) {
                outcome = .skipped(reason)
            } else {
                outcome = rep == picked ? .picked : .passedOver
            }
            return CandidateExplanation(rep: rep, name: repNames[rep], outcome: outcome,
                                        open: availability.open, capacity: availability.capacity)
        }
    }

    private func failure(of node: Int, _ lead: UnsafeBufferPointer<LeadValue>, _ schema: LeadSchema) -> ConditionFailure {
        let n = program.nodes[node]
        switch n.kind {
        case .leaf:
            let (field, actual) = value(ofLeaf: n.first, lead, schema)
            return ConditionFailure(field: field, actual: actual, expected: program.tests[n.first].expectation)
        case .all:
            let failing = program.children(of: node).first { !program.holds($0, lead) }!
            return failure(of: failing, lead, schema)
        case .any, .not:
            let actual = leaves(under: node).map { leaf in
                let (field, value) = value(ofLeaf: leaf, lead, schema)
                return "\(field) is \(value)"
            }
            var seen = Set<String>()
            return ConditionFailure(field: nil, actual: actual.filter { seen.insert($0).inserted }.joined(separator: ", "),
                                    expected: describe(node))
        }
    }

    private func value(ofLeaf leaf: Int, _ lead: UnsafeBufferPointer<LeadValue>, _ schema: LeadSchema) -> (String, String) {
        let index = program.leaves[leaf].field
        return (program.leafFieldNames[leaf], schema.describe(index < lead.count ? lead[index] : .missing))
    }

    private func leaves(under node: Int) -> [Int] {
        let n = program.nodes[node]
        switch n.kind {
        case .leaf: return [n.first]
        case .not: return leaves(under: n.first)
        case .all, .any: return program.children(of: node).flatMap(leaves(under:))
        }
    }

    /// A condition as people write it: `region = EMEA`, `any of [a, b]`, `not (c)`.
    func describe(_ node: Int) -> String {
        let n = program.nodes[node]
        switch n.kind {
        case .leaf: return "\(program.leafFieldNames[n.first]) \(program.tests[n.first].expectation)"
        case .all: return "all of [" + program.children(of: node).map(describe).joined(separator: ", ") + "]"
        case .any: return "any of [" + program.children(of: node).map(describe).joined(separator: ", ") + "]"
        case .not: return "not (\(describe(n.first)))"
        }
    }
}
