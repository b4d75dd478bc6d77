import SimulationModel
import TextFormats
extension Summary {
    /// `summary.json` (SPEC §6): keys in a fixed order, durations in seconds, rates as
    /// fractions, every metric as `{"mean": m, "ci95": [lo, hi]}` (`null` without values).
    public var json: JSONValue {
        var top: [JSONMember] = [
            JSONMember("scenario", .string(scenario)),
            JSONMember("leadsim_version", .string(leadsimVersion)),
            JSONMember("replications", .number(Double(replications))),
            JSONMember("seed", .number(Double(seed))),
            JSONMember("leads_per_replication", .number(leadsPerReplication)),
            JSONMember("horizon_s", .number(horizon)),
            JSONMember("warmup_s", .number(warmup)),
            JSONMember("timezone", .string(timeZone)),
            JSONMember("unowned_after_s", .number(unownedAfter)),
        ]
        if let conversion {
            top.append(JSONMember("conversion", .object([
                JSONMember("base", .number(conversion.base)),
                JSONMember("half_life_s", .number(conversion.halfLife)),
            ])))
        }
        top.append(JSONMember("rulesets", .array(ruleSets.map(\.json))))
        top.append(JSONMember("comparisons", .array(comparisons.map(\.json))))
        return .object(top)
    }

    /// The rendered `summary.json` text.
    public var jsonText: String { json.rendered() }
}

extension MetricEstimate {
    /// `{"mean": m, "ci95": [lo, hi]}`; both `null` when no replication has a value.
    public var json: JSONValue {
        guard let mean, let ci95 else {
            return .object([JSONMember("mean", .null), JSONMember("ci95", .null)])
        }
        return .object([
            JSONMember("mean", .number(mean)),
            JSONMember("ci95", .array([.number(ci95.lower), .number(ci95.upper)])),
        ])
    }
}

extension MetricDifference {
    /// `{"diff": d, "ci95": [lo, hi], "significant": b}`.
    public var json: JSONValue {
        .object([
            JSONMember("diff", diff.map { .number($0) } ?? .null),
            JSONMember("ci95", ci95.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null),
            JSONMember("significant", .bool(significant)),
        ])
    }
}

extension RuleSetSummary {
    private static func slaJSON(_ sla: SLA) -> JSONValue {
        .object([
            JSONMember("first_touch_s", .number(sla.firstTouch)),
            JSONMember("clock", .string(sla.clock.rawValue)),
            JSONMember("on_breach", .string(sla.onBreach.rawValue)),
        ])
    }

    var json: JSONValue {
        var members: [JSONMember] = [JSONMember("name", .string(name))]
        if let description { members.append(JSONMember("description", .string(description))) }
        if let sla { members.append(JSONMember("sla", Self.slaJSON(sla))) }
        if !queueSLAs.isEmpty {
            members.append(JSONMember("queue_slas", .object(queueSLAs.map { JSONMember($0.queue, $0.sla.map(Self.slaJSON) ?? .string("none")) })))
        }
        members.append(JSONMember("metrics", .object(metrics.map { JSONMember($0.name, $0.json) })))
        members.append(JSONMember("routes", .object(routes.map { JSONMember($0.name, $0.hits.json) })))
        members.append(JSONMember("teams", .object(teams.map(\.json))))
        members.append(JSONMember("queues", .object(queues.map(\.json))))
        members.append(JSONMember("sources", .object(sources.map(\.json))))
        members.append(JSONMember("reps", .object(reps.map { rep in
            JSONMember(rep.name, .object([
                JSONMember("team", .string(rep.team)),
                JSONMember("assignments", rep.assignments.json),
                JSONMember("assignments_per_shift_hour", rep.assignmentsPerShiftHour.json),
                JSONMember("utilization", rep.utilization.json),
                JSONMember("touched", rep.touched.json),
                JSONMember("ttft_mean_s", rep.ttftMean.json),
                JSONMember("on_shift_hours", rep.onShiftHours.json),
            ]))
        })))
        members.append(JSONMember("outcomes", .object(outcomes.map { JSONMember($0.name, $0.json) })))
        return .object(members)
    }
}

extension GroupSummary {
    /// The group's name, then its metric objects by name.
    var json: JSONMember { JSONMember(name, .object(metrics.map { JSONMember($0.name, $0.json) })) }
}

extension Comparison {
    var json: JSONValue {
        .object([
            JSONMember("baseline", .string(baseline)),
            JSONMember("candidate", .string(candidate)),
            JSONMember("metrics", .object(metrics.map { JSONMember($0.name, $0.json) })),
        ])
    }
}
