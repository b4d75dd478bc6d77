import RandomStreams
import RoutingRules
import SimulationModel

/// A replay source's recorded leads, laid out once per plan: arrival instants inside the run's
/// arrival window and recorded field values interned in the plan's schema.
struct ReplayPlan: Sendable {
    /// Per recorded lead kept: its arrival instant (sorted), its index in the replay, and its values.
    let times: [Instant]
    let records: [Int]
    let fieldIndices: [Int]
    /// `values[k * fieldIndices.count + j]`: field j of kept lead k.
    let values: [LeadValue]
    let scale: Double
    /// Stream name of the per-lead keep/copy uniforms and lead seeds.
    let streamName: String

    init(source: Source, replay: Replay, start: Instant, end: Instant, schema: inout LeadSchema) {
        fieldIndices = replay.fields.map { schema.fieldIndex(for: $0) }
        var times: [Instant] = [], records: [Int] = [], values: [LeadValue] = []
        for index in replay.leads.indices {
            let t = replay.arrival(of: index, start: start)
            guard t >= start, t < end else { continue }
            times.append(t)
            records.append(index)
            for value in replay.leads[index].values { values.append(schema.value(of: value)) }
        }
        self.times = times
        self.records = records
        self.values = values
        scale = replay.scale
        streamName = "replay:" + source.name
    }

    /// Writes kept lead `k`'s recorded values (blank cells stay missing).
    func write(_ k: Int, into lead: UnsafeMutableBufferPointer<LeadValue>) {
        let width = fieldIndices.count
        for j in 0..<width { lead[fieldIndices[j]] = values[k * width + j] }
    }
}

/// The arrivals of one replay source in one replication, in time order.
///
/// Scaling: recorded lead i gets ⌊scale⌋ copies plus one with probability scale − ⌊scale⌋,
/// decided by uniform i of the replication's `replay:SOURCE` counter stream; copies arrive at
/// the recorded instant. Copy c of lead i gets the lead seed derived from (that stream, i, c),
/// so a lead's luck depends neither on the rule set nor on the scale or other leads (common
/// random numbers).
struct ReplayArrivals {
    private var arrivals: [(time: Instant, lead: Int, seed: UInt64)] = []
    private var cursor = 0

    init(plan: ReplayPlan, seed: UInt64, replication: Int) {
        let base = StreamSeed.derive(seed: seed, replication: replication, name: plan.streamName)
        let keep = CounterUniforms(seed: base)
        let whole = plan.scale.rounded(.down)
        let fraction = plan.scale - whole
        for k in plan.times.indices {
            let record = plan.records[k]
            let copies = Int(whole) + (fraction > 0 && keep.uniform(record) < fraction ? 1 : 0)
            for c in 0..<copies {
                let leadSeed = StreamSeed.derive(parent: StreamSeed.derive(parent: base, index: record), index: c)
                arrivals.append((plan.times[k], k, leadSeed))
            }
        }
    }

    /// The next arrival's instant (nil when done).
    var nextTime: Instant? { cursor < arrivals.count ? arrivals[cursor].time : nil }

    /// Takes the next arrival: which kept lead, and the lead seed.
    mutating func take() -> (lead: Int, seed: UInt64) {
        defer { cursor += 1 }
        return (arrivals[cursor].lead, arrivals[cursor].seed)
    }

    var count: Int { arrivals.count }
}
