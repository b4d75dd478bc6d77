import Foundation
import SimulationKernel
import SimulationModel
import Staffing
import Statistics
import Testing

/// `staff` with shrinkage (SPEC §7, §9) and the hours that make a target unreachable.
@Suite struct ShrinkageGapTests {
    static func target(_ text: String) throws -> StaffingTarget {
        try StaffingTarget(parsing: text, knownMetrics: ["ttft_mean_s", "ttft_p90_s", "sla_met_rate", "utilization", "load_gini"])
    }

    /// Always-on reps with shrinkage s are available 1 − s of the time (each half-hour block out
    /// with probability s): the measured available share has that mean within its CI, the Erlang
    /// cross-check turns its slots into rostered reps by dividing by it, and the simulated
    /// answer grows with s (shrinkage is simulated, not a formula applied afterwards). Erlang C
    /// over the available share is an upper bound: a rep whose block goes out still finishes
    /// the lead in hand, so the slots serving exceed the slots available.
    @Test func shrinkageRaisesTheRosterByTheAvailableShare() throws {
        let s = 0.25
        var world = StaffingTests.world(reps: 8)
        for i in world.reps.indices { world.reps[i].shrinkage = s }
        let limit = (StaffingTests.erlang(9).meanWait * StaffingTests.erlang(8).meanWait).squareRoot()
        let targets = [try Self.target("ttft_mean<=\(Int(limit))s")]
        let plain = try HeadcountSearch(scenario: StaffingTests.world(reps: 8), ruleSet: StaffingTests.rules, team: "pool", targets: targets).run(7...16)
        let shrunk = try HeadcountSearch(scenario: world, ruleSet: StaffingTests.rules, team: "pool", targets: targets).run(7...16)
        #expect(plain.safeHeadcount == 9 && plain.shrinkage == 0)
        #expect(shrunk.shrinkage == s)
        let safe = try #require(shrunk.safeHeadcount)
        #expect(safe > 9, "\(safe)")
        let result = try #require(shrunk.results.first { $0.headcount == safe })
        #expect(abs(result.productive - Double(safe) * (1 - s)) < 1e-12)
        let erlang = try #require(shrunk.erlang)
        // Available share of 12 reps × 96 half-hours a day: binomial, 8 replications' worth well within 2%.
        #expect(abs(erlang.load.onShiftShare - (1 - s)) < 0.02, "\(erlang.load.onShiftShare)")
        let slots = try #require(erlang.slots)
        #expect(erlang.reps == Int((Double(slots) / erlang.load.onShiftShare).rounded(.up)))
        #expect(safe <= erlang.reps!, "simulated \(safe), Erlang C over the available share \(erlang.reps!)")
    }

    /// Reps on shift Mon–Fri 09:00–17:00 UTC and a 4-hour p90 target: a lead arriving by 04:59
    /// waits past 09:00, so 17:00–05:00 Mon–Thu nights and Fri 17:00–Mon 05:00 are blocked.
    @Test func weekdayShiftsBlockNightsAndTheWeekend() throws {
        let grid = WeekGrid(timeZone: "UTC", reference: 1_767_571_200)
        let schedule = WeeklySchedule(windows: [.init(weekdays: [0, 1, 2, 3, 4], start: TimeOfDay(hour: 9, minute: 0),
                                                      end: TimeOfDay(hour: 17, minute: 0))])
        let gap = try #require(CoverageGap.find(target: Self.target("ttft_p90<=4h"), sla: nil,
                                                onShift: grid.onMinutes(schedule, zone: "UTC"), timeZone: "UTC",
                                                arrivals: Array(repeating: 1, count: 168)))
        #expect(gap.runs.map { [$0.first, $0.end] } == [[17, 29], [41, 53], [65, 77], [89, 101], [113, 173]])
        #expect(gap.blocked.filter { $0 }.count == 12 * 4 + 60)
        #expect(abs(gap.arrivalShare - 108.0 / 168) < 1e-12 && abs(gap.allowedShare - 0.1) < 1e-12 && gap.explainsMiss)
        #expect(gap.longestWait == (2 * 24 + 16) * 3600)
        // A schedule in another zone moves by the offset difference (New York is UTC−5 in January).
        let ny = grid.coveredHours(schedule, zone: "America/New_York")
        #expect(ny[14] && ny[21] && !ny[13] && !ny[22])
        // Without a wall-clock limit there is nothing to say.
        #expect(CoverageGap.find(target: try Self.target("load_gini<=0.2"), sla: nil, onShift: grid.onMinutes(schedule, zone: "UTC"),
                                 timeZone: "UTC", arrivals: Array(repeating: 1, count: 168)) == nil)
    }

    /// The search itself names the blocked hours when no headcount meets the target, and the
    /// Erlang cross-check says which targets have no closed form.
    @Test func anUnreachableTargetIsExplainedByTheHoursThatCauseIt() throws {
        var world = StaffingTests.world(reps: 2)
        world.horizon = 7 * 86_400
        world.replications = 4
        let office = WeeklySchedule(windows: [.init(weekdays: [0, 1, 2, 3, 4], start: TimeOfDay(hour: 9, minute: 0),
                                                    end: TimeOfDay(hour: 17, minute: 0))])
        for i in world.reps.indices { world.reps[i].schedule = office; world.reps[i].capacityOpen = 50 }
        world.sources[0].weeklyVolume = 500
        let answer = try HeadcountSearch(scenario: world, ruleSet: StaffingTests.rules, team: "pool",
                                         targets: [Self.target("ttft_p90<=4h"), Self.target("load_gini<=0.5")]).run(2...4)
        #expect(answer.safeHeadcount == nil)
        let gap = try #require(answer.gaps.first)
        #expect(gap.target == "ttft_p90<=4h" && gap.explainsMiss && gap.runs.contains { $0.first == 113 && $0.end == 173 })
        #expect(abs(gap.arrivalShare - 108.0 / 168) < 0.05, "\(gap.arrivalShare)")
        let checks = try #require(answer.erlang?.checks)
        #expect(checks[0].model == .erlangC && checks[1].model == nil && checks[1].basis.hasPrefix("no closed form"))
    }

    /// With patience, the abandonment target is Erlang A's and matches its own definition.
    @Test func patienceGivesErlangA() throws {
        let form = ClosedForm(arrivalRate: 40.0 / 3600, serviceRate: 6.0 / 3600, abandonmentRate: 1.0 / 1800)
        let check = form.check(try StaffingTarget(parsing: "touched_rate>=95%", knownMetrics: ["touched_rate"]), sla: nil, touchDelay: 0)
        #expect(check.model == .erlangA)
        let c = try #require(check.slots)
        func abandon(_ n: Int) -> Double {
            ErlangA(arrivalRate: 40.0 / 3600, serviceRate: 6.0 / 3600, servers: n, abandonmentRate: 1.0 / 1800).probabilityOfAbandonment
        }
        #expect(abandon(c) <= 0.05 && abandon(c - 1) > 0.05)
        let business = form.check(try StaffingTarget(parsing: "ttft_business_p90<=1h", knownMetrics: ["ttft_business_p90_s"]), sla: nil, touchDelay: 0)
        #expect(business.model == nil && business.basis.contains("business clock"))
    }
}
