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

    public init(scenario: String, leadsimVersion: String, replications: Int, seed: UInt64, start: Instant,
                countedStart: Instant, horizon: Seconds, warmup: Seconds, timeZone: String,
                leadsPerReplication: Double, unownedAfter: Seconds, conversion: Conversion?,
                ruleSets: [RuleSetSummary], comparisons: [Comparison], hourOfWeekOccurrences: [Int]) {
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
    }

    /// Builds the summary of an experiment.
    public init(result: ExperimentResult, leadsimVersion: String) {
        self.init(plan: result.plan, runs: result.runs, leadsimVersion: leadsimVersion)
    }

    /// Builds the summary from raw per-replication results: `runs[r][k]` is rule set `r`'s
    /// k-th replication (every rule set with the same replications, in the same order).
    public init(plan: SimulationPlan, runs: [[ReplicationMetrics]], leadsimVersion: String) {
        let scenario = plan.scenario
        let countedStart = scenario.start + scenario.warmup
        let folding = HourOfWeek(timeZone: scenario.timeZone)
        let hours = runs.first?.first?.hourly.count ?? 0
        let slots = (0..<hours).map { folding.index(of: countedStart + Double($0) * 3600 + 1800) }
        var occurrences = Array(repeating: 0, count: 168)
        for slot in slots { occurrences[slot] += 1 }

        var ruleSets: [RuleSetSummary] = []
        for (r, ruleSet) in plan.ruleSets.enumerated() {
            ruleSets.append(RuleSetSummary(plan: plan, ruleIndex: r, ruleSet: ruleSet, runs: runs[r],
                                           hourOfWeekSlots: slots, occurrences: occurrences))
        }
        let counted = runs.first.map { reps in reps.map { Double($0.counted) } } ?? []
        self.init(
            scenario: scenario.name, leadsimVersion: leadsimVersion, replications: runs.first?.count ?? 0,
            seed: scenario.seed, start: scenario.start, countedStart: countedStart, horizon: scenario.horizon,
            warmup: scenario.warmup, timeZone: scenario.timeZone,
            leadsPerReplication: counted.isEmpty ? 0 : counted.reduce(0, +) / Double(counted.count),
            unownedAfter: scenario.metrics.unownedAfter, conversion: scenario.metrics.conversion,
            ruleSets: ruleSets,
            comparisons: ruleSets.dropFirst().map { Comparison(baseline: ruleSets[0], candidate: $0) },
            hourOfWeekOccurrences: occurrences)
    }
}

/// One rule set's results over all replications.
public struct RuleSetSummary: Sendable {
    public var name: String
    public var description: String?
    /// The rule set's first-touch SLA, if it has one.
    public var sla: SLA?
    /// Every metric of `metricValues(plan:)`, in its order.
    public var metrics: [MetricEstimate]
    /// Counted leads per route, then `(fallback)` (when the rule set has one) or `(unrouted)`.
    public var routes: [RouteSummary]
    public var teams: [TeamSummary]
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
    /// Counted human-bound leads over all replications (the CDF's denominator).
    public var humanBoundTotal: Int

    public init(name: String, description: String? = nil, sla: SLA? = nil, metrics: [MetricEstimate],
                routes: [RouteSummary] = [], teams: [TeamSummary] = [], reps: [RepSummary] = [],
                outcomes: [MetricEstimate] = [], hourly: [HourPoint] = [], hourOfWeek: [HourPoint] = [],
                ttft: StreamingQuantiles = StreamingQuantiles(), humanBoundTotal: Int = 0) {
        self.name = name
        self.description = description
        self.sla = sla
        self.metrics = metrics
        self.routes = routes
        self.teams = teams
        self.reps = reps
        self.outcomes = outcomes
        self.hourly = hourly
        self.hourOfWeek = hourOfWeek
        self.ttft = ttft
        self.humanBoundTotal = humanBoundTotal
    }

    init(plan: SimulationPlan, ruleIndex r: Int, ruleSet: RuleSet, runs: [ReplicationMetrics],
         hourOfWeekSlots slots: [Int], occurrences: [Int]) {
        name = ruleSet.name
        description = ruleSet.description
        sla = ruleSet.sla

        let values = runs.map { $0.metricValues(plan: plan) }
        let names = values.first?.names ?? []
        metrics = names.indices.map { i in MetricEstimate(name: names[i], values: values.map { $0.values[i] }) }

        var routes = plan.compiled[r].routeNames.enumerated().map { i, route in
            RouteSummary(name: route, kind: .route, destination: Self.destination(ruleSet.routes.indices.contains(i) ? ruleSet.routes[i] : nil),
                         hits: MetricEstimate(name: route, values: runs.map { Double($0.routeHits[i]) }))
        }
        if let fallback = ruleSet.fallback {
            routes.append(RouteSummary(name: "(fallback)", kind: .fallback, destination: fallback,
                                       hits: MetricEstimate(name: "(fallback)", values: runs.map { Double($0.fallbackHits) })))
        } else {
            routes.append(RouteSummary(name: "(unrouted)", kind: .unrouted, destination: "",
                                       hits: MetricEstimate(name: "(unrouted)", values: runs.map { Double($0.unroutedHits) })))
        }
        self.routes = routes

        teams = plan.teamNames.enumerated().map { t, team in
            let values = runs.map { $0.teamMetricValues(plan: plan, team: t) }
            let names = values.first?.names ?? []
            return TeamSummary(name: team, metrics: names.indices.map { i in
                MetricEstimate(name: names[i], values: values.map { $0.values[i] })
            })
        }

        reps = plan.scenario.reps.enumerated().map { i, rep in
            let capacity = Double(rep.capacityOpen)
            return RepSummary(
                name: rep.name, team: rep.team,
                assignments: MetricEstimate(name: "assignments", values: runs.map { Double($0.reps[i].assignments) }),
                utilization: MetricEstimate(name: "utilization", values: runs.map {
                    capacity > 0 ? $0.reps[i].meanOpen / capacity : .nan
                }),
                touched: MetricEstimate(name: "touched", values: runs.map { Double($0.reps[i].touched) }),
                ttftMean: MetricEstimate(name: "ttft_mean_s", values: runs.map {
                    $0.reps[i].touched > 0 ? $0.reps[i].ttftSum / Double($0.reps[i].touched) : .nan
                }),
                onShiftHours: MetricEstimate(name: "on_shift_hours", values: runs.map { $0.reps[i].onShiftHours }),
                assignmentsPerShiftHour: MetricEstimate(name: "assignments_per_shift_hour", values: runs.map {
                    let exposure = $0.reps[i].onShiftHours * rep.weight
                    return exposure > 0 ? Double($0.reps[i].assignments) / exposure : .nan
                }))
        }

        outcomes = LeadOutcome.allCases.map { outcome in
            MetricEstimate(name: outcome.rawValue, values: runs.map { Double($0.outcomes[outcome.rawValue, default: 0]) })
        }

        let hours = runs.first?.hourly.count ?? 0
        let n = Double(max(1, runs.count))
        var hourly = Array(repeating: HourPoint(), count: hours)
        for run in runs {
            for (h, point) in run.hourly.enumerated() where h < hours {
                hourly[h].add(HourPoint(point), scale: 1 / n)
            }
        }
        self.hourly = hourly
        var folded = Array(repeating: HourPoint(), count: 168)
        for (h, point) in hourly.enumerated() where h < slots.count {
            folded[slots[h]].add(point, scale: 1 / Double(occurrences[slots[h]]))
        }
        hourOfWeek = folded

        var merged = StreamingQuantiles()
        for run in runs { merged.merge(run.ttft) }
        ttft = merged
        humanBoundTotal = runs.reduce(0) { $0 + $1.humanBound }
    }

    private static func destination(_ route: Route?) -> String {
        guard let route else { return "" }
        switch route.destination {
        case .queue(let name): return name
        case .accountOwner: return "account-owner" + (route.elseQueue.map { " (else \($0))" } ?? "")
        }
    }

    /// The metric called `name`.
    public func metric(_ name: String) -> MetricEstimate? { metrics[metric: name] }

    /// The SLA target in seconds for charts: the rule set's first-touch SLA, else nil.
    public var slaTarget: Seconds? { sla?.firstTouch }
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

/// One team's metrics (`teamMetricValues`).
public struct TeamSummary: Sendable {
    public var name: String
    public var metrics: [MetricEstimate]

    public init(name: String, metrics: [MetricEstimate]) {
        self.name = name
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
