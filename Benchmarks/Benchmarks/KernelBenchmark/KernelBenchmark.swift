import Benchmark
import SimulationKernel
import SimulationModel
import Validation

/// The event core through the public API: one whole replication of an M/M/c world of fixed
/// size (arrivals, dispatch, touches, handle-time completions; a heap push and pop per event).
/// Plans are built outside the measurement.
func plan(servers c: Int, load rho: Double, leads: Int, maxWait: Double? = nil) -> SimulationPlan {
    let mu = 1.0 / 600, lambda = rho * Double(c) * mu
    let scenario = QueueingWorld.pool(servers: c, arrivalRate: lambda, serviceRate: mu,
                                      horizon: Double(leads) / lambda, warmup: 0, replications: 1, seed: 1)
    return try! SimulationPlan(scenario: scenario, ruleSets: [QueueingWorld.fifo(maxWait: maxWait)])
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
        maxDuration: .seconds(20), maxIterations: 10
    )

    let cases: [(String, SimulationPlan)] = [
        ("M/M/50 ρ=0.9, 200k leads", plan(servers: 50, load: 0.9, leads: 200_000)),
        ("M/M/1 ρ=0.9, 200k leads", plan(servers: 1, load: 0.9, leads: 200_000)),
        ("M/M/500 ρ=0.97, 200k leads", plan(servers: 500, load: 0.97, leads: 200_000)),
        ("M/M/10/10 a=9 (max_wait 0s), 200k leads", plan(servers: 10, load: 0.9, leads: 200_000, maxWait: 0)),
    ]
    for (name, plan) in cases {
        Benchmark(name) { benchmark in
            benchmark.startMeasurement()
            let runs = Experiment.run(plan, options: ExperimentOptions(jobs: 1, replications: [0])).runs
            blackHole(runs[0][0].events)
        }
    }
}
