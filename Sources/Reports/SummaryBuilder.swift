import SimulationKernel
import SimulationModel
import Statistics

/// Builds a ``Summary`` from per-replication records given one at a time, the one path from
/// records to reports (`run`, `compare` and `merge` alike).
///
/// Each record is reduced on arrival to what the summary keeps (its metric values, rep and
/// route figures; its sketches and hourly series folded into running sums) and dropped, so
/// a study of many replications never holds them all. Records of a rule set must come in
/// replication order: the sums are then added in the same order whatever produced them, and
/// the summary is the same bit for bit.
public struct SummaryBuilder {
    public let study: StudyDescription
    public let leadsimVersion: String
    /// Replications per rule set: every rule set gets exactly this many records.
    public let replications: Int
    private var ruleSets: [RuleSetAccumulator]

    public init(study: StudyDescription, replications: Int, leadsimVersion: String) {
        self.study = study
        self.replications = replications
        self.leadsimVersion = leadsimVersion
        ruleSets = study.ruleSets.indices.map { RuleSetAccumulator(study: study, ruleIndex: $0) }
    }

    /// Adds rule set `r`'s next replication.
    public mutating func add(_ record: ReplicationMetrics, ruleSet r: Int) {
        ruleSets[r].add(record, study: study, scale: 1 / Double(max(1, replications)))
    }

    /// The summary of every record added.
    public func summary() -> Summary {
        let countedStart = study.countedStart
        let folding = HourOfWeek(timeZone: study.timeZone)
        let hours = ruleSets.first?.hourly?.count ?? 0
        let slots = (0..<hours).map { folding.index(of: countedStart + Double($0) * 3600 + 1800) }
        var occurrences = Array(repeating: 0, count: 168)
        for slot in slots { occurrences[slot] += 1 }
        let summaries = ruleSets.indices.map { r in
            ruleSets[r].summary(info: study.ruleSets[r], study: study, hourOfWeekSlots: slots, occurrences: occurrences)
        }
        let counted = ruleSets.first?.counted ?? []
        var summary = Summary(
            scenario: study.scenario, leadsimVersion: leadsimVersion, replications: counted.count, seed: study.seed,
            start: study.start, countedStart: countedStart, horizon: study.horizon, warmup: study.warmup,
            timeZone: study.timeZone,
            leadsPerReplication: counted.isEmpty ? 0 : counted.reduce(0, +) / Double(counted.count),
            unownedAfter: study.unownedAfter, conversion: study.conversion, ruleSets: summaries,
            comparisons: summaries.dropFirst().map { Comparison(baseline: summaries[0], candidate: $0) },
            hourOfWeekOccurrences: occurrences, headline: study.headline)
        summary.assumptions = study.assumptions ?? []
        summary.fitted = study.fitted
        return summary
    }
}

/// One rule set's records, reduced as they arrive (see ``SummaryBuilder``).
private struct RuleSetAccumulator {
    /// Per replication, in order: the metrics, each team's metrics, counted leads.
    var metrics: [MetricValues] = []
    var teamMetrics: [[MetricValues]]
    /// Per rule queue and per source, per replication: their metrics.
    var queueMetrics: [[MetricValues]]
    var sourceMetrics: [[MetricValues]]
    var counted: [Double] = []
    /// Per rep, per replication.
    var reps: [RepSeries]
    /// Per route (then fallback, then unrouted), per replication.
    var routeHits: [[Double]]
    var fallbackHits: [Double] = []
    var unroutedHits: [Double] = []
    /// Per outcome (`LeadOutcome` order), per replication.
    var outcomes: [[Double]] = LeadOutcome.allCases.map { _ in [] }
    /// Hour by hour, the mean over replications so far (nil before the first record).
    var hourly: [HourPoint]?
    var ttft = StreamingQuantiles()
    var ttftBusiness = StreamingQuantiles()
    var humanBoundTotal = 0

    struct RepSeries {
        var assignments: [Double] = []
        var utilization: [Double] = []
        var touched: [Double] = []
        var ttftMean: [Double] = []
        var onShiftHours: [Double] = []
        var assignmentsPerShiftHour: [Double] = []
    }

    init(study: StudyDescription, ruleIndex: Int) {
        teamMetrics = study.teams.map { _ in [] }
        queueMetrics = study.ruleSets[ruleIndex].queues.map { _ in [] }
        sourceMetrics = study.sources.map { _ in [] }
        reps = study.reps.map { _ in RepSeries() }
        routeHits = study.ruleSets[ruleIndex].routes.map { _ in [] }
    }

    mutating func add(_ run: ReplicationMetrics, study: StudyDescription, scale: Double) {
        metrics.append(run.metricValues(study: study))
        for t in study.teams.indices { teamMetrics[t].append(run.teamMetricValues(study: study, team: t)) }
        for q in queueMetrics.indices { queueMetrics[q].append(run.queueMetricValues(queue: q)) }
        for s in sourceMetrics.indices { sourceMetrics[s].append(run.sourceMetricValues(source: s)) }
        counted.append(Double(run.counted))
        for (i, rep) in study.reps.enumerated() {
            let figures = run.reps[i]
            let capacity = Double(rep.capacityOpen)
            let exposure = figures.onShiftHours * rep.weight
            reps[i].assignments.append(Double(figures.assignments))
            reps[i].utilization.append(capacity > 0 ? figures.meanOpen / capacity : .nan)
            reps[i].touched.append(Double(figures.touched))
            reps[i].ttftMean.append(figures.touched > 0 ? figures.ttftSum / Double(figures.touched) : .nan)
            reps[i].onShiftHours.append(figures.onShiftHours)
            reps[i].assignmentsPerShiftHour.append(exposure > 0 ? Double(figures.assignments) / exposure : .nan)
        }
        for i in routeHits.indices { routeHits[i].append(Double(run.routeHits[i])) }
        fallbackHits.append(Double(run.fallbackHits))
        unroutedHits.append(Double(run.unroutedHits))
        for (o, outcome) in LeadOutcome.allCases.enumerated() {
            outcomes[o].append(Double(run.outcomes[outcome.rawValue, default: 0]))
        }
        if hourly == nil { hourly = Array(repeating: HourPoint(), count: run.hourly.count) }
        for (h, point) in run.hourly.enumerated() where h < hourly!.count { hourly![h].add(HourPoint(point), scale: scale) }
        ttft.merge(run.ttft)
        ttftBusiness.merge(run.ttftBusiness)
        humanBoundTotal += run.humanBound
    }

    func summary(info: StudyDescription.RuleSetInfo, study: StudyDescription, hourOfWeekSlots slots: [Int],
                 occurrences: [Int]) -> RuleSetSummary {
        var routes = info.routes.enumerated().map { i, route in
            RouteSummary(name: route.name, kind: .route, destination: route.destination,
                         hits: MetricEstimate(name: route.name, values: routeHits[i]))
        }
        if let fallback = info.fallback {
            routes.append(RouteSummary(name: "(fallback)", kind: .fallback, destination: fallback,
                                       hits: MetricEstimate(name: "(fallback)", values: fallbackHits)))
        } else {
            routes.append(RouteSummary(name: "(unrouted)", kind: .unrouted, destination: "",
                                       hits: MetricEstimate(name: "(unrouted)", values: unroutedHits)))
        }
        let teams = study.teams.enumerated().map { t, team in
            GroupSummary(name: team, metrics: Self.estimates(teamMetrics[t]))
        }
        let queues = info.queues.enumerated().map { q, queue in
            GroupSummary(name: queue.name, automated: queue.automated, metrics: Self.estimates(queueMetrics[q]))
        }
        let sources = study.sources.enumerated().map { s, source in
            GroupSummary(name: source, metrics: Self.estimates(sourceMetrics[s]))
        }
        let repSummaries = study.reps.enumerated().map { i, rep in
            RepSummary(name: rep.name, team: rep.team,
                       assignments: MetricEstimate(name: "assignments", values: reps[i].assignments),
                       utilization: MetricEstimate(name: "utilization", values: reps[i].utilization),
                       touched: MetricEstimate(name: "touched", values: reps[i].touched),
                       ttftMean: MetricEstimate(name: "ttft_mean_s", values: reps[i].ttftMean),
                       onShiftHours: MetricEstimate(name: "on_shift_hours", values: reps[i].onShiftHours),
                       assignmentsPerShiftHour: MetricEstimate(name: "assignments_per_shift_hour",
                                                               values: reps[i].assignmentsPerShiftHour))
        }
        let hourly = self.hourly ?? []
        var folded = Array(repeating: HourPoint(), count: 168)
        for (h, point) in hourly.enumerated() where h < slots.count {
            folded[slots[h]].add(point, scale: 1 / Double(occurrences[slots[h]]))
        }
        return RuleSetSummary(
            name: info.name, description: info.description, sla: info.sla, queueSLAs: info.queueSLAs ?? [],
            metrics: Self.estimates(metrics),
            routes: routes, teams: teams, queues: queues, sources: sources, reps: repSummaries,
            outcomes: LeadOutcome.allCases.enumerated().map { o, outcome in
                MetricEstimate(name: outcome.rawValue, values: outcomes[o])
            },
            hourly: hourly, hourOfWeek: folded, ttft: ttft, ttftBusiness: ttftBusiness, humanBoundTotal: humanBoundTotal)
    }

    /// One estimate per metric name (the first replication's names), over replications.
    private static func estimates(_ values: [MetricValues]) -> [MetricEstimate] {
        let names = values.first?.names ?? []
        return names.indices.map { i in MetricEstimate(name: names[i], values: values.map { $0.values[i] }) }
    }
}
