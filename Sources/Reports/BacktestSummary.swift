import Foundation
import SimulationKernel
import SimulationModel

/// A backtest's observed figures set against its replications' (SPEC §8): every metric of
/// every group with the observed value, the simulated mean and central 99% range, and whether
/// they agree. Built once; `BacktestReport` renders it.
public struct BacktestSummary: Sendable {
    /// What was compared, to reproduce it.
    public struct Context: Sendable {
        public var scenario: String
        public var ruleSet: String
        public var history: String
        public var asOf: Instant
        public var timeZone: String
        public var seed: UInt64
        public var replications: Int
        /// `--tolerance`: a relative distance from the simulated mean that is still consistent.
        public var tolerance: Double
        public var leadsimVersion: String

        public init(scenario: String, ruleSet: String, history: String, asOf: Instant, timeZone: String, seed: UInt64,
                    replications: Int, tolerance: Double, leadsimVersion: String) {
            self.scenario = scenario
            self.ruleSet = ruleSet
            self.history = history
            self.asOf = asOf
            self.timeZone = timeZone
            self.seed = seed
            self.replications = replications
            self.tolerance = tolerance
            self.leadsimVersion = leadsimVersion
        }
    }

    public enum Judgement: String, Sendable {
        case consistent
        case inconsistent
        /// The history decides no value of the metric for the group.
        case notAssessed = "not assessed"
    }

    /// One metric of one group.
    public struct Row: Sendable {
        /// A `BacktestMetric` name, or `assignments` for a rep.
        public var metric: String
        public var observed: Double?
        /// Over the replications that have a value.
        public var mean: Double?
        /// The 0.5% and 99.5% quantiles of the replications' values (``bandQuantile(_:_:)``).
        public var low: Double?
        public var high: Double?
        /// Replications with a value.
        public var replications: Int
        public var judgement: Judgement

        /// (observed − mean) ÷ mean (nil when either is missing or the mean is 0).
        public var relativeDifference: Double? {
            guard let observed, let mean, mean != 0 else { return nil }
            return (observed - mean) / abs(mean)
        }
    }

    /// The rows of one group (overall, a team, a week).
    public struct Group: Sendable {
        public var name: String
        /// Leads of the history in the group.
        public var leads: Int
        public var rows: [Row]
    }

    public var context: Context
    public var overall: Group
    public var teams: [Group]
    public var weeks: [Group]
    /// Per rep: observed and simulated first assignments.
    public var reps: [(rep: String, team: String, row: Row)]

    /// The overall and per-team rows that are not consistent, with their group's name.
    public var inconsistencies: [(group: String, row: Row)] {
        ([overall] + teams).flatMap { group in group.rows.filter { $0.judgement == .inconsistent }.map { (group.name, $0) } }
    }

    /// Every overall and per-team metric is consistent (SPEC §8's exit 0).
    public var isConsistent: Bool { inconsistencies.isEmpty }

    /// Compares `observed` with `simulated` (one figures value per replication, in order).
    public init(context: Context, definition: BacktestDefinition, observed: BacktestFigures, simulated: [BacktestFigures]) {
        self.context = context
        let tolerance = context.tolerance
        func rows(_ observed: BacktestValues, _ simulated: [BacktestValues]) -> [Row] {
            BacktestMetric.allCases.map { metric in
                Self.row(metric.rawValue, observed: observed.value(metric), simulated: simulated.compactMap { $0.value(metric) },
                         tolerance: tolerance)
            }
        }
        overall = Group(name: "overall", leads: observed.overall.leads, rows: rows(observed.overall, simulated.map(\.overall)))
        teams = definition.teams.indices.compactMap { t in
            let simulatedTeam = simulated.map { $0.teams[t] }
            guard observed.teams[t].leads > 0 || simulatedTeam.contains(where: { $0.leads > 0 }) else { return nil }
            return Group(name: definition.teams[t], leads: observed.teams[t].leads, rows: rows(observed.teams[t], simulatedTeam))
        }
        weeks = definition.weeks.indices.map { w in
            Group(name: definition.weeks[w].label, leads: observed.weeks[w].leads,
                  rows: rows(observed.weeks[w], simulated.map { $0.weeks[w] }))
        }
        reps = definition.reps.indices.compactMap { r in
            let values = simulated.map { Double($0.repAssignments[r]) }
            let seen = Double(observed.repAssignments[r])
            guard seen > 0 || values.contains(where: { $0 > 0 }) else { return nil }
            let team = definition.repTeams[r] >= 0 ? definition.teams[definition.repTeams[r]] : ""
            return (definition.reps[r], team, Self.row("assignments", observed: seen, simulated: values, tolerance: tolerance))
        }
    }

    /// The verdict of SPEC §8: consistent when the observed value is within the central 99% of the
    /// replications' values or within `tolerance` of their mean.
    static func row(_ metric: String, observed: Double?, simulated: [Double], tolerance: Double) -> Row {
        let sorted = simulated.sorted()
        let mean = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
        let low = bandQuantile(sorted, 0.005), high = bandQuantile(sorted, 0.995)
        let judgement: Judgement
        if let observed {
            if let mean, let low, let high {
                let inBand = observed >= low && observed <= high
                let near = abs(observed - mean) <= tolerance * abs(mean)
                judgement = inBand || near ? .consistent : .inconsistent
            } else {
                judgement = .inconsistent
            }
        } else {
            judgement = .notAssessed
        }
        return Row(metric: metric, observed: observed, mean: mean, low: low, high: high, replications: sorted.count,
                   judgement: judgement)
    }
}

/// The `p` quantile of sorted replication values at position (n + 1)·p, clamped to the extremes
/// (Hyndman–Fan type 6). A new value exchangeable with the n falls below order statistic k with
/// probability k/(n + 1), so this is the estimator whose band holds such a value with the nominal
/// probability when n is large enough (n ≥ 199 for 99%), and with the most reachable below that:
/// [min, max] of 100 replications holds it with probability 99/101 (type 7 would give about 97%).
func bandQuantile(_ sorted: [Double], _ p: Double) -> Double? {
    guard let first = sorted.first, let last = sorted.last else { return nil }
    let h = Double(sorted.count + 1) * p
    if h <= 1 { return first }
    if h >= Double(sorted.count) { return last }
    let lo = Int(h.rounded(.down))
    return sorted[lo - 1] + (h - Double(lo)) * (sorted[lo] - sorted[lo - 1])
}
