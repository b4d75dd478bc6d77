import SimulationModel

/// Hours of the week whose leads cannot meet a TTFT or first-touch target at any headcount: no
/// rep of the team is on shift within the limit, so they wait for the next shift however many
/// reps it has. What would meet the target is coverage (one rep on shift) in those hours.
public struct CoverageGap: Sendable {
    /// The target as given.
    public var target: String
    /// The wall-clock limit a lead's first touch must meet (seconds).
    public var limit: Seconds
    /// The grid's zone (the team's business-calendar zone).
    public var timeZone: String
    /// Per hour of the week: even a lead arriving at the end of the hour waits longer than `limit`
    /// for the first minute any rep of the team is on shift.
    public var blocked: [Bool]
    /// Runs of blocked hours (`first`, end exclusive, may pass 168 when wrapping to Monday).
    public var runs: [(first: Int, end: Int)]
    /// The longest wait for a shift, from the blocked hours (seconds).
    public var longestWait: Seconds
    /// Share of the counted arrivals that fall in blocked hours (all leads, mean over replications).
    public var arrivalShare: Double
    /// Share of leads the target lets miss (0.1 for a p90, 0 for a mean or an SLA rate given as 1 − rate).
    public var allowedShare: Double

    /// Whether the blocked hours alone make the target unreachable.
    public var explainsMiss: Bool { arrivalShare > allowedShare }

    /// The gap for `target` given the minutes of the week any rep of the team is on shift (nil
    /// when the target has no wall-clock limit or no hour is blocked).
    /// - Parameter arrivals: counted arrivals per hour of the week (any scale).
    public static func find(target: StaffingTarget, sla: SLA?, onShift: [Bool], timeZone: String,
                            arrivals: [Double]) -> CoverageGap? {
        let limit: Seconds, allowed: Double
        if let q = ClosedForm.quantile(target.metric), target.comparison == .atMost {
            (limit, allowed) = (target.value, 1 - q)
        } else if target.metric == "ttft_mean_s", target.comparison == .atMost {
            (limit, allowed) = (target.value, 0)
        } else if target.metric == "sla_met_rate", target.comparison == .atLeast, let sla, sla.clock == .wall {
            (limit, allowed) = (sla.firstTouch, 1 - target.value)
        } else {
            return nil
        }
        let week = onShift.count
        guard week == WeekGrid.hours * 60, onShift.contains(true) else { return nil }
        // Minutes from each minute of the week to the next on-shift minute (0 when on shift).
        var wait = [Int](repeating: 0, count: week)
        var next = 0
        // Two passes backwards around the week so a wait wraps from Sunday to Monday.
        for k in stride(from: 2 * week - 1, through: 0, by: -1) {
            let m = k % week
            next = onShift[m] ? 0 : next + 1
            if k < week { wait[m] = next }
        }
        let blocked = (0..<WeekGrid.hours).map { h in Double(wait[h * 60 + 59] * 60) > limit }
        guard blocked.contains(true) else { return nil }
        let longest = (0..<WeekGrid.hours).filter { blocked[$0] }.map { Double(wait[$0 * 60] * 60) }.max() ?? 0
        let total = arrivals.reduce(0, +)
        let share = total > 0 ? zip(arrivals, blocked).filter(\.1).map(\.0).reduce(0, +) / total : 0
        return CoverageGap(target: target.text, limit: limit, timeZone: timeZone, blocked: blocked,
                           runs: WeekGrid.runs(blocked), longestWait: longest, arrivalShare: share, allowedShare: allowed)
    }
}
