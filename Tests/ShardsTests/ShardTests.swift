import Foundation
import Reports
import ScenarioFile
import Shards
import SimulationKernel
import SimulationModel
import Testing

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite struct ShardSpecTests {
    @Test func parsesKOverN() throws {
        #expect(try Shard.parse("0/1", environment: [:]) == Shard(index: 0, count: 1))
        #expect(try Shard.parse(" 6/7 ", environment: [:]) == Shard(index: 6, count: 7))
        for bad in ["7/7", "-1/3", "1/0", "1", "a/b", "1/2/3", ""] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard.parse(bad, environment: [:]) }
        }
    }

    @Test func replicationRBelongsToShardRModN() {
        let shard = Shard(index: 1, count: 3)
        #expect(shard.replications(of: 10) == [1, 4, 7])
        #expect(shard.owns(7) && !shard.owns(6))
        #expect(Shard(index: 4, count: 7).replications(of: 3) == [])
        let all = (0..<7).flatMap { Shard(index: $0, count: 7).replications(of: 20) }.sorted()
        #expect(all == Array(0..<20))
    }

    func auto(_ environment: [String: String]) throws -> Shard { try Shard.parse("auto", environment: environment) }

    func message(_ environment: [String: String]) -> String {
        do {
            _ = try auto(environment)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func kubernetesIndexedJobNeedsTheCountVariable() throws {
        #expect(try auto(["JOB_COMPLETION_INDEX": "3", "LEADSIM_SHARD_COUNT": "8"]) == Shard(index: 3, count: 8))
        #expect(message(["JOB_COMPLETION_INDEX": "3"]).contains("set LEADSIM_SHARD_COUNT"))
        #expect(message(["JOB_COMPLETION_INDEX": "8", "LEADSIM_SHARD_COUNT": "8"]).contains("0…7, got 8"))
        #expect(message(["JOB_COMPLETION_INDEX": "x", "LEADSIM_SHARD_COUNT": "8"]).contains("not an integer"))
    }

    @Test func slurmArraysMayStartAnywhere() throws {
        #expect(try auto(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"]) == Shard(index: 0, count: 4))
        #expect(try auto(["SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "4"])
                == Shard(index: 2, count: 4))
        #expect(try auto(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2",
                          "SLURM_ARRAY_TASK_COUNT": "5"]) == Shard(index: 3, count: 5))
        #expect(try auto(["SLURM_ARRAY_TASK_ID": "2", "LEADSIM_SHARD_COUNT": "3"]) == Shard(index: 2, count: 3))
        #expect(message(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "LEADSIM_SHARD_COUNT": "3"])
                .contains("must agree"))
        #expect(message(["SLURM_ARRAY_TASK_ID": "2"]).contains("SLURM_ARRAY_TASK_COUNT or LEADSIM_SHARD_COUNT"))
    }

    @Test func awsBatchAndGenericRunners() throws {
        #expect(try auto(["AWS_BATCH_JOB_ARRAY_INDEX": "1", "AWS_BATCH_JOB_ARRAY_SIZE": "2"]) == Shard(index: 1, count: 2))
        #expect(try auto(["AWS_BATCH_JOB_ARRAY_INDEX": "0", "LEADSIM_SHARD_COUNT": "5"]) == Shard(index: 0, count: 5))
        #expect(try auto(["LEADSIM_SHARD_INDEX": "4", "LEADSIM_SHARD_COUNT": "5"]) == Shard(index: 4, count: 5))
        #expect(message(["AWS_BATCH_JOB_ARRAY_INDEX": "0"]).contains("AWS_BATCH_JOB_ARRAY_SIZE or LEADSIM_SHARD_COUNT"))
        #expect(message(["HOME": "/root"]).contains("no array-job index in the environment"))
        // Kubernetes first when several runners' variables are set.
        #expect(try auto(["JOB_COMPLETION_INDEX": "1", "SLURM_ARRAY_TASK_ID": "0", "LEADSIM_SHARD_COUNT": "2"])
                == Shard(index: 1, count: 2))
    }
}

/// A small study, its records and merges.
@Suite struct RecordsTests {
    static let scenario = """
        name: tiny
        start: 2026-01-05T00:00
        timezone: Europe/Berlin
        horizon: 2d
        warmup: 12h
        replications: 5
        seed: 3
        sources:
          - name: web
            volume: 30/day
            fields: {region: {A: 70, B: 30}}
          - name: old
            replay: old.csv
        teams: [{name: a}, {name: b}]
        reps:
          - {count: 2, name: "a-{i}", team: a, schedule: weekdays 09:00-17:00}
          - {name: b-1, team: b, schedule: weekdays 10:00-12:00}
        metrics: {conversion: {base: 10%, half_life: 1h}}

        """
    static let replay = "created_at,region\n2026-01-05T10:00,A\n2026-01-05T10:05,B\n"
    static let rules = """
        name: split
        routes: [{name: b, when: {region: B}, to: b}]
        fallback: a
        queues: {a: {team: a, strategy: round-robin}, b: {team: b, strategy: least-loaded, max_wait: 2h}}

        """

    static func header(shard: Shard, seed: UInt64 = 3) throws -> (StudyHeader, SimulationPlan) {
        var scenario = try ScenarioLoader.load(yaml: scenario, file: "dir/scenario.yaml", replayFiles: ["old.csv": replay]).scenario
        scenario.seed = seed
        let ruleSet = try RuleSetLoader.load(yaml: rules, file: "rules.yaml").ruleSet
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [ruleSet])
        let header = StudyHeader(leadsimVersion: "test", command: "run", scenario: scenario.name, seed: seed,
                                 replications: scenario.replications, ruleSets: [ruleSet.name], shard: shard,
                                 files: [StudyFile(role: "scenario", path: "dir/scenario.yaml", text: Self.scenario),
                                         StudyFile(role: "rules", path: "rules.yaml", text: rules),
                                         StudyFile(role: "replay", path: "old.csv", text: replay)],
                                 study: StudyDescription(plan: plan))
        return (header, plan)
    }

    static func shardRecords(_ shard: Shard, seed: UInt64 = 3) throws -> StudyRecords {
        let (header, plan) = try header(shard: shard, seed: seed)
        let runs = Experiment.run(plan, options: ExperimentOptions(jobs: 2, replications: shard.replications(of: 5))).runs
        return StudyRecords(header: header, runs: runs)
    }

    /// Every Double of a replication's metrics, in a fixed order.
    static func doubles(_ m: ReplicationMetrics) -> [Double] {
        var out = [m.expectedMeetings, m.utilization, m.endTime]
        for sketch in [m.ttft, m.ttftBusiness] + m.teams.map(\.ttft) + m.queues.map(\.ttft) + m.sources.flatMap({ [$0.ttft, $0.ttftBusiness] }) {
            out += [sketch.sum, sketch.min, sketch.max, sketch.mean, sketch.quantile(0.5), sketch.quantile(0.9), sketch.quantile(0.99)]
        }
        for rep in m.reps { out += [rep.ttftSum, rep.onShiftHours, rep.meanOpen] }
        for hour in m.hourly { out += [hour.meanWaiting, hour.meanUnowned, hour.meanOccupied] }
        return out
    }

    @Test func recordsRoundTripBitForBit() throws {
        let records = try Self.shardRecords(.whole)
        let text = try records.encoded()
        let back = try StudyRecords.decode(text, file: "t.jsonl")
        #expect(back.header == records.header)
        #expect(back.records.count == 5)
        for (a, b) in zip(records.records, back.records) {
            #expect(a.replication == b.replication && a.ruleSet == b.ruleSet)
            #expect(Self.doubles(a.metrics).map(\.bitPattern) == Self.doubles(b.metrics).map(\.bitPattern))
            #expect(a.metrics.ttft == b.metrics.ttft && a.metrics.outcomes == b.metrics.outcomes && a.metrics.routeHits == b.metrics.routeHits)
        }
        #expect(try back.encoded() == text)

        // Written record by record, the file is the same text.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-records-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try RecordsFileWriter(header: records.header, directory: directory, name: "replications.jsonl")
        for record in records.records { writer.append(record) }
        try writer.finish()
        #expect(FileManager.default.contents(atPath: writer.path).map { String(decoding: $0, as: UTF8.self) } == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["replications.jsonl"])
    }

    @Test func nonFiniteAndAwkwardDoublesRoundTrip() throws {
        let awkward: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.1 + 0.2, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                 1e-300, 123456789.123456789, 1 / 3]
        var records: [ReplicationRecord] = []
        for (i, x) in awkward.enumerated() {
            var m = ReplicationMetrics(replication: i)
            m.utilization = x
            m.expectedMeetings = -x
            m.hourly = [HourMetrics()]
            m.hourly[0].meanWaiting = x
            records.append(ReplicationRecord(ruleSet: "r", ruleSetIndex: 0, replication: i, metrics: m))
        }
        let (header, _) = try Self.header(shard: .whole)
        let text = try StudyRecords(header: header, records: records).encoded()
        #expect(text.contains("\"nan\"") && text.contains("\"-inf\"") && text.contains("\"inf\""))
        let back = try StudyRecords.decode(text, file: "t.jsonl")
        for (x, record) in zip(awkward, back.records) {
            let got = [record.metrics.utilization, record.metrics.expectedMeetings, record.metrics.hourly[0].meanWaiting]
            if x.isNaN {
                #expect(got.allSatisfy { $0.isNaN })
            } else {
                #expect(got.map(\.bitPattern) == [x, -x, x].map(\.bitPattern))
            }
            // An empty sketch keeps its infinite extremes.
            #expect(record.metrics.ttft.min == .infinity && record.metrics.ttft.max == -.infinity)
        }
    }

    @Test func shardsMergeIntoTheWholeStudysRecords() throws {
        let whole = try Self.shardRecords(.whole)
        for n in [1, 2, 3, 7] {
            var shards: [(path: String, records: StudyRecords)] = []
            for k in (0..<n).reversed() {
                let records = try Self.shardRecords(Shard(index: k, count: n))
                shards.append(("s\(k)", try StudyRecords.decode(try records.encoded(), file: "s\(k)")))
            }
            let merged = try ShardMerge.merge(shards)
            #expect(merged.header.shard == .whole)
            #expect(try merged.records.encoded() == whole.encoded(), "\(n) shards")
        }
    }

    /// `run` summarises each record as the experiment hands it over; `merge` summarises
    /// records read back from shard files. Both give the same summary, byte for byte.
    @Test func mergedShardsSummariseLikeTheWholeRun() throws {
        let (header, plan) = try Self.header(shard: .whole)
        var live = SummaryBuilder(study: header.study, replications: 5, leadsimVersion: "test")
        Experiment.run(plan, options: ExperimentOptions(jobs: 2)) { r, metrics, _ in live.add(metrics, ruleSet: r) }
        var shards: [(path: String, records: StudyRecords)] = []
        for k in 0..<3 {
            let records = try Self.shardRecords(Shard(index: k, count: 3))
            shards.append(("s\(k)", try StudyRecords.decode(try records.encoded(), file: "s\(k)")))
        }
        let merged = try ShardMerge.merge(shards)
        let fromShards = Summary(study: merged.header.study, runs: merged.runs[nil]!, leadsimVersion: "test")
        #expect(fromShards.jsonText == live.summary().jsonText)
        #expect(fromShards.repsCSV == live.summary().repsCSV && fromShards.timeseriesCSV == live.summary().timeseriesCSV)
        #expect(fromShards.queuesCSV == live.summary().queuesCSV && fromShards.sourcesCSV == live.summary().sourcesCSV)
    }

    @Test func recordsOfAnotherShapeAreRefused() throws {
        var records = try Self.shardRecords(.whole)
        records.records[1].metrics.routeHits.append(0)
        records.records[2].metrics.reps.removeLast()
        records.records[3].metrics.queues.append(QueueMetrics())
        records.records[4].metrics.sources.append(SourceMetrics())
        let queues = records.header.study.ruleSets[0].queues.count, sources = records.header.study.sources.count
        let problems = refusal([("s", try StudyRecords.decode(try records.encoded(), file: "s"))])
        #expect(problems.contains("replication 3 of rule set 'split': \(queues + 1) queues, the rule set has \(queues)"),
                "\(problems)")
        #expect(problems.contains("replication 4 of rule set 'split': \(sources + 1) sources, the study has \(sources)"),
                "\(problems)")
        #expect(problems.contains("replication 1 of rule set 'split': 2 routes, the rule set has 1"), "\(problems)")
        #expect(problems.contains("replication 2 of rule set 'split': 2 reps, the study has 3"), "\(problems)")
    }

    func refusal(_ shards: [(path: String, records: StudyRecords)]) -> String {
        do {
            _ = try ShardMerge.merge(shards)
            return ""
        } catch {
            return error.description
        }
    }

    @Test func missingDuplicatedAndForeignShardsAreNamed() throws {
        let s = try (0..<3).map { try Self.shardRecords(Shard(index: $0, count: 3)) }
        #expect(refusal([("a", s[0]), ("c", s[2])]) == "missing shard 1/3 (replications 1, 4) of 3: run them with --shard K/3 and pass their output too")
        #expect(refusal([("a", s[0]), ("b", s[1]), ("b2", s[1]), ("c", s[2])]).contains("shard 1/3 is given 2 times: b, b2"))
        let foreign = try Self.shardRecords(Shard(index: 1, count: 3), seed: 4)
        let message = refusal([("a", s[0]), ("x", foreign), ("c", s[2])])
        #expect(message.contains("x: foreign shard, not part of the study of a: seed 4 instead of 3"))
        #expect(message.contains("missing shard 1/3"))
        var edited = s[1]
        edited.header.files[1].text += "# edited\n"
        edited.header.files[1].sha256 = SHA256.hex(edited.header.files[1].text)
        #expect(refusal([("a", s[0]), ("b", edited), ("c", s[2])]).contains("rules file rules.yaml has SHA-256"))
        var version = s[1]
        version.header.leadsimVersion = "9.9"
        #expect(refusal([("a", s[0]), ("b", version), ("c", s[2])]).contains("leadsim version 9.9 instead of test"))
    }

    @Test func duplicatedMissingAndStrayRecordsInAShard() throws {
        let s = try (0..<2).map { try Self.shardRecords(Shard(index: $0, count: 2)) }
        var doubled = s[0]
        doubled.records.append(doubled.records[0])
        #expect(refusal([("a", doubled), ("b", s[1])]).contains("a: replication 0 of rule set 'split': duplicated"))
        var short = s[0]
        short.records.removeLast()
        #expect(refusal([("a", short), ("b", s[1])]).contains("a: records missing (did the shard finish?): rule set 'split': replications 4"))
        var stray = s[0]
        stray.records.append(s[1].records[0])
        #expect(refusal([("a", stray), ("b", s[1])]).contains("a: replication 1 of rule set 'split': belongs to shard 1/2, not 0/2"))
    }

    @Test func unreadableFilesAreNamedWithTheirLine() throws {
        let text = try Self.shardRecords(.whole).encoded()
        let cut = String(text.prefix(text.count - 200))
        #expect(throws: MergeError.self) { try StudyRecords.decode(cut, file: "t.jsonl") }
        do {
            _ = try StudyRecords.decode(cut, file: "t.jsonl")
        } catch {
            #expect(error.description.hasPrefix("t.jsonl:6: unreadable record"))
        }
        do {
            _ = try StudyRecords.decode("{\"name\": 1}\n", file: "x.jsonl")
        } catch {
            #expect(error.description.hasPrefix("x.jsonl:1: not a leadsim records header"))
        }
    }

    @Test func theHeaderRebuildsThePlanFromEmbeddedFiles() throws {
        let (header, plan) = try Self.header(shard: .whole, seed: 11)
        let (scenario, ruleSets) = try header.loadInputs()
        #expect(scenario.seed == 11 && scenario.replications == 5 && ruleSets.map(\.name) == ["split"])
        #expect(scenario.sources[1].replay?.leads.count == 2)
        let rebuilt = try SimulationPlan(scenario: scenario, ruleSets: ruleSets)
        let a = Experiment.run(plan, options: ExperimentOptions(replications: [2])).runs[0][0]
        let b = Experiment.run(rebuilt, options: ExperimentOptions(replications: [2])).runs[0][0]
        #expect(Self.doubles(a).map(\.bitPattern) == Self.doubles(b).map(\.bitPattern) && a.arrivals == b.arrivals)
    }
}
