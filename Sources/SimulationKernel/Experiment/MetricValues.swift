import Statistics

/// The SPEC §4 metrics of one replication, by name, in report order.
///
/// Conventions (documented in the README):
/// - Rates are over counted human-bound leads (counted leads not sent to an automated queue);
///   `reassignments` is per counted lead.
/// - TTFT mean and quantiles are over the leads that were touched; leads never touched are
///   counted by `never_touched` and lower `touched_rate` and `sla_met_rate` (whose
///   denominator includes them). A replication with no touched lead has no TTFT value (NaN).
/// - Load is assignments of counted leads per rep, every rep of the scenario included;
///   `_per_hour` variants divide by the rep's on-shift hours × weight first (reps with no
///   on-shift hours are left out of those).
public struct MetricValues: Sendable {
    public var names: [String] = []
    public var values: [Double] = []

    mutating func append(_ name: String, _ value: Double) {
        names.append(name)
        values.append(value)
    }

    /// `load_gini`, `load_cv` and `load_max_over_mean` (each name followed by `suffix`).
    mutating func appendLoad(_ shape: LoadShape, suffix: String = "") {
        append("load_gini" + suffix, shape.gini)
        append("load_cv" + suffix, shape.cv)
        append("load_max_over_mean" + suffix, shape.maxOverMean)
    }

    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

/// Loads of a group of reps.
struct LoadShape {
    var gini: Double
    var cv: Double
    var maxOverMean: Double

    init(_ loads: [Double]) {
        gini = loads.isEmpty ? .nan : Inequality.gini(loads)
        cv = loads.isEmpty ? .nan : Inequality.coefficientOfVariation(loads)
        maxOverMean = loads.isEmpty ? .nan : Inequality.maxOverMean(loads)
    }
}

extension ReplicationMetrics {
    private func rate(_ numerator: Int, _ denominator: Int) -> Double {
        denominator > 0 ? Double(numerator) / Double(denominator) : .nan
    }

    private func quantile(_ sketch: StreamingQuantiles, _ q: Double) -> Double {
        sketch.count > 0 ? sketch.quantile(q) : .nan
    }

    /// The scalar metrics of this replication (SPEC §4 and §6 names).
    public func metricValues(plan: SimulationPlan) -> MetricValues { metricValues(study: StudyDescription(plan: plan)) }

    /// The scalar metrics of this replication (SPEC §4 and §6 names).
    public func metricValues(study: StudyDescription) -> MetricValues {
        var m = MetricValues()
        m.append("leads", Double(counted))
        m.append("ttft_mean_s", ttft.count > 0 ? ttft.mean : .nan)
        m.append("ttft_p50_s", quantile(ttft, 0.5))
        m.append("ttft_p90_s", quantile(ttft, 0.9))
        m.append("ttft_p95_s", quantile(ttft, 0.95))
        m.append("ttft_p99_s", quantile(ttft, 0.99))
        m.append("ttft_business_mean_s", ttftBusiness.count > 0 ? ttftBusiness.mean : .nan)
        m.append("ttft_business_p50_s", quantile(ttftBusiness, 0.5))
        m.append("ttft_business_p90_s", quantile(ttftBusiness, 0.9))
        m.append("ttft_business_p99_s", quantile(ttftBusiness, 0.99))
        m.append("sla_met_rate", rate(slaMet, humanBound))
        m.append("unowned_rate", rate(unowned, humanBound))
        m.append("never_owned_rate", rate(neverOwned, humanBound))
        m.append("touched_rate", rate(touched, humanBound))
        m.append("never_touched", Double(humanBound - touched))
        m.appendLoad(LoadShape(reps.map { Double($0.assignments) }))
        m.appendLoad(LoadShape(normalisedLoads(study: study, reps: Array(reps.indices))), suffix: "_per_hour")
        m.append("utilization", utilization)
        m.append("reassignments", rate(reassignments, counted))
        m.append("cold_rate", rate(outcomes[LeadOutcome.cold.rawValue, default: 0], humanBound))
        m.append("dropped_rate", rate(outcomes[LeadOutcome.dropped.rawValue, default: 0], humanBound))
        m.append("unrouted_rate", rate(outcomes[LeadOutcome.unrouted.rawValue, default: 0], humanBound))
        m.append("stale_rate", rate(outcomes[LeadOutcome.stale.rawValue, default: 0], humanBound))
        m.append("automated_rate", rate(outcomes[LeadOutcome.automated.rawValue, default: 0], counted))
        m.append("sla_breaches", Double(slaBreaches))
        m.append("overflows", Double(overflows))
        m.append("queue_length_mean", hourly.isEmpty ? 0 : hourly.map(\.meanWaiting).reduce(0, +) / Double(hourly.count))
        m.append("unowned_leads_mean", hourly.isEmpty ? 0 : hourly.map(\.meanUnowned).reduce(0, +) / Double(hourly.count))
        if study.conversion != nil {
            m.append("expected_meetings", expectedMeetings)
            m.append("expected_meetings_rate", humanBound > 0 ? expectedMeetings / Double(humanBound) : .nan)
        }
        return m
    }

    /// Per-rep loads divided by on-shift hours × weight (reps never on shift left out).
    private func normalisedLoads(study: StudyDescription, reps indices: [Int]) -> [Double] {
        indices.compactMap { r in
            let exposure = reps[r].onShiftHours * study.reps[r].weight
            return exposure > 0 ? Double(reps[r].assignments) / exposure : nil
        }
    }

    /// The metrics of one team: its leads (by last queue) and its reps' loads.
    public func teamMetricValues(study: StudyDescription, team: Int) -> MetricValues {
        var m = MetricValues()
        let t = teams[team]
        let members = study.members(ofTeam: team)
        let shape = LoadShape(members.map { Double(reps[$0].assignments) })
        m.append("leads", Double(t.leads))
        m.append("reps", Double(members.count))
        m.append("ttft_mean_s", t.ttft.count > 0 ? t.ttft.mean : .nan)
        m.append("ttft_p50_s", quantile(t.ttft, 0.5))
        m.append("ttft_p90_s", quantile(t.ttft, 0.9))
        m.append("sla_met_rate", rate(t.slaMet, t.leads))
        m.append("unowned_rate", rate(t.unowned, t.leads))
        m.append("never_owned_rate", rate(t.neverOwned, t.leads))
        m.append("touched_rate", rate(t.touched, t.leads))
        m.appendLoad(shape)
        let perHour = LoadShape(normalisedLoads(study: study, reps: members))
        m.append("load_gini_per_hour", perHour.gini)
        let capacity = members.map { study.reps[$0].capacityOpen }.reduce(0, +)
        m.append("utilization", capacity > 0 ? members.map { reps[$0].meanOpen }.reduce(0, +) / Double(capacity) : .nan)
        return m
    }

    /// The metrics of one rule queue (SPEC §7): the counted leads routing sent to it, and its
    /// members' loads from it. An automated queue has only `leads`; its other values are NaN.
    public func queueMetricValues(queue q: Int) -> MetricValues {
        var m = MetricValues()
        let queue = queues[q]
        let shape = LoadShape(queue.memberAssignments.map(Double.init))
        m.append("leads", Double(queue.leads))
        m.appendLoad(shape)
        m.append("ttft_p50_s", quantile(queue.ttft, 0.5))
        m.append("ttft_p90_s", quantile(queue.ttft, 0.9))
        m.append("ttft_business_p90_s", quantile(queue.ttftBusiness, 0.9))
        m.append("sla_met_rate", rate(queue.slaMet, queue.humanBound))
        m.append("unowned_rate", rate(queue.unowned, queue.humanBound))
        return m
    }

    /// The metrics of one source (SPEC §7): its counted leads, rates over its human-bound ones.
    public func sourceMetricValues(source s: Int) -> MetricValues {
        var m = MetricValues()
        let source = sources[s]
        m.append("leads", Double(source.leads))
        m.append("ttft_p50_s", quantile(source.ttft, 0.5))
        m.append("ttft_p90_s", quantile(source.ttft, 0.9))
        m.append("ttft_business_p90_s", quantile(source.ttftBusiness, 0.9))
        m.append("sla_met_rate", rate(source.slaMet, source.humanBound))
        m.append("unowned_rate", rate(source.unowned, source.humanBound))
        m.append("touched_rate", rate(source.touched, source.humanBound))
        m.append("cold_rate", rate(source.cold, source.humanBound))
        return m
    }
}
