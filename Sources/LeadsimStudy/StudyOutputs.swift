import Foundation
import Reports
import Shards
import SimulationKernel
import SimulationModel

/// A `--format` list: the report formats, and `records` (replications.jsonl) besides them.
public struct ReportFormats: Sendable {
    public var reports: OutputFormats
    /// Also write the per-replication records `merge` reads.
    public var records: Bool

    public init(reports: OutputFormats, records: Bool = false) {
        self.reports = reports
        self.records = records
    }

    /// Parses md, html, json, csv and records (nil when a name is unknown or the list is empty).
    public init?(list: String, allowed: OutputFormats = .all) {
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

/// Writing the per-replication records and reports of a study: what `run`, `compare`,
/// `staff --shard` and `merge` share.
enum StudyFiles {
    /// The header of a study's records: the input files' texts, seed, replications, shard,
    /// and the description the summary is built from.
    static func header(command: String, inputs: StudyInputs, study: StudyDescription, shard: Shard,
                       staff: StaffQuestion? = nil) throws(StudyError) -> StudyHeader {
        try attempt {
            let texts = try ([inputs.scenarioPath] + inputs.rulePaths).map { path -> String in
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw MergeError("cannot read \(path) again to embed it in the records")
                }
                return text
            }
            return try StudyHeader.make(command: command, leadsimVersion: leadsimVersion, scenario: inputs.scenario,
                                        scenarioPath: inputs.scenarioPath, scenarioText: texts[0], rulePaths: inputs.rulePaths,
                                        ruleTexts: Array(texts.dropFirst()), ruleSets: inputs.ruleSets, study: study,
                                        shard: shard, staff: staff)
        }
    }

    /// A records file started in `directory` (written as records come, moved into place by `finish`).
    static func recordsWriter(header: StudyHeader, shard: Shard, directory: String) throws(StudyError) -> RecordsFileWriter {
        try attempt { try RecordsFileWriter(header: header, directory: directory, name: StudyRecords.fileName(for: shard)) }
    }

    /// Writes named texts into `directory` (created), each atomically; returns the names written.
    static func write(_ files: [(name: String, text: String)], to directory: String) throws(StudyError) -> [String] {
        try attempt {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files {
                try ReportWriter.writeAtomically(file.text, to: (directory as NSString).appendingPathComponent(file.name))
            }
        }
        return files.map(\.name)
    }

    /// Moves a finished records file into place; returns its name.
    static func finish(_ records: RecordsFileWriter) throws(StudyError) -> String {
        try attempt { try records.finish() }
        return (records.path as NSString).lastPathComponent
    }

    /// The reports of a whole `run`/`compare` study (from a run, or merged shards), then its
    /// records file when one is being written.
    static func writeReports(_ summary: Summary, formats: OutputFormats, records: RecordsFileWriter?, directory: String,
                             trace: (rows: [TraceRow], fieldNames: [String])?) throws(StudyError) -> RunOutcome {
        var written = try attempt {
            try ReportWriter.write(summary, formats: formats, to: directory, trace: trace?.rows, fieldNames: trace?.fieldNames ?? [])
        }.map { ($0 as NSString).lastPathComponent }
        if let records { written.append(try finish(records)) }
        return RunOutcome(directory: directory, written: written, summary: summary, verdict: Verdict.lines(for: summary),
                          wrote: "Wrote \(written.joined(separator: ", ")) to \(directory)")
    }
}
