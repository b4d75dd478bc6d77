import Foundation
import StudyFixtures
import Testing

/// End-to-end tests of the `leadsim` binary: `run` and `compare` write their files, invalid
/// input exits 1 with the diagnostic on stderr, usage errors exit 2.
@Suite struct RunCompareCLITests {
    static let scenario = StudyFixtures.scenario
    static let baseline = StudyFixtures.baseline
    static let pooled = StudyFixtures.pooled

    /// A fresh directory holding the three files.
    static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try scenario.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try baseline.write(to: dir.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
        try pooled.write(to: dir.appendingPathComponent("pooled.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func runWritesEveryReport() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let result = try Leadsim.run(["run", "scenario.yaml", "baseline.yaml", "--out", out, "--trace", "--jobs", "2"], in: dir)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Wrote report.md, report.html, summary.json, reps.csv, routes.csv, timeseries.csv, queues.csv, sources.csv, leads.csv to \(out)"))
        for file in ["report.md", "report.html", "summary.json", "reps.csv", "routes.csv", "timeseries.csv", "queues.csv", "sources.csv",
                     "leads.csv"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: out + "/" + file)[.size] as? Int) ?? 0
            #expect(size > 100, "\(file) missing or empty")
        }
        // No temporary files are left behind by the atomic writes.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".") })
        let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        #expect(summary.contains("\"scenario\": \"cli-world\""))
        #expect(summary.contains("\"comparisons\": []"))
    }

    @Test func compareIsDeterministicAndHonoursFormat() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["compare", "scenario.yaml", "baseline.yaml", "pooled.yaml", "--format", "json,md", "--quiet",
                    "--replications", "3", "--seed", "77"]
        let one = try Leadsim.run(args + ["--out", "a", "--jobs", "1"], in: dir)
        let four = try Leadsim.run(args + ["--out", "b", "--jobs", "4"], in: dir)
        #expect(one.status == 0 && four.status == 0, "stderr: \(one.stderr) \(four.stderr)")
        let a = try String(contentsOf: dir.appendingPathComponent("a/summary.json"), encoding: .utf8)
        let b = try String(contentsOf: dir.appendingPathComponent("b/summary.json"), encoding: .utf8)
        #expect(a == b)
        #expect(a.contains("\"replications\": 3") && a.contains("\"seed\": 77"))
        #expect(a.contains("\"candidate\": \"pooled\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("a").path).sorted()
                == ["report.md", "summary.json"])
        #expect(!one.stdout.contains("cuts") && !one.stdout.contains("raises"), "--quiet prints no verdict")
    }

    @Test func defaultOutputIsReportsScenarioName() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Leadsim.run(["run", "scenario.yaml", "baseline.yaml", "--format", "json"], in: dir)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/cli-world/summary.json").path))
    }

    @Test func brokenFileExitsOneWithTheDiagnostic() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.baseline.replacingOccurrences(of: "strategy: round-robin}", with: "strategy: round-robin, colour: red}")
            .write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let result = try Leadsim.run(["run", "scenario.yaml", "broken.yaml", "--out", "x"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.yaml:"))
        #expect(result.stderr.contains("colour"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x").path))

        let missing = try Leadsim.run(["compare", "scenario.yaml", "baseline.yaml", "nowhere.yaml"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere.yaml"))
    }

    @Test func unknownRepInARuleSetExitsOne() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.pooled.replacingOccurrences(of: "emea-2]", with: "emea-9]")
            .write(to: dir.appendingPathComponent("pooled.yaml"), atomically: true, encoding: .utf8)
        let result = try Leadsim.run(["compare", "scenario.yaml", "baseline.yaml", "pooled.yaml"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("emea-9"))
    }

    @Test(arguments: [
        ["run", "scenario.yaml"],
        ["run", "scenario.yaml", "baseline.yaml", "--bogus"],
        ["run", "scenario.yaml", "baseline.yaml", "--format", "pdf"],
        ["run", "scenario.yaml", "baseline.yaml", "--replications", "0"],
        ["compare", "scenario.yaml", "baseline.yaml"],
        ["compare", "scenario.yaml", "baseline.yaml", "pooled.yaml", "--jobs", "many"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Leadsim.run(arguments, in: dir)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Usage:") || result.stderr.contains("Error:"))
    }
}
