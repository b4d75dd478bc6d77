import Foundation
import SimulationKernel
import SimulationModel
import Testing

/// Same inputs and seed give the same results, for any number of workers; rule sets see the
/// same lead stream (common random numbers, SPEC §2).
@Suite struct DeterminismTests {
    static func encoded(_ runs: [[ReplicationMetrics]]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(runs)
    }

    @Test func sameResultsForAnyJobCountAndRun() throws {
        var (scenario, rules) = RandomWorlds.world(seed: 11)
        scenario.replications = 6
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
        let one = try Self.encoded(Experiment.run(plan, options: ExperimentOptions(jobs: 1)).runs)
        let four = try Self.encoded(Experiment.run(plan, options: ExperimentOptions(jobs: 4)).runs)
        let again = try Self.encoded(Experiment.run(plan, options: ExperimentOptions(jobs: 4)).runs)
        #expect(one == four)
        #expect(four == again)
    }

    @Test func aRouteThatMatchesNothingChangesNothing() throws {
        var (scenario, rules) = RandomWorlds.world(seed: 12)
        scenario.replications = 3
        var extended = rules
        extended.name = "extended"
        extended.routes.insert(Route(name: "never", when: .field("region", .equals(.text("Atlantis"))),
                                     destination: .queue("pool")), at: 0)
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules, extended])
        let result = Experiment.run(plan)
        for k in 0..<3 {
            let a = result.runs[0][k].metricValues(plan: plan), b = result.runs[1][k].metricValues(plan: plan)
            #expect(a.names == b.names)
            for (name, (x, y)) in zip(a.names, zip(a.values, b.values)) {
                #expect(x == y || (x.isNaN && y.isNaN), "replication \(k) \(name): \(x) vs \(y)")
            }
        }
    }

    @Test func theLeadStreamIsTheSameForEveryRuleSetAndRoster() throws {
        var (scenario, rules) = RandomWorlds.world(seed: 13)
        scenario.replications = 2
        // A different policy: everything to the pool, round-robin.
        let pooled = RuleSet(name: "pooled", routes: [], fallback: "pool", queues: rules.queues)
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules, pooled])
        let result = Experiment.run(plan, options: ExperimentOptions(trace: true))
        let streams = result.trace.reduce(into: [String: [String]]()) { byRuleSet, row in
            byRuleSet[row.ruleSet, default: []].append("\(row.replication) \(row.arrival) \(row.source) \(row.fields)")
        }
        #expect(streams.count == 2)
        #expect(Set(streams[rules.name]!) == Set(streams["pooled"]!))
        #expect(!streams["pooled"]!.isEmpty)

        // One more rep changes no lead's arrival or fields.
        var bigger = scenario
        var extra = bigger.reps[0]
        extra.name = "extra"
        bigger.reps.append(extra)
        let biggerPlan = try SimulationPlan(scenario: bigger, ruleSets: [pooled])
        let biggerStream = Experiment.run(biggerPlan, options: ExperimentOptions(trace: true)).trace
            .map { "\($0.replication) \($0.arrival) \($0.source) \($0.fields)" }
        #expect(Set(biggerStream) == Set(streams["pooled"]!))
    }
}

extension DeterminismTests {
    /// Remembering blocked waiting lines and assigning a lone arrival without queueing it are
    /// optimisations only: on random worlds (skills, shifts, caps, absences, breaches, overflow)
    /// every replication's results are identical to a dispatch that queues every lead and
    /// re-examines every line at every instant. Only the count of events the kernel handled
    /// differs (a lead assigned on arrival schedules no `max_wait` or overflow deadline).
    @Test(arguments: 0..<60)
    func rememberedBlockedLinesChangeNothing(seed: Int) throws {
        var (scenario, rules) = RandomWorlds.world(seed: UInt64(1000 + seed))
        scenario.replications = 2
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
        func withoutEventCounts(_ runs: [[ReplicationMetrics]]) -> [[ReplicationMetrics]] {
            runs.map { $0.map { var run = $0; run.events = 0; return run } }
        }
        let fast = try Self.encoded(withoutEventCounts(Experiment.run(plan, options: ExperimentOptions(jobs: 1)).runs))
        var reference = ExperimentOptions(jobs: 1)
        reference.referenceDispatch = true
        let slow = try Self.encoded(withoutEventCounts(Experiment.run(plan, options: reference).runs))
        #expect(fast == slow, "seed \(seed)")
    }
}
