import Fit
import Foundation
import History
import LeadsimStudy
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats

/// A known world and the history it writes: the scenario is simulated under the rules and
/// replication 0's leads become a CRM export censored at `asOf` (`HistoryExport`, what
/// `leadsim run --history-out` writes), as a team would export last quarter.
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
        csv = HistoryExport.csv(rows: result.trace.filter { $0.replication == replications[0] },
                                fieldNames: plan.schema.fieldNames, scenario: scenario, asOf: cut)
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
