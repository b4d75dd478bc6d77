import SimulationModel

/// The rule-set file (SPEC §3): routes, queues and the SLA of one routing policy.
extension FileFormat {
    public static let ruleSet = ObjectFormat("a rule set", [
        KeyFormat("name", .text, "Name of the rule set, as reports show it.", required: true),
        KeyFormat("description", .text, "One line on what the policy does."),
        KeyFormat("routes", .list(.object(route)), "Ordered routes: the first whose condition matches decides the queue."),
        KeyFormat("fallback", .text, "Queue for leads no route matches; without it they are unrouted."),
        KeyFormat("queues", .object(queues), "The queues (destinations) by name.", required: true),
        KeyFormat("sla", .object(sla), "First-touch service level and what happens on a breach."),
        KeyFormat("fields", .object(fieldNames),
                  "The names lead fields go by in CRM exports: CSV columns named by an alias are read as the field."),
    ])

    static let fieldNames = ObjectFormat("field names", [], otherKeys: .object(fieldNaming))

    static let fieldNaming = ObjectFormat("a field's names", [
        KeyFormat("aliases", .list(.text, minimum: 1),
                  "Column names that hold this field (e.g. CountryCode, Lead.CountryCode, Country Code); compared without case.",
                  required: true),
    ])

    static let route = ObjectFormat("a route", [
        KeyFormat("name", .text, "Name of the route (unique), as explanations and route hit counts show it.", required: true),
        KeyFormat("when", .reference(condition), "Condition on lead fields; a route without when matches every lead."),
        KeyFormat("to", .text, "A queue of this rule set, or account-owner (the owner of the matched account).",
                  required: true),
        KeyFormat("else", .text, "With to: account-owner, the queue used when that owner is inactive, absent or at a cap."),
    ])

    static let queues = ObjectFormat("queues", [], otherKeys: .anyOf([.word("automated"), .object(queue)]), minimumKeys: 1)

    public static let queue = ObjectFormat("a queue", [
        KeyFormat("team", .anyOf([.text, .list(.text, minimum: 1)]),
                  "Every rep of this team works the queue; a list [A, B] pools several teams (A's reps, then B's)."),
        KeyFormat("reps", .list(.text, minimum: 1), "These reps work the queue."),
        KeyFormat("strategy", .choice(Strategy.allCases.map(\.rawValue), what: "strategy"),
                  "How a rep is picked (default round-robin); ties go to the rep declared first."),
        KeyFormat("skill", .text, "A lead field: only reps whose skills contain the lead's value are eligible."),
        KeyFormat("keep_turn", .bool, "Round-robin: a skipped rep is first in line when eligible again."),
        KeyFormat("max_wait", .syntax(.duration), "A lead waiting this long since entering the queue is dropped (unowned)."),
        KeyFormat("overflow", .object(overflow), "Move leads that wait too long to another queue."),
        KeyFormat("order", .choice(["score", "arrival"], what: "order"),
                  "Which waiting lead goes first: arrival (default, oldest first) or score (highest first)."),
        KeyFormat("assign_off_shift", .bool, "Assign to reps who are off shift too (default false)."),
        KeyFormat("fairness", .object(fairness),
                  "Round-robin strategies: what members passed over while off shift, absent or shrunk are owed."),
        KeyFormat("sla", .anyOf([.word("none"), .object(sla)]),
                  "The SLA of leads first routed here, replacing the rule set's (none: no SLA); overflow and escalation keep it."),
    ], exactlyOne: ["team", "reps"])

    static let fairness = ObjectFormat("a fairness policy", [
        KeyFormat("absent", .choice(RoundRobinFairness.Absent.allCases.map(\.rawValue), what: "absent policy"),
                  "skip (default): a member off shift, absent or shrunk loses its turn; catch_up: it is owed a lead."),
        KeyFormat("catch_up_limit", .integer(minimum: 1, maximum: 100_000),
                  "With absent: catch_up, most leads one member can be owed (default 10)."),
        KeyFormat("reset", .choice(RoundRobinFairness.Reset.allCases.map(\.rawValue), what: "fairness reset"),
                  "When owed leads and weighted scores are cleared: never (default), daily, weekly (Monday) or monthly, scenario-local."),
    ])

    static let overflow = ObjectFormat("an overflow", [
        KeyFormat("after", .syntax(.duration), "Wait since entering the queue before moving (longer than 0s).",
                  required: true),
        KeyFormat("to", .text, "The queue to move to (not this one).", required: true),
    ])

    public static let sla = ObjectFormat("an SLA", [
        KeyFormat("first_touch", .syntax(.duration), "Time from arrival within which the first touch should happen.",
                  required: true),
        KeyFormat("clock", .choice(SLA.Clock.allCases.map(\.rawValue), what: "SLA clock"),
                  "wall (default) counts every hour; business counts business hours only."),
        KeyFormat("on_breach", .choice(SLA.Breach.allCases.map(\.rawValue), what: "breach action"),
                  "none (default), reassign to another rep of the queue, or escalate to the manager or escalate_to."),
        KeyFormat("max_reassignments", .integer(minimum: 0, maximum: 1000), "Most breaches that move one lead (default no limit)."),
        KeyFormat("escalate_to", .text, "With on_breach: escalate, the queue breached leads go to (else the team's manager)."),
    ])

    // MARK: Conditions

    static let condition = "condition"
    static let fieldTest = "fieldTest"

    /// A condition: an AND of its keys; `any`, `all` and `not` combine sub-conditions.
    static let conditionFormat = ObjectFormat("a condition", [
        KeyFormat("any", .list(.reference(condition)), "At least one of these conditions holds."),
        KeyFormat("all", .list(.reference(condition)), "Every one of these conditions holds."),
        KeyFormat("not", .reference(condition), "This condition does not hold."),
    ], otherKeys: .reference(fieldTest))

    /// A test map: exactly one operator.
    static let testFormat = ObjectFormat("a field test", [
        KeyFormat("between", .tuple([.number(), .number()]), "The number is within [low, high] (inclusive)."),
        KeyFormat("not", .reference(fieldTest), "The test does not hold (a missing field is still false)."),
        KeyFormat("matches", .text, "The text matches this ICU regular expression."),
        KeyFormat("contains", .text, "The text contains this (case-insensitive)."),
        KeyFormat("starts_with", .text, "The text starts with this (case-insensitive)."),
    ], exactlyOne: ["between", "not", "matches", "contains", "starts_with"])

    /// The test applied to one lead field.
    static let fieldTestShape = ValueShape.anyOf([
        .fieldTestValue,
        .list(.fieldValue),
        .object(testFormat),
    ])
}
