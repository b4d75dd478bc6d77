import Foundation
import LeadsimStudy
import Reports
import Shards
import StudyFixtures
import Testing

/// A second front end's path: load, run, get a summary and files; shards merge into the same bytes.
@Suite struct RunStudyTests {
    @Test func aFrontEndRunsACompareWithoutTheCommandLine() throws {
        let w = try Workspace()
        defer { w.remove() }
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml"), w.path("pooled.yaml")])
        let study = RunStudy(inputs: inputs, options: RunOptions(out: w.path("out"), jobs: 2,
                                                                 formats: ReportFormats(reports: [.json, .markdown])))
        #expect(study.command == "compare")
        let outcome = try study.run()
        #expect(outcome.written == ["report.md", "summary.json"])
        #expect(outcome.summary?.scenario == "cli-world")
        #expect(outcome.verdict.count == 1)
        #expect(outcome.wrote == "Wrote report.md, summary.json to \(w.path("out"))")
        #expect(try w.read("out/summary.json").contains("\"candidate\": \"pooled\""))
    }

    @Test func headlineLeadsTheVerdictAndAMisspeltOneIsRefusedBeforeRunning() throws {
        let w = try Workspace()
        defer { w.remove() }
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml"), w.path("pooled.yaml")],
                                          overrides: StudyOverrides(replications: 2))
        let md = ReportFormats(reports: .markdown)
        let outcome = try RunStudy(inputs: inputs, options: RunOptions(out: w.path("h"), formats: md,
                                                                       headline: ["unowned_rate", "load_gini"])).run()
        #expect(outcome.summary?.headline == ["unowned_rate", "load_gini"])
        #expect(outcome.verdict.first?.hasPrefix("pooled ") == true)
        #expect(outcome.verdict.first?.contains("unowned leads") == true)
        #expect(try w.read("h/report.md").contains("## Assumptions"))
        #expect(throws: StudyError.invalidInput(
            "error: --headline: unknown metric 'unowned_rat'; did you mean 'unowned_rate'? (known: "
                + MetricCatalog.names.joined(separator: ", ") + ")")) {
            try RunStudy(inputs: inputs, options: RunOptions(out: w.path("bad"), headline: ["unowned_rat"])).run()
        }
        #expect(!FileManager.default.fileExists(atPath: w.path("bad")))
    }

    @Test func shardsMergeIntoTheWholeRun() throws {
        let w = try Workspace()
        defer { w.remove() }
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")],
                                          overrides: StudyOverrides(replications: 3))
        let json = ReportFormats(reports: .json)
        _ = try RunStudy(inputs: inputs, options: RunOptions(out: w.path("whole"), formats: json)).run()
        for k in 0..<2 {
            let shard = try RunStudy(inputs: inputs, options: RunOptions(out: w.path("shards"), shard: Shard(index: k, count: 2))).run()
            #expect(shard.summary == nil && shard.written == [StudyRecords.fileName(for: Shard(index: k, count: 2))])
        }
        let merged = try MergeStudy.read([w.path("shards")])
        #expect(merged.staff == nil)
        _ = try merged.writeReports(formats: json, out: w.path("merged"))
        #expect(try w.read("merged/summary.json") == w.read("whole/summary.json"))
    }

    @Test func mergeRefusesWhatIsNotRecords() throws {
        let w = try Workspace()
        defer { w.remove() }
        do {
            _ = try MergeStudy.read([w.path("scenario.yaml")])
            Issue.record("merged a scenario file")
        } catch {
            #expect(error.kind == .invalidInput && error.message.contains("scenario.yaml:1: not a leadsim records header"))
        }
    }

    @Test func staffReportsAnUnmetTargetAsItsOwnKind() throws {
        let w = try Workspace()
        defer { w.remove() }
        #expect(StaffOptions.range("3...12") == 3...12 && StaffOptions.range("3-4") == 3...4 && StaffOptions.range("5") == 5...5)
        #expect(StaffOptions.range("9...2") == nil)
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        var headcounts: [Int] = []
        let impossible = try StaffStudy(inputs: inputs, options: StaffOptions(team: "na", range: 1...2, targets: ["ttft_p90<=1s"],
                                                                              out: w.path("staff"), formats: .json))
            .run { headcounts.append($0) }
        #expect(!headcounts.isEmpty && !impossible.meetsTargets && impossible.written == ["staff.json"])
        do {
            try impossible.requireTargetsMet()
            Issue.record("no error for an unmet target")
        } catch {
            #expect(error.kind == .targetNotMet && error.message.contains("No headcount in 1…2"))
        }
        do {
            _ = try StaffStudy(inputs: inputs, options: StaffOptions(team: "nx", range: 1...2, targets: ["ttft_p90<=1h"])).run()
            Issue.record("staffed an unknown team")
        } catch {
            #expect(error.kind == .invalidInput && error.message.contains("did you mean 'na'"))
        }
    }
}
