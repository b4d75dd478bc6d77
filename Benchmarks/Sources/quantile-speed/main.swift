import Foundation
import RandomStreams
import SimulationModel

// Nanoseconds per `Sampler.quantile` call, per distribution kind, on one thread: the inverse
// CDFs the kernel evaluates per lead (fields, handle time, touch delays, patience). Prints the
// best of a few rounds by the thread's CPU time, and how long compiling each sampler took.
// Usage: quantile-speed [draws per round]
let draws = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let rounds = 5

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let uniforms = (0..<draws).map { CounterUniforms(seed: 2026).uniform($0) }
let specs: [(String, DistributionSpec)] = [
    ("exponential(mean: 5d)", .exponential(mean: 432_000)),
    ("uniform(10, 30)", .uniform(lower: 10, upper: 30)),
    ("empirical(3 values)", .empirical([WeightedValue(value: 1, weight: 1), WeightedValue(value: 5, weight: 3),
                                        WeightedValue(value: 9, weight: 2)])),
    ("lognormal(median: 10m, sigma: 0.9)", .lognormal(median: 600, sigma: 0.9)),
    ("lognormal(median: 180, sigma: 1.3)", .lognormal(median: 180, sigma: 1.3)),
    ("gamma(mean: 2d, shape: 2)", .gamma(mean: 172_800, shape: 2)),
    ("gamma(mean: 1, shape: 0.3)", .gamma(mean: 1, shape: 0.3)),
    ("normal(mean: 50, sd: 10)", .normal(mean: 50, sd: 10)),
    ("beta(2, 3)", .beta(a: 2, b: 3)),
    ("beta(1.5, 4)", .beta(a: 1.5, b: 4)),
    ("beta(0.3, 0.4)", .beta(a: 0.3, b: 0.4)),
]
print("distribution                          compile ms   ns/quantile")
for (name, spec) in specs {
    let began = cpuSeconds()
    let sampler = Sampler(spec)
    let compile = cpuSeconds() - began
    var fastest = Double.infinity
    var checksum = 0.0
    for _ in 0..<rounds {
        let start = cpuSeconds()
        for u in uniforms { checksum += sampler.quantile(u) }
        fastest = min(fastest, cpuSeconds() - start)
    }
    precondition(checksum.isFinite)
    print(name.padding(toLength: 36, withPad: " ", startingAt: 0),
          String(format: "%10.2f %13.1f", compile * 1e3, fastest / Double(draws) * 1e9))
}
