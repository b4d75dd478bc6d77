import ArgumentParser
import Foundation
import Reports

/// Flags shared by the simulating commands (`run`, `compare`): SPEC §5.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Replications (overrides the scenario's `replications`).")
    var replications: Int?

    @Option(help: "Master seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Output directory (default: Reports/<scenario name>).", valueName: "dir"))
    var out: String?

    @Option(help: "Parallel workers (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Also write leads.csv: one audit row per lead (memory grows with the number of leads).")
    var trace = false

    @Option(help: ArgumentHelp("Outputs to write: a comma-separated list of md, html, json, csv.", valueName: "list"))
    var format: String = "md,html,json,csv"

    @Flag(help: "No progress bar and no verdict on the terminal; only where the files went.")
    var quiet = false

    func validate() throws {
        if let replications, replications < 1 {
            throw ValidationError("--replications must be at least 1, got \(replications)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if OutputFormats(list: format) == nil {
            throw ValidationError("--format takes a comma-separated list of md, html, json, csv; got '\(format)'")
        }
    }

    var formats: OutputFormats { OutputFormats(list: format) ?? .all }
}

extension Leadsim {
    /// Runs the command line with the exit codes of SPEC §5: usage errors (unknown flags,
    /// missing arguments, bad values) exit 2 instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
