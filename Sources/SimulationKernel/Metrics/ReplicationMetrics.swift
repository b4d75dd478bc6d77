import Statistics

/// How a lead's life ended (or where it was when the run stopped).
public enum LeadOutcome: String, CaseIterable, Codable, Sendable {
    /// Touched and handled to the end.
    case closed
    /// Owned when the run stopped (touched or not).
    case open
    /// Waiting (in a queue or for enrichment) when the run stopped.
    case waiting
    /// Dropped after `max_wait`.
    case dropped
    /// Gone cold: not touched within its patience.
    case cold
    /// Sent to an automated queue.
    case automated
    /// No route matched and there was no fallback.
    case unrouted
    /// Held by an account owner who has left when the run stopped.
    case stale
}

/// The raw results of one rule set in one replication: counts, sums and sketches from which
/// every SPEC §4 metric is derived. Codable, so replications can be stored and merged.
public struct ReplicationMetrics: Codable, Sendable {
    public var replication: Int
    /// Every lead that arrived (warm-up included), by outcome: conservation is checked on these.
    public var allOutcomes: [String: Int] = [:]
    public var arrivals = 0
    /// Leads arriving after the warm-up.
    public var counted = 0
    /// Counted leads by outcome.
    public var outcomes: [String: Int] = [:]
    /// Counted leads not sent to an automated queue.
    public var humanBound = 0
    public var touched = 0
    public var ttft = StreamingQuantiles()
    public var ttftBusiness = StreamingQuantiles()
    public var slaMet = 0
    public var unowned = 0
    public var neverOwned = 0
    public var slaBreaches = 0
    public var reassignments = 0
    public var overflows = 0
    public var expectedMeetings = 0.0
    /// Time-average of occupied slots over the counted window ÷ summed open capacity.
    public var utilization = 0.0
    /// Counted leads per route (by route index), the fallback, and unrouted.
    public var routeHits: [Int] = []
    public var fallbackHits = 0
    public var unroutedHits = 0
    public var reps: [RepMetrics] = []
    public var teams: [TeamMetrics] = []
    /// Per rule queue (rule-set order): the counted leads routing sent there (SPEC §7).
    public var queues: [QueueMetrics] = []
    /// Per source (scenario order): its counted leads (SPEC §7).
    public var sources: [SourceMetrics] = []
    public var hourly: [HourMetrics] = []
    /// Simulated time when the run stopped (the drain may end early).
    public var endTime = 0.0
    /// Events the kernel handled (work done, not a result: it depends on the kernel's shortcuts).
    public var events = 0
    /// Broken invariants found with `checkInvariants` (always empty otherwise).
    public var invariantViolations: [String] = []
    /// `leadsim backtest`'s figures of this replication's leads (nil otherwise, and then absent
    /// from the records).
    public var backtest: BacktestFigures?

    public init(replication: Int) {
        self.replication = replication
    }
}

/// One rep's results in one replication.
public struct RepMetrics: Codable, Sendable {
    /// Assignments of counted leads (reassignments included).
    public var assignments = 0
    public var touched = 0
    public var ttftSum = 0.0
    /// On-shift hours in the counted window.
    public var onShiftHours = 0.0
    /// Time-average of this rep's occupied slots over the counted window.
    public var meanOpen = 0.0

    public init() {}
}

/// One team's results in one replication (a lead counts for the team of its last queue).
public struct TeamMetrics: Codable, Sendable {
    public var leads = 0
    public var touched = 0
    public var ttft = StreamingQuantiles()
    public var slaMet = 0
    public var unowned = 0
    public var neverOwned = 0

    public init() {}
}

/// One rule queue's results in one replication: the counted leads routing sent to it (before
/// any overflow, escalation or reassignment), and the assignments its members got from it.
public struct QueueMetrics: Codable, Sendable {
    /// Counted leads routed here (automated ones included).
    public var leads = 0
    /// Of those, the leads bound for a human owner (none in an automated queue).
    public var humanBound = 0
    public var ttft = StreamingQuantiles()
    /// First touch in business time, on the business clock of the lead's routed queue (as `SourceMetrics.ttftBusiness`).
    public var ttftBusiness = StreamingQuantiles()
    public var slaMet = 0
    public var unowned = 0
    /// Assignments of counted leads made from this queue (whichever queue routing sent them
    /// to), per member in the queue's member order.
    public var memberAssignments: [Int] = []

    public init() {}
}

/// One source's results in one replication: its counted leads.
public struct SourceMetrics: Codable, Sendable {
    /// Counted leads of the source (automated and unrouted ones included).
    public var leads = 0
    /// Of those, the leads not sent to an automated queue.
    public var humanBound = 0
    public var touched = 0
    public var ttft = StreamingQuantiles()
    public var ttftBusiness = StreamingQuantiles()
    public var slaMet = 0
    public var unowned = 0
    public var cold = 0

    public init() {}
}

/// One hour of the counted window.
public struct HourMetrics: Codable, Sendable {
    /// Counted leads arriving in this hour.
    public var arrivals = 0
    /// Of those, leads that entered a queue and were not assigned at once.
    public var waitedOnArrival = 0
    /// Time-average number of leads waiting in queues.
    public var meanWaiting = 0.0
    /// Time-average number of live leads without an owner (queued, enriching or held by a stale owner).
    public var meanUnowned = 0.0
    /// Time-average number of occupied slots.
    public var meanOccupied = 0.0

    public init() {}
}
