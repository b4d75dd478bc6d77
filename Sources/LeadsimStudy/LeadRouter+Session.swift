import RoutingRules
import SimulationModel

extension LeadRouter {
    /// A rule set compiled for the command, with the rotation state of `--scenario`.
    struct Session {
        var schema = LeadSchema()
        var compiled: CompiledRuleSet
        var state: AssignmentState
        var view: IdleReps
        var random: SplitMixUniform
        let assigns: Bool

        init(ruleSet: RuleSet, scenario: Scenario?, seed: UInt64) throws {
            let roster = scenario.map(RosterEntry.roster(of:))
            compiled = try CompiledRuleSet(ruleSet, schema: &schema, roster: roster)
            state = compiled.makeAssignmentState()
            view = IdleReps(capacity: scenario?.reps.map(\.capacityOpen) ?? [])
            random = SplitMixUniform(seed: seed)
            assigns = scenario != nil
        }

        /// Routes leads in order; with a scenario, assigns each and counts it against the rep.
        mutating func route(_ leads: [[(String, FieldValue?)]]) -> [Outcome] {
            let rows = leads.map { fields in fields.map { (schema.fieldIndex(for: $0.0), schema.value(of: $0.1)) } }
            compiled.tabulateSymbols(of: schema)
            return rows.enumerated().map { number, cells in
                var values = [LeadValue](repeating: .missing, count: schema.fieldCount)
                for (index, value) in cells { values[index] = value }
                return outcome(for: LeadView(values), number: number)
            }
        }

        private mutating func outcome(for lead: LeadView, number: Int) -> Outcome {
            let explanation = compiled.explainRoute(lead, schema: schema)
            var outcome = Outcome(
                route: explanation.routeName, fallback: explanation.routeName == nil && explanation.decision != .unrouted,
                destination: explanation.destination, rep: nil,
                steps: explanation.steps.map {
                    .init(route: $0.name, matched: $0.matched, field: $0.failure?.field,
                          actual: $0.failure?.actual, expected: $0.failure?.expected)
                },
                candidates: nil, explanation: explanation, candidateLines: nil)
            guard assigns else { return outcome }
            switch explanation.decision {
            case .queue(_, let queue) where !compiled.queues[queue].isAutomated:
                let rep = compiled.pick(queue: queue, lead: lead, excluded: .none, view: view, state: &state,
                                        random: &random)
                let candidates = compiled.explainAssignment(queue: queue, lead: lead, excluded: .none, view: view,
                                                            schema: schema, picked: rep)
                if let rep {
                    outcome.rep = compiled.repNames[rep]
                    view.assign(rep, at: Double(number + 1))
                } else {
                    outcome.rep = "(none eligible: waits)"
                }
                outcome.candidateLines = candidates.map(\.description)
                outcome.candidates = candidates.map { candidate in
                    switch candidate.outcome {
                    case .picked: return .init(rep: candidate.name, outcome: "picked")
                    case .passedOver: return .init(rep: candidate.name, outcome: "passed over")
                    case .skipped(let reason): return .init(rep: candidate.name, outcome: "skipped", reason: reason.rawValue)
                    }
                }
            case .accountOwner:
                outcome.rep = "(account owner: resolved in simulation)"
            default:
                break
            }
            return outcome
        }
    }

    /// Every rep on shift and idle at the start; each assignment holds a slot for good.
    struct IdleReps: AvailabilityView {
        var open: [Int]
        var capacity: [Int]
        var idleSince: [Double]

        init(capacity: [Int]) {
            self.capacity = capacity
            open = Array(repeating: 0, count: capacity.count)
            idleSince = Array(repeating: 0, count: capacity.count)
        }

        func availability(of rep: Int) -> RepAvailability {
            RepAvailability(ineligibility: open[rep] >= capacity[rep] ? .atOpenCap : nil, open: open[rep],
                            capacity: capacity[rep], idleSince: idleSince[rep])
        }

        mutating func assign(_ rep: Int, at time: Double) {
            open[rep] += 1
            idleSince[rep] = time
        }
    }
}
