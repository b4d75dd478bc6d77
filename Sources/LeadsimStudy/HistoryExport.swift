import Reports
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats

/// A simulated world's leads written as a CRM history (SPEC §8), as an export at `asOf` would
/// show them: the first owner and its team, when it got the lead, its first touch and when it
/// was closed, blank when they came after `asOf`. What `leadsim run --history-out` writes, for backtests of a
/// known world (tests, the bundled example).
public enum HistoryExport {
    /// The history CSV of one replication's trace rows (`Experiment` with `trace`); leads created
    /// after `asOf` are left out.
    ///
    /// - Parameters:
    ///   - rows: one replication's audit rows.
    ///   - fieldNames: the plan's lead schema names (`SimulationPlan.schema.fieldNames`), for `rows[i].fields`.
    ///   - scenario: for the owners' teams.
    public static func csv(rows: [TraceRow], fieldNames: [String], scenario: Scenario, asOf: Instant) -> String {
        let teamOf = Dictionary(scenario.reps.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
        let roles = Set(HistoryColumn.allCases.map(\.rawValue))
        let kept = fieldNames.indices.filter { !roles.contains(fieldNames[$0]) }
        let header = ["created_at", "source", "owner", "team", "assigned_at", "first_touch_at", "closed_at"]
            + kept.map { fieldNames[$0] }
        let ordered = rows.filter { $0.arrival <= asOf }.sorted { ($0.arrival, $0.lead) < ($1.arrival, $1.lead) }
        let lines = ordered.map { row -> [String] in
            let assigned = row.firstAssigned.flatMap { $0 <= asOf ? $0 : nil }
            let owner = assigned == nil ? nil : row.owners.first
            let touched = owner == nil ? nil : row.firstTouch.flatMap { $0 <= asOf ? $0 : nil }
            // Closed by the first owner only: a lead reassigned later was closed by someone else.
            let closed = touched == nil || row.owners.count > 1 ? nil : row.closedAt.flatMap { $0 <= asOf ? $0 : nil }
            return [Format.isoUTC(row.arrival), row.source, owner ?? "", owner.flatMap { teamOf[$0] } ?? "",
                    assigned.map(Format.isoUTC) ?? "", touched.map(Format.isoUTC) ?? "", closed.map(Format.isoUTC) ?? ""]
                + kept.map { $0 < row.fields.count ? row.fields[$0] : "" }
        }
        return CSV.document(header: header, rows: lines)
    }
}
