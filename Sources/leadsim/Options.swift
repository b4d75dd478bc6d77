import ArgumentParser
import Foundation
import Reports
import Shards

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

    @Option(help: ArgumentHelp("Outputs to write: a comma-separated list of md, html, json, csv, records "
                               + "(replications.jsonl, the per-replication records `merge` reads).", valueName: "list"))
    var format: String = "md,html,json,csv"

    @Option(help: ArgumentHelp("Run only shard K of N (0-based: replication r belongs to shard r mod N) and write only its "
                               + "records, for `leadsim merge`; `auto` reads the array-job index and count from the environment.",
                               valueName: "K/N|auto"))
    var shard: String?

    @Flag(help: "No progress bar and no verdict on the terminal; only where the files went.")
    var quiet = false

    func validate() throws {
        if let replications, replications < 1 {
            throw ValidationError("--replications must be at least 1, got \(replications)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if ReportFormats(list: format) == nil {
            throw ValidationError("--format takes a comma-separated list of md, html, json, csv, records; got '\(format)'")
        }
        if shard != nil, trace { throw ValidationError("--trace cannot be combined with --shard (shards write only records)") }
        _ = try shardSpec()
    }

    var formats: OutputFormats { ReportFormats(list: format)?.reports ?? .all }
    /// `records` is in `--format`: also write replications.jsonl.
    var writesRecords: Bool { ReportFormats(list: format)?.records ?? false }

    /// The `--shard` value (nil without the flag); usage errors for bad values or environments.
    func shardSpec() throws -> Shard? { try Shard.flag(shard) }
}

extension Shard {
    /// The value of a `--shard` flag (nil without it), `auto` read from this process's
    /// environment; a bad value is a usage error.
    static func flag(_ value: String?) throws -> Shard? {
        guard let value else { return nil }
        do throws(ShardError) {
            return try Shard.parse(value, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `--format` with `records` besides the report formats.
struct ReportFormats {
    var reports: OutputFormats
    var records: Bool

    /// Parses md, html, json, csv and records (nil when a name is unknown or the list is empty).
    init?(list: String, allowed: OutputFormats = .all) {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        records = names.contains("records")
        let others = names.filter { $0 != "records" }
        if others.isEmpty {
            guard records else { return nil }
            reports = []
        } else {
            guard let parsed = OutputFormats(list: others.joined(separator: ",")), allowed.isSuperset(of: parsed) else { return nil }
            reports = parsed
        }
    }
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
