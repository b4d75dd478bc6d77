/// A routing policy (SPEC §3): ordered routes, queues with assignment strategies, and an SLA.
///
/// Built only by `ScenarioFile` after validation: every route target, `else`, fallback and
/// overflow target names a queue of `queues`.
public struct RuleSet: Sendable {
    public var name: String
    public var description: String?
    /// Ordered; the first route whose condition holds wins.
    public var routes: [Route]
    /// Queue for leads no route matched (nil: such leads are unrouted).
    public var fallback: String?
    /// Queues in declaration order.
    public var queues: [Queue]
    public var sla: SLA?
    /// The names the lead fields go by in CRM exports (`fields:`), for the CSV readers.
    public var fields: FieldAliases

    public init(name: String, description: String? = nil, routes: [Route], fallback: String? = nil,
                queues: [Queue], sla: SLA? = nil, fields: FieldAliases = FieldAliases()) {
        self.name = name
        self.description = description
        self.routes = routes
        self.fallback = fallback
        self.queues = queues
        self.sla = sla
        self.fields = fields
    }

    public func queue(named name: String) -> Queue? { queues.first { $0.name == name } }
}

public struct Route: Sendable {
    public var name: String
    /// nil: matches every lead.
    public var when: Condition?
    public var destination: Destination
    /// For `account-owner`: the queue used when the owner is inactive, absent or at a cap.
    public var elseQueue: String?

    public init(name: String, when: Condition?, destination: Destination, elseQueue: String? = nil) {
        self.name = name
        self.when = when
        self.destination = destination
        self.elseQueue = elseQueue
    }
}

public enum Destination: Hashable, Sendable {
    case queue(String)
    /// The owner of the lead's matched account.
    case accountOwner
}

/// A condition on lead fields. A condition on a missing field is false, except `missing`.
public indirect enum Condition: Sendable {
    /// A test on one field (`account` is the lead's matched account, when it has one).
    case field(String, FieldTest)
    case all([Condition])
    case any([Condition])
    case not(Condition)
}

/// A test of one field's value.
public indirect enum FieldTest: Sendable {
    /// Scalar equality.
    case equals(FieldValue)
    /// Membership in a list.
    case oneOf([FieldValue])
    /// `"op value"`, op in `= != < <= > >=`.
    case compare(ComparisonOperator, FieldValue)
    /// Inclusive `{between: [a, b]}`.
    case between(Double, Double)
    case not(FieldTest)
    /// Regular expression (ICU/Foundation syntax), searched anywhere in the value's text.
    case matches(String)
    /// Case-insensitive substring.
    case contains(String)
    /// Case-insensitive prefix.
    case startsWith(String)
    case exists
    case missing
}

public enum ComparisonOperator: String, CaseIterable, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

public struct Queue: Sendable {
    public var name: String
    public var kind: Kind

    public enum Kind: Sendable {
        /// No human owner (nurture, auto-reply): counted apart, never unowned.
        case automated
        case human(HumanQueue)
    }

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// A queue worked by reps.
public struct HumanQueue: Sendable {
    public enum Members: Hashable, Sendable {
        /// Every rep of one team, in declaration order.
        case team(String)
        /// Every rep of these teams (two or more, `team: [A, B]`): A's reps, then B's, each in
        /// declaration order.
        case teams([String])
        case reps([String])

        /// The teams named by `team:` (one or several; empty for a list of reps).
        public var teamNames: [String] {
            switch self {
            case .team(let team): return [team]
            case .teams(let teams): return teams
            case .reps: return []
            }
        }
    }

    public enum Order: String, Sendable {
        case oldestFirst = "arrival"
        case score
    }

    public var members: Members
    public var strategy: Strategy
    /// Lead field whose value must be among a rep's skills.
    public var skill: String?
    public var keepTurn: Bool
    /// Dropped (unowned) after this long in the queue.
    public var maxWait: Seconds?
    public var overflow: Overflow?
    public var order: Order
    public var assignOffShift: Bool
    /// Round-robin fairness (SPEC §7); only for `round-robin` and `weighted-round-robin`.
    public var fairness: RoundRobinFairness
    /// The SLA of the leads first routed to this queue.
    public var sla: QueueSLA

    public init(members: Members, strategy: Strategy = .roundRobin, skill: String? = nil, keepTurn: Bool = false,
                maxWait: Seconds? = nil, overflow: Overflow? = nil, order: Order = .oldestFirst,
                assignOffShift: Bool = false, fairness: RoundRobinFairness = .skip, sla: QueueSLA = .ruleSet) {
        self.members = members
        self.strategy = strategy
        self.skill = skill
        self.keepTurn = keepTurn
        self.maxWait = maxWait
        self.overflow = overflow
        self.order = order
        self.assignOffShift = assignOffShift
        self.fairness = fairness
        self.sla = sla
    }
}

/// What a round-robin queue owes the members it passes over (SPEC §7 `fairness`).
public struct RoundRobinFairness: Hashable, Sendable {
    /// What a member off shift, absent or shrunk when its turn comes gets.
    public enum Absent: String, CaseIterable, Sendable {
        /// It loses the turn (unless `keep_turn`).
        case skip
        /// It is owed a lead, paid back first once it is eligible again.
        case catchUp = "catch_up"
    }

    /// When owed leads and weighted scores are cleared (scenario-local).
    public enum Reset: String, CaseIterable, Sendable {
        case never, daily, weekly, monthly
    }

    public var absent: Absent
    /// Most leads one member can be owed (with `catch_up`).
    public var catchUpLimit: Int
    public var reset: Reset

    public static let defaultCatchUpLimit = 10
    /// Today's behaviour: skipped members lose their turn, nothing is ever reset.
    public static let skip = RoundRobinFairness()

    public init(absent: Absent = .skip, catchUpLimit: Int = defaultCatchUpLimit, reset: Reset = .never) {
        self.absent = absent
        self.catchUpLimit = catchUpLimit
        self.reset = reset
    }
}

/// A queue's `sla` (SPEC §7): for the leads first routed to the queue it replaces the rule
/// set's; overflow and escalation keep the lead's.
public enum QueueSLA: Hashable, Sendable {
    /// No `sla` key: the rule set's SLA (or none when the rule set has none).
    case ruleSet
    /// `sla: none`: no SLA.
    case exempt
    /// The queue's own SLA.
    case own(SLA)

    /// The SLA in force for leads first routed to the queue, given the rule set's.
    public func resolved(ruleSet: SLA?) -> SLA? {
        switch self {
        case .ruleSet: return ruleSet
        case .exempt: return nil
        case .own(let sla): return sla
        }
    }
}

public struct Overflow: Hashable, Sendable {
    public var after: Seconds
    public var to: String

    public init(after: Seconds, to: String) {
        self.after = after
        self.to = to
    }
}

public enum Strategy: String, CaseIterable, Sendable {
    case roundRobin = "round-robin"
    case weightedRoundRobin = "weighted-round-robin"
    case leastLoaded = "least-loaded"
    case loadRatio = "load-ratio"
    case nextAvailable = "next-available"
    case random = "random"
}

public struct SLA: Hashable, Codable, Sendable {
    public enum Clock: String, CaseIterable, Codable, Sendable {
        case wall, business
    }

    public enum Breach: String, CaseIterable, Codable, Sendable {
        case none, reassign, escalate
    }

    public var firstTouch: Seconds
    public var clock: Clock
    public var onBreach: Breach
    /// nil: no limit.
    public var maxReassignments: Int?
    /// For `escalate`: a queue to send breached leads to instead of the team manager.
    public var escalateTo: String?

    public init(firstTouch: Seconds, clock: Clock = .wall, onBreach: Breach = .none,
                maxReassignments: Int? = nil, escalateTo: String? = nil) {
        self.firstTouch = firstTouch
        self.clock = clock
        self.onBreach = onBreach
        self.maxReassignments = maxReassignments
        self.escalateTo = escalateTo
    }

    enum CodingKeys: String, CodingKey {
        case firstTouch = "first_touch", clock, onBreach = "on_breach", maxReassignments = "max_reassignments",
             escalateTo = "escalate_to"
    }
}
