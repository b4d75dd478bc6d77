// swift-tools-version: 6.1
import PackageDescription

// Benchmarks of leadsim, apart from the tests: `swift package benchmark` in this folder.
let package = Package(
    name: "leadsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "leadsim", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
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
    ],
    swiftLanguageModes: [.v6]
)
