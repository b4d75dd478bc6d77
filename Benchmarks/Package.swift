// swift-tools-version: 6.1
import PackageDescription

// Benchmarks of leadsim, apart from the tests: `swift package benchmark` in this folder.
let package = Package(
    name: "leadsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "leadsim", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // The generated leads and the 100-route rule set, shared by the runners below.
        .target(
            name: "RoutingFixture",
            dependencies: [.product(name: "RoutingRules", package: "leadsim")]
        ),
        // Plain leads/s figure without the benchmark harness (and a target for `perf record`).
        .executableTarget(name: "routing-throughput", dependencies: ["RoutingFixture"]),
        // Routing + assignment of 1,000,000 generated leads through a 100-route rule set.
        .executableTarget(
            name: "RoutingBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                "RoutingFixture",
            ],
            path: "Benchmarks/RoutingBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The event core through the public API: whole M/M/c runs of fixed size.
        .executableTarget(
            name: "KernelBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LeadsimValidation", package: "leadsim"),
            ],
            path: "Benchmarks/KernelBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // One replication of each bundled scenario (Scenarios/*), first rule set.
        .executableTarget(
            name: "ScenarioBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LeadsimValidation", package: "leadsim"),
            ],
            path: "Benchmarks/ScenarioBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The floor of scripts/peer-benchmark.sh: heap + GSL exponential draws, nothing else.
        .executableTarget(
            name: "MMcFloor",
            dependencies: [
                .product(name: "LeadsimValidation", package: "leadsim"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            path: "Sources/MMcFloor"
        ),
        // ns per Sampler.quantile call for each distribution kind (inverse CDFs per lead).
        .executableTarget(
            name: "quantile-speed",
            dependencies: [.product(name: "LeadsimValidation", package: "leadsim")],
            path: "Sources/quantile-speed"
        ),
        // The kernel's EventQueue against swift-collections' Heap in the hold model (ns per pop + insert).
        .executableTarget(
            name: "EventQueueHold",
            dependencies: [
                .product(name: "LeadsimValidation", package: "leadsim"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            path: "Sources/EventQueueHold"
        ),
        // A bundled scenario scaled to N leads and N reps (README performance figures).
        .executableTarget(
            name: "ScaledRun",
            dependencies: [.product(name: "LeadsimValidation", package: "leadsim")],
            path: "Sources/ScaledRun"
        ),
    ],
    swiftLanguageModes: [.v6]
)
