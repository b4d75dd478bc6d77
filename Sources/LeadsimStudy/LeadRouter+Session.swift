import RoutingRules
import SimulationKernel
import SimulationModel

extension LeadRouter {
    /// A rule set compiled for the command, with the rotation state of `--scenario`.
    struct Session {
        var schema = LeadSchema()
        var compiled: CompiledRuleSet
        var state: AssignmentState
        var view: IdleReps
        var random: SplitMixUniform
        /// The scenario and the reps who work in it (templates left out), when assigning.
        let world: (scenario: Scenario, reps: [Rep])?

        init(ruleSet: RuleSet, scenario: Scenario?, seed: UInt64) throws {
            world = scenario.map { ($0, $0.reps.filter { !$0.isTemplate }) }
            let roster = world.map { world in
                world.reps.map { RosterEntry(name: $0.name, team: $0.team, weight: $0.weight, skills: $0.skills) }
            }
            compiled = try CompiledRuleSet(ruleSet, schema: &schema, roster: roster)
            state = compiled.makeAssignmentState()
            view = IdleReps(capacity: world?.reps.map(\.capacityOpen) ?? [])
            random = SplitMixUniform(seed: seed)
        }

        /// Routes leads in order; with a scenario, assigns each and counts it against the rep,
        /// at the lead's `created_at` when it has one (every rep on shift otherwise).
        mutating func route(_ leads: [Lead]) -> [Outcome] {
            let rows = leads.map { lead in lead.fields.map { (schema.fieldIndex(for: $0.0), schema.value(of: $0.1)) } }
            compiled.tabulateSymbols(of: schema)
            let times = leads.compactMap(\.createdAt)
            let calendars = world.flatMap { world in
                times.min().map { FixedRepCalendars(scenario: world.scenario, reps: world.reps, from: $0, to: times.max()!) }
            }
            return rows.enumerated().map { number, cells in
                var values = [LeadValue](repeating: .missing, count: schema.fieldCount)
                for (index, value) in cells { values[index] = value }
                let createdAt = leads[number].createdAt
                view.timeStatus = view.capacity.indices.map { rep in
                    createdAt.flatMap { calendars?.ineligibility(ofRep: rep, at: $0) }
                }
                return outcome(for: LeadView(values), at: createdAt ?? Double(number + 1))
            }
        }

        private mutating func outcome(for lead: LeadView, at time: Double) -> Outcome {
            let explanation = compiled.explainRoute(lead, schema: schema)
            var outcome = Outcome(
                route: explanation.routeName, fallback: explanation.routeName == nil && explanation.decision != .unrouted,
                destination: explanation.destination, rep: nil,
                steps: explanation.steps.map {
                    .init(route: $0.name, matched: $0.matched, field: $0.failure?.field,
                          actual: $0.failure?.actual, expected: $0.failure?.expected)
                },
                candidates: nil, explanation: explanation, candidateLines: nil)
            guard world != nil else { return outcome }
            switch explanation.decision {
            case .queue(_, let queue) where !compiled.queues[queue].isAutomated:
                view.offShiftAllowed = compiled.queues[queue].assignOffShift
                let rep = compiled.pick(queue: queue, lead: lead, excluded: .none, view: view, state: &state,
                                        random: &random)
                let candidates = compiled.explainAssignment(queue: queue, lead: lead, excluded: .none, view: view,
                                                            schema: schema, picked: rep)
                if let rep {
                    outcome.rep = compiled.repNames[rep]
                    view.assign(rep, at: time)
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

    /// Every rep idle at the start, and on shift unless the lead's `created_at` says otherwise;
    /// each assignment holds a slot for good.
    struct IdleReps: AvailabilityView {
        var open: [Int]
        var capacity: [Int]
        var idleSince: [Double]
        /// Per rep, at the current lead's creation: off shift, absent or inactive (nil: on shift).
        var timeStatus: [Ineligibility?]
        /// The queue's `assign_off_shift`.
        var offShiftAllowed = false

        init(capacity: [Int]) {
            self.capacity = capacity
            open = Array(repeating: 0, count: capacity.count)
            idleSince = Array(repeating: 0, count: capacity.count)
            timeStatus = Array(repeating: nil, count: capacity.count)
        }

        func availability(of rep: Int) -> RepAvailability {
            var reason = timeStatus[rep]
            if reason == .offShift && offShiftAllowed { reason = nil }
            if reason == nil && open[rep] >= capacity[rep] { reason = .atOpenCap }
            return RepAvailability(ineligibility: reason, open: open[rep], capacity: capacity[rep], idleSince: idleSince[rep])
        }

        mutating func assign(_ rep: Int, at time: Double) {
            open[rep] += 1
            idleSince[rep] = time
        }
    }
}
