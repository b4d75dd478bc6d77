import Fit
import Foundation
import ScenarioFile
import SimulationKernel
import SimulationModel
import Testing

/// The whole path: fit the world's history from scratch, run the fitted scenario under the
/// rules that were in force, and predict the world's service per team.
@Suite struct FitThenRunTests {
    /// Each team's metric in each replication of `scenario` under the world's rules.
    static func teamValues(_ scenario: Scenario, metrics: [String]) throws -> [String: [String: [Double]]] {
        let ruleSet = try RuleSetLoader.load(yaml: worldRules, file: "rules.yaml").ruleSet
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [ruleSet])
        let study = StudyDescription(plan: plan)
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: 2, replications: Array(0..<6)))
        var values: [String: [String: [Double]]] = [:]
        for run in result.runs[0] {
            for (t, team) in study.teams.enumerated() {
                let m = run.teamMetricValues(study: study, team: t)
                for name in metrics { values[team, default: [:]][name, default: []].append(m[name] ?? .nan) }
            }
        }
        return values
    }

    @Test func fittedScenarioPredictsEachTeamsService() throws {
        let world = try FitRecoveryTests.world.get()
        let fit = Fitter.fit(try world.history(zone: "America/New_York"), timeZone: "America/New_York")
        let text = FittedScenarioText.render(fit, name: "fitted", replications: 6, seed: 99)
        let fitted = try ScenarioLoader.load(yaml: text, file: "scenario.yaml").scenario
        let metrics = ["ttft_p50_s", "sla_met_rate", "unowned_rate", "touched_rate"]
        let truth = try Self.teamValues(world.scenario, metrics: metrics)
        let predicted = try Self.teamValues(fitted, metrics: metrics)
        for team in ["na", "emea"] {
            for name in metrics {
                let (a, b) = (try #require(truth[team]?[name]), try #require(predicted[team]?[name]))
                // The difference of two means of independent replications, plus the error the fit
                // inherits from its one history: the fitted inputs are estimated from a single
                // replication, so the prediction carries about one replication's sampling error.
                let se = (variance(a) / Double(a.count) + variance(b) / Double(b.count) + variance(a)).squareRoot()
                let difference = abs(mean(a) - mean(b))
                #expect(difference <= z999 * se,
                        "\(team) \(name): world \(mean(a)), fitted \(mean(b)) (se \(se))")
            }
        }
    }

    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    func variance(_ v: [Double]) -> Double {
        let m = mean(v)
        return v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)
    }
}
