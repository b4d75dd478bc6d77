import Foundation
import ScenarioFile
import SimulationKernel
import SimulationModel

/// A study put back together from its shards.
public struct MergedStudy: Sendable {
    /// The common header, as the whole study's (shard 0/1).
    public var header: StudyHeader
    /// `runs[headcount][r][k]`: rule set `r`, replication `k` (every replication, in order);
    /// the key is nil except for `staff` studies.
    public var runs: [Int?: [[ReplicationMetrics]]]

    /// The records of the whole study, as one unsharded run would write them.
    public var records: StudyRecords {
        var all: [ReplicationRecord] = []
        for headcount in header.headcounts {
            for (r, metrics) in (runs[headcount] ?? []).enumerated() {
                all += metrics.map { ReplicationRecord($0, ruleSet: r, of: header, headcount: headcount) }
            }
        }
        return StudyRecords(header: header, records: all)
    }
}

/// Checks that records files make exactly one study and puts their replications in order.
public enum ShardMerge {
    /// Merges `shards` (path, records). Every problem found is reported, one per line:
    /// shards of another study (naming what differs), shards given twice, shards missing (with
    /// their replications), records that are duplicated, missing or not the shard's.
    public static func merge(_ shards: [(path: String, records: StudyRecords)]) throws(MergeError) -> MergedStudy {
        guard let first = shards.first else { throw MergeError("no records to merge") }
        var problems: [String] = []
        let reference = first.records.header
        var members: [(path: String, records: StudyRecords)] = []
        for shard in shards {
            let differences = differences(reference, shard.records.header)
            if differences.isEmpty {
                members.append(shard)
            } else {
                problems.append("\(shard.path): foreign shard, not part of the study of \(first.path): "
                                + differences.joined(separator: "; "))
            }
        }
        let count = reference.shard.count
        var byIndex: [Int: [String]] = [:]
        for member in members { byIndex[member.records.header.shard.index, default: []].append(member.path) }
        for index in byIndex.keys.sorted() where byIndex[index]!.count > 1 {
            problems.append("shard \(index)/\(count) is given \(byIndex[index]!.count) times: "
                            + byIndex[index]!.joined(separator: ", "))
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let list = missing.prefix(20).map { index in
                "\(index)/\(count) (replications \(listed(Shard(index: index, count: count).replications(of: reference.replications))))"
            }
            problems.append("missing shard\(missing.count == 1 ? "" : "s") " + list.joined(separator: ", ")
                            + (missing.count > 20 ? " and \(missing.count - 20) more" : "")
                            + " of \(count): run them with --shard K/\(count) and pass their output too")
        }

        // Records: each (headcount, rule set, replication) exactly once, in its own shard's file.
        let headcounts = reference.headcounts
        var slots: [Int?: [[ReplicationMetrics?]]] = [:]
        for headcount in headcounts {
            slots[headcount] = Array(repeating: Array(repeating: nil, count: reference.replications), count: reference.ruleSets.count)
        }
        // A shard given twice is reported above; only its first file is read.
        var processed: Set<Int> = []
        for member in members where processed.insert(member.records.header.shard.index).inserted {
            let shard = member.records.header.shard
            var fileProblems: [String] = []
            var filled = 0
            for record in member.records.records {
                let what = describe(record, reference)
                guard record.ruleSetIndex >= 0, record.ruleSetIndex < reference.ruleSets.count,
                      reference.ruleSets[record.ruleSetIndex] == record.ruleSet else {
                    fileProblems.append("\(what): no such rule set in the header")
                    continue
                }
                guard record.replication >= 0, record.replication < reference.replications,
                      record.metrics.replication == record.replication else {
                    fileProblems.append("\(what): outside replications 0…\(reference.replications - 1)")
                    continue
                }
                guard shard.owns(record.replication) else {
                    fileProblems.append("\(what): belongs to shard \(record.replication % count)/\(count), not \(shard)")
                    continue
                }
                guard slots[record.headcount] != nil else {
                    fileProblems.append("\(what): headcount not in the study")
                    continue
                }
                if let problem = shapeProblem(record, reference) {
                    fileProblems.append("\(what): \(problem)")
                    continue
                }
                if slots[record.headcount]![record.ruleSetIndex][record.replication] != nil {
                    fileProblems.append("\(what): duplicated")
                    continue
                }
                slots[record.headcount]![record.ruleSetIndex][record.replication] = record.metrics
                filled += 1
            }
            let expected = shard.replications(of: reference.replications).count * reference.ruleSets.count * headcounts.count
            if filled < expected {
                var absent: [String] = []
                for headcount in headcounts {
                    for (r, name) in reference.ruleSets.enumerated() {
                        let lacking = shard.replications(of: reference.replications).filter { slots[headcount]![r][$0] == nil }
                        if !lacking.isEmpty {
                            absent.append("rule set '\(name)'" + (headcount.map { " at headcount \($0)" } ?? "")
                                          + ": replications \(listed(lacking))")
                        }
                    }
                }
                fileProblems.append("records missing (did the shard finish?): " + absent.prefix(10).joined(separator: "; ")
                                    + (absent.count > 10 ? "; …" : ""))
            }
            problems += fileProblems.prefix(10).map { "\(member.path): \($0)" }
            if fileProblems.count > 10 { problems.append("\(member.path): … and \(fileProblems.count - 10) more problems") }
        }
        guard problems.isEmpty else { throw MergeError(problems.joined(separator: "\n")) }

        var header = reference
        header.shard = .whole
        var runs: [Int?: [[ReplicationMetrics]]] = [:]
        for headcount in headcounts { runs[headcount] = slots[headcount]!.map { $0.map { $0! } } }
        return MergedStudy(header: header, runs: runs)
    }

    private static func describe(_ record: ReplicationRecord, _ header: StudyHeader) -> String {
        "replication \(record.replication) of rule set '\(record.ruleSet)'" + (record.headcount.map { " at headcount \($0)" } ?? "")
    }

    /// Why a record cannot be one of the study's (nil: it can): it has other teams, routes,
    /// queues, sources or (but for `staff`, whose headcounts change the reps) reps than the study
    /// describes.
    private static func shapeProblem(_ record: ReplicationRecord, _ header: StudyHeader) -> String? {
        let study = header.study, metrics = record.metrics
        let ruleSet = study.ruleSets.indices.contains(record.ruleSetIndex) ? study.ruleSets[record.ruleSetIndex] : nil
        let routes = ruleSet?.routes.count ?? -1, queues = ruleSet?.queues.count ?? -1
        if metrics.teams.count != study.teams.count { return "\(metrics.teams.count) teams, the study has \(study.teams.count)" }
        if metrics.routeHits.count != routes { return "\(metrics.routeHits.count) routes, the rule set has \(routes)" }
        if metrics.queues.count != queues { return "\(metrics.queues.count) queues, the rule set has \(queues)" }
        if metrics.sources.count != study.sources.count {
            return "\(metrics.sources.count) sources, the study has \(study.sources.count)"
        }
        if header.staff == nil && metrics.reps.count != study.reps.count {
            return "\(metrics.reps.count) reps, the study has \(study.reps.count)"
        }
        // A staff study describes its lowest headcount: a record has at least those reps.
        if metrics.reps.count < study.reps.count { return "\(metrics.reps.count) reps, the study has at least \(study.reps.count)" }
        return nil
    }

    /// What makes `other` another study than `reference` (empty: the same study).
    static func differences(_ reference: StudyHeader, _ other: StudyHeader) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ a: T, _ b: T, _ show: (T) -> String = { "\($0)" }) {
            if a != b { out.append("\(name) \(show(b)) instead of \(show(a))") }
        }
        check("leadsim version", reference.leadsimVersion, other.leadsimVersion)
        check("command", reference.command, other.command)
        check("scenario", reference.scenario, other.scenario)
        check("seed", reference.seed, other.seed)
        check("replications", reference.replications, other.replications)
        check("rule sets", reference.ruleSets, other.ruleSets) { $0.joined(separator: ", ") }
        check("shard count", reference.shard.count, other.shard.count)
        if reference.study != other.study { out.append("another study description") }
        let a = reference.files, b = other.files
        if a.map(\.role) != b.map(\.role) {
            out.append("other input files")
        } else {
            for (x, y) in zip(a, b) where x.sha256 != y.sha256 || x.text != y.text {
                out.append("\(y.role) file \(y.path) has SHA-256 \(y.sha256.prefix(12))… instead of \(x.sha256.prefix(12))… (\(x.path))")
            }
        }
        check("staff question", reference.staff, other.staff) { staff in
            staff.map { "team \($0.team), reps \($0.headcounts[0])...\($0.headcounts[1]), targets \($0.targets.joined(separator: " "))"
                + ($0.hire.map { ", hire \($0)" } ?? "") } ?? "none"
        }
        return out
    }

    /// `0, 3, 6, …, 27` (at most 8 numbers shown).
    static func listed(_ numbers: [Int]) -> String {
        if numbers.count <= 8 { return numbers.map(String.init).joined(separator: ", ") }
        return numbers.prefix(6).map(String.init).joined(separator: ", ") + ", …, \(numbers.last!) (\(numbers.count) in all)"
    }
}

extension StudyHeader {
    /// The scenario and rule sets of the study, loaded from the embedded texts (replay CSVs
    /// included), with the study's seed and replication count.
    public func loadInputs() throws(MergeError) -> (scenario: Scenario, ruleSets: [RuleSet]) {
        guard let scenarioFile else { throw MergeError("the records embed no scenario file") }
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(yaml: scenarioFile.text, file: scenarioFile.path, replayFiles: replayTexts).scenario
        } catch {
            throw MergeError("the embedded scenario \(scenarioFile.path) does not load with this leadsim:\n\(error)")
        }
        var ruleSets: [RuleSet] = []
        for file in ruleFiles {
            do {
                ruleSets.append(try RuleSetLoader.load(yaml: file.text, file: file.path).ruleSet)
            } catch {
                throw MergeError("the embedded rule set \(file.path) does not load with this leadsim:\n\(error)")
            }
        }
        guard ruleSets.map(\.name) == self.ruleSets else {
            throw MergeError("the embedded rule sets are named \(ruleSets.map(\.name)), the header says \(self.ruleSets)")
        }
        scenario.seed = seed
        scenario.replications = replications
        return (scenario, ruleSets)
    }

    /// The header of a study: reads the replay CSVs the scenario names (relative to it).
    public static func make(command: String, leadsimVersion: String, scenario: Scenario, scenarioPath: String,
                            scenarioText: String, rulePaths: [String], ruleTexts: [String], ruleSets: [RuleSet],
                            study: StudyDescription, shard: Shard, staff: StaffQuestion? = nil) throws(MergeError) -> StudyHeader {
        var files = [StudyFile(role: "scenario", path: scenarioPath, text: scenarioText)]
        for (path, text) in zip(rulePaths, ruleTexts) { files.append(StudyFile(role: "rules", path: path, text: text)) }
        var replayNames: [String] = []
        for source in scenario.sources {
            if let name = source.replay?.file, !replayNames.contains(name) { replayNames.append(name) }
        }
        for name in replayNames {
            let resolved = name.hasPrefix("/") ? name
                : URL(fileURLWithPath: scenarioPath).deletingLastPathComponent().appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: resolved), let text = String(data: data, encoding: .utf8) else {
                throw MergeError("cannot read the replay file \(resolved) to embed it in the records")
            }
            files.append(StudyFile(role: "replay", path: name, text: text))
        }
        return StudyHeader(leadsimVersion: leadsimVersion, command: command, scenario: scenario.name, seed: scenario.seed,
                           replications: scenario.replications, ruleSets: ruleSets.map(\.name), shard: shard, files: files,
                           study: study, staff: staff)
    }
}
