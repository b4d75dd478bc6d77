import Foundation
import Reports
import Shards
import SimulationKernel
import SimulationModel
import Staffing

/// `leadsim merge`: the records of sharded runs put back together (`read`), then written as
/// the reports the unsharded `run`, `compare` or `staff` would have written, byte for byte.
///
/// A `run`/`compare` study is summarised from its records and the study description in their
/// header alone; a `staff` study loads the input files the records embed to redo the search.
public struct MergeStudy: Sendable {
    /// The merged study, as its records say.
    public var study: MergedStudy

    /// The staff question, when the shards are those of `staff`.
    public var staff: StaffQuestion? { study.header.staff }

    /// The records files named by `inputs`: a file as given, a directory's replications*.jsonl sorted.
    public static func recordFiles(_ inputs: [String]) throws(MergeError) -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw MergeError("\(input): no such file or directory")
            }
            if !isDirectory.boolValue {
                files.append(input)
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: input)) ?? [])
                .filter { $0.hasPrefix("replications") && $0.hasSuffix(".jsonl") }.sorted()
            guard !names.isEmpty else { throw MergeError("\(input): no replications*.jsonl records in this directory") }
            files += names.map { (input as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Reads and merges the records in `inputs` (directories or files).
    /// - Throws: `StudyError` (invalid input): unreadable records, shards that do not make one
    ///   study, records of another leadsim version.
    public static func read(_ inputs: [String]) throws(StudyError) -> MergeStudy {
        do throws(MergeError) {
            var shards: [(path: String, records: StudyRecords)] = []
            for file in try recordFiles(inputs) {
                guard let data = FileManager.default.contents(atPath: file) else { throw MergeError("\(file): cannot read") }
                shards.append((file, try StudyRecords.decode(String(decoding: data, as: UTF8.self), file: file)))
            }
            let study = try ShardMerge.merge(shards)
            guard study.header.leadsimVersion == leadsimVersion else {
                throw MergeError("the records were written by leadsim \(study.header.leadsimVersion); this is leadsim "
                                 + "\(leadsimVersion): merge them with the version that ran them")
            }
            return MergeStudy(study: study)
        } catch {
            throw .invalidInput("error: \(error)")
        }
    }

    /// Writes the summary and reports of a `run`/`compare` study (default directory: `Reports/<scenario>`).
    public func writeReports(formats: ReportFormats, out: String?) throws(StudyError) -> RunOutcome {
        let header = study.header, directory = out ?? "Reports/\(header.scenario)"
        var records: RecordsFileWriter?
        if formats.records {
            let writer = try StudyFiles.recordsWriter(header: header, shard: .whole, directory: directory)
            for record in study.records.records { writer.append(record) }
            records = writer
        }
        let summary = Summary(study: header.study, runs: study.runs[nil] ?? [], leadsimVersion: header.leadsimVersion)
        return try StudyFiles.writeReports(summary, formats: formats.reports, records: records, directory: directory, trace: nil)
    }

    /// A staff study: each headcount's result from its merged replications, then the same
    /// search as `staff` (bisection when it would bisect) over those results, and its report
    /// (default directory: `Reports/<scenario>-staff-<team>`).
    /// - Throws: `StudyError` (invalid input) also when the embedded files no longer load.
    public func writeStaffReport(_ staff: StaffQuestion, formats: OutputFormats, out: String?) throws(StudyError) -> StaffOutcome {
        let (scenario, ruleSets) = try attempt { try study.header.loadInputs() }
        let search = try StaffStudy.search(scenario: scenario, ruleSet: ruleSets[0], team: staff.team, targets: staff.targets,
                                           hire: staff.hire, options: ExperimentOptions())
        let runs = study.runs
        let answer = try attempt {
            try search.run(staff.range, evaluator: { headcount in
                search.result(headcount: headcount, plan: try search.plan(headcount: headcount), runs: runs[headcount]![0])
            })
        }
        return try StaffStudy.writeReport(answer: answer, scenario: scenario, ruleSet: ruleSets[0].name, range: staff.range,
                                          hire: staff.hire, version: study.header.leadsimVersion, formats: formats,
                                          directory: out ?? "Reports/\(scenario.name)-staff-\(staff.team)")
    }
}
