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

/// Reading, writing and summarising the per-replication records of a study: what `run`,
/// `compare`, `staff --shard` and `merge` share.
enum StudyFiles {
    /// The header of a study's records: the input files' texts, seed, replications, shard.
    static func header(command: String, inputs: StudyInputs, shard: Shard, staff: StaffQuestion? = nil)
        throws(StudyError) -> StudyHeader {
        try attempt {
            let texts = try ([inputs.scenarioPath] + inputs.rulePaths).map { path -> String in
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw MergeError("cannot read \(path) again to embed it in the records")
                }
                return text
            }
            return try StudyHeader.make(command: command, leadsimVersion: leadsimVersion, scenario: inputs.scenario,
                                        scenarioPath: inputs.scenarioPath, scenarioText: texts[0], rulePaths: inputs.rulePaths,
                                        ruleTexts: Array(texts.dropFirst()), ruleSets: inputs.ruleSets, shard: shard, staff: staff)
        }
    }

    static func encode(_ records: StudyRecords) throws(StudyError) -> String {
        try attempt("error: cannot encode the records: ") { try records.encoded() }
    }

    /// Writes a shard's (or the whole study's) records into `directory`; returns the file name.
    static func writeRecords(_ text: String, shard: Shard, to directory: String) throws(StudyError) -> String {
        let name = StudyRecords.fileName(for: shard)
        try attempt {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try ReportWriter.writeAtomically(text, to: (directory as NSString).appendingPathComponent(name))
        }
        return name
    }

    /// The summary and reports of a whole `run`/`compare` study (from a run, or merged shards).
    static func writeReports(_ study: MergedStudy, plan: SimulationPlan, formats: OutputFormats, records: String?,
                             directory: String, trace: [TraceRow]?) throws(StudyError) -> RunOutcome {
        let summary = Summary(plan: plan, runs: study.runs[nil] ?? [], leadsimVersion: study.header.leadsimVersion)
        var written = try attempt {
            try ReportWriter.write(summary, formats: formats, to: directory, trace: trace, fieldNames: plan.schema.fieldNames)
        }.map { ($0 as NSString).lastPathComponent }
        if let records { written.append(try writeRecords(records, shard: .whole, to: directory)) }
        return RunOutcome(directory: directory, written: written, summary: summary, verdict: Verdict.lines(for: summary),
                          wrote: "Wrote \(written.joined(separator: ", ")) to \(directory)")
    }
}
