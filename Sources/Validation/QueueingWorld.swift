import SimulationModel

/// Scenarios whose answers queueing theory knows: one flat Poisson source, one pool of
/// always-on reps with one slot each, no touch delay, exponential handle times, and one
/// FIFO round-robin queue. TTFT is then the queueing delay W of M/M/c (or of its variants).
public enum QueueingWorld {
    /// 2026-01-05T00:00Z, a Monday (so counted hours line up with hours of the week).
    public static let start: Instant = 1_767_571_200

    /// An M/M/c pool (M/M/c+M with `patienceMean`).
    ///
    /// - Parameters:
    ///   - c: reps, each always on shift with one open slot.
    ///   - lambda: arrivals per second.
    ///   - mu: services per second per rep (handle time exponential with mean 1/μ).
    ///   - horizon: counted window in seconds; `warmup` before it is excluded.
    ///   - patienceMean: mean of an exponential patience (nil: leads never go cold).
    public static func pool(servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double,
                            horizon: Seconds, warmup: Seconds, replications: Int, seed: UInt64,
                            patienceMean: Seconds? = nil) -> Scenario {
        let reps = (1...c).map { i in
            Rep(name: "rep-\(i)", team: "pool", timeZone: "UTC", schedule: .alwaysOn, capacityOpen: 1,
                touchDelay: .constant(0), handleTime: .exponential(mean: 1 / mu))
        }
        let source = Source(name: "inbound", weeklyVolume: lambda * 604_800, pattern: .flat,
                            patience: patienceMean.map { .exponential(mean: $0) })
        return Scenario(name: "mmc-\(c)", start: start, timeZone: "UTC", horizon: horizon, warmup: warmup,
                        drain: 365 * 86_400, replications: replications, seed: seed,
                        sources: [source], teams: [Team(name: "pool")], reps: reps)
    }

    /// Everyone goes to one FIFO round-robin queue worked by the pool (`max_wait` optional).
    public static func fifo(maxWait: Seconds? = nil) -> RuleSet {
        RuleSet(name: "fifo", routes: [], fallback: "pool",
                queues: [Queue(name: "pool", kind: .human(HumanQueue(members: .team("pool"), maxWait: maxWait)))])
    }

    /// A source alone: every lead goes to an automated queue (arrival-process checks).
    public static func arrivals(pattern: ArrivalPattern, weeklyVolume: Double, weeks: Int,
                                replications: Int, seed: UInt64) -> (Scenario, RuleSet) {
        let source = Source(name: "inbound", weeklyVolume: weeklyVolume, pattern: pattern)
        let rep = Rep(name: "idle", team: "pool", timeZone: "UTC", schedule: .alwaysOn)
        let scenario = Scenario(name: "arrivals", start: start, timeZone: "UTC", horizon: Double(weeks) * 604_800,
                                warmup: 0, drain: 0, replications: replications, seed: seed,
                                sources: [source], teams: [Team(name: "pool")], reps: [rep])
        let rules = RuleSet(name: "automated", routes: [], fallback: "nurture",
                            queues: [Queue(name: "nurture", kind: .automated)])
        return (scenario, rules)
    }
}
