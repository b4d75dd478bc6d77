import RandomStreams
import RoutingRules
import SimulationModel

/// Everything about a scenario and its rule sets that is the same in every replication:
/// the lead schema, compiled rule sets, arrival rate segments, rep calendars and the
/// business clock. Immutable and shared by the replications that run in parallel.
public struct SimulationPlan: Sendable {
    /// The simulated world: the scenario without its template reps.
    public let scenario: Scenario
    public let ruleSets: [RuleSet]
    public let schema: LeadSchema
    public let compiled: [CompiledRuleSet]
    let factories: [LeadFactory]
    /// Per source: its recorded leads when it replays a file (nil: generated arrivals).
    let replays: [ReplayPlan?]
    let segments: [[RateSegment]]
    let repTemplates: [RepCalendarTemplate]
    /// Per rep: touch-delay and handle-time samplers, built once for every replication.
    let touchDelays: [Sampler]
    let handleTimes: [Sampler]
    /// The business clocks: the scenario's first, then one per distinct team calendar.
    let businessClocks: [BusinessClock]
    /// Per rule set and board queue (rule queues, then each rep's owner queue): the index in
    /// `businessClocks` of the clock of the leads first routed there (SPEC §7).
    let queueClock: [[Int]]
    /// Per rule set: the distinct SLAs its leads run under, and per board queue the index there
    /// of the SLA of the leads first routed to it (−1: none).
    let slas: [[SLA]]
    let queueSLA: [[Int]]
    public let teamIndex: [String: Int]
    /// Per rep: its team's index.
    public let repTeam: [Int]
    /// Per rule set and queue: the team its leads count towards (−1: none;
    /// ``teamOfOwner``: the team of the lead's latest owner).
    let queueTeam: [[Int]]
    /// The `queueTeam` of a queue whose members span several teams: each lead counts towards
    /// the team of its latest owner (none when it never had one).
    static let teamOfOwner = -2
    /// Per team: the manager's rep index (−1: none).
    let teamManager: [Int]
    let scoreField: Int?
    /// The enrichment delay's inverse CDF (nil: no enrichment).
    let enrichmentDelay: Sampler?
    /// The `account` pseudo-field.
    let accountField: Int
    /// Account attributes (nil: accounts have none).
    let accountFields: AccountFields?
    /// How account ownership is spread over the owner teams' reps.
    let accountOwnership: AccountOwnership

    /// Key instants of a run.
    let warmupStart: Instant
    let countedStart: Instant
    let arrivalsEnd: Instant
    let drainEnd: Instant

    /// Compiles the rule sets against one shared schema, so that the lead stream is the same
    /// for all of them (common random numbers).
    ///
    /// - Throws: `RoutingError` when a rule set does not resolve against the scenario's reps.
    public init(scenario declared: Scenario, ruleSets: [RuleSet]) throws {
        // Template reps are blueprints for `staff` (the reps it adds), not people who work.
        var scenario = declared
        scenario.reps = declared.reps.filter { !$0.isTemplate }
        self.scenario = scenario
        self.ruleSets = ruleSets
        warmupStart = scenario.start
        countedStart = scenario.start + scenario.warmup
        arrivalsEnd = countedStart + scenario.horizon
        drainEnd = arrivalsEnd + scenario.drain

        var schema = LeadSchema()
        let accountFields = AccountFields(accounts: scenario.accounts, schema: &schema)
        self.accountFields = accountFields
        accountOwnership = AccountOwnership(accounts: scenario.accounts, reps: scenario.reps, schema: &schema)
        factories = scenario.sources.map {
            LeadFactory(source: $0, accounts: scenario.accounts, accountFields: accountFields, schema: &schema)
        }
        let (replayStart, replayEnd) = (scenario.start, scenario.start + scenario.warmup + scenario.horizon)
        replays = scenario.sources.map { source in
            source.replay.map { ReplayPlan(source: source, replay: $0, start: replayStart, end: replayEnd, schema: &schema) }
        }
        let roster = scenario.reps.map {
            RosterEntry(name: $0.name, team: $0.team, weight: $0.weight, skills: $0.skills)
        }
        var compiled = try ruleSets.map { try CompiledRuleSet($0, schema: &schema, roster: roster) }
        for i in compiled.indices { compiled[i].tabulateSymbols(of: schema) }
        self.compiled = compiled
        scoreField = schema.existingFieldIndex("score")
        enrichmentDelay = scenario.enrichment.map { Sampler($0.delay) }
        accountField = schema.fieldIndex(for: LeadSchema.accountField)
        self.schema = schema

        let zone = ZoneClock(identifier: scenario.timeZone)
        segments = scenario.sources.map {
            RateSegments.build(source: $0, scenario: scenario, zone: zone, from: scenario.start, to: scenario.start + scenario.warmup + scenario.horizon)
        }
        let calendarEnd = drainEnd + 86_400
        touchDelays = scenario.reps.map { Sampler($0.touchDelay) }
        handleTimes = scenario.reps.map { Sampler($0.handleTime) }
        repTemplates = scenario.reps.map {
            RepCalendarTemplate(rep: $0, holidays: scenario.holidays(ofTeam: $0.team), from: scenario.start, to: calendarEnd)
        }
        (teamIndex, repTeam, teamManager, queueTeam) = Self.teams(of: scenario, compiled: compiled)
        (businessClocks, queueClock) = Self.businessClocks(of: scenario, compiled: compiled, teamIndex: teamIndex,
                                                           repTeam: repTeam, from: scenario.start - 7 * 86_400,
                                                           to: calendarEnd + 30 * 86_400)
        (slas, queueSLA) = Self.slas(of: ruleSets, repCount: scenario.reps.count)
    }

    /// Team indices (declared teams first, then the reps' other teams), each rep's team, each
    /// team's manager (−1: none), and per rule set and queue the team its leads count towards:
    /// the team of its members (`team:` when it has none), or ``teamOfOwner`` when they belong
    /// to several teams.
    private static func teams(of scenario: Scenario, compiled: [CompiledRuleSet])
        -> (index: [String: Int], repTeam: [Int], managers: [Int], queueTeam: [[Int]]) {
        var teams: [String: Int] = [:]
        for (i, team) in scenario.teams.enumerated() { teams[team.name] = i }
        for rep in scenario.reps where teams[rep.team] == nil { teams[rep.team] = teams.count }
        let repTeam = scenario.reps.map { teams[$0.team] ?? -1 }
        let repIndex = Dictionary(scenario.reps.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var managers = Array(repeating: -1, count: teams.count)
        for team in scenario.teams {
            if let manager = team.manager, let rep = repIndex[manager], let t = teams[team.name] { managers[t] = rep }
        }
        let queueTeam = compiled.map { ruleSet in
            ruleSet.queues.map { queue in
                if let team = queue.team, let t = teams[team] { return t }
                guard let first = queue.members.first.map({ repTeam[$0] }) else { return -1 }
                return queue.members.allSatisfy { repTeam[$0] == first } ? first : teamOfOwner
            }
        }
        return (teams, repTeam, managers, queueTeam)
    }

    /// One business clock per distinct calendar (the scenario's first, shared by every team that
    /// sets no calendar keys of its own), and per rule set and board queue the clock of the leads
    /// first routed there: a `team:` queue's team calendar, an owner queue's owner's team
    /// calendar, the scenario's for a queue listing reps, spanning teams, or automated.
    private static func businessClocks(of scenario: Scenario, compiled: [CompiledRuleSet], teamIndex: [String: Int],
                                       repTeam: [Int], from: Instant, to: Instant) -> (clocks: [BusinessClock], queueClock: [[Int]]) {
        var calendars = [scenario.businessCalendar]
        var clockOfTeam = Array(repeating: 0, count: teamIndex.count)
        for (name, t) in teamIndex.sorted(by: { $0.value < $1.value }) {
            let calendar = scenario.businessCalendar(ofTeam: name)
            if let known = calendars.firstIndex(of: calendar) {
                clockOfTeam[t] = known
            } else {
                clockOfTeam[t] = calendars.count
                calendars.append(calendar)
            }
        }
        let clocks = calendars.map {
            BusinessClock(schedule: $0.businessHours, zone: ZoneClock(identifier: $0.timeZone), holidays: $0.holidays,
                          from: from, to: to)
        }
        let ownerQueueClock = repTeam.map { $0 >= 0 ? clockOfTeam[$0] : 0 }
        let queueClock = compiled.map { ruleSet in
            ruleSet.queues.map { queue in queue.team.flatMap { teamIndex[$0] }.map { clockOfTeam[$0] } ?? 0 } + ownerQueueClock
        }
        return (clocks, queueClock)
    }

    /// Per rule set: its distinct SLAs, and per board queue the index of the SLA of the leads
    /// first routed there (a queue's own `sla`, else the rule set's; an owner queue: the rule
    /// set's; −1: none).
    private static func slas(of ruleSets: [RuleSet], repCount: Int) -> (slas: [[SLA]], queueSLA: [[Int]]) {
        var slas: [[SLA]] = [], queueSLA: [[Int]] = []
        for ruleSet in ruleSets {
            var distinct: [SLA] = []
            func index(_ sla: SLA?) -> Int {
                guard let sla else { return -1 }
                if let known = distinct.firstIndex(of: sla) { return known }
                distinct.append(sla)
                return distinct.count - 1
            }
            let owner = index(ruleSet.sla)
            let queues = ruleSet.queues.map { queue -> Int in
                guard case .human(let human) = queue.kind else { return -1 }
                return index(human.sla.resolved(ruleSet: ruleSet.sla))
            }
            slas.append(distinct)
            queueSLA.append(queues + Array(repeating: owner, count: repCount))
        }
        return (slas, queueSLA)
    }

    /// Team names by index.
    public var teamNames: [String] {
        teamIndex.sorted { $0.value < $1.value }.map(\.key)
    }
}

/// Who owns which accounts: each account belongs to an owner team (by the value of a field, or
/// one team for all) and is dealt to that team's reps round-robin in account order.
struct AccountOwnership: Sendable {
    /// The account field whose value picks the team (nil: every account belongs to team 0).
    let field: Int?
    /// By value of `field`: the index into `teamReps` (absent: the account has no owner).
    let teamByValue: [LeadValue: Int]
    /// Per owner team: its reps' indices, in declaration order.
    let teamReps: [[Int]]

    init(accounts: Accounts?, reps: [Rep], schema: inout LeadSchema) {
        func members(_ team: String) -> [Int] { reps.indices.filter { reps[$0].team == team } }
        switch accounts?.owners {
        case nil:
            (field, teamByValue, teamReps) = (nil, [:], [])
        case .team(let team)?:
            (field, teamByValue, teamReps) = (nil, [:], [members(team)])
        case .byField(let name, let teams)?:
            var order: [String] = [], byValue: [LeadValue: Int] = [:]
            for value in teams.keys.sorted(by: { $0.description < $1.description }) {
                let team = teams[value]!
                if !order.contains(team) { order.append(team) }
                byValue[FieldGenerator.leadValue(value, schema: &schema)] = order.firstIndex(of: team)!
            }
            (field, teamByValue, teamReps) = (schema.fieldIndex(for: name), byValue, order.map(members))
        }
    }
}
