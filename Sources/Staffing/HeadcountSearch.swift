import SimulationKernel
import SimulationModel
import Statistics

/// The targets' estimates at one headcount.
public struct HeadcountResult: Sendable {
    public var headcount: Int
    /// Per target (same order): mean and 95% CI over replications.
    public var estimates: [Estimate]
    /// Every target's CI lies inside it (the safe reading).
    public var meetsSafely: Bool
    /// Every target's mean meets it.
    public var meetsOnAverage: Bool
    /// The team's measured inputs for the Erlang cross-check.
    public var load: TeamLoad
    /// Counted arrivals (all leads) per hour of the team's week, mean over replications.
    public var arrivalsByHour: [Double]
    /// Productive FTE: headcount × (1 − the team's mean shrinkage).
    public var productive: Double { load.productive(headcount) }
}

/// What `staff` found.
public struct StaffingAnswer: Sendable {
    public var team: String
    public var targets: [StaffingTarget]
    /// Every headcount tried, ascending.
    public var results: [HeadcountResult]
    /// Smallest headcount whose CIs lie inside every target.
    public var safeHeadcount: Int?
    /// Smallest headcount whose means meet every target.
    public var meanHeadcount: Int?
    /// Whether bisection was used (else every headcount was run).
    public var searched: Bool
    /// Headcounts where a larger team did worse than a smaller one on some target (beyond noise).
    public var nonMonotone: [Int]
    public var erlang: ErlangEstimate?
    /// When no headcount meets every target: per TTFT or first-touch target, the hours of the
    /// week whose leads wait for the next shift longer than the target whatever the headcount.
    public var gaps: [CoverageGap]
    /// The team's mean shrinkage (SPEC §7), for rostered vs productive FTE.
    public var shrinkage: Double
}

/// Finds the smallest team size meeting service targets, by simulation (issue 6).
///
/// Every headcount runs the same replications with the same seed, so the lead stream is the
/// same for all of them (common random numbers) and differences are due to staffing alone.
public struct HeadcountSearch {
    public let scenario: Scenario
    public let ruleSet: RuleSet
    public let roster: TeamRoster
    public let targets: [StaffingTarget]
    public let hireDate: CalendarDate?
    public let options: ExperimentOptions

    public init(scenario: Scenario, ruleSet: RuleSet, team: String, targets: [StaffingTarget],
                hireDate: CalendarDate? = nil, options: ExperimentOptions = ExperimentOptions()) throws(TargetError) {
        self.scenario = scenario
        self.ruleSet = ruleSet
        roster = try TeamRoster(scenario: scenario, team: team)
        self.targets = targets
        self.hireDate = hireDate
        self.options = options
    }

    /// The plan of one headcount: the scenario with the team at that size.
    public func plan(headcount: Int) throws -> SimulationPlan {
        try SimulationPlan(scenario: roster.scenario(scenario, headcount: headcount, hireDate: hireDate), ruleSets: [ruleSet])
    }

    /// Runs one headcount.
    public func evaluate(_ headcount: Int) throws -> HeadcountResult {
        let plan = try plan(headcount: headcount)
        return result(headcount: headcount, plan: plan, runs: Experiment.run(plan, options: options).runs[0])
    }

    /// The targets' estimates at one headcount from its runs (every replication, in order),
    /// however they were obtained (here, or merged from shards).
    public func result(headcount: Int, plan: SimulationPlan, runs: [ReplicationMetrics]) -> HeadcountResult {
        let team = plan.teamIndex[roster.team] ?? -1
        let study = StudyDescription(plan: plan)
        let estimates = targets.map { target -> Estimate in
            let values = runs.map { run -> Double in
                let metrics = target.overall || team < 0 ? run.metricValues(study: study) : run.teamMetricValues(study: study, team: team)
                return metrics[target.metric] ?? .nan
            }.filter { !$0.isNaN }
            return values.isEmpty ? Estimate(mean: .nan, ci95: [.nan, .nan]) : Estimate(values: values)
        }
        let safe = zip(targets, estimates).allSatisfy { target, estimate in
            target.isMet(by: target.comparison == .atMost ? estimate.ci95[1] : estimate.ci95[0])
        }
        let average = zip(targets, estimates).allSatisfy { $0.isMet(by: $1.mean) }
        var byHour = [Double](repeating: 0, count: WeekGrid.hours)
        let start = scenario.start + scenario.warmup
        for run in runs {
            for (h, hour) in run.hourly.enumerated() { byHour[grid.hour(of: start + Double(h) * 3600 + 1)] += Double(hour.arrivals) }
        }
        return HeadcountResult(headcount: headcount, estimates: estimates, meetsSafely: safe, meetsOnAverage: average,
                               load: TeamLoad(plan: plan, team: team, runs: runs),
                               arrivalsByHour: byHour.map { $0 / Double(max(1, runs.count)) })
    }

    /// The team's week: its business-calendar zone, aligned at the scenario's start.
    public var grid: WeekGrid {
        WeekGrid(timeZone: scenario.businessCalendar(ofTeam: roster.team).timeZone, reference: scenario.start)
    }

    /// The minutes of the week at least one rep of the team (declared or the template) is on shift.
    public func teamOnShift() -> [Bool] {
        var on = [Bool](repeating: false, count: WeekGrid.hours * 60)
        for rep in roster.declared + [roster.template] {
            for (m, isOn) in grid.onMinutes(rep.schedule, zone: rep.timeZone).enumerated() where isOn { on[m] = true }
        }
        return on
    }

    /// Searches `range`: every headcount when the range is small, else bisection on the safe
    /// criterion (targets are monotone in headcount up to noise), then the full table around
    /// the answer. Non-monotone points among those run are reported.
    /// - Parameter evaluator: Gives the result at a headcount (default: `evaluate`, which
    ///   simulates it); merged shards pass results computed from their records.
    public func run(_ range: ClosedRange<Int>, progress: ((Int) -> Void)? = nil,
                    evaluator: ((Int) throws -> HeadcountResult)? = nil) throws -> StaffingAnswer {
        var results: [Int: HeadcountResult] = [:]
        func result(_ n: Int) throws -> HeadcountResult {
            if let known = results[n] { return known }
            progress?(n)
            let value = try evaluator?(n) ?? evaluate(n)
            results[n] = value
            return value
        }
        let searched = range.count > 8
        if searched {
            var lo = range.lowerBound, hi = range.upperBound
            if try result(hi).meetsSafely {
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if try result(mid).meetsSafely { hi = mid } else { lo = mid + 1 }
                }
            }
            for n in max(range.lowerBound, lo - 2)...min(range.upperBound, lo + 2) { _ = try result(n) }
        } else {
            for n in range { _ = try result(n) }
        }
        let ordered = results.keys.sorted().map { results[$0]! }
        let safe = ordered.first(where: \.meetsSafely)?.headcount
        let mean = ordered.first(where: \.meetsOnAverage)?.headcount
        var nonMonotone: [Int] = []
        for (smaller, larger) in zip(ordered, ordered.dropFirst()) {
            for (t, target) in targets.enumerated() {
                let a = smaller.estimates[t], b = larger.estimates[t]
                // Worse with more reps, and the two CIs do not overlap.
                let worse = target.comparison == .atMost ? b.ci95[0] > a.ci95[1] : b.ci95[1] < a.ci95[0]
                if worse { nonMonotone.append(larger.headcount) }
            }
        }
        let reference = ordered.first { $0.headcount == (safe ?? mean ?? range.upperBound) } ?? ordered.last!
        var gaps: [CoverageGap] = []
        if safe == nil {
            let onShift = teamOnShift()
            gaps = targets.compactMap {
                CoverageGap.find(target: $0, sla: ruleSet.sla, onShift: onShift, timeZone: grid.timeZone, arrivals: reference.arrivalsByHour)
            }
        }
        return StaffingAnswer(team: roster.team, targets: targets, results: ordered, safeHeadcount: safe,
                              meanHeadcount: mean, searched: searched, nonMonotone: Array(Set(nonMonotone)).sorted(),
                              erlang: ErlangEstimate(load: reference.load, targets: targets, scenario: scenario, ruleSet: ruleSet,
                                                     touchDelay: roster.template.touchDelay.mean),
                              gaps: gaps, shrinkage: reference.load.shrinkage)
    }
}
