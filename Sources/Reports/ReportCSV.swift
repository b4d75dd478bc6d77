import SimulationKernel
import TextFormats

extension CSV {
    /// A number cell: empty when absent or not finite.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return JSONValue.numberText(value)
    }
}

extension Summary {
    /// `reps.csv`: one row per rule set and rep; means and CI bounds over replications.
    public var repsCSV: String {
        var rows: [[String]] = []
        for rs in ruleSets {
            for rep in rs.reps {
                rows.append([rs.name, rep.name, rep.team,
                             CSV.number(rep.assignments.mean), CSV.number(rep.assignments.ci95?.lower),
                             CSV.number(rep.assignments.ci95?.upper),
                             CSV.number(rep.assignmentsPerShiftHour.mean),
                             CSV.number(rep.utilization.mean), CSV.number(rep.utilization.ci95?.lower),
                             CSV.number(rep.utilization.ci95?.upper),
                             CSV.number(rep.touched.mean), CSV.number(rep.ttftMean.mean), CSV.number(rep.onShiftHours.mean)])
            }
        }
        return CSV.document(header: ["ruleset", "rep", "team", "assignments_mean", "assignments_ci_low", "assignments_ci_high",
                                     "assignments_per_shift_hour", "utilization_mean", "utilization_ci_low",
                                     "utilization_ci_high", "touched_mean", "ttft_mean_s", "on_shift_hours"],
                            rows: rows)
    }

    /// `routes.csv`: hits per rule set and route (plus `(fallback)` / `(unrouted)`).
    public var routesCSV: String {
        var rows: [[String]] = []
        for rs in ruleSets {
            let leads = rs.metric("leads")?.mean ?? 0
            for route in rs.routes {
                rows.append([rs.name, route.name, route.kind.rawValue, route.destination,
                             CSV.number(route.hits.mean), CSV.number(route.hits.ci95?.lower), CSV.number(route.hits.ci95?.upper),
                             CSV.number(leads > 0 ? (route.hits.mean ?? 0) / leads : nil), route.neverHit ? "true" : "false"])
            }
        }
        return CSV.document(header: ["ruleset", "route", "kind", "to", "hits_mean", "hits_ci_low", "hits_ci_high",
                                     "share", "never_hit"], rows: rows)
    }

    /// `queues.csv`: one row per rule set and rule queue (SPEC §7), each metric's mean over
    /// replications (`summary.json` has the CIs).
    public var queuesCSV: String { groupsCSV(kind: "queue", of: \.queues, automatedColumn: true) }

    /// `sources.csv`: one row per rule set and source (SPEC §7), each metric's mean over replications.
    public var sourcesCSV: String { groupsCSV(kind: "source", of: \.sources, automatedColumn: false) }

    private func groupsCSV(kind: String, of groups: KeyPath<RuleSetSummary, [GroupSummary]>, automatedColumn: Bool) -> String {
        let names = ruleSets.lazy.flatMap { $0[keyPath: groups] }.first?.metrics.map(\.name) ?? []
        var rows: [[String]] = []
        for rs in ruleSets {
            for group in rs[keyPath: groups] {
                rows.append([rs.name, group.name] + (automatedColumn ? [group.automated ? "true" : "false"] : [])
                    + names.map { CSV.number(group.metric($0)?.mean) })
            }
        }
        return CSV.document(header: ["ruleset", kind] + (automatedColumn ? ["automated"] : []) + names, rows: rows)
    }

    /// `timeseries.csv`: every hour of the counted window (UTC start and local hour of the week),
    /// means over replications.
    public var timeseriesCSV: String {
        let folding = HourOfWeek(timeZone: timeZone)
        var rows: [[String]] = []
        for rs in ruleSets {
            for (h, point) in rs.hourly.enumerated() {
                let t = countedStart + Double(h) * 3600
                rows.append([rs.name, String(h), Format.isoUTC(t), HourOfWeek.label(folding.index(of: t + 1800)),
                             CSV.number(point.arrivals), CSV.number(point.waitedOnArrival), CSV.number(point.queueLength),
                             CSV.number(point.unowned), CSV.number(point.occupied)])
            }
        }
        return CSV.document(header: ["ruleset", "hour", "start_utc", "hour_of_week", "arrivals", "waited_on_arrival",
                                     "queue_length", "unowned_leads", "occupied_slots"], rows: rows)
    }
}

/// `leads.csv` (`--trace`): one row per lead, rule set by rule set, replication by replication.
public enum LeadsCSV {
    /// - Parameter fieldNames: the schema's fields, in order; the built-in `source` field is the
    ///   `source` column already, so it is not repeated among the field columns.
    public static func render(_ rows: [TraceRow], fieldNames: [String]) -> String {
        let shown = fieldNames.indices.filter { fieldNames[$0] != "source" }
        var out = CSV.line(["ruleset", "replication", "lead", "source", "counted", "arrival"] + shown.map { fieldNames[$0] }
            + ["route", "queue", "owners", "first_assigned", "first_touch", "ttft_s", "breaches", "outcome"])
        for row in rows {
            let fields = shown.map { $0 < row.fields.count ? row.fields[$0] : "" }
            out += CSV.line([row.ruleSet, String(row.replication), String(row.lead), row.source,
                             row.counted ? "true" : "false", Format.isoUTC(row.arrival)]
                + fields
                + [row.route, row.queue, row.owners.joined(separator: ";"),
                   row.firstAssigned.map(Format.isoUTC) ?? "", row.firstTouch.map(Format.isoUTC) ?? "",
                   row.firstTouch.map { JSONValue.numberText($0 - row.arrival) } ?? "",
                   String(row.breaches), row.outcome.rawValue])
        }
        return out
    }
}
