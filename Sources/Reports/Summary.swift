import SimulationKernel
import SimulationModel
import Statistics

/// Everything the reports show, computed once from an experiment: per rule set the SPEC §4
/// metrics with their 95% CIs, routes, teams, reps and hourly series, and each candidate's
/// paired comparison with the baseline (the first rule set).
///
/// Pure values: every renderer (JSON, Markdown, HTML, CSV) reads only this.
public struct Summary: Sendable {
    public var scenario: String
    public var leadsimVersion: String
    public var replications: Int
    public var seed: UInt64
    /// First instant of the run (start of the warm-up), UTC seconds.
    public var start: Instant
    /// First instant of the counted window.
    public var countedStart: Instant
    public var horizon: Seconds
    public var warmup: Seconds
    public var timeZone: String
    /// Mean counted leads per replication.
    public var leadsPerReplication: Double
    public var unownedAfter: Seconds
    public var conversion: Conversion?
    public var ruleSets: [RuleSetSummary]
    /// Each candidate (every rule set after the first) against the first.
    public var comparisons: [Comparison]
    /// How many times each hour of the week (Monday 00:00 local = 0) occurs in the counted window.
    public var hourOfWeekOccurrences: [Int]
    /// The metrics the verdict leads with, in order (`report: {headline: [...]}` or `--headline`;
    /// by default `Summary.defaultHeadline`, which follows the SLA's clock).
    public var headline: [String]
    /// What the study assumed without being told: inputs left at their defaults, replay sample
    /// sizes (filled by the study, which knows the scenario; empty from records alone).
    public var assumptions: [String] = []
    /// Where the scenario's values came from when `leadsim fit` wrote it (nil: not fitted, or
    /// from records that do not say).
    public var fitted: FitProvenance?

    public init(scenario: String, leadsimVersion: String, replications: Int, seed: UInt64, start: Instant,
                countedStart: Instant, horizon: Seconds, warmup: Seconds, timeZone: String,
                leadsPerReplication: Double, unownedAfter: Seconds, conversion: Conversion?,
                ruleSets: [RuleSetSummary], comparisons: [Comparison], hourOfWeekOccurrences: [Int],
                headline: [String]? = nil) {
        self.scenario = scenario
        self.leadsimVersion = leadsimVersion
        self.replications = replications
        self.seed = seed
        self.start = start
        self.countedStart = countedStart
        self.horizon = horizon
        self.warmup = warmup
        self.timeZone = timeZone
        self.leadsPerReplication = leadsPerReplication
        self.unownedAfter = unownedAfter
        self.conversion = conversion
        self.ruleSets = ruleSets
        self.comparisons = comparisons
        self.hourOfWeekOccurrences = hourOfWeekOccurrences
        self.headline = headline ?? Self.defaultHeadline(ruleSets)
    }

    /// The headline when none is chosen: p90 first touch on the clock the SLA counts (business
    /// time when any rule set's SLA, or a queue's own, is on the business clock), SLA met,
    /// unowned leads, load Gini.
    public static func defaultHeadline(_ ruleSets: [RuleSetSummary]) -> [String] {
        let business = ruleSets.contains(where: \.slaOnBusinessClock)
        return [business ? "ttft_business_p90_s" : "ttft_p90_s", "sla_met_rate", "unowned_rate", "load_gini"]
    }

    /// Whether the SLA the headline follows counts business time.
    public var businessClock: Bool { ruleSets.contains(where: \.slaOnBusinessClock) }

    /// Builds the summary of an experiment.
    public init(result: ExperimentResult, leadsimVersion: String) {
        self.init(study: StudyDescription(plan: result.plan), runs: result.runs, leadsimVersion: leadsimVersion)
    }

    /// Builds the summary from raw per-replication results: `runs[r][k]` is rule set `r`'s
    /// k-th replication (every rule set with the same replications, in the same order).
    public init(study: StudyDescription, runs: [[ReplicationMetrics]], leadsimVersion: String) {
        var builder = SummaryBuilder(study: study, replications: runs.first?.count ?? 0, leadsimVersion: leadsimVersion)
        for (r, metrics) in runs.enumerated() {
            for run in metrics { builder.add(run, ruleSet: r) }
        }
        self = builder.summary()
    }
}

/// One rule set's results over all replications.
public struct RuleSetSummary: Sendable {
    public var name: String
    public var description: String?
    /// The rule set's first-touch SLA, if it has one.
    public var sla: SLA?
    /// The queues whose own `sla` replaces the rule set's (SPEC §7), in declaration order.
    public var queueSLAs: [StudyDescription.QueueSLAInfo]
    /// Every metric of `metricValues(plan:)`, in its order.
    public var metrics: [MetricEstimate]
    /// Counted leads per route, then `(fallback)` (when the rule set has one) or `(unrouted)`.
    public var routes: [RouteSummary]
    public var teams: [GroupSummary]
    /// Per rule queue (the rule set's order): the counted leads routing sent there (SPEC §7).
    public var queues: [GroupSummary]
    /// Per source (the scenario's order): its counted leads (SPEC §7).
    public var sources: [GroupSummary]
    public var reps: [RepSummary]
    /// Counted leads by outcome (`LeadOutcome` raw values, in its order), per replication.
    public var outcomes: [MetricEstimate]
    /// Hour by hour over the counted window, mean over replications.
    public var hourly: [HourPoint]
    /// Folded to the hour of the week in the scenario's zone (168, Monday 00:00 first): the
    /// mean per occurrence of that hour (so arrivals are "per week").
    public var hourOfWeek: [HourPoint]
    /// TTFT of every touched counted lead, all replications merged (wall clock).
    public var ttft: StreamingQuantiles
    /// TTFT of every touched counted lead on its first queue's business clock (SPEC §4
    /// `ttft_business_*`), all replications merged: the chart's curve when the SLA counts business time.
    public var ttftBusiness: StreamingQuantiles
    /// Counted human-bound leads over all replications (the CDF's denominator).
    public var humanBoundTotal: Int

    public init(name: String, description: String? = nil, sla: SLA? = nil,
                queueSLAs: [StudyDescription.QueueSLAInfo] = [], metrics: [MetricEstimate],
                routes: [RouteSummary] = [], teams: [GroupSummary] = [], queues: [GroupSummary] = [],
                sources: [GroupSummary] = [], reps: [RepSummary] = [],
                outcomes: [MetricEstimate] = [], hourly: [HourPoint] = [], hourOfWeek: [HourPoint] = [],
                ttft: StreamingQuantiles = StreamingQuantiles(), ttftBusiness: StreamingQuantiles = StreamingQuantiles(),
                humanBoundTotal: Int = 0) {
        self.name = name
        self.description = description
        self.sla = sla
        self.queueSLAs = queueSLAs
        self.metrics = metrics
        self.routes = routes
        self.teams = teams
        self.queues = queues
        self.sources = sources
        self.reps = reps
        self.outcomes = outcomes
        self.hourly = hourly
        self.hourOfWeek = hourOfWeek
        self.ttft = ttft
        self.ttftBusiness = ttftBusiness
        self.humanBoundTotal = humanBoundTotal
    }

    /// The metric called `name`.
    public func metric(_ name: String) -> MetricEstimate? { metrics[metric: name] }

    /// The SLA target in seconds for charts: the rule set's first-touch SLA, else nil.
    public var slaTarget: Seconds? { sla?.firstTouch }

    /// True when the rule set's SLA, or any queue's own SLA, counts business time.
    public var slaOnBusinessClock: Bool {
        sla?.clock == .business || queueSLAs.contains { $0.sla?.clock == .business }
    }

    /// The queues with their own SLA, for the text beside the rule set's target:
    /// `per queue: demo 15m (business), content none` (nil: no queue has its own).
    public var queueSLAText: String? {
        guard !queueSLAs.isEmpty else { return nil }
        return "per queue: " + queueSLAs.map { queue in
            queue.queue + " " + (queue.sla.map { Format.duration($0.firstTouch) + ($0.clock == .business ? " (business)" : "") } ?? "none")
        }.joined(separator: ", ")
    }
}

/// Hits of one route (counted leads whose first routing matched it).
public struct RouteSummary: Sendable {
    public enum Kind: String, Sendable {
        case route, fallback, unrouted
    }

    public var name: String
    public var kind: Kind
    /// Queue (or `account-owner`) the route sends leads to.
    public var destination: String
    public var hits: MetricEstimate

    public init(name: String, kind: Kind, destination: String, hits: MetricEstimate) {
        self.name = name
        self.kind = kind
        self.destination = destination
        self.hits = hits
    }

    /// A real route that no counted lead matched in any replication.
    public var neverHit: Bool { kind == .route && hits.values.allSatisfy { $0 == 0 } }
}

/// The metrics of one group of a rule set's leads: a team (`teamMetricValues`), a rule queue
/// (`queueMetricValues`) or a source (`sourceMetricValues`).
public struct GroupSummary: Sendable {
    public var name: String
    /// An automated queue: its leads are counted, it has no TTFT, SLA, unowned or load values.
    public var automated: Bool
    public var metrics: [MetricEstimate]

    public init(name: String, automated: Bool = false, metrics: [MetricEstimate]) {
        self.name = name
        self.automated = automated
        self.metrics = metrics
    }

    public func metric(_ name: String) -> MetricEstimate? { metrics[metric: name] }
}

/// One rep's results over replications.
public struct RepSummary: Sendable {
    public var name: String
    public var team: String
    /// Assignments of counted leads (reassignments included).
    public var assignments: MetricEstimate
    /// Time-average open leads ÷ the rep's `open` capacity over the counted window.
    public var utilization: MetricEstimate
    public var touched: MetricEstimate
    /// Mean TTFT of the leads this rep touched.
    public var ttftMean: MetricEstimate
    public var onShiftHours: MetricEstimate
    /// Assignments per on-shift hour × weight.
    public var assignmentsPerShiftHour: MetricEstimate

    public init(name: String, team: String, assignments: MetricEstimate, utilization: MetricEstimate,
                touched: MetricEstimate, ttftMean: MetricEstimate, onShiftHours: MetricEstimate,
                assignmentsPerShiftHour: MetricEstimate) {
        self.name = name
        self.team = team
        self.assignments = assignments
        self.utilization = utilization
        self.touched = touched
        self.ttftMean = ttftMean
        self.onShiftHours = onShiftHours
        self.assignmentsPerShiftHour = assignmentsPerShiftHour
    }
}

/// Means over replications of one hour's figures.
public struct HourPoint: Hashable, Sendable {
    /// Counted leads arriving.
    public var arrivals = 0.0
    /// Of those, leads that could not be assigned at once (nobody eligible).
    public var waitedOnArrival = 0.0
    /// Time-average leads waiting in queues.
    public var queueLength = 0.0
    /// Time-average live leads without an owner.
    public var unowned = 0.0
    /// Time-average occupied slots.
    public var occupied = 0.0

    public init() {}

    init(_ hour: HourMetrics) {
        arrivals = Double(hour.arrivals)
        waitedOnArrival = Double(hour.waitedOnArrival)
        queueLength = hour.meanWaiting
        unowned = hour.meanUnowned
        occupied = hour.meanOccupied
    }

    mutating func add(_ other: HourPoint, scale: Double) {
        arrivals += other.arrivals * scale
        waitedOnArrival += other.waitedOnArrival * scale
        queueLength += other.queueLength * scale
        unowned += other.unowned * scale
        occupied += other.occupied * scale
    }
}

/// A candidate against the baseline, every metric paired by replication.
public struct Comparison: Sendable {
    public var baseline: String
    public var candidate: String
    public var metrics: [MetricDifference]

    public init(baseline: String, candidate: String, metrics: [MetricDifference]) {
        self.baseline = baseline
        self.candidate = candidate
        self.metrics = metrics
    }

    /// Pairs every metric the two rule sets share, in the baseline's order.
    public init(baseline: RuleSetSummary, candidate: RuleSetSummary) {
        self.baseline = baseline.name
        self.candidate = candidate.name
        metrics = baseline.metrics.compactMap { metric in
            candidate.metric(metric.name).map { MetricDifference(baseline: metric, candidate: $0) }
        }
    }
}
