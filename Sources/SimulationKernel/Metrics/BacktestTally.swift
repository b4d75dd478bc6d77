import SimulationModel

/// The SPEC §8 backtest metrics.
public enum BacktestMetric: String, CaseIterable, Codable, Sendable {
    case ttftP50 = "ttft_p50_s"
    case ttftP90 = "ttft_p90_s"
    case touchedRate = "touched_rate"
    case slaMetRate = "sla_met_rate"
    case unownedRate = "unowned_rate"
    case assignmentsPerRep = "assignments_per_rep"
}

/// The backtest metrics of one group of leads (all, one team's, one week's); nil where no lead
/// decides the metric.
public struct BacktestValues: Codable, Sendable, Equatable {
    /// Leads created in the group.
    public var leads = 0
    /// Leads with an owner by `asOf` (first assignments).
    public var assigned = 0
    /// Leads first-touched by `asOf`.
    public var touched = 0
    /// Reps with at least one first assignment in the group.
    public var activeReps = 0
    /// Median and 90th percentile of TTFT (wall clock, creation to first touch) over touched leads.
    public var ttftP50: Double?
    public var ttftP90: Double?
    /// Touched leads ÷ leads.
    public var touchedRate: Double?
    /// SLA met ÷ leads whose SLA deadline is at or before `asOf`.
    public var slaMetRate: Double?
    /// Unowned ÷ leads created at least `unowned_after` before `asOf`.
    public var unownedRate: Double?
    /// First assignments ÷ active reps.
    public var assignmentsPerRep: Double?

    public init() {}

    /// The value of one metric.
    public func value(_ metric: BacktestMetric) -> Double? {
        switch metric {
        case .ttftP50: return ttftP50
        case .ttftP90: return ttftP90
        case .touchedRate: return touchedRate
        case .slaMetRate: return slaMetRate
        case .unownedRate: return unownedRate
        case .assignmentsPerRep: return assignmentsPerRep
        }
    }
}

/// A backtest's figures for one set of leads (the history's, or one replication's).
public struct BacktestFigures: Codable, Sendable, Equatable {
    public var overall: BacktestValues
    /// By `BacktestDefinition.teams`.
    public var teams: [BacktestValues]
    /// By `BacktestDefinition.weeks`.
    public var weeks: [BacktestValues]
    /// First assignments by `BacktestDefinition.reps`.
    public var repAssignments: [Int]
}

/// Counts leads into a ``BacktestFigures`` by one definition (SPEC §8; docs/SEMANTICS.md).
///
/// The same tally is fed the history's rows and each replication's leads, so observed and
/// simulated figures cannot drift apart in definition. Quantiles are exact: the tally keeps
/// each touched lead's TTFT for its groups (three doubles per lead).
public struct BacktestTally: Sendable {
    public let definition: BacktestDefinition
    private var overall: GroupTally
    private var teams: [GroupTally]
    private var weeks: [GroupTally]
    private var repAssignments: [Int]

    public init(definition: BacktestDefinition) {
        self.definition = definition
        let reps = definition.reps.count
        overall = GroupTally(reps: reps)
        teams = Array(repeating: GroupTally(reps: reps), count: definition.teams.count)
        weeks = Array(repeating: GroupTally(reps: reps), count: definition.weeks.count)
        repAssignments = Array(repeating: 0, count: reps)
    }

    /// One lead, as known at or after `asOf` (later instants are censored here).
    ///
    /// - Parameters:
    ///   - created: its creation (a lead created after `asOf` is not counted).
    ///   - owner: its first human owner (an index in `definition.reps`); nil: never owned.
    ///   - team: the owner's team (an index in `definition.teams`); nil: the owner's team in the
    ///     definition. Ignored without an owner (by `asOf`): the lead then counts for no team.
    ///   - assignedAt: when the owner got it.
    ///   - touchedAt: the owner's first touch.
    public mutating func add(created: Instant, owner: Int?, team: Int? = nil, assignedAt: Instant?, touchedAt: Instant?) {
        let asOf = definition.asOf
        guard created <= asOf else { return }
        var owner = owner, assignedAt = assignedAt, touchedAt = touchedAt
        if let t = assignedAt, t > asOf { (owner, assignedAt, touchedAt) = (nil, nil, nil) }
        if owner == nil { (assignedAt, touchedAt) = (nil, nil) }
        if let t = touchedAt, t > asOf { touchedAt = nil }
        // A lead belongs to its first owner's team; without an owner by `asOf`, to none.
        let teamIndex = owner.map { team ?? definition.repTeams[$0] } ?? -1

        let ttft = touchedAt.map { max(0, $0 - created) }
        let unowned: Bool? = created + definition.unownedAfter > asOf ? nil
            : (assignedAt.map { $0 - created > definition.unownedAfter } ?? true)
        // SLA: decided for a lead whose deadline is at or before `asOf` (touched or not), so
        // that leads near the export time do not count only when they were quick.
        let slaMet: Bool?
        if definition.slaOnBusinessClock {
            let clock = definition.clocks[teamIndex >= 0 ? teamIndex : definition.teams.count]
            let createdAt = clock.elapsed(until: created)
            if clock.elapsed(until: asOf) - createdAt < definition.slaWithin {
                slaMet = nil
            } else {
                slaMet = touchedAt.map { clock.elapsed(until: $0) - createdAt <= definition.slaWithin } ?? false
            }
        } else {
            slaMet = created + definition.slaWithin > asOf ? nil : ttft.map { $0 <= definition.slaWithin } ?? false
        }
        let lead = CountedLead(owner: owner, ttft: ttft, slaMet: slaMet, unowned: unowned)
        overall.add(lead)
        if teamIndex >= 0 { teams[teamIndex].add(lead) }
        if let w = definition.week(of: created) { weeks[w].add(lead) }
        if let owner { repAssignments[owner] += 1 }
    }

    /// The figures of the leads added so far.
    public func figures() -> BacktestFigures {
        BacktestFigures(overall: overall.values, teams: teams.map(\.values), weeks: weeks.map(\.values),
                        repAssignments: repAssignments)
    }
}

/// What one lead contributes to a group.
private struct CountedLead {
    var owner: Int?
    var ttft: Double?
    /// nil: not decided by `asOf`.
    var slaMet: Bool?
    var unowned: Bool?
}

/// The counts of one group of leads.
private struct GroupTally: Sendable {
    var leads = 0, assigned = 0, touched = 0
    var slaDecided = 0, slaMet = 0, unownedDecided = 0, unowned = 0
    var ttfts: [Double] = []
    /// Per rep: whether it had a first assignment in the group.
    var active: [Bool]
    var activeCount = 0

    init(reps: Int) { active = Array(repeating: false, count: reps) }

    mutating func add(_ lead: CountedLead) {
        leads += 1
        if let owner = lead.owner {
            assigned += 1
            if !active[owner] {
                active[owner] = true
                activeCount += 1
            }
        }
        if let ttft = lead.ttft {
            touched += 1
            ttfts.append(ttft)
        }
        if let met = lead.slaMet {
            slaDecided += 1
            if met { slaMet += 1 }
        }
        if let unowned = lead.unowned {
            unownedDecided += 1
            if unowned { self.unowned += 1 }
        }
    }

    var values: BacktestValues {
        var v = BacktestValues()
        (v.leads, v.assigned, v.touched, v.activeReps) = (leads, assigned, touched, activeCount)
        let sorted = ttfts.sorted()
        v.ttftP50 = exactQuantile(sorted, 0.5)
        v.ttftP90 = exactQuantile(sorted, 0.9)
        v.touchedRate = leads > 0 ? Double(touched) / Double(leads) : nil
        v.slaMetRate = slaDecided > 0 ? Double(slaMet) / Double(slaDecided) : nil
        v.unownedRate = unownedDecided > 0 ? Double(unowned) / Double(unownedDecided) : nil
        v.assignmentsPerRep = activeCount > 0 ? Double(assigned) / Double(activeCount) : nil
        return v
    }
}

/// The `p` quantile of sorted values, interpolated between order statistics (Hyndman–Fan type 7,
/// R's default): position (n − 1)·p. nil for no values.
public func exactQuantile(_ sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
