import SimulationKernel
import SimulationModel
import Testing

/// Invariants on random worlds (property tests): every arrived lead ends in exactly one
/// outcome, no rep ever holds more than its open capacity, nobody touches a lead off shift
/// or before it was assigned, and the clock never goes back.
@Suite struct ConservationTests {
    @Test(arguments: 0..<200)
    func everyLeadEndsInExactlyOneOutcome(seed: Int) throws {
        let (scenario, rules) = RandomWorlds.world(seed: UInt64(seed))
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
        let run = Experiment.run(plan, options: ExperimentOptions(jobs: 1, checkInvariants: true)).runs[0][0]
        #expect(run.invariantViolations.isEmpty, "seed \(seed): \(run.invariantViolations)")
        #expect(run.allOutcomes.values.reduce(0, +) == run.arrivals, "seed \(seed): \(run.allOutcomes) vs \(run.arrivals) arrivals")
        #expect(run.outcomes.values.reduce(0, +) == run.counted, "seed \(seed): \(run.outcomes) vs \(run.counted) counted")
        #expect(run.humanBound + run.outcomes["automated", default: 0] == run.counted)
        #expect(run.touched <= run.humanBound && run.unowned <= run.humanBound && run.neverOwned <= run.unowned,
                "seed \(seed): touched \(run.touched) unowned \(run.unowned) never owned \(run.neverOwned) of \(run.humanBound)")
        #expect(run.routeHits.reduce(0, +) + run.fallbackHits + run.unroutedHits <= run.counted)
        let values = run.metricValues(plan: plan)
        for (name, value) in zip(values.names, values.values) where name.hasSuffix("_rate") && !value.isNaN {
            #expect(value >= 0 && value <= 1, "seed \(seed): \(name) = \(value)")
        }
    }
}

extension ConservationTests {
    /// The random worlds reach every outcome and every dynamic, so the invariants above are
    /// checked where it matters.
    @Test func randomWorldsExerciseEveryOutcomeAndDynamic() throws {
        var outcomes: [String: Int] = [:]
        var breaches = 0, reassignments = 0, overflows = 0, touched = 0
        var teamCalendars = 0, queueSLAs = 0
        for seed in 0..<60 {
            let (scenario, rules) = RandomWorlds.world(seed: UInt64(seed))
            if scenario.teams.contains(where: { scenario.businessCalendar(ofTeam: $0.name) != scenario.businessCalendar }) {
                teamCalendars += 1
            }
            if rules.queues.contains(where: { if case .human(let h) = $0.kind { h.sla != .ruleSet } else { false } }) {
                queueSLAs += 1
            }
            let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
            let run = Experiment.run(plan, options: ExperimentOptions(jobs: 1)).runs[0][0]
            outcomes.merge(run.allOutcomes, uniquingKeysWith: +)
            breaches += run.slaBreaches
            reassignments += run.reassignments
            overflows += run.overflows
            touched += run.touched
        }
        for outcome in LeadOutcome.allCases {
            #expect(outcomes[outcome.rawValue, default: 0] > 0, "no lead ended \(outcome.rawValue): \(outcomes)")
        }
        #expect(breaches > 0 && reassignments > 0 && overflows > 0 && touched > 0,
                "breaches \(breaches) reassignments \(reassignments) overflows \(overflows) touched \(touched)")
        #expect(teamCalendars > 0 && queueSLAs > 0, "team calendars in \(teamCalendars) worlds, queue SLAs in \(queueSLAs)")
    }
}
