import Foundation
import SimulationKernel
import SimulationModel
import Staffing
import Statistics
import Testing

/// `requirement` (SPEC §9) against per-hour Erlang C where the stationary approximation holds.
@Suite struct IterativeStaffingTests {
    /// Service of 3 minutes against hours of 60: each hour's queue settles fast, so each hour
    /// behaves like a stationary M/M/c at its own rate. Arrivals follow a day curve (quiet
    /// nights, a 40/hour peak), one week counted, 6 replications.
    static func world() -> Scenario {
        let hourly: [Double] = (0..<24).map { (h: Int) -> Double in
            if h < 7 || h >= 21 { return 0.1 }
            return 1 + Double(min(h - 7, 21 - h))
        }
        let template = Rep(name: "pool-template", team: "pool", timeZone: "UTC", schedule: .alwaysOn, capacityOpen: 1,
                           touchDelay: .constant(0), handleTime: .exponential(mean: 180), isTemplate: true)
        // A weekly volume putting the peak hour (weight 8) at 40 leads/hour.
        let weekly: Double = 40 * 168 * hourly.reduce(0, +) / 24 / 8
        return Scenario(name: "fast", start: 1_767_571_200, timeZone: "UTC", horizon: 7 * 86_400, warmup: 3600,
                        replications: 6, seed: 11,
                        sources: [Source(name: "inbound", weeklyVolume: weekly,
                                         pattern: .hourly(hourly: hourly, weekdays: Array(repeating: 1, count: 7)))],
                        teams: [Team(name: "pool")], reps: [template])
    }

    @Test func perHourRequirementIsWithinOneRepOfErlangC() throws {
        let target = try StaffingTarget(parsing: "ttft_p90<=2m", knownMetrics: ["ttft_p90_s"])
        let algorithm = try IterativeStaffing(scenario: Self.world(), ruleSet: StaffingTests.rules, team: "pool", targets: [target],
                                              options: ExperimentOptions(jobs: 2))
        let answer = try algorithm.run()
        #expect(answer.hours.count == 168)
        #expect(answer.hours.filter { !$0.meets }.isEmpty)
        var busy = 0
        for hour in answer.hours where hour.leadsPerWeek > 0 {
            if hour.leadsPerWeek >= 10 { busy += 1 }
            let erlang = try #require(hour.erlangC)
            #expect(abs(hour.reps - erlang) <= 1, "hour \(hour.hour): simulated \(hour.reps), Erlang C \(erlang), \(hour.leadsPerWeek) leads")
        }
        #expect(busy >= 80, "\(busy) hours with 10 leads or more")
    }

    @Test func aTargetWithoutAPerHourReadingIsRefused() throws {
        let target = try StaffingTarget(parsing: "load_gini<=0.2", knownMetrics: ["load_gini"])
        #expect(throws: TargetError.self) {
            _ = try IterativeStaffing(scenario: Self.world(), ruleSet: StaffingTests.rules, team: "pool", targets: [target])
        }
    }

    @Test func aScheduleOnGivenHoursCoversExactlyThem() {
        var hours = [Bool](repeating: false, count: 168)
        for h in [0, 1, 2, 23, 24, 100, 167] { hours[h] = true }
        let grid = WeekGrid(timeZone: "UTC", reference: 0)
        #expect(grid.coveredHours(WeekGrid.schedule(onHours: hours), zone: "UTC") == hours)
    }
}
