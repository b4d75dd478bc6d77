// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for leadsim's readers, apart from the main build:
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld  (gold fails to link libFuzzer)
// in this folder (scripts/fuzz.sh does that and runs a target over its seed corpus).
// Each target feeds the fuzzer's bytes to one reader; a reader may refuse the input with an
// error, never crash, trap, hang or exhaust memory.
let fuzzTargets = ["fuzz-scenario", "fuzz-rules", "fuzz-replay", "fuzz-history", "fuzz-salesforce", "fuzz-records"]

let package = Package(
    name: "leadsim-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "leadsim", path: "../")],
    targets: [
        // The one place a fuzz input becomes text and an accepted input is exercised further.
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "LeadsimReaders", package: "leadsim")]),
        // libFuzzer's driver, declared for Swift (the SwiftPM executable keeps its own main).
        .target(name: "CFuzzer"),
    ] + fuzzTargets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "LeadsimReaders", package: "leadsim")])
    },
    swiftLanguageModes: [.v6]
)
