import Foundation
import LeadsimStudy
import StudyFixtures

/// The worlds of the backtest tests: a known world whose own runs, written as histories
/// (`leadsim run --history-out`), are backtested against it and against wrong worlds.
enum BacktestWorlds {
    /// Two teams, two weeks, about 1,700 leads; EMEA on London hours with its own business
    /// clock, so the business-clock SLA is measured on the owner's team calendar.
    static func scenario(touchDelay: String = "10m", emeaReps: Int = 4) -> String {
        """
        name: backtest-world
        start: 2026-03-02T00:00
        timezone: America/New_York
        horizon: 14d
        warmup: 0d
        drain: 7d
        replications: 1
        seed: 5
        business_hours: weekdays 08:00-18:00
        sources:
          - name: inbound
            volume: 120/day
            pattern: {hourly: [1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 8, 8, 8, 8, 7, 6, 5, 4, 3, 2, 2, 1],
                      weekdays: [10, 10, 10, 9, 8, 3, 2]}
            fields:
              region: {NA: 60, EMEA: 40}
          - name: events
            volume: 5/day
            fields:
              region: {NA: 50, EMEA: 50}
        metrics:
          unowned_after: 1h
        teams:
          - name: na
          - name: emea
            timezone: Europe/London
            business_hours: weekdays 09:00-17:00
        defaults:
          rep:
            capacity: {open: 30}
            touch_delay: {lognormal: {median: \(touchDelay), sigma: 0.8}}
            handle_time: {gamma: {mean: 1d, shape: 2}}
        reps:
          - count: 5
            name: na-{i}
            team: na
            schedule: weekdays 08:00-17:00
          - count: \(emeaReps)
            name: emea-{i}
            team: emea
            timezone: Europe/London
            schedule: weekdays 09:00-17:00

        """
    }

    /// The fixtures' territory rules with the SLA on the business clock.
    static let rules = StudyFixtures.baseline.replacingOccurrences(of: "first_touch: 1h\n", with: "first_touch: 1h\n  clock: business\n")

    /// A fresh workspace holding the true world (`world.yaml`) and the rules (`rules.yaml`).
    static func workspace() throws -> Workspace {
        let w = try Workspace()
        try w.write(scenario(), "world.yaml")
        try w.write(rules, "rules.yaml")
        return w
    }

    /// Runs the world in `scenario` (a file of `w`) with `seed` and writes its one replication as
    /// the history `name`, exported at the end of the horizon.
    static func history(in w: Workspace, scenario: String = "world.yaml", seed: UInt64, name: String) throws {
        let inputs = try StudyInputs.load(scenario: w.path(scenario), rules: [w.path("rules.yaml")],
                                          overrides: StudyOverrides(replications: 1, seed: seed))
        _ = try RunStudy(inputs: inputs, options: RunOptions(out: w.path("run-\(name)"), jobs: 1,
                                                             formats: ReportFormats(reports: .json),
                                                             historyOut: w.path(name))).run()
    }

    /// Backtests `history` (a file of `w`) against `scenario`.
    static func backtest(in w: Workspace, scenario: String = "world.yaml", history: String, seed: UInt64 = 77,
                         replications: Int = 100, tolerance: Double = 0.10) throws -> BacktestOutcome {
        let inputs = try StudyInputs.load(scenario: w.path(scenario), rules: [w.path("rules.yaml")],
                                          overrides: StudyOverrides(seed: seed))
        let options = BacktestOptions(history: w.path(history), replications: replications, tolerance: tolerance, jobs: 2,
                                      out: w.path("backtest-\(history)"))
        return try BacktestStudy(inputs: inputs, options: options).run()
    }
}
