import Foundation
import SimulationKernel
import SimulationModel
import Statistics

/// One hour of the week's requirement.
public struct HourRequirement: Sendable {
    /// Hour of the team's week (Monday 00:00 = 0).
    public var hour: Int
    /// Fewest reps of the team on shift in that hour meeting every target for its leads (by simulation).
    public var reps: Int
    /// Erlang C's reps on shift for the hour's arrival rate alone (stationary), or nil without a closed form.
    public var erlangC: Int?
    /// The team's leads arriving in this hour per week (mean).
    public var leadsPerWeek: Double
    /// Whether the hour's leads meet every target at `reps` in the last simulation.
    public var meets: Bool
    /// The hour misses, and one more rep in it did not bring its leads closer to the targets (touch
    /// delays running past shift ends, shrinkage blocks, or few leads: not a matter of headcount).
    public var unimprovable: Bool
}

/// What `requirement` found.
public struct RequirementAnswer: Sendable {
    public var team: String
    public var targets: [StaffingTarget]
    /// 168 hours of the team's week.
    public var hours: [HourRequirement]
    /// The grid's zone.
    public var timeZone: String
    /// Simulations run (the pilot included).
    public var iterations: Int
    /// Every hour met its targets at its requirement and none could lose a rep.
    public var converged: Bool
    /// The team's template shrinkage (requirements count rostered reps on shift).
    public var shrinkage: Double
    /// Rep-hours per week, Σ reps over the hours.
    public var repHours: Int { hours.map(\.reps).reduce(0, +) }
}

/// Per-hour staffing by simulation, after Feldman, Mandelbaum, Massey and Whitt's iterative
/// staffing algorithm (Management Science 54(2), 2008): staff every hour, simulate the whole
/// week (leads carry over from hour to hour, so interactions are real), read each hour's
/// targets on the leads arriving in it, and adjust the hours that miss, until nothing changes.
///
/// 1. A pilot run measures the team's arrivals per hour of the week; each hour starts at its
///    Erlang C requirement (stationary, the hour's rate, slot holding time = mean touch delay +
///    mean handle time).
/// 2. Up: every hour whose leads miss a target gets one more rep (and an empty next hour gets one,
///    since leads still waiting at the hour's end need someone on shift); an hour whose leads got no
///    closer to the targets with the extra rep gives it back and is reported as not improvable by
///    staffing; repeat until every other hour meets.
/// 3. Down: every hour not yet frozen loses one rep at once; hours that then miss get it back
///    and are frozen; repeat until no hour can lose one. Then 2 again if a change elsewhere made
///    an hour miss. Each hour is capped (3 × the week's Erlang C maximum + 5); an hour still
///    missing at its cap is reported as not met.
///
/// Every iteration runs the same replications with the same seed (common random numbers).
/// The team's reps are replaced by clones of its template, rep k on shift in the hours that
/// need at least k reps (in the team's zone).
public struct IterativeStaffing {
    /// The scenario as given (its team's reps are replaced in each simulation).
    public let scenario: Scenario
    public let ruleSet: RuleSet
    /// The team, its declared reps and the template the staffing clones.
    public let roster: TeamRoster
    /// The targets, read per hour.
    public let targets: [HourlyTarget]
    /// Workers and replications of every simulation (traced to tally leads by hour).
    public let options: ExperimentOptions
    /// The most simulations run.
    public var maximumIterations = 60

    public init(scenario: Scenario, ruleSet: RuleSet, team: String, targets: [StaffingTarget],
                options: ExperimentOptions = ExperimentOptions()) throws(TargetError) {
        self.scenario = scenario
        self.ruleSet = ruleSet
        roster = try TeamRoster(scenario: scenario, team: team)
        var hourly: [HourlyTarget] = []
        for target in targets { hourly.append(try HourlyTarget(target, sla: ruleSet.sla)) }
        self.targets = hourly
        self.options = options
    }

    /// The team's week.
    public var grid: WeekGrid {
        WeekGrid(timeZone: scenario.businessCalendar(ofTeam: roster.team).timeZone, reference: scenario.start)
    }

    /// The scenario with the team replaced by reps on shift in the given numbers per hour.
    public func scenario(staffing: [Int]) -> Scenario {
        let reps = roster.names("req", count: staffing.max() ?? 0, in: scenario).enumerated().map { k, name -> Rep in
            var rep = roster.template
            rep.name = name
            rep.timeZone = grid.timeZone
            rep.schedule = WeekGrid.schedule(onHours: staffing.map { $0 >= k + 1 })
            return rep
        }
        return roster.scenario(scenario, replacingWorkingRepsWith: reps)
    }

    /// Simulates a staffing and tallies the team's counted leads by arrival hour.
    public func tally(staffing: [Int]) throws -> [HourTally] {
        let plan = try SimulationPlan(scenario: scenario(staffing: staffing), ruleSets: [ruleSet])
        let teamReps = Set(plan.scenario.reps.filter { $0.team == roster.team }.map(\.name))
        let teamQueues = Set(ruleSet.queues.filter { queue in
            guard case .human(let human) = queue.kind else { return false }
            switch human.members {
            case .team(let t): return t == roster.team
            case .teams(let ts): return ts.contains(roster.team)
            case .reps(let names): return names.contains { teamReps.contains($0) }
            }
        }.map(\.name))
        var tallies = (0..<WeekGrid.hours).map { _ in HourTally(targets: targets.count) }
        let grid = self.grid
        var trace = options
        trace.trace = true
        Experiment.run(plan, options: trace) { _, _, rows in
            for row in rows where row.counted {
                let ours = row.owners.first.map { teamReps.contains($0) } ?? teamQueues.contains(row.queue)
                guard ours else { continue }
                let h = grid.hour(of: row.arrival)
                tallies[h].leads += 1
                guard let touch = row.firstTouch else { continue }
                let ttft = touch - row.arrival
                tallies[h].touched += 1
                tallies[h].ttftSum += ttft
                for (t, target) in targets.enumerated() where target.limit.map({ ttft <= $0 }) ?? false { tallies[h].within[t] += 1 }
            }
        }
        return tallies
    }

    /// How far an hour's leads are from the targets (0 when met), summed over the targets.
    func shortfall(_ tally: HourTally) -> Double {
        targets.enumerated().map { $0.element.shortfall(tally, index: $0.offset) }.reduce(0, +)
    }

    func misses(_ tallies: [HourTally]) -> [Bool] {
        tallies.map { tally in !targets.enumerated().allSatisfy { $0.element.isMet(by: tally, index: $0.offset) } }
    }

    /// Erlang C reps on shift per hour from the pilot's arrivals (nil where a target has no closed form).
    func erlangC(_ tallies: [HourTally]) -> [Int?] {
        let weeks = scenario.horizon / (7 * 86_400) * Double(options.replications?.count ?? scenario.replications)
        let template = roster.template
        let holding = template.touchDelay.mean + template.handleTime.mean
        return tallies.map { tally -> Int? in
            let form = ClosedForm(arrivalRate: Double(tally.leads) / max(weeks, 1e-9) / 3600, serviceRate: 1 / max(holding, 1e-9))
            var slots = 0
            for target in targets {
                let check = form.check(target.target, sla: ruleSet.sla, touchDelay: template.touchDelay.mean)
                guard check.hasClosedForm, let s = check.slots else { return nil }
                slots = max(slots, s)
            }
            return Int((Double(slots) / Double(max(1, template.capacityOpen)) / (1 - template.shrinkage)).rounded(.up))
        }
    }

    /// Runs the algorithm.
    /// - Parameter progress: called before each simulation with its number and the rep-hours tried.
    public func run(progress: ((Int, Int) -> Void)? = nil) throws -> RequirementAnswer {
        var iterations = 0
        func simulate(_ staffing: [Int]) throws -> [HourTally] {
            iterations += 1
            progress?(iterations, staffing.reduce(0, +))
            return try tally(staffing: staffing)
        }
        let pilotStaffing = Array(repeating: max(1, roster.declared.count), count: WeekGrid.hours)
        let pilot = try simulate(pilotStaffing)
        let erlang = erlangC(pilot)
        let cap = 3 * max(1, erlang.compactMap { $0 }.max() ?? roster.declared.count) + 5
        var staffing = zip(erlang, pilot).map { e, tally in tally.leads == 0 ? 0 : min(cap, max(1, e ?? 1)) }
        var frozen = [Bool](repeating: false, count: WeekGrid.hours)
        // Hours where one more rep did not bring their leads closer to the targets.
        var stuck = [Bool](repeating: false, count: WeekGrid.hours)
        var current = try simulate(staffing)
        var missing = misses(current)
        var converged = false
        while iterations < maximumIterations {
            let open = (0..<WeekGrid.hours).filter { missing[$0] && !stuck[$0] }
            if !open.isEmpty {
                // Up: raise the hours that miss (and an empty next hour).
                var trial = staffing
                var raised: [Int] = []
                for h in open {
                    if trial[h] < cap { trial[h] += 1; raised.append(h) } else { stuck[h] = true }
                    let next = (h + 1) % WeekGrid.hours
                    if trial[next] == 0 { trial[next] = 1 }
                }
                if trial == staffing { continue }
                let after = try simulate(trial)
                var reverted = false
                for h in raised where shortfall(after[h]) >= shortfall(current[h]) - 1e-9 {
                    trial[h] -= 1
                    (stuck[h], frozen[h], reverted) = (true, true, true)
                }
                staffing = trial
                current = reverted ? try simulate(staffing) : after
                missing = misses(current)
                continue
            }
            // Down: lower every hour that may still lose a rep, at once.
            let lowered = (0..<WeekGrid.hours).filter { !frozen[$0] && staffing[$0] > 0 }
            if lowered.isEmpty { converged = true; break }
            var trial = staffing
            for h in lowered { trial[h] -= 1 }
            let after = try simulate(trial)
            let trialMissing = misses(after)
            var reverted = false
            for h in lowered where trialMissing[h] { trial[h] += 1; frozen[h] = true; reverted = true }
            for h in lowered where !trialMissing[h] && trial[h] == 0 { frozen[h] = true }
            staffing = trial
            // The same staffing gives the same tallies (common random numbers): re-run only after a revert.
            current = reverted ? try simulate(staffing) : after
            missing = misses(current)
        }
        let final = current
        if missing.contains(true) { converged = false }
        let weeks = scenario.horizon / (7 * 86_400) * Double(options.replications?.count ?? scenario.replications)
        let hours = (0..<WeekGrid.hours).map { h in
            HourRequirement(hour: h, reps: staffing[h], erlangC: erlang[h], leadsPerWeek: Double(final[h].leads) / max(weeks, 1e-9),
                            meets: !missing[h], unimprovable: stuck[h] && missing[h])
        }
        return RequirementAnswer(team: roster.team, targets: targets.map(\.target), hours: hours, timeZone: grid.timeZone,
                                 iterations: iterations, converged: converged, shrinkage: roster.template.shrinkage)
    }
}
