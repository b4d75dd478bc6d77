import Foundation
import SimulationKernel
import SimulationModel
import Testing

/// Shifts follow each rep's own time zone through DST changes.
@Suite struct ScheduleTests {
    @Test func aLosAngelesRepTouchesOnlyWithinLocalHoursAcrossDST() throws {
        // 2026-03-02 … 2026-03-16: US clocks change on Sunday 2026-03-08.
        let start: Instant = 1_772_409_600  // 2026-03-02T00:00Z
        let rep = Rep(name: "lee", team: "west", timeZone: "America/Los_Angeles",
                      schedule: WeeklySchedule(windows: [.init(weekdays: [0, 1, 2, 3, 4], start: .init(hour: 9, minute: 0), end: .init(hour: 17, minute: 0))]),
                      capacityOpen: 50, touchDelay: .exponential(mean: 1800), handleTime: .exponential(mean: 3600))
        let scenario = Scenario(name: "dst", start: start, timeZone: "UTC", horizon: 13 * 86_400, warmup: 86_400,
                                replications: 2, seed: 3, sources: [Source(name: "web", weeklyVolume: 700)],
                                teams: [Team(name: "west")], reps: [rep])
        let rules = RuleSet(name: "all", routes: [], fallback: "west",
                            queues: [Queue(name: "west", kind: .human(HumanQueue(members: .team("west"))))])
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
        let result = Experiment.run(plan, options: ExperimentOptions(trace: true, checkInvariants: true))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Los_Angeles")!
        let touches = result.trace.compactMap(\.firstTouch)
        #expect(touches.count > 1000)
        for touch in touches {
            let parts = calendar.dateComponents([.weekday, .hour, .minute, .second], from: Date(timeIntervalSince1970: touch))
            let minutes = parts.hour! * 60 + parts.minute!
            let weekday = parts.weekday!  // 1 = Sunday
            #expect((2...6).contains(weekday) && minutes >= 9 * 60 && (minutes < 17 * 60 || (minutes == 17 * 60 && parts.second == 0)),
                    "touch at \(Date(timeIntervalSince1970: touch)) is \(parts) in Los Angeles")
        }
        #expect(result.runs.allSatisfy { $0.allSatisfy { $0.invariantViolations.isEmpty } })
    }
}
