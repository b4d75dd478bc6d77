import SimulationModel

/// Scenarios whose answers queueing theory knows: one flat Poisson source, one pool of
/// always-on reps with one slot each, no touch delay, exponential handle times.
enum QueueingWorlds {
    /// 2026-01-05T00:00Z.
    static let start: Instant = 1_767_571_200

    /// An M/M/c pool: arrival rate λ and service rate μ per hour.
    static func pool(servers c: Int, arrivalsPerHour lambda: Double, servicesPerHour mu: Double,
                     horizonDays: Double, warmupDays: Double = 1, replications: Int, seed: UInt64 = 7,
                     patienceMeanHours: Double? = nil) -> Scenario {
        let reps = (1...c).map { i in
            Rep(name: "rep-\(i)", team: "pool", timeZone: "UTC", schedule: .alwaysOn, capacityOpen: 1,
                touchDelay: .constant(0), handleTime: .exponential(mean: 3600 / mu))
        }
        let source = Source(name: "inbound", weeklyVolume: lambda * 168, pattern: .flat,
                            patience: patienceMeanHours.map { .exponential(mean: $0 * 3600) })
        return Scenario(name: "mmc", start: start, timeZone: "UTC", horizon: horizonDays * 86_400,
                        warmup: warmupDays * 86_400, drain: 30 * 86_400, replications: replications, seed: seed,
                        sources: [source], teams: [Team(name: "pool")], reps: reps)
    }

    /// Everyone goes to one FIFO round-robin queue worked by the pool.
    static func fifo(maxWait: Seconds? = nil) -> RuleSet {
        RuleSet(name: "fifo", routes: [], fallback: "pool",
                queues: [Queue(name: "pool", kind: .human(HumanQueue(members: .team("pool"), maxWait: maxWait)))])
    }
}
