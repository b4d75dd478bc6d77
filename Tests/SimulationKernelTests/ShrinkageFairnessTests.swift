@testable import SimulationKernel
import Foundation
import RandomStreams
import RoutingRules
import SimulationModel
import Statistics
import Testing

/// SPEC §7 shrinkage (on-shift 30-minute blocks out at random) and round-robin fairness
/// (catch-up after an absence, resets), in the kernel.
@Suite struct ShrinkageFairnessTests {
    /// 2026-01-05T00:00Z, a Monday.
    static let monday: Instant = 1_767_571_200

    static func template(zone: String = "UTC", schedule: WeeklySchedule = .alwaysOn) -> RepCalendarTemplate {
        let rep = Rep(name: "a", team: "t", timeZone: zone, schedule: schedule)
        return RepCalendarTemplate(rep: rep, holidays: [], from: monday, to: monday + 2 * 86_400)
    }

    // MARK: Block mechanics, with given block flags

    @Test func aShrunkBlockIsAHoleInTheShiftThatTouchDelaysSkip() {
        let template = Self.template()
        let second = template.block(containing: Self.monday + 1800).number
        let calendar = template.calendar(randomDaysOff: [], isShrunk: { $0 == second }, from: Self.monday,
                                         to: Self.monday + 86_400)
        #expect(calendar.shifts == [Interval(start: Self.monday, end: Self.monday + 1800),
                                    Interval(start: Self.monday + 3600, end: Self.monday + 86_400)])
        // 30 minutes of work from 00:15: 15 before the hole, 15 after it.
        #expect(calendar.instant(after: Self.monday + 900, onShiftSeconds: 1800) == Self.monday + 4500)
        #expect(calendar.onShiftSeconds(from: Self.monday, to: Self.monday + 7200) == 5400)
        #expect(calendar.wakeUps(includeMidnights: false, from: Self.monday).contains(Self.monday + 3600))
    }

    @Test func partialBlocksAtShiftEdgesAreBlocksOfTheLocalHalfHour() {
        let window = WeeklySchedule.Window(weekdays: Array(0...6), start: .init(hour: 9, minute: 10),
                                           end: .init(hour: 10, minute: 0))
        let template = Self.template(schedule: WeeklySchedule(windows: [window]))
        let nine = template.block(containing: Self.monday + 9 * 3600 + 600)
        #expect(nine.end == Self.monday + 9.5 * 3600)
        let calendar = template.calendar(randomDaysOff: [], isShrunk: { $0 == nine.number }, from: Self.monday,
                                         to: Self.monday + 86_400)
        #expect(calendar.shifts == [Interval(start: Self.monday + 9.5 * 3600, end: Self.monday + 10 * 3600)])
    }

    @Test func blocksFollowTheRepsLocalHalfHoursInAQuarterHourZone() {
        // Asia/Kathmandu is UTC+5:45: 00:00Z is 05:45 local, in the block 05:30–06:00 ending 00:15Z.
        let template = Self.template(zone: "Asia/Kathmandu")
        #expect(template.block(containing: Self.monday).end == Self.monday + 900)
        #expect(template.block(containing: Self.monday + 900).end == Self.monday + 2700)
    }

    // MARK: Shrinkage in a world

    static let twoReps = """
        teams: [{name: t}]
        reps:
          - {name: a, team: t, schedule: always, touch_delay: 0s, handle_time: 1m, shrinkage: 0.999999}
          - {name: b, team: t, schedule: always, touch_delay: 0s, handle_time: 1m}
        """

    @Test func aRepShrunkAlmostAlwaysIsNeverAvailable() throws {
        let run = try KernelWorld.run(scenario: Self.twoReps, rules: "name: r\nfallback: pool\nqueues:\n  pool: {team: t}\n",
                                      csv: "created_at\n2026-01-05T09:00\n2026-01-05T09:10\n2026-01-05T09:20\n")
        #expect(run.leads.map(\.owners) == [["b"], ["b"], ["b"]])
        #expect(run.metrics.reps[0].onShiftHours == 0 && run.metrics.reps[1].onShiftHours == 7 * 24)
        let alone = try KernelWorld.run(scenario: Self.twoReps, rules: "name: r\nfallback: pool\nqueues:\n  pool: {reps: [a]}\n",
                                        csv: "created_at\n2026-01-05T09:00\n")
        #expect(alone[1].owners.isEmpty && alone[1].outcome == .waiting, "\(alone[1])")
    }

    /// Each 30-minute block of an always-on rep is available with probability 1 − s, independently:
    /// the available blocks of every rep and replication are Binomial(n, 1 − s), and the reps'
    /// on-shift hours (the per-hour load denominator) count exactly those blocks.
    ///
    /// In a saturated M/M/c-like pool whose service is the touch delay (exponential on-shift time,
    /// no handle time), each rep completes a Poisson process of rate μ over its available time A,
    /// so the touched leads per replication have mean c·μ·(1 − s)·H and variance
    /// c·(μ·E[A] + μ²·Var A), Var A = N·s(1 − s)·(½ h)² for N blocks.
    @Test func availableTimeAndThroughputScaleWithOneMinusShrinkage() throws {
        let (c, mu, s, hours, replications) = (5, 6.0, 0.25, 48.0, 20)
        var scenario = QueueingWorlds.pool(servers: c, arrivalsPerHour: 300, servicesPerHour: mu, horizonDays: hours / 24,
                                           warmupDays: 0, replications: replications)
        scenario.drain = 0
        for i in scenario.reps.indices {
            scenario.reps[i].shrinkage = s
            scenario.reps[i].touchDelay = .exponential(mean: 3600 / mu)
            scenario.reps[i].handleTime = .constant(0)
        }
        let runs = Experiment.run(try SimulationPlan(scenario: scenario, ruleSets: [QueueingWorlds.fifo()])).runs[0]

        let blocksPerRep = Int(hours * 2)
        let available = runs.flatMap(\.reps).map { $0.onShiftHours * 2 }
        #expect(available.allSatisfy { $0 == $0.rounded() && $0 <= Double(blocksPerRep) })
        let n = blocksPerRep * c * replications
        let k = Int(available.reduce(0, +))
        let p = Self.binomialTwoSidedP(k, n: n, p: 1 - s)
        #expect(p > 0.001, "\(k) of \(n) blocks available, expected \(Double(n) * (1 - s)) (exact p = \(p))")

        let expected = Double(c) * mu * (1 - s) * hours
        let blockVariance = Double(blocksPerRep) * s * (1 - s) * 0.25
        let variance = Double(c) * (mu * (1 - s) * hours + mu * mu * blockVariance)
        let touched = runs.map { Double($0.touched) }
        let interval = ConfidenceInterval(touched, level: 0.999)
        #expect(interval.contains(expected), "touched \(interval.lower)…\(interval.upper), exact \(expected)")
        let mean = touched.reduce(0, +) / Double(replications)
        #expect(abs(mean - expected) < 3.3 * (variance / Double(replications)).squareRoot(),
                "mean touched \(mean), exact \(expected) ± \((variance / Double(replications)).squareRoot())")
    }

    /// Exact two-sided binomial p-value of `k` successes in `n` trials (twice the smaller tail).
    static func binomialTwoSidedP(_ k: Int, n: Int, p: Double) -> Double {
        let lnAll = GammaFunctions.lnGamma(Double(n + 1))
        func mass(_ i: Int) -> Double {
            let lnChoose: Double = lnAll - GammaFunctions.lnGamma(Double(i + 1)) - GammaFunctions.lnGamma(Double(n - i + 1))
            let lnPower: Double = Double(i) * log(p) + Double(n - i) * log1p(-p)
            return exp(lnChoose + lnPower)
        }
        let lower = (0...k).reduce(0) { $0 + mass($1) }
        let upper = (k...n).reduce(0) { $0 + mass($1) }
        return min(1, 2 * min(lower, upper))
    }

    // MARK: Fairness in a world

    /// b is absent on Monday: the three Monday leads go to a, and each pick from the second on
    /// passes b over (its turn comes while it is absent).
    static let absentMonday = """
        teams: [{name: t}]
        reps:
          - {name: a, team: t, schedule: always, touch_delay: 0s, handle_time: 1m}
          - {name: b, team: t, schedule: always, touch_delay: 0s, handle_time: 1m, absent: [2026-01-05]}
        """
    static let mondayAndTuesday = """
        created_at
        2026-01-05T09:00
        2026-01-05T09:10
        2026-01-05T09:20
        2026-01-06T09:00
        2026-01-06T09:10
        2026-01-06T09:20
        2026-01-06T09:30
        """

    static func owners(fairness: String?) throws -> [String] {
        let queue = fairness.map { "{team: t, fairness: \($0)}" } ?? "{team: t}"
        let run = try KernelWorld.run(scenario: absentMonday, rules: "name: r\nfallback: pool\nqueues:\n  pool: \(queue)\n",
                                      csv: mondayAndTuesday)
        return run.leads.map { $0.owners.joined(separator: "+") }
    }

    @Test func aRepBackFromAnAbsentDayIsCaughtUp() throws {
        // Tuesday: b's two owed leads, then its own turn, then a.
        #expect(try Self.owners(fairness: "{absent: catch_up}") == ["a", "a", "a", "b", "b", "b", "a"])
        #expect(try Self.owners(fairness: nil) == ["a", "a", "a", "b", "a", "b", "a"])
        #expect(try Self.owners(fairness: "{absent: catch_up, catch_up_limit: 1}") == ["a", "a", "a", "b", "b", "a", "b"])
    }

    @Test func aDailyResetForgivesYesterdaysDebt() throws {
        #expect(try Self.owners(fairness: "{absent: catch_up, reset: daily}") == ["a", "a", "a", "b", "a", "b", "a"])
        #expect(try Self.owners(fairness: "{absent: catch_up, reset: weekly}") == ["a", "a", "a", "b", "b", "b", "a"])
    }

    @Test func resetInstantsAreScenarioLocalMidnightsMondaysAndFirstDays() throws {
        func resets(_ reset: String, zone: String = "UTC", days: Double = 40) throws -> [Instant] {
            var schema = LeadSchema()
            let rules = try CompiledRuleSet(
                RuleSet(name: "r", routes: [], fallback: "q", queues: [Queue(name: "q", kind: .human(HumanQueue(
                    members: .reps([]), fairness: RoundRobinFairness(reset: RoundRobinFairness.Reset(rawValue: reset)!))))]),
                schema: &schema, roster: [])
            var schedule = FairnessResets(rules: rules, timeZone: zone, from: Self.monday, to: Self.monday + days * 86_400)
            var instants: [Instant] = []
            while schedule.nextInstant.isFinite {
                instants.append(schedule.nextInstant)
                schedule.due(at: schedule.nextInstant) { _ in }
            }
            return instants.map { ($0 - Self.monday) / 86_400 }
        }
        #expect(try resets("daily", days: 3) == [1, 2, 3])
        #expect(try resets("weekly", days: 15) == [7, 14])
        #expect(try resets("monthly", days: 60) == [27, 55])       // Feb 1, Mar 1
        #expect(try resets("daily", zone: "America/New_York", days: 2) == [5.0 / 24, 29.0 / 24])
        #expect(try resets("never").isEmpty)
    }
}
