import RoutingRules
import SimulationModel

/// One lead's audit row (`--trace`): what it was, where it went, who had it, how it ended.
public struct TraceRow: Sendable {
    public var ruleSet: String
    public var replication: Int
    public var lead: Int
    public var source: String
    public var counted: Bool
    public var arrival: Instant
    /// Field values in schema order (empty text: missing).
    public var fields: [String]
    public var route: String
    public var queue: String
    public var owners: [String]
    public var firstAssigned: Instant?
    public var firstTouch: Instant?
    /// When the lead stopped occupying its owner (touched and handled to the end); nil otherwise.
    public var closedAt: Instant?
    public var breaches: Int
    public var outcome: LeadOutcome
}

/// Keeps one row per lead; only built with `--trace` (memory grows with the number of leads).
final class TraceRecorder {
    private let plan: SimulationPlan
    private let ruleIndex: Int
    private let replication: Int
    private var open: [Int32: TraceRow] = [:]
    private(set) var rows: [TraceRow] = []

    init(plan: SimulationPlan, ruleIndex: Int, replication: Int) {
        self.plan = plan
        self.ruleIndex = ruleIndex
        self.replication = replication
    }

    func arrived(slot: Int32, lead: LeadRecord, values: [LeadValue]) {
        open[slot] = TraceRow(
            ruleSet: plan.ruleSets[ruleIndex].name, replication: replication, lead: lead.sequence,
            source: plan.scenario.sources[Int(lead.source)].name, counted: lead.counted, arrival: lead.arrival,
            fields: values.map { $0 == .missing ? "" : plan.schema.describe($0) }, route: "", queue: "",
            owners: [], firstAssigned: nil, firstTouch: nil, closedAt: nil, breaches: 0,
            outcome: .waiting)
    }

    func assigned(slot: Int32, rep: Int, at t: Instant) {
        open[slot]?.owners.append(plan.scenario.reps[rep].name)
        if open[slot]?.firstAssigned == nil { open[slot]?.firstAssigned = t }
    }

    func touched(slot: Int32, at t: Instant) { open[slot]?.firstTouch = t }

    func breached(slot: Int32) { open[slot]?.breaches += 1 }

    func finished(slot: Int32, lead: LeadRecord, outcome: LeadOutcome, queueName: String, at t: Instant) {
        guard var row = open.removeValue(forKey: slot) else { return }
        if outcome == .closed { row.closedAt = t }
        let routes = plan.compiled[ruleIndex].routeNames
        switch lead.route {
        case .fallback: row.route = "(fallback)"
        case .unrouted: row.route = "(unrouted)"
        case .route(let index): row.route = routes[index]
        case .notYet: row.route = ""
        }
        row.queue = queueName
        row.outcome = outcome
        rows.append(row)
    }
}
