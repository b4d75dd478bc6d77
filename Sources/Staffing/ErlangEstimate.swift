import Foundation
import SimulationKernel
import SimulationModel
import Statistics

/// A team's measured load, for the analytic cross-check: arrival rate into the team, how long
/// a lead holds a slot, slots per rep and the share of time reps are on shift.
public struct TeamLoad: Sendable {
    /// Team leads per hour over the counted window (mean over replications).
    public var arrivalsPerHour: Double
    /// Mean time a lead holds a slot (Little's law on the team's slots), in seconds.
    public var holdingTime: Double
    /// Open slots per rep (mean over the team).
    public var slotsPerRep: Double
    /// Mean share of the counted window the team's reps are on shift and available (after
    /// shrinkage, absences and holidays).
    public var onShiftShare: Double
    /// Working reps in the team.
    public var reps: Int
    /// Mean `shrinkage` of the team's reps (SPEC §7): the share of on-shift time lost.
    public var shrinkage: Double

    init(plan: SimulationPlan, team: Int, runs: [ReplicationMetrics]) {
        let window = plan.scenario.horizon
        let members = plan.repTeam.indices.filter { plan.repTeam[$0] == team }
        reps = members.count
        let n = Double(max(1, runs.count))
        arrivalsPerHour = team < 0 ? 0 : runs.map { Double($0.teams[team].leads) }.reduce(0, +) / n / (window / 3600)
        let occupied = runs.map { run in members.map { run.reps[$0].meanOpen }.reduce(0, +) }.reduce(0, +) / n
        let assignments = runs.map { run in members.map { Double(run.reps[$0].assignments) }.reduce(0, +) }.reduce(0, +) / n
        holdingTime = assignments > 0 ? occupied * window / assignments : 0
        slotsPerRep = members.isEmpty ? 1 : Double(members.map { plan.scenario.reps[$0].capacityOpen }.reduce(0, +)) / Double(members.count)
        onShiftShare = members.isEmpty ? 0 : runs.map { run in
            members.map { run.reps[$0].onShiftHours * 3600 / window }.reduce(0, +) / Double(members.count)
        }.reduce(0, +) / n
        shrinkage = members.isEmpty ? 0 : members.map { plan.scenario.reps[$0].shrinkage }.reduce(0, +) / Double(members.count)
    }

    /// Productive FTE of `rostered` reps: rostered × (1 − shrinkage).
    public func productive(_ rostered: Int) -> Double { Double(rostered) * (1 - shrinkage) }
}

/// The queueing model a closed form came from.
public enum ErlangModel: String, Sendable {
    /// M/M/c: no abandonment.
    case erlangC = "Erlang C"
    /// M/M/c+M: exponential patience (the sources' mean patience).
    case erlangA = "Erlang A"
}

/// One target's closed-form headcount, or why it has none.
public struct ErlangTargetCheck: Sendable {
    /// The target as given.
    public var target: String
    /// The model used (nil: no closed form).
    public var model: ErlangModel?
    /// What was computed (`P(wait > 3h55m) ≤ 0.10`), or why there is no closed form.
    public var basis: String
    /// Slots (servers) the model needs (nil: none, or no closed form).
    public var slots: Int?
    /// Reps keeping that many slots on shift (slots ÷ slots per rep ÷ on-shift share).
    public var reps: Int?

    /// Whether the target has a closed form here.
    public var hasClosedForm: Bool { model != nil }
}

/// The analytic headcount for the same team, beside the simulated one: Erlang C, or Erlang A
/// when the sources have patience, for each target that has a closed form.
public struct ErlangEstimate: Sendable {
    public var load: TeamLoad
    /// Abandonment rate θ per second (0: no patience).
    public var abandonmentRate: Double
    /// Mean touch delay of the team's template rep, subtracted from TTFT limits (TTFT = wait for
    /// a slot + touch delay).
    public var touchDelay: Double
    /// One per target, in order.
    public var checks: [ErlangTargetCheck]

    /// The largest headcount over the targets with a closed form (nil: none has one, or one
    /// needs more slots than the search allows).
    public var reps: Int? {
        let closed = checks.filter(\.hasClosedForm)
        guard !closed.isEmpty, closed.allSatisfy({ $0.reps != nil }) else { return nil }
        return closed.compactMap(\.reps).max()
    }

    /// The slots behind ``reps``.
    public var slots: Int? {
        let closed = checks.filter(\.hasClosedForm)
        guard !closed.isEmpty, closed.allSatisfy({ $0.slots != nil }) else { return nil }
        return closed.compactMap(\.slots).max()
    }

    /// The models used (`Erlang C`, `Erlang A`, or both).
    public var models: [ErlangModel] {
        var seen: [ErlangModel] = []
        for check in checks { if let m = check.model, !seen.contains(m) { seen.append(m) } }
        return seen
    }

    init?(load: TeamLoad, targets: [StaffingTarget], scenario: Scenario, ruleSet: RuleSet, touchDelay: Double) {
        guard load.arrivalsPerHour > 0, load.holdingTime > 0, load.onShiftShare > 0 else { return nil }
        self.load = load
        self.touchDelay = touchDelay
        abandonmentRate = Self.abandonmentRate(scenario.sources)
        let queueing = ClosedForm(arrivalRate: load.arrivalsPerHour / 3600, serviceRate: 1 / load.holdingTime,
                                  abandonmentRate: abandonmentRate)
        checks = targets.map { target in
            var check = queueing.check(target, sla: ruleSet.sla, touchDelay: touchDelay)
            check.reps = check.slots.map { Int((Double($0) / load.slotsPerRep / load.onShiftShare).rounded(.up)) }
            return check
        }
    }

    /// θ: the sources' abandonment rates (1 / mean patience) weighted by weekly volume; sources
    /// without patience count 0.
    static func abandonmentRate(_ sources: [Source]) -> Double {
        let total = sources.map(\.weeklyVolume).reduce(0, +)
        guard total > 0 else { return 0 }
        return sources.map { s in s.patience.map { s.weeklyVolume / max($0.mean, 1) } ?? 0 }.reduce(0, +) / total
    }

    /// One line on why simulation and formula differ.
    public var caveat: String {
        "The formulas assume one always-open pool of identical slots with Poisson arrivals and spread the "
            + "on-shift share evenly; the simulation has real shift schedules (leads arriving at night or on "
            + "weekends wait for the next shift whatever the headcount), daily caps, skills, touch delays that "
            + "pause off shift, and handle time that keeps slots busy off shift — so the two can differ either way."
    }
}
