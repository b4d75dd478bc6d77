import ArgumentParser
import LeadsimStudy

/// `leadsim merge DIR…`: puts the shards of a study back together and writes its outputs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the records of sharded runs into the reports of the whole study.",
        discussion: """
            Reads every replications*.jsonl in each DIR (or the files given), checks that they are \
            the shards of one study (same leadsim version, scenario and rule-set files, seed, \
            replication count and shard count; every shard once; every replication exactly once) \
            and writes what the unsharded `run`, `compare` or `staff` would have written, byte for \
            byte. The records embed the input files, so nothing else is needed. Exit codes: 0 ok, \
            1 shards that do not make one study or unreadable records, 2 usage, 3 (staff) no \
            headcount in the range meets the targets.
            """
    )

    @Argument(help: ArgumentHelp("Directories holding shard records (replications*.jsonl), or records files.",
                                 valueName: "dir"))
    var inputs: [String]

    @Option(help: ArgumentHelp("Output directory (default: the one the unsharded command would use).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Outputs to write: md, html, json, csv, records (default: md,html,json,csv; "
                               + "md,html,json for staff).", valueName: "list"))
    var format: String?

    @Flag(help: "No verdict on the terminal; only where the files went.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("merge needs at least one directory or records file") }
        if let format, ReportFormats(list: format) == nil {
            throw ValidationError("--format takes a comma-separated list of md, html, json, csv, records; got '\(format)'")
        }
    }

    func run() throws {
        let merged = try MergeStudy.read(inputs)
        guard let staff = merged.staff else {
            let outcome = try merged.writeReports(formats: ReportFormats(list: format ?? "md,html,json,csv")!, out: out)
            return printOutcome(outcome, quiet: quiet)
        }
        guard let formats = ReportFormats(list: format ?? "md,html,json", allowed: [.markdown, .html, .json]),
              !formats.records else {
            throw ValidationError("a staff study merges into md, html, json; got --format '\(format ?? "")'")
        }
        try printStaffOutcome(try merged.writeStaffReport(staff, formats: formats.reports, out: out))
    }
}
