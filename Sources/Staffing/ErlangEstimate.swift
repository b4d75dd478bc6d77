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
    /// Mean share of the counted window the team's reps are on shift.
    public var onShiftShare: Double
    /// Working reps in the team.
    public var reps: Int

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
    }
}

/// The Erlang C headcount for the same team, beside the simulated one.
public struct ErlangEstimate: Sendable {
    public var load: TeamLoad
    /// The wait target used: P(wait > t) ≤ share.
    public var waitLimit: Double
    public var waitShare: Double
    public var basis: String
    /// Slots (servers) Erlang C needs for the team's measured arrival rate and slot holding time,
    /// and the reps that keep that many slots on shift (slots ÷ slots per rep ÷ on-shift share).
    public var slots: Int?
    public var reps: Int?

    init?(load: TeamLoad, targets: [StaffingTarget], ruleSet: RuleSet) {
        guard load.arrivalsPerHour > 0, load.holdingTime > 0, load.onShiftShare > 0 else { return nil }
        self.load = load
        // Translate the first wait-type target into P(W > t) ≤ share.
        if let p90 = targets.first(where: { $0.metric.hasPrefix("ttft_p") && $0.comparison == .atMost }) {
            let q = Double(p90.metric.dropFirst("ttft_p".count).prefix { $0.isNumber }) ?? 90
            waitLimit = p90.value
            waitShare = 1 - q / 100
            basis = "\(p90.text): P(wait > \(Int(p90.value))s) ≤ \(String(format: "%.2f", 1 - q / 100))"
        } else if let sla = targets.first(where: { $0.metric == "sla_met_rate" && $0.comparison == .atLeast }),
                  let firstTouch = ruleSet.sla?.firstTouch {
            waitLimit = firstTouch
            waitShare = 1 - sla.value
            basis = "\(sla.text) with first_touch \(Int(firstTouch))s: P(wait > first_touch) ≤ \(String(format: "%.2f", 1 - sla.value))"
        } else {
            waitLimit = 0
            waitShare = 0.5
            basis = "no wait target: P(wait > 0) ≤ 0.5"
        }
        let lambda = load.arrivalsPerHour / 3600
        let mu = 1 / load.holdingTime
        slots = ErlangC.minimumServers(arrivalRate: lambda, serviceRate: mu, waitAbove: waitLimit, atMost: waitShare)
        reps = slots.map { Int((Double($0) / load.slotsPerRep / load.onShiftShare).rounded(.up)) }
    }

    /// One line on why simulation and formula differ.
    public var caveat: String {
        "Erlang C assumes one always-open pool of identical slots with Poisson arrivals and spreads the "
            + "on-shift share evenly; the simulation has real shift schedules (leads arriving at night or on "
            + "weekends wait for the next shift whatever the headcount), daily caps, skills, touch delays that "
            + "pause off shift, and handle time that keeps slots busy off shift — so the two can differ either way."
    }
}
