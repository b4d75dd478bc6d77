import SimulationKernel
import SimulationModel

/// The cheapest roster on the given shift templates covering a per-hour requirement, and the
/// simulated roster against the targets.
public struct ShiftPlan: Sendable {
    public var team: String
    public var templates: [ShiftTemplate]
    /// Reps needed on shift per hour of the team's week.
    public var required: [Int]
    /// Per template: the hours of the team's week it covers whole.
    public var covers: [[Bool]]
    /// Per template: reps hired on it (the integer program's optimum).
    public var reps: [Int]
    /// Σ cost × reps.
    public var cost: Double
    /// Per hour: reps on shift with this roster.
    public var coverage: [Int]
    /// The roster's reps (clones of the team's template on each shift).
    public var roster: [Rep]
    /// The targets at this roster, simulated (headcount = the roster's size).
    public var result: HeadcountResult
    public var targets: [StaffingTarget]
    /// The grid's zone.
    public var timeZone: String
}

/// `shifts`: solves the covering program for the team's week, then simulates the roster.
public struct ShiftPlanner {
    /// The scenario as given (the roster replaces its team's working reps).
    public let scenario: Scenario
    public let ruleSet: RuleSet
    /// The team and the template rep the roster clones.
    public let roster: TeamRoster
    /// The shifts reps may be hired on.
    public let templates: [ShiftTemplate]
    /// The targets the roster is simulated against (may be empty).
    public let targets: [StaffingTarget]
    public let options: ExperimentOptions

    public init(scenario: Scenario, ruleSet: RuleSet, team: String, templates: [ShiftTemplate], targets: [StaffingTarget],
                options: ExperimentOptions = ExperimentOptions()) throws(TargetError) {
        self.scenario = scenario
        self.ruleSet = ruleSet
        roster = try TeamRoster(scenario: scenario, team: team)
        self.templates = templates
        self.targets = targets
        self.options = options
    }

    /// The team's week.
    public var grid: WeekGrid {
        WeekGrid(timeZone: scenario.businessCalendar(ofTeam: roster.team).timeZone, reference: scenario.start)
    }

    /// Per template: the hours of the team's week it covers whole (its zone moved onto the team's).
    public var covers: [[Bool]] {
        templates.map { grid.coveredHours($0.schedule, zone: $0.timeZone ?? grid.timeZone) }
    }

    /// The team's reps for a solution: `TEAM-TEMPLATE-k`, clones of the team's template.
    public func reps(_ counts: [Int]) -> [Rep] {
        zip(templates, counts).flatMap { template, count in
            roster.names(template.name, count: count, in: scenario).map { name -> Rep in
                var rep = roster.template
                rep.name = name
                rep.schedule = template.schedule
                rep.timeZone = template.timeZone ?? grid.timeZone
                return rep
            }
        }
    }

    /// Solves the program for `required` (168 hours) and simulates the roster.
    /// - Throws: `ShiftCovering.Failure` when no roster covers the requirement; errors building the plan.
    public func plan(required: [Int]) throws -> ShiftPlan {
        let covers = self.covers
        let solution = try ShiftCovering(covers: covers, costs: templates.map(\.cost), required: required).solve()
        let coverage = (0..<WeekGrid.hours).map { h in covers.indices.reduce(0) { $0 + (covers[$1][h] ? solution.reps[$1] : 0) } }
        let team = reps(solution.reps)
        let world = roster.scenario(scenario, replacingWorkingRepsWith: team)
        let search = try HeadcountSearch(scenario: world, ruleSet: ruleSet, team: roster.team, targets: targets, options: options)
        let simulation = try SimulationPlan(scenario: world, ruleSets: [ruleSet])
        let result = search.result(headcount: team.count, plan: simulation, runs: Experiment.run(simulation, options: options).runs[0])
        return ShiftPlan(team: roster.team, templates: templates, required: required, covers: covers, reps: solution.reps,
                         cost: solution.cost, coverage: coverage, roster: team, result: result, targets: targets,
                         timeZone: grid.timeZone)
    }
}
