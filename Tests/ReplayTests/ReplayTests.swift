import Foundation
import RoutingRules
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats
import Testing

/// Historical replay: recorded leads arrive at their (shifted) times with their recorded fields.
@Suite struct ReplayTests {
    static let csv = """
        Id,CreatedDate,Region__c,NumberOfEmployees
        00Q1,2025-10-06T09:00:00.000Z,EMEA,120
        00Q2,2025-10-06T09:30:00.000Z,NA,
        00Q3,2025-10-06 10:15,"EMEA",5000
        00Q4,2025-10-07T08:00:00+0200,APAC,40

        """

    static func scenario(csv: String = csv, replay: String = "{file: leads.csv, created_at: CreatedDate, fields: {region: Region__c, employees: NumberOfEmployees}}",
                         extra: String = "") throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try csv.write(to: dir.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            name: replayed
            start: 2026-01-05T00:00
            timezone: UTC
            horizon: 7d
            replications: 3
            seed: 5
            sources:
              - name: history
                replay: \(replay)
            \(extra)
            teams: [{name: pool}]
            reps:
              - {name: a, team: pool, schedule: always, touch_delay: {exponential: {mean: 10m}}}
              - {name: b, team: pool, schedule: always, touch_delay: {exponential: {mean: 10m}}}
            """
        let path = dir.appendingPathComponent("scenario.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return (dir, path.path)
    }

    static let rules = RuleSet(name: "r", routes: [
        Route(name: "emea", when: .field("region", .equals(.text("EMEA"))), destination: .queue("pool")),
    ], fallback: "pool", queues: [Queue(name: "pool", kind: .human(HumanQueue(members: .team("pool"))))])

    @Test func loadsRowsShiftedToTheStart() throws {
        let (_, path) = try Self.scenario()
        let loaded = try ScenarioLoader.load(path: path)
        let replay = try #require(loaded.scenario.sources[0].replay)
        #expect(replay.fields == ["region", "employees"])
        #expect(replay.leads.count == 4)
        #expect(replay.leads[1].values[1] == nil)  // blank cell: missing
        #expect(replay.leads[2].values == [.text("EMEA"), .number(5000)])
        let start = loaded.scenario.start
        #expect(replay.arrival(of: 0, start: start) == start)
        #expect(replay.arrival(of: 2, start: start) == start + 75 * 60)
        // 08:00+02:00 is 06:00Z the next day.
        #expect(replay.arrival(of: 3, start: start) == start + 21 * 3600)
    }

    @Test func badRowsAreReportedWithTheirRowNumbers() throws {
        let csv = """
            Id,CreatedDate,Region__c,NumberOfEmployees
            00Q1,2025-10-06T09:00,EMEA,120
            00Q2,yesterday,NA,3
            00Q3,2025-10-06T10:00,EMEA
            00Q4,,APAC,40
            """
        let (_, path) = try Self.scenario(csv: csv)
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("expected errors")
        } catch {
            let byRow = Dictionary(error.diagnostics.map { ($0.keyPath, $0.message) }, uniquingKeysWith: { a, _ in a })
            #expect(byRow["sources[0].replay row 2"]?.hasPrefix("CreatedDate 'yesterday' is not a timestamp") == true)
            #expect(byRow["sources[0].replay row 3"] == "3 cells, the header has 4")
            #expect(byRow["sources[0].replay row 4"] == "no CreatedDate")
            let row2 = try #require(error.diagnostics.first { $0.keyPath.hasSuffix("row 2") })
            #expect(row2.line == 3)
            #expect(row2.file == URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("leads.csv").path,
                    "named beside the scenario file as that one is named")
            #expect(!row2.description.contains("row 2: row 2"), "the row is named once")
        }
    }

    static func loadFailure(_ path: String) throws -> LoadFailure {
        do {
            _ = try ScenarioLoader.load(path: path)
        } catch {
            return error
        }
        Issue.record("expected \(path) not to load")
        throw LoadFailure(diagnostics: [])
    }

    /// A row after an unclosed quote is read again (the scan resumes on the next line), so its
    /// problem is reported too; messages name the CSV beside the scenario file as that one is named.
    @Test func everyBadRowAfterAnUnclosedQuoteIsReported() throws {
        let csv = """
            Id,CreatedDate,Region__c,NumberOfEmployees
            00Q1,2025-10-06T09:00,"EMEA,120
            00Q2,2025-10-06T09:30,NA,3
            00Q3,10/08/2025 13:05,EMEA,5
            """
        let (_, path) = try Self.scenario(csv: csv)
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let failure: LoadFailure
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "study/scenario.yaml", replayFiles: ["leads.csv": csv])
            Issue.record("expected errors")
            return
        } catch {
            failure = error
        }
        let errors = failure.errors
        #expect(errors.map(\.keyPath) == ["sources[0].replay row 1", "sources[0].replay row 3"], "\(failure)")
        #expect(errors.map(\.line) == [2, 4])
        #expect(errors.first?.message == "a quoted cell is never closed")
        #expect(errors.last?.message.hasPrefix("CreatedDate '10/08/2025 13:05' is ambiguous") == true)
        #expect(errors.last?.valid?.contains("date_format: us or date_format: eu") == true)
        #expect(errors.allSatisfy { $0.file == "study/leads.csv" }, "relative, beside the scenario as named")
    }

    @Test func dateFormatReadsUSAndEUExports() throws {
        let us = """
            CreatedDate,Region__c,NumberOfEmployees
            10/08/2025 1:05 PM,EMEA,1
            10/08/2025 12:30 AM,NA,2
            10/09/2025,NA,3
            """
        let eu = """
            CreatedDate,Region__c,NumberOfEmployees
            08.10.2025 13:05,EMEA,1
            08/10/2025 00:30,NA,2
            09/10/2025,NA,3
            """
        let replay = "{file: leads.csv, created_at: CreatedDate, date_format: FORMAT, align: recorded}"
        var arrivals: [[Instant]] = []
        for (csv, format) in [(us, "us"), (eu, "eu")] {
            let (_, path) = try Self.scenario(csv: csv, replay: replay.replacingOccurrences(of: "FORMAT", with: format))
            let loaded = try ScenarioLoader.load(path: path)
            arrivals.append(try #require(loaded.scenario.sources[0].replay).leads.map(\.createdAt))
        }
        let expected = try ["2025-10-08T00:30Z", "2025-10-08T13:05Z", "2025-10-09T00:00Z"].map { try ValueSyntax.timestamp($0, timeZone: "UTC") }
        #expect(arrivals == [expected, expected], "12:30 AM is half past midnight; rows sorted by creation time")
        let (_, bad) = try Self.scenario(csv: us, replay: "{file: leads.csv, created_at: CreatedDate, date_format: usa}")
        let failure = try Self.loadFailure(bad)
        #expect(failure.diagnostics.contains { $0.keyPath == "sources[0].replay.date_format" && $0.valid?.contains("iso") == true })
    }

    @Test func unknownColumnsAndGeneratedKeysAreErrors() throws {
        let (_, path) = try Self.scenario(replay: "{file: leads.csv, created_at: Created, fields: {region: Region__c}}")
        #expect(throws: LoadFailure.self) { try ScenarioLoader.load(path: path) }
        let (_, path2) = try Self.scenario(replay: "leads.csv\n    volume: 10/day")
        #expect(throws: LoadFailure.self) { try ScenarioLoader.load(path: path2) }
    }

    @Test func replayedLeadsCarryRecordedFields() throws {
        let (_, path) = try Self.scenario()
        let scenario = try ScenarioLoader.load(path: path).scenario
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [Self.rules])
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: 1, trace: true))
        let rows = result.trace.filter { $0.replication == 0 }.sorted { $0.lead < $1.lead }
        #expect(rows.count == 4)
        #expect(rows.map(\.arrival) == [0, 1800, 4500, 75600].map { scenario.start + $0 })
        #expect(rows.map(\.route) == ["emea", "(fallback)", "emea", "(fallback)"])
        let region = try #require(plan.schema.existingFieldIndex("region"))
        #expect(rows.map { $0.fields[region] } == ["EMEA", "NA", "EMEA", "APAC"])
    }

    @Test func commonRandomNumbersAcrossRuleSets() throws {
        let (_, path) = try Self.scenario()
        let scenario = try ScenarioLoader.load(path: path).scenario
        var other = Self.rules
        other.name = "other"
        other.routes = []
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [Self.rules, other])
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: 2, trace: true))
        // Same leads, same first-touch delays (both queues are the same always-on pool, so only luck differs by replication).
        func key(_ ruleSet: String) -> [String] {
            result.trace.filter { $0.ruleSet == ruleSet }.map { "\($0.replication) \($0.lead) \($0.arrival) \($0.fields)" }.sorted()
        }
        #expect(key("r") == key("other"))
        // Per-lead luck differs between replications but not between rule sets.
        let touches = result.trace.filter { $0.ruleSet == "r" && $0.lead == 1 }.map { ($0.firstTouch ?? 0) - $0.arrival }
        #expect(Set(touches).count > 1)
    }

    @Test func scaleThinsAndDuplicates() throws {
        // 200 leads a minute apart.
        var lines = ["CreatedDate,Region"]
        for i in 0..<200 { lines.append(String(format: "2025-10-06T%02d:%02d,EMEA", 8 + i / 60, i % 60)) }
        let csv = lines.joined(separator: "\n")
        func arrivals(scale: Double) throws -> [Int] {
            let (_, path) = try Self.scenario(csv: csv, replay: "{file: leads.csv, created_at: CreatedDate, fields: {region: Region}, scale: \(scale)}")
            let scenario = try ScenarioLoader.load(path: path).scenario
            let plan = try SimulationPlan(scenario: scenario, ruleSets: [Self.rules])
            return Experiment.run(plan, options: ExperimentOptions(jobs: 1)).runs[0].map(\.arrivals)
        }
        #expect(try arrivals(scale: 1) == [200, 200, 200])
        #expect(try arrivals(scale: 3) == [600, 600, 600])
        let half = try arrivals(scale: 0.5)
        // Binomial(200, 0.5): within 5 sd of 100, and different per replication.
        #expect(half.allSatisfy { abs($0 - 100) < 36 })
        #expect(Set(half).count > 1)
        let more = try arrivals(scale: 1.5)
        #expect(more.allSatisfy { abs($0 - 300) < 36 })
    }

    @Test func leadsOutsideTheWindowAreReportedNotDropped() throws {
        let csv = "CreatedDate,Region\n2025-10-06T09:00,EMEA\n2025-10-20T09:00,NA\n"
        let (_, path) = try Self.scenario(csv: csv, replay: "{file: leads.csv, created_at: CreatedDate, fields: {region: Region}}")
        let loaded = try ScenarioLoader.load(path: path)
        #expect(loaded.warnings.contains { $0.message.contains("1 of 2 recorded leads") && $0.message.contains("rows 2") })
    }

    /// `align: start` keeps the weekly pattern only when the run starts at the first recorded
    /// lead's local weekday and time; otherwise the loader warns and says which start keeps it.
    @Test func alignStartThatMovesTheTimeOfDayWarns() throws {
        let moved = try ScenarioLoader.load(path: Self.scenario().1).warnings
        #expect(moved.contains {
            $0.message.contains("first one (Mon 09:00) arrives at the scenario start (Mon 00:00)")
                && $0.valid?.hasPrefix("start: 2026-01-05T09:00 ") == true
        })
        let weekly = "CreatedDate,Region\n2025-10-06T00:00,EMEA\n2025-10-08T15:00,NA\n"
        let kept = try ScenarioLoader.load(path: Self.scenario(csv: weekly, replay: "{file: leads.csv, created_at: CreatedDate, fields: {region: Region}}").1)
        #expect(!kept.warnings.contains { $0.message.contains("weekly pattern") })
        let recorded = try ScenarioLoader.load(path: Self.scenario(replay: "{file: leads.csv, created_at: CreatedDate, align: recorded, fields: {region: Region__c}}").1)
        #expect(!recorded.warnings.contains { $0.message.contains("weekly pattern") })
    }
}
