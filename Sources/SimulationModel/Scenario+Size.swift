/// How much one replication of a scenario simulates.
extension Scenario {
    /// The most leads one replication may be expected to generate: a replication holds every
    /// lead it generates in memory (about 1 GiB at this size) and takes minutes to run beyond it.
    public static let maximumLeadsPerReplication = 10_000_000.0

    /// Expected leads per replication: every source's weekly volume over the warm-up and the
    /// horizon, its bursts, and its replayed leads times their scale.
    public var expectedLeadsPerReplication: Double {
        let days = (warmup + horizon) / 86_400
        return sources.reduce(0) { total, source in
            let replayed = source.replay.map { Double($0.leads.count) * $0.scale } ?? 0
            return total + source.weeklyVolume * days / 7 + Double(source.bursts.reduce(0) { $0 + $1.leads }) + replayed
        }
    }
}
