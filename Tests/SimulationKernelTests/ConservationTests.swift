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
        // A lead counts under one team at most, and is touched under the team it counts under.
        #expect(run.teams.map(\.leads).reduce(0, +) <= run.humanBound && run.teams.allSatisfy { $0.touched <= $0.leads },
                "seed \(seed): teams \(run.teams.map { ($0.leads, $0.touched) }) of \(run.humanBound)")
        checkBreakdowns(run, seed: seed, automated: plan.compiled[0].queues.map(\.isAutomated))
        let values = run.metricValues(plan: plan)
        for (name, value) in zip(values.names, values.values) where name.hasSuffix("_rate") && !value.isNaN {
            #expect(value >= 0 && value <= 1, "seed \(seed): \(name) = \(value)")
        }
    }
}

extension ConservationTests {
    /// The per-source results add up to the overall ones; the per-queue results, which leave out
    /// leads never routed to a rule queue (unrouted, account owners'), to at most those.
    func checkBreakdowns(_ run: ReplicationMetrics, seed: Int, automated: [Bool]) {
        let sources = run.sources, queues = run.queues
        #expect(sources.map(\.leads).reduce(0, +) == run.counted, "seed \(seed)")
        #expect(sources.map(\.humanBound).reduce(0, +) == run.humanBound, "seed \(seed)")
        #expect(sources.map(\.touched).reduce(0, +) == run.touched, "seed \(seed)")
        #expect(sources.map(\.ttft.count).reduce(0, +) == run.touched, "seed \(seed)")
        #expect(sources.map(\.ttftBusiness.count).reduce(0, +) == run.touched, "seed \(seed)")
        #expect(sources.map(\.slaMet).reduce(0, +) == run.slaMet, "seed \(seed)")
        #expect(sources.map(\.unowned).reduce(0, +) == run.unowned, "seed \(seed)")
        #expect(sources.map(\.cold).reduce(0, +) == run.outcomes["cold", default: 0], "seed \(seed)")
        #expect(queues.map(\.leads).reduce(0, +) <= run.counted, "seed \(seed)")
        #expect(queues.map(\.humanBound).reduce(0, +) <= run.humanBound, "seed \(seed)")
        #expect(queues.map(\.ttft.count).reduce(0, +) <= run.touched, "seed \(seed)")
        #expect(queues.map(\.unowned).reduce(0, +) <= run.unowned, "seed \(seed)")
        let fromQueues = queues.map { $0.memberAssignments.reduce(0, +) }.reduce(0, +)
        #expect(fromQueues <= run.reps.map(\.assignments).reduce(0, +), "seed \(seed)")
        for (q, queue) in queues.enumerated() {
            #expect(queue.slaMet <= queue.ttft.count && queue.ttft.count <= queue.humanBound && queue.unowned <= queue.humanBound,
                    "seed \(seed) queue \(q)")
            #expect(automated[q] ? queue.humanBound == 0 && queue.memberAssignments.isEmpty : queue.humanBound == queue.leads,
                    "seed \(seed) queue \(q)")
        }
        #expect(zip(queues, automated).filter(\.1).map(\.0.leads).reduce(0, +) == run.outcomes["automated", default: 0],
                "seed \(seed)")
    }

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
