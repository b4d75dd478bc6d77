import SimulationModel

/// A queue of a compiled rule set: its members resolved to roster indices.
public struct CompiledQueue: Sendable {
    public var name: String
    /// No human owner: leads routed here are settled on arrival and never unowned.
    public var isAutomated: Bool
    /// The team named by `team:` (nil for several teams, an explicit `reps:` list or an
    /// automated queue).
    public var team: String?
    /// Roster indices in declaration order (team order, team after team for several teams, or
    /// the order of `reps:`).
    public var members: [Int]
    public var strategy: Strategy
    /// The lead field a rep's skills must contain (`skill: FIELD`).
    public var skillField: Int?
    public var keepTurn: Bool
    public var maxWait: Seconds?
    public var overflowAfter: Seconds?
    /// Queue index of `overflow.to`.
    public var overflowTarget: Int?
    /// `order: score`: the highest `score` field waits least.
    public var orderByScore: Bool
    public var assignOffShift: Bool
    /// Round-robin fairness: most leads a member passed over while off shift or absent can be
    /// owed (0: `absent: skip`, nothing is owed).
    public var catchUpLimit: Int = 0
    /// When the kernel clears this queue's fairness state (``CompiledRuleSet/resetFairness(queue:state:)``).
    public var fairnessReset: RoundRobinFairness.Reset = .never
}

/// Where routing sends a lead.
public enum RouteDecision: Hashable, Sendable {
    /// A queue, by the route with that index (nil: the fallback).
    case queue(route: Int?, queue: Int)
    /// The owner of the lead's matched account; the kernel resolves it, and uses `elseQueue`
    /// when that owner is inactive, absent or at a cap (nil: the lead waits for the owner).
    case accountOwner(route: Int, elseQueue: Int?)
    /// No route matched and the rule set has no fallback.
    case unrouted

    /// The index of the matched route (nil: fallback or unrouted).
    public var route: Int? {
        switch self {
        case .queue(let route, _): return route
        case .accountOwner(let route, _): return route
        case .unrouted: return nil
        }
    }
}
