// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "leadsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadsim", targets: ["leadsim"]),
        // For the benchmark package in Benchmarks/ (a separate package depending on ../).
        .library(name: "RoutingRules", targets: ["RoutingRules", "SimulationModel"]),
        .library(name: "LeadsimValidation", targets: ["Validation", "SimulationKernel", "ScenarioFile", "SimulationModel", "RandomStreams", "Statistics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GSL, wrapped once: only RandomStreams imports it.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // Seeded streams, distributions, inverse CDFs and the t quantile (the only GSL caller).
        .target(name: "RandomStreams", dependencies: ["CGSL", "SimulationModel"]),
        // Confidence intervals, paired differences, streaming quantiles, inequality and queueing formulas.
        .target(name: "Statistics", dependencies: ["RandomStreams"]),
        // The validated, immutable model of scenarios and rule sets (no YAML, no GSL).
        .target(name: "SimulationModel"),
        // YAML files -> SimulationModel, with diagnostics that point at the line.
        .target(
            name: "ScenarioFile",
            dependencies: ["SimulationModel", .product(name: "Yams", package: "Yams")]
        ),
        // Pure routing and assignment: conditions, routes, strategies, explanations.
        .target(name: "RoutingRules", dependencies: ["SimulationModel"]),
        // Discrete-event simulation: event queue, reps, sources, metric collectors.
        .target(
            name: "SimulationKernel",
            dependencies: [
                "SimulationModel", "RoutingRules", "RandomStreams", "Statistics",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Summary model -> Markdown, HTML+SVG, JSON, CSV.
        .target(name: "Reports", dependencies: ["SimulationModel", "SimulationKernel", "Statistics"]),
        // The simulator against queueing theory (Erlang C, B, A; arrival patterns) and the peer model.
        .target(name: "Validation", dependencies: ["SimulationKernel", "SimulationModel", "Statistics", "RandomStreams"]),
        .executableTarget(
            name: "leadsim",
            dependencies: [
                "SimulationModel", "ScenarioFile", "RoutingRules", "SimulationKernel", "Reports", "Validation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RandomStreamsTests", dependencies: ["RandomStreams", "SimulationModel"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "RandomStreams", "SimulationModel"]),
        .testTarget(name: "ScenarioFileTests", dependencies: ["ScenarioFile", "SimulationModel"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RoutingRulesTests", dependencies: ["RoutingRules", "SimulationModel", "ScenarioFile"]),
        .testTarget(name: "SimulationKernelTests",
                    dependencies: ["SimulationKernel", "SimulationModel", "ScenarioFile", "RoutingRules", "RandomStreams", "Statistics"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "SimulationKernel", "SimulationModel"]),
        .testTarget(name: "LeadsimCLITests", dependencies: ["leadsim"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Statistics"]),
    ],
    swiftLanguageModes: [.v6]
)
