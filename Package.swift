// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "leadsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadsim", targets: ["leadsim"]),
        // Every use case of the command line (load and check, run, compare, staff, merge, route, …)
        // for any front end: no ArgumentParser, no printing.
        .library(name: "LeadsimStudy", targets: ["LeadsimStudy"]),
        // For the benchmark package in Benchmarks/ (a separate package depending on ../).
        .library(name: "RoutingRules", targets: ["RoutingRules", "SimulationModel"]),
        // For the fuzz package in Fuzz/ (a separate package depending on ../): every reader of input files.
        .library(name: "LeadsimReaders", targets: ["ScenarioFile", "History", "SalesforceImport", "Shards", "RuleLint", "Fit",
                                                   "SimulationModel", "TextFormats"]),
        .library(name: "LeadsimValidation", targets: ["Validation", "SimulationKernel", "ScenarioFile", "SimulationModel", "RandomStreams", "Statistics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GSL, wrapped once: RandomStreams (sampling) and InputAnalysis (fitting) import it.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // GLPK, the integer-program solver of `leadsim shifts` (Staffing's ShiftCovering is its only caller).
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]),
        // __builtin_prefetch for the event queue (header only).
        .systemLibrary(name: "CPrefetch"),
        // Seeded streams, distributions, inverse CDFs and the t quantile (the only GSL caller).
        .target(name: "RandomStreams", dependencies: ["CGSL", "SimulationModel"]),
        // Confidence intervals, paired differences, streaming quantiles, inequality and queueing formulas.
        .target(name: "Statistics", dependencies: ["RandomStreams"]),
        // The validated, immutable model of scenarios and rule sets (no YAML, no GSL).
        .target(name: "SimulationModel"),
        // The text formats besides YAML: the value syntax of SPEC §1 (durations, rates, dates…),
        // did-you-mean suggestions, CSV (read and write) and ordered JSON.
        .target(name: "TextFormats", dependencies: ["SimulationModel"]),
        // YAML files -> SimulationModel, with diagnostics that point at the line.
        .target(
            name: "ScenarioFile",
            dependencies: ["SimulationModel", "TextFormats", .product(name: "Yams", package: "Yams")]
        ),
        // Pure routing and assignment: conditions, routes, strategies, explanations.
        .target(name: "RoutingRules", dependencies: ["SimulationModel"]),
        // Discrete-event simulation: event queue, reps, sources, metric collectors.
        .target(
            name: "SimulationKernel",
            dependencies: [
                "SimulationModel", "RoutingRules", "RandomStreams", "Statistics", "CPrefetch",
            ]
        ),
        // Salesforce assignment-rule XML -> rule set model and YAML text (pure, no files).
        .target(
            name: "SalesforceImport",
            dependencies: ["SimulationModel", "ScenarioFile", "TextFormats", .product(name: "Yams", package: "Yams")]
        ),
        // History files (CRM exports, SPEC §8) read and checked for `fit` and `backtest`.
        .target(name: "History", dependencies: ["SimulationModel", "TextFormats", "ScenarioFile"]),
        // `leadsim fit`: a history -> the fitted scenario with its evidence, and scenario.yaml text.
        .target(name: "Fit", dependencies: ["History", "InputAnalysis", "SimulationKernel", "SimulationModel", "TextFormats"]),
        // Rule-set lint: shadowed and duplicate routes, coverage gaps, routes no lead hits.
        .target(name: "RuleLint", dependencies: ["SimulationModel", "ScenarioFile", "RoutingRules", "SimulationKernel", "TextFormats"]),
        // Summary model -> Markdown, HTML+SVG, JSON, CSV.
        .target(name: "Reports", dependencies: [
            "SimulationModel", "SimulationKernel", "Statistics", "Staffing", "TextFormats", "Fit", "InputAnalysis",
        ]),
        // The simulator against queueing theory (Erlang C, B, A; arrival patterns) and the peer model.
        .target(name: "Validation", dependencies: ["SimulationKernel", "SimulationModel", "Statistics", "RandomStreams"]),
        // Capacity planning: the smallest headcount meeting service targets, per-hour requirements,
        // the cheapest shift roster (GLPK).
        .target(name: "Staffing", dependencies: ["CGLPK", "SimulationKernel", "SimulationModel", "Statistics", "TextFormats"]),
        // Input analysis for `leadsim fit`: censored maximum likelihood, Kaplan-Meier, goodness of
        // fit, arrival patterns and dispersion, field mixes (pure statistics, no files).
        .target(name: "InputAnalysis", dependencies: ["CGSL", "SimulationModel"]),
        // Per-replication records (replications.jsonl), shards of a study and their exact merge.
        .target(name: "Shards", dependencies: ["SimulationKernel", "SimulationModel", "ScenarioFile"]),
        // The use cases every front end shares: inputs loaded and checked once, run, compare,
        // staff, merge, route, lint, import, validate, init, verify; typed errors, no printing.
        .target(
            name: "LeadsimStudy",
            dependencies: [
                "SimulationModel", "ScenarioFile", "TextFormats", "RoutingRules", "SimulationKernel", "Reports", "Staffing",
                "SalesforceImport", "RuleLint", "Shards", "Validation", "History", "Fit",
            ]
        ),
        // The command line: parses arguments, calls LeadsimStudy, prints, maps errors to exit codes.
        .executableTarget(
            name: "leadsim",
            dependencies: [
                "LeadsimStudy", "ScenarioFile", "TextFormats", "Reports", "Shards",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RandomStreamsTests", dependencies: ["RandomStreams", "SimulationModel"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "RandomStreams", "SimulationModel"]),
        .testTarget(name: "ScenarioFileTests", dependencies: ["ScenarioFile", "TextFormats", "SimulationModel"],
                    resources: [.copy("Fixtures")]),
        // The JSON Schemas: committed files match the generator, and an independent validator
        // (Python jsonschema) agrees with the loader on bundled and broken files.
        // Test support: runs a child process and collects its output (CLI and schema tests).
        .target(name: "ChildProcess", path: "Tests/ChildProcess"),
        .testTarget(name: "SchemaTests", dependencies: ["ScenarioFile", "TextFormats", "SimulationModel", "ChildProcess"]),
        .testTarget(name: "RoutingRulesTests", dependencies: ["RoutingRules", "SimulationModel", "ScenarioFile"]),
        .testTarget(name: "SimulationKernelTests",
                    dependencies: ["SimulationKernel", "SimulationModel", "ScenarioFile", "RoutingRules", "RandomStreams", "Statistics"]),
        .testTarget(name: "StaffingTests", dependencies: ["Staffing", "SimulationKernel", "SimulationModel", "Statistics"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TextFormats", "SimulationKernel", "SimulationModel"]),
        // Test support: the small scenario and rule sets of the CLI and LeadsimStudy tests.
        .target(name: "StudyFixtures", path: "Tests/StudyFixtures"),
        .testTarget(name: "LeadsimCLITests", dependencies: ["leadsim", "ChildProcess", "StudyFixtures"]),
        .testTarget(name: "LeadsimStudyTests",
                    dependencies: ["LeadsimStudy", "ScenarioFile", "TextFormats", "Reports", "Shards", "StudyFixtures", "History",
                                   "SimulationKernel", "SimulationModel"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Statistics"]),
        .testTarget(name: "SalesforceImportTests",
                    dependencies: ["SalesforceImport", "ScenarioFile", "TextFormats", "RoutingRules", "SimulationModel"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "ScenarioFile", "TextFormats", "SimulationModel"]),
        .testTarget(name: "RuleLintTests", dependencies: ["RuleLint", "ScenarioFile", "SimulationModel"]),
        .testTarget(name: "ShardsTests", dependencies: ["Shards", "Reports", "SimulationKernel", "SimulationModel", "ScenarioFile"]),
        .testTarget(name: "FitTests",
                    dependencies: ["Fit", "History", "InputAnalysis", "ScenarioFile", "SimulationKernel", "SimulationModel",
                                   "TextFormats", "LeadsimStudy"]),
        .testTarget(name: "InputAnalysisTests", dependencies: ["InputAnalysis", "RandomStreams", "SimulationModel"]),
        .testTarget(name: "ReplayTests",
                    dependencies: ["SimulationKernel", "ScenarioFile", "SimulationModel", "RoutingRules", "TextFormats"]),
    ],
    swiftLanguageModes: [.v6]
)
