import Foundation
import SimulationKernel
import SimulationModel
import Staffing
import Statistics
import Testing

/// `staff` in an M/M/c world, where Erlang C knows the answer.
@Suite struct StaffingTests {
    static let lambda = 40.0  // leads per hour
    static let mu = 6.0       // services per hour per rep (10-minute handle time)

    static func world(reps: Int) -> Scenario {
        let members = (1...reps).map { i in
            Rep(name: "rep-\(i)", team: "pool", timeZone: "UTC", schedule: .alwaysOn, capacityOpen: 1,
                touchDelay: .constant(0), handleTime: .exponential(mean: 3600 / mu))
        }
        return Scenario(name: "mmc", start: 1_767_571_200, timeZone: "UTC", horizon: 3 * 86_400, warmup: 86_400,
                        replications: 20, seed: 5, sources: [Source(name: "inbound", weeklyVolume: lambda * 168)],
                        teams: [Team(name: "pool")], reps: members)
    }

    static let rules = RuleSet(name: "fifo", routes: [], fallback: "pool",
                               queues: [Queue(name: "pool", kind: .human(HumanQueue(members: .team("pool"))))])

    static func erlang(_ c: Int) -> ErlangC { ErlangC(arrivalRate: lambda / 3600, serviceRate: mu / 3600, servers: c) }

    static let knownMetrics = ["ttft_mean_s", "ttft_p90_s", "sla_met_rate", "utilization"]

    static func search(_ targets: [String], range: ClosedRange<Int> = 7...12) throws -> StaffingAnswer {
        let parsed = try targets.map { text throws(TargetError) in try StaffingTarget(parsing: text, knownMetrics: knownMetrics) }
        return try HeadcountSearch(scenario: world(reps: 8), ruleSet: rules, team: "pool", targets: parsed).run(range)
    }

    /// A target between the exact values at c* − 1 and c* (geometric midpoint), so the exact
    /// minimum is c* with a margin the simulation can resolve.
    @Test(arguments: [8, 9, 10])
    func meanWaitTargetGivesTheErlangCMinimum(expected: Int) throws {
        let limit = (Self.erlang(expected).meanWait * Self.erlang(expected - 1).meanWait).squareRoot()
        let exact = (7...12).first { Self.erlang($0).meanWait <= limit }
        #expect(exact == expected)
        let answer = try Self.search(["ttft_mean<=\(Int(limit))s"])
        #expect(answer.safeHeadcount == expected, "\(answer.results.map { ($0.headcount, $0.estimates[0]) })")
        #expect(answer.meanHeadcount == expected)
    }

    @Test func p90TargetGivesTheErlangCMinimum() throws {
        // P(W > t) ≤ 10% ⇔ p90 ≤ t. Choose t between the c = 8 and c = 9 p90 values.
        func p90(_ c: Int) -> Double {
            let e = Self.erlang(c)
            return e.probabilityOfWait <= 0.1 ? 0 : log(e.probabilityOfWait / 0.1) / (Double(c) * Self.mu / 3600 - Self.lambda / 3600)
        }
        let limit = (p90(8) + p90(9)) / 2
        let exact = (7...12).first { Self.erlang($0).probabilityWaitExceeds(limit) <= 0.1 }
        #expect(exact == 9)
        let answer = try Self.search(["ttft_p90<=\(Int(limit))s"])
        #expect(answer.safeHeadcount == 9, "\(answer.results.map { ($0.headcount, $0.estimates[0]) })")
        #expect(answer.erlang?.slots == 9)
    }

    @Test func bisectionAndFullSweepAgree() throws {
        let limit = (Self.erlang(9).meanWait * Self.erlang(8).meanWait).squareRoot()
        let sweep = try Self.search(["ttft_mean<=\(Int(limit))s"], range: 7...12)
        let bisection = try Self.search(["ttft_mean<=\(Int(limit))s"], range: 7...30)
        #expect(!sweep.searched && bisection.searched)
        #expect(sweep.safeHeadcount == bisection.safeHeadcount)
        #expect(bisection.results.count < 24)
    }

    @Test func noHeadcountInRangeMeetsAnImpossibleTarget() throws {
        let answer = try Self.search(["utilization>=99%"], range: 7...9)
        #expect(answer.safeHeadcount == nil && answer.meanHeadcount == nil)
    }

    @Test func targetsParseWithUnitsAndSuggest() throws {
        let t = try StaffingTarget(parsing: "ttft_p90 <= 1h", knownMetrics: Self.knownMetrics)
        #expect(t.metric == "ttft_p90_s" && t.value == 3600 && t.comparison == .atMost && !t.overall)
        let s = try StaffingTarget(parsing: "overall.sla_met_rate>=95%", knownMetrics: Self.knownMetrics)
        #expect(s.value == 0.95 && s.overall)
        #expect(throws: TargetError.self) { try StaffingTarget(parsing: "ttft_p09<=1h", knownMetrics: Self.knownMetrics) }
        do {
            _ = try StaffingTarget(parsing: "sla_met_rat>=95%", knownMetrics: Self.knownMetrics)
        } catch {
            #expect(error.description.contains("did you mean 'sla_met_rate'"))
        }
    }

    @Test func rosterClonesTheTemplateAndRemovesFromTheEnd() throws {
        var scenario = Self.world(reps: 3)
        var template = scenario.reps[0]
        template.name = "blueprint"
        template.isTemplate = true
        template.capacityOpen = 7
        scenario.reps.append(template)
        let roster = try TeamRoster(scenario: scenario, team: "pool")
        let grown = roster.scenario(scenario, headcount: 5, hireDate: CalendarDate(year: 2026, month: 2, day: 1))
        let working = grown.reps.filter { !$0.isTemplate }
        #expect(working.map(\.name) == ["rep-1", "rep-2", "rep-3", "pool-staff-1", "pool-staff-2"])
        #expect(working.last?.capacityOpen == 7 && working.last?.activeFrom == CalendarDate(year: 2026, month: 2, day: 1))
        let shrunk = roster.scenario(scenario, headcount: 1)
        #expect(shrunk.reps.filter { !$0.isTemplate }.map(\.name) == ["rep-1"])
        #expect(throws: TargetError.self) { try TeamRoster(scenario: scenario, team: "pol") }
    }

    /// SPEC §7: "`staff` clones join every queue that names their team", a queue over several
    /// teams too. Round-robin over `team: [pool, emea]` with always-on reps that touch at once
    /// deals the leads in turn to pool's reps, then emea's: emea's added rep takes its share.
    @Test func aStaffedCloneJoinsAQueueOverSeveralTeams() throws {
        var scenario = Self.world(reps: 2)
        scenario.teams.append(Team(name: "emea"))
        scenario.reps.append(Rep(name: "emea-1", team: "emea", timeZone: "UTC", schedule: .alwaysOn))
        for i in scenario.reps.indices {
            (scenario.reps[i].capacityOpen, scenario.reps[i].touchDelay, scenario.reps[i].handleTime) = (1000, .constant(0), .constant(60))
        }
        let grown = try TeamRoster(scenario: scenario, team: "emea").scenario(scenario, headcount: 2)
        let pooled = RuleSet(name: "pooled", routes: [], fallback: "both",
                             queues: [Queue(name: "both", kind: .human(HumanQueue(members: .teams(["pool", "emea"]))))])
        let plan = try SimulationPlan(scenario: grown, ruleSets: [pooled])
        #expect(plan.scenario.reps.map(\.name) == ["rep-1", "rep-2", "emea-1", "emea-staff-1"])
        #expect(plan.compiled[0].queues[0].members == [0, 1, 2, 3])
        let run = Experiment.run(plan, options: ExperimentOptions(jobs: 1, replications: [0])).runs[0][0]
        let assignments = run.reps.map(\.assignments)
        #expect(assignments[3] > 0 && assignments.max()! - assignments.min()! <= 1, "\(assignments)")
        #expect(run.teams[plan.teamIndex["emea"]!].leads == assignments[2] + assignments[3])
    }
}
