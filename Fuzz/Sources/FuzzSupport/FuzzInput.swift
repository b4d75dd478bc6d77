import CFuzzer
import Foundation
import ScenarioFile

/// The input handler of this process (one per fuzz executable, set once before the driver runs).
nonisolated(unsafe) private var handler: (String) -> Void = { _ in }

/// libFuzzer's callback, for the `main` that `-sanitize=fuzzer` links in: whichever `main`
/// the linker keeps, every input reaches `handler`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let text = fuzzText(data, size) else { return 0 }
    handler(text)
    return 0
}

/// Runs libFuzzer with the process's arguments, feeding every UTF-8 input to `body`; inputs
/// that are not UTF-8 are skipped (the command line refuses such files before any reader).
public func runFuzzer(_ body: @escaping (String) -> Void) -> Never {
    handler = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data, let text = fuzzText(data, size) else { return 0 }
        handler(text)
        return 0
    }
    exit(status)
}

/// A fuzz input as the text a reader gets from a file: nil when the bytes are not UTF-8 (the
/// command line refuses such a file before any reader sees it).
public func fuzzText(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String? {
    String(validating: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
}

/// The small world the rule-set and replay targets load their input against.
public enum FuzzWorld {
    /// A valid scenario; `replay` puts a replay source first (reading `leads.csv`).
    public static func scenario(replay: Bool = false) -> String {
        let source = replay ? "  - name: recorded\n    replay: {file: leads.csv, scale: 1.5}\n" : ""
        return """
            name: fuzz
            start: 2026-01-05T00:00
            timezone: Europe/London
            horizon: 7d
            replications: 2
            seed: 1
            sources:
            \(source)  - name: web
                volume: 100/week
                pattern: business-hours
                fields:
                  region: {NA: 60, EMEA: 40}
                  employees: {lognormal: {median: 100, sigma: 1}, integer: true}
            teams:
              - name: na
                manager: boss
              - name: emea
            reps:
              - name: boss
                team: na
              - count: 3
                name: na-{i}
                team: na
              - name: emea-1
                team: emea
                schedule: weekdays 09:00-17:00
            defaults:
              rep: {capacity: {open: 10, per_day: 12}, touch_delay: 10m}

            """
    }

    /// A valid rule set for that scenario.
    public static let rules = """
        name: fuzz
        routes:
          - name: emea
            when: {region: EMEA, employees: ">= 50"}
            to: emea
        fallback: na
        queues:
          na: {team: na, strategy: round-robin}
          emea: {team: emea, strategy: least-loaded}

        """

    /// The scenario, loaded (it always loads: a failure here is a bug of the harness).
    public static let loadedScenario: LoadedScenario = {
        do { return try ScenarioLoader.load(yaml: scenario(), file: "scenario.yaml") } catch { fatalError("\(error)") }
    }()
}
