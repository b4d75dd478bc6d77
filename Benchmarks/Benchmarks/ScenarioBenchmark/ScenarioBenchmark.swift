import Benchmark
import Foundation
import ScenarioFile
import SimulationKernel
import SimulationModel

/// The repository's `Scenarios/` folder, found from this file's path.
let scenariosFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios")

/// Each bundled scenario with its first rule set (alphabetical), compiled outside the measurement.
func bundledPlans() -> [(String, SimulationPlan)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: scenariosFolder.path)) ?? []
    return names.sorted().compactMap { name -> (String, SimulationPlan)? in
        let folder = scenariosFolder.appendingPathComponent(name)
        guard let scenario = try? ScenarioLoader.load(path: folder.appendingPathComponent("scenario.yaml").path) else {
            return nil
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && $0 != "scenario.yaml" }.sorted()
        let ruleSets = files.compactMap { try? RuleSetLoader.load(path: folder.appendingPathComponent($0).path).ruleSet }
        guard let first = ruleSets.first, let plan = try? SimulationPlan(scenario: scenario.scenario, ruleSets: [first])
        else { return nil }
        return ("\(name) (\(first.name)), 1 replication", plan)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
        maxDuration: .seconds(20), maxIterations: 10
    )
    for (name, plan) in bundledPlans() {
        Benchmark(name) { benchmark in
            benchmark.startMeasurement()
            let runs = Experiment.run(plan, options: ExperimentOptions(jobs: 1, replications: [0])).runs
            blackHole(runs[0][0].events)
        }
    }
}
