import Foundation
import History
import LeadsimStudy
import SimulationKernel
import SimulationModel

/// A world's own histories backtested against it, measured the way exchangeability predicts:
/// each generating run is exported as a history (as `leadsim run --history-out` does), replayed
/// `replications` times, and every figure of the generating run is placed among its replays'.
///
/// If the replay is the world conditioned on what a history fixes, the observed value and the
/// replications are exchangeable: its rank is uniform, and observed − mean(replays) has variance
/// Var(replay) · (1 + 1/n) on average over histories.
struct BacktestCalibration {
    /// One figure of one history: the generating run's value and its replays' values.
    struct Figure {
        var observed: Double
        var replays: [Double]

        /// The observed value's mid-rank among the replays, as a share in (0, 1):
        /// (#below + #ties / 2 + 1/2) / (n + 1), uniform on the n + 1 positions when exchangeable.
        var rank: Double {
            let below = replays.filter { $0 < observed }.count, ties = replays.filter { $0 == observed }.count
            return (Double(below) + Double(ties) / 2 + 0.5) / Double(replays.count + 1)
        }

        var replayMean: Double { replays.reduce(0, +) / Double(replays.count) }

        var replayVariance: Double {
            let m = replayMean
            return replays.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(replays.count - 1)
        }
    }

    /// Per history: figures by name ("overall cold", "apac ttft_p90_s", …).
    var histories: [[String: Figure]] = []

    /// Names of figures every history has, sorted.
    var names: [String] {
        guard let first = histories.first else { return [] }
        return first.keys.filter { name in histories.allSatisfy { $0[name] != nil } }.sorted()
    }

    /// Over histories: mean of (observed − mean)² / (Var(replay) · (1 + 1/n)). About 1 when the
    /// replay is right; K times it is about χ²(K) for K histories (normal figures).
    func varianceRatio(_ name: String) -> Double {
        let terms = histories.compactMap { h -> Double? in
            guard let f = h[name], f.replayVariance > 0 else { return nil }
            let d = f.observed - f.replayMean
            return d * d / (f.replayVariance * (1 + 1 / Double(f.replays.count)))
        }
        return terms.reduce(0, +) / Double(max(1, terms.count))
    }

    /// Share of the given figures' ranks in the outer `tail` on each side (exchangeable: 2·tail).
    func outerShare(_ names: [String], tail: Double = 0.02) -> Double {
        var outer = 0, all = 0
        for h in histories { for n in names { if let f = h[n] { all += 1; if f.rank <= tail || f.rank >= 1 - tail { outer += 1 } } } }
        return Double(outer) / Double(max(1, all))
    }

    /// Generates `seeds.count` histories of `scenario` under `ruleSet` and backtests each one.
    ///
    /// The generating run stops at the export time (its drain cut to 0: nothing before it
    /// changes), so its cold leads are those gone cold by then, as in the replays.
    static func measure(scenario: Scenario, ruleSet: RuleSet, seeds: [UInt64], replications: Int, jobs: Int = 2) throws
        -> BacktestCalibration {
        var result = BacktestCalibration()
        for seed in seeds {
            var world = scenario
            world.seed = seed
            world.replications = 1
            world.drain = 0
            let asOf = world.start + world.warmup + world.horizon
            let plan = try SimulationPlan(scenario: world, ruleSets: [ruleSet])
            let run = Experiment.run(plan, options: ExperimentOptions(jobs: 1, trace: true))
            let text = HistoryExport.csv(rows: run.trace, fieldNames: plan.schema.fieldNames, scenario: world, asOf: asOf)
            let history = try HistoryFile.read(text: text, file: "h\(seed).csv", timeZone: world.timeZone, asOf: asOf)
            let backtest = BacktestWorld(history: history, scenario: scenario, ruleSet: ruleSet)
            var replay = backtest.replayScenario()
            replay.seed = 1_000_000 + seed
            replay.replications = replications
            var options = ExperimentOptions(jobs: jobs)
            options.backtest = backtest.definition
            let replays = try SimulationPlan(scenario: replay, ruleSets: [ruleSet])
            let runs = Experiment.run(replays, options: options).runs[0]

            var figures: [String: Figure] = [:]
            let groups = ["overall"] + backtest.definition.teams
            func add(_ observed: BacktestFigures, _ simulated: [BacktestFigures]) {
                for (g, group) in groups.enumerated() {
                    let pick = { (f: BacktestFigures) in g == 0 ? f.overall : f.teams[g - 1] }
                    for metric in BacktestMetric.allCases {
                        guard let o = pick(observed).value(metric) else { continue }
                        let values = simulated.compactMap { pick($0).value(metric) }
                        if values.count == simulated.count { figures["\(group) \(metric.rawValue)"] = Figure(observed: o, replays: values) }
                    }
                    figures["\(group) touched"] = Figure(observed: Double(pick(observed).touched),
                                                         replays: simulated.map { Double(pick($0).touched) })
                    figures["\(group) assigned"] = Figure(observed: Double(pick(observed).assigned),
                                                          replays: simulated.map { Double(pick($0).assigned) })
                }
            }
            add(backtest.observed(), runs.map { $0.backtest! })
            figures["overall cold"] = Figure(observed: Double(run.trace.filter { $0.outcome == .cold }.count),
                                             replays: runs.map { Double($0.sources.map(\.cold).reduce(0, +)) })
            result.histories.append(figures)
        }
        return result
    }

    /// A table: per figure, the share of ranks in the outer 4% and the variance ratio.
    func table() -> String {
        var lines = ["figure                              outer4%  var-ratio  mean(obs-replay)  mean sd(replay)"]
        for name in names {
            let diffs = histories.map { $0[name]!.observed - $0[name]!.replayMean }
            let sd = histories.map { $0[name]!.replayVariance.squareRoot() }.reduce(0, +) / Double(histories.count)
            lines.append(name.padding(toLength: 36, withPad: " ", startingAt: 0)
                         + String(format: "%6.1f%%  %9.2f  %16.4g  %15.4g", 100 * outerShare([name]), varianceRatio(name),
                                  diffs.reduce(0, +) / Double(diffs.count), sd))
        }
        return lines.joined(separator: "\n")
    }
}
