import SimulationModel

/// What a summary needs to know about a study besides its per-replication records: the names
/// of its rule sets, routes, teams and reps, its time window, and the few settings that
/// derived metrics depend on (rep weights and capacities, conversion).
///
/// Small and Codable: the records header carries it, so that `merge` builds the summary of
/// sharded runs from the records alone, exactly as `run` does from its own.
public struct StudyDescription: Codable, Hashable, Sendable {
    public var scenario: String
    public var seed: UInt64
    public var replications: Int
    /// First instant of the run (start of the warm-up), UTC seconds.
    public var start: Instant
    public var warmup: Seconds
    public var horizon: Seconds
    public var timeZone: String
    /// The scenario's `metrics.unowned_after`.
    public var unownedAfter: Seconds
    public var conversion: Conversion?
    /// Team names by team index.
    public var teams: [String]
    /// Source names, in scenario order.
    public var sources: [String]
    /// The simulated reps (template reps left out), in scenario order.
    public var reps: [Rep]
    public var ruleSets: [RuleSetInfo]
    /// The reports' headline metrics when chosen (`--headline`, `report: headline`); nil: the default.
    public var headline: [String]?
    /// The assumptions section's lines the study wrote from the scenario (nil: none recorded),
    /// kept here so `merge` of shards writes the same report as the whole run.
    public var assumptions: [String]?
    /// Where the scenario's values came from when `leadsim fit` wrote it (nil: not fitted).
    public var fitted: FitProvenance?

    /// One simulated rep.
    public struct Rep: Codable, Hashable, Sendable {
        public var name: String
        public var team: String
        /// Index into `teams` (−1: none).
        public var teamIndex: Int
        public var weight: Double
        public var capacityOpen: Int

        enum CodingKeys: String, CodingKey {
            case name, team, teamIndex = "team_index", weight, capacityOpen = "capacity_open"
        }
    }

    /// One rule set: its routes in order and where each sends its leads.
    public struct RuleSetInfo: Codable, Hashable, Sendable {
        public var name: String
        public var description: String?
        public var sla: SLA?
        public var routes: [RouteInfo]
        /// The fallback queue (nil: unmatched leads are unrouted).
        public var fallback: String?
        /// The rule set's queues, in its order (account owners' queues are not among them).
        public var queues: [QueueInfo]
        /// The queues whose own `sla` replaces the rule set's, in declaration order (nil: none does).
        public var queueSLAs: [QueueSLAInfo]?

        enum CodingKeys: String, CodingKey {
            case name, description, sla, routes, fallback, queues, queueSLAs = "queue_slas"
        }
    }

    /// A rule queue's name and whether it is automated (no human owner).
    public struct QueueInfo: Codable, Hashable, Sendable {
        public var name: String
        public var automated: Bool
    }

    /// A queue with its own `sla` (SPEC §7).
    public struct QueueSLAInfo: Codable, Hashable, Sendable {
        public var queue: String
        /// The queue's SLA (nil: `sla: none`).
        public var sla: SLA?
    }

    /// A route's name and destination (a queue, or `account-owner (else QUEUE)`).
    public struct RouteInfo: Codable, Hashable, Sendable {
        public var name: String
        public var destination: String
    }

    /// The description of a compiled plan.
    public init(plan: SimulationPlan) {
        let scenario = plan.scenario
        self.scenario = scenario.name
        seed = scenario.seed
        replications = scenario.replications
        start = scenario.start
        warmup = scenario.warmup
        horizon = scenario.horizon
        timeZone = scenario.timeZone
        unownedAfter = scenario.metrics.unownedAfter
        conversion = scenario.metrics.conversion
        teams = plan.teamNames
        sources = scenario.sources.map(\.name)
        reps = scenario.reps.enumerated().map { r, rep in
            Rep(name: rep.name, team: rep.team, teamIndex: plan.repTeam[r], weight: rep.weight, capacityOpen: rep.capacityOpen)
        }
        ruleSets = plan.ruleSets.enumerated().map { r, ruleSet in
            let routes = plan.compiled[r].routeNames.enumerated().map { i, name in
                RouteInfo(name: name, destination: Self.destination(ruleSet.routes.indices.contains(i) ? ruleSet.routes[i] : nil))
            }
            let queueSLAs = ruleSet.queues.compactMap { queue -> QueueSLAInfo? in
                guard case .human(let human) = queue.kind, human.sla != .ruleSet else { return nil }
                return QueueSLAInfo(queue: queue.name, sla: human.sla.resolved(ruleSet: ruleSet.sla))
            }
            return RuleSetInfo(name: ruleSet.name, description: ruleSet.description, sla: ruleSet.sla, routes: routes,
                               fallback: ruleSet.fallback,
                               queues: plan.compiled[r].queues.map { QueueInfo(name: $0.name, automated: $0.isAutomated) },
                               queueSLAs: queueSLAs.isEmpty ? nil : queueSLAs)
        }
    }

    /// First instant of the counted window.
    public var countedStart: Instant { start + warmup }

    /// The reps of team `team` (indices into `reps`).
    public func members(ofTeam team: Int) -> [Int] { reps.indices.filter { reps[$0].teamIndex == team } }

    private static func destination(_ route: Route?) -> String {
        guard let route else { return "" }
        switch route.destination {
        case .queue(let name): return name
        case .accountOwner: return "account-owner" + (route.elseQueue.map { " (else \($0))" } ?? "")
        }
    }

    enum CodingKeys: String, CodingKey {
        case scenario, seed, replications, start, warmup, horizon, timeZone = "time_zone", unownedAfter = "unowned_after",
             conversion, teams, sources, reps, ruleSets = "rule_sets", headline, assumptions, fitted
    }
}
