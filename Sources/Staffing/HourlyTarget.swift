import SimulationKernel
import SimulationModel

/// A target read per hour of the week, on the leads of the team arriving in that hour (pooled
/// over weeks and replications): `requirement` staffs each hour until its leads meet it.
///
/// - `ttft_pQ<=t`: at least Q% of the hour's leads touched within t (untouched leads miss);
/// - `ttft_mean<=t`: the mean TTFT of the hour's touched leads at most t;
/// - `sla_met_rate>=x` (wall-clock SLA): at least x of them touched within `first_touch`;
/// - `touched_rate>=x`: at least x of them touched.
public struct HourlyTarget: Sendable {
    /// How the target reads an hour's tally.
    public enum Kind: Sendable {
        /// At least `share` of the hour's leads touched within `limit`.
        case withinShare(limit: Seconds, share: Double)
        /// The mean TTFT of the hour's touched leads at most this.
        case meanAtMost(Seconds)
        /// At least this share of the hour's leads touched.
        case touchedShare(Double)
    }
    /// The target as parsed.
    public var target: StaffingTarget
    public var kind: Kind

    /// The metrics a per-hour target may name.
    public static let supported = "ttft_pNN (e.g. ttft_p90), ttft_mean, sla_met_rate (wall-clock SLA), touched_rate"

    /// - Throws: `TargetError` for a metric that has no per-hour reading, naming the ones that do.
    public init(_ target: StaffingTarget, sla: SLA?) throws(TargetError) {
        self.target = target
        if let q = ClosedForm.quantile(target.metric), target.comparison == .atMost {
            kind = .withinShare(limit: target.value, share: q)
        } else if target.metric == "ttft_mean_s", target.comparison == .atMost {
            kind = .meanAtMost(target.value)
        } else if target.metric == "sla_met_rate", target.comparison == .atLeast {
            guard let sla else { throw TargetError("target '\(target.text)': the rule set has no SLA") }
            guard sla.clock == .wall else {
                throw TargetError("target '\(target.text)': a business-clock SLA has no per-hour requirement; use ttft_pNN instead")
            }
            kind = .withinShare(limit: sla.firstTouch, share: target.value)
        } else if target.metric == "touched_rate", target.comparison == .atLeast {
            kind = .touchedShare(target.value)
        } else {
            throw TargetError("target '\(target.text)' has no per-hour reading; per-hour targets: \(Self.supported)")
        }
    }

    /// Whether an hour's tally meets the target (an hour without leads always does).
    public func isMet(by tally: HourTally, index t: Int) -> Bool {
        guard tally.leads > 0 else { return true }
        switch kind {
        case .withinShare(_, let share): return Double(tally.within[t]) >= share * Double(tally.leads) - 1e-9
        case .meanAtMost(let limit): return tally.touched > 0 && tally.ttftSum / Double(tally.touched) <= limit
        case .touchedShare(let share): return Double(tally.touched) >= share * Double(tally.leads) - 1e-9
        }
    }

    /// How far an hour's tally is from the target (0 when met): leads short of the share, or
    /// seconds over the mean.
    public func shortfall(_ tally: HourTally, index t: Int) -> Double {
        guard tally.leads > 0 else { return 0 }
        switch kind {
        case .withinShare(_, let share): return max(0, share * Double(tally.leads) - Double(tally.within[t]))
        case .meanAtMost(let limit): return tally.touched > 0 ? max(0, tally.ttftSum / Double(tally.touched) - limit) : .infinity
        case .touchedShare(let share): return max(0, share * Double(tally.leads) - Double(tally.touched))
        }
    }

    /// The wall-clock limit of a `withinShare` target.
    var limit: Seconds? {
        if case .withinShare(let limit, _) = kind { return limit }
        return nil
    }
}

/// The team's leads arriving in one hour of the week, pooled over weeks and replications.
public struct HourTally: Sendable {
    /// Counted leads of the team arriving in the hour.
    public var leads = 0
    /// Of those, leads touched (at any time).
    public var touched = 0
    /// Σ TTFT of the touched ones (seconds).
    public var ttftSum = 0.0
    /// Per target: leads touched within its limit (targets without a limit: 0).
    public var within: [Int]

    init(targets: Int) { within = Array(repeating: 0, count: targets) }
}
