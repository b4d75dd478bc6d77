import Benchmark
import RoutingFixture

/// Built once, outside every measurement.
let fixture = RoutingFixture()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(20), maxIterations: 10
    )

    Benchmark("route + assign 1M leads (100 routes, 60 reps)") { benchmark in
        var state = fixture.compiled.makeAssignmentState()
        var reps = BenchReps(count: fixture.repCount)
        var random = SplitMix(state: 7)
        benchmark.startMeasurement()
        blackHole(routeAndAssign(fixture, state: &state, reps: &reps, random: &random))
    }

    Benchmark("route only 1M leads (100 routes)") { benchmark in
        benchmark.startMeasurement()
        blackHole(routeOnly(fixture))
    }
}
