import Reports
import SimulationKernel
import SimulationModel

/// A small world for report tests: two teams across two regions, a territory baseline and a
/// pooled candidate, a few days of leads.
enum ReportWorlds {
    /// 2026-01-05T00:00Z, a Monday.
    static let start: Instant = 1_767_571_200

    static func scenario(replications: Int = 4, conversion: Bool = true) -> Scenario {
        let schedule = WeeklySchedule(windows: [
            .init(weekdays: [0, 1, 2, 3, 4], start: TimeOfDay(hour: 9, minute: 0), end: TimeOfDay(hour: 17, minute: 0)),
        ])
        var reps: [Rep] = []
        for i in 1...3 {
            reps.append(Rep(name: "na-\(i)", team: "na", timeZone: "America/New_York", schedule: schedule, capacityOpen: 6,
                            touchDelay: .exponential(mean: 900), handleTime: .exponential(mean: 4 * 3600)))
        }
        for i in 1...2 {
            reps.append(Rep(name: "emea-\(i)", team: "emea", timeZone: "Europe/London", schedule: schedule, capacityOpen: 6,
                            touchDelay: .exponential(mean: 900), handleTime: .exponential(mean: 4 * 3600)))
        }
        let source = Source(name: "inbound", weeklyVolume: 300, pattern: .flat,
                            patience: .exponential(mean: 2 * 86_400),
                            fields: [FieldSpec(name: "region", generator: .categorical([
                                (value: .text("NA"), weight: 60), (value: .text("EMEA"), weight: 40),
                            ]))])
        return Scenario(name: "tiny-world", start: start, timeZone: "America/New_York", horizon: 7 * 86_400,
                        warmup: 86_400, drain: 7 * 86_400, replications: replications, seed: 5,
                        sources: [source],
                        metrics: MetricsSettings(unownedAfter: 3600,
                                                 conversion: conversion ? Conversion(base: 0.12, halfLife: 1800) : nil),
                        teams: [Team(name: "na"), Team(name: "emea")], reps: reps)
    }

    static let territory = RuleSet(
        name: "territory",
        routes: [
            Route(name: "emea", when: .field("region", .equals(.text("EMEA"))), destination: .queue("emea")),
            Route(name: "atlantis", when: .field("region", .equals(.text("Atlantis"))), destination: .queue("emea")),
        ],
        fallback: "na",
        queues: [
            Queue(name: "na", kind: .human(HumanQueue(members: .team("na")))),
            Queue(name: "emea", kind: .human(HumanQueue(members: .team("emea")))),
        ],
        sla: SLA(firstTouch: 3600))

    static let pooled = RuleSet(
        name: "pooled", routes: [Route(name: "everyone", when: nil, destination: .queue("pool"))],
        queues: [Queue(name: "pool", kind: .human(HumanQueue(members: .reps(["na-1", "na-2", "na-3", "emea-1", "emea-2"]),
                                                             strategy: .leastLoaded)))],
        sla: SLA(firstTouch: 3600))

    static func summary(replications: Int = 4, jobs: Int = 2) throws -> Summary {
        let plan = try SimulationPlan(scenario: scenario(replications: replications), ruleSets: [territory, pooled])
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: jobs))
        return Summary(result: result, leadsimVersion: "test")
    }
}
