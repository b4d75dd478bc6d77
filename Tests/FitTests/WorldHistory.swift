import Fit
import Foundation
import History
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats

/// A known world and the history it writes: the scenario is simulated under the rules and
/// replication 0's leads become a CRM export censored at `asOf` (owner, assigned and first
/// touch blank when they happen later), as a team would export last quarter.
struct WorldHistory {
    let scenario: Scenario
    let plan: SimulationPlan
    let csv: String
    let asOf: Instant

    init(scenario yaml: String, rules: String, asOf: Instant? = nil, replications: [Int] = [0]) throws {
        scenario = try ScenarioLoader.load(yaml: yaml, file: "world.yaml").scenario
        let ruleSet = try RuleSetLoader.load(yaml: rules, file: "rules.yaml").ruleSet
        plan = try SimulationPlan(scenario: scenario, ruleSets: [ruleSet])
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: 2, trace: true, replications: replications))
        let cut = asOf ?? (scenario.start + scenario.warmup + scenario.horizon)
        self.asOf = cut
        let teamOf = Dictionary(scenario.reps.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
        let fieldNames = plan.schema.fieldNames
        let shown = fieldNames.indices.filter { fieldNames[$0] != "source" && fieldNames[$0] != "account" }
        var text = CSV.line(["created_at", "source", "owner", "team", "assigned_at", "first_touch_at"] + shown.map { fieldNames[$0] })
        for row in result.trace where row.replication == replications[0] && row.arrival <= cut {
            var owner = row.owners.first ?? "", assigned = row.firstAssigned
            if assigned == nil || assigned! > cut { owner = ""; assigned = nil }
            let touch = owner.isEmpty ? nil : row.firstTouch.flatMap { $0 <= cut ? $0 : nil }
            text += CSV.line([WorldHistory.iso(row.arrival), row.source, owner, owner.isEmpty ? "" : teamOf[owner] ?? "",
                              assigned.map(WorldHistory.iso) ?? "", touch.map(WorldHistory.iso) ?? ""]
                             + shown.map { $0 < row.fields.count ? row.fields[$0] : "" })
        }
        csv = text
    }

    /// The history as read by `fit`.
    func history(zone: String) throws -> History {
        try HistoryFile.read(text: csv, file: "history.csv", timeZone: zone, asOf: asOf)
    }

    static func iso(_ t: Instant) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: t))
    }
}
