import ArgumentParser
import Foundation
import Reports
import Shards
import SimulationKernel
import SimulationModel
import Staffing

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

    /// The records files named by the arguments: a directory's replications*.jsonl, sorted.
    static func recordFiles(_ inputs: [String]) throws(MergeError) -> [String] {
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

    func run() throws {
        let study: MergedStudy
        do throws(MergeError) {
            var shards: [(path: String, records: StudyRecords)] = []
            for file in try Self.recordFiles(inputs) {
                guard let data = FileManager.default.contents(atPath: file) else { throw MergeError("\(file): cannot read") }
                shards.append((file, try StudyRecords.decode(String(decoding: data, as: UTF8.self), file: file)))
            }
            study = try ShardMerge.merge(shards)
            guard study.header.leadsimVersion == Leadsim.version else {
                throw MergeError("the records were written by leadsim \(study.header.leadsimVersion); this is leadsim "
                                 + "\(Leadsim.version): merge them with the version that ran them")
            }
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        let header = study.header
        if let staff = header.staff {
            try mergeStaff(study, staff: staff)
            return
        }
        let formats = ReportFormats(list: format ?? "md,html,json,csv")!
        let directory = out ?? "Reports/\(header.scenario)"
        let records = formats.records
            ? try SimulationRun.recordsWriter(header: header, name: StudyRecords.fileName(for: .whole), directory: directory) : nil
        for record in study.records.records { records?.append(record) }
        let summary = Summary(study: header.study, runs: study.runs[nil] ?? [], leadsimVersion: header.leadsimVersion)
        try SimulationRun.writeOutputs(summary, formats: formats.reports, records: records, directory: directory, trace: nil,
                                       quiet: quiet)
    }

    /// A staff study: each headcount's result from its merged replications, then the same
    /// search as `staff` (bisection when it would bisect) over those results.
    private func mergeStaff(_ study: MergedStudy, staff: StaffQuestion) throws {
        guard let formats = ReportFormats(list: format ?? "md,html,json", allowed: [.markdown, .html, .json]),
              !formats.records else {
            throw ValidationError("a staff study merges into md, html, json; got --format '\(format ?? "")'")
        }
        let scenario: Scenario, ruleSets: [RuleSet]
        do throws(MergeError) {
            (scenario, ruleSets) = try study.header.loadInputs()
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        let search = try StaffCommand.search(scenario: scenario, ruleSet: ruleSets[0], team: staff.team, targets: staff.targets,
                                             hire: staff.hire, options: ExperimentOptions())
        let answer: StaffingAnswer
        do {
            answer = try search.run(staff.range, evaluator: { headcount in
                search.result(headcount: headcount, plan: try search.plan(headcount: headcount), runs: study.runs[headcount]![0])
            })
        } catch {
            SimulationRun.printError("error: \(error)")
            throw ExitCode(1)
        }
        try StaffCommand.writeReport(answer: answer, scenario: scenario, ruleSet: ruleSets[0].name, range: staff.range,
                                     hire: staff.hire, version: study.header.leadsimVersion, formats: formats.reports,
                                     directory: out ?? "Reports/\(scenario.name)-staff-\(staff.team)")
    }
}
