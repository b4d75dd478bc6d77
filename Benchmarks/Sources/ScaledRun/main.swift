// A bundled scenario scaled up, for the README's performance figures (per-replication time,
// peak memory, multi-core speed-up). Usage:
//   ScaledRun SCENARIO_DIR [--leads N] [--reps N] [--replications N] [--jobs N]
// Reps are cloned (name~j, same team, schedule and settings) until there are --reps of them;
// every source's volume and bursts grow by the same factor, so each rep sees the load it had;
// the horizon is stretched so that about --leads leads are counted per replication. The first
// rule set (alphabetical) is run, without trace. Prints one line per replication and a summary.
import Foundation
import ScenarioFile
import SimulationKernel
import SimulationModel

func option(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let value = Int(args[i + 1]) else { return fallback }
    return value
}

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    print("usage: ScaledRun SCENARIO_DIR [--leads N] [--reps N] [--replications N] [--jobs N]")
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1])
let targetLeads = option("--leads", 1_000_000)
let targetReps = option("--reps", 500)
let replications = option("--replications", 3)
let jobs = option("--jobs", 1)

var scenario: Scenario
do {
    scenario = try ScenarioLoader.load(path: folder.appendingPathComponent("scenario.yaml").path).scenario
} catch {
    print(error)
    exit(1)
}
let ruleFile = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0.hasSuffix(".yaml") && $0 != "scenario.yaml" }.sorted()[0]
let rules: RuleSet
do {
    rules = try RuleSetLoader.load(path: folder.appendingPathComponent(ruleFile).path).ruleSet
} catch {
    print(error)
    exit(1)
}

let working = scenario.reps.filter { !$0.isTemplate }
let factor = Double(targetReps) / Double(working.count)
var reps = scenario.reps.filter(\.isTemplate)
var copy = 0
while reps.filter({ !$0.isTemplate }).count < targetReps {
    for rep in working where reps.filter({ !$0.isTemplate }).count < targetReps {
        var clone = rep
        if copy > 0 { clone.name = "\(rep.name)~\(copy)" }
        reps.append(clone)
    }
    copy += 1
}
scenario.reps = reps
var weekly = 0.0
for i in scenario.sources.indices {
    scenario.sources[i].weeklyVolume *= factor
    weekly += scenario.sources[i].weeklyVolume
    for j in scenario.sources[i].bursts.indices {
        scenario.sources[i].bursts[j].leads = Int((Double(scenario.sources[i].bursts[j].leads) * factor).rounded())
    }
}
scenario.horizon = Double(targetLeads) / weekly * 604_800
scenario.replications = replications

let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
let clock = ContinuousClock()
let began = clock.now
let result = Experiment.run(plan, options: ExperimentOptions(jobs: jobs))
let elapsed = clock.now - began
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let runs = result.runs[0]
for run in runs {
    print("replication \(run.replication): \(run.counted) counted leads (\(run.arrivals) in all), \(run.events) events")
}
let counted = runs.reduce(0) { $0 + $1.counted }
print(String(format: "%@ ×%.1f: %d reps, horizon %.0f days, rule set %@, %d replications on %d jobs: %.2f s in all, %.2f s per replication, %.0f counted leads/s",
             scenario.name, factor, targetReps, scenario.horizon / 86_400, rules.name, replications, jobs,
             seconds, seconds / Double(replications), Double(counted) / seconds))
