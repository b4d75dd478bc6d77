import Foundation
import Testing

/// End-to-end tests of `leadsim requirement` and `leadsim shifts` on the binary: files, exit codes.
@Suite struct WorkforceCLITests {
    static let templates = """
        templates:
          - {name: day, schedule: "weekdays 09:00-17:00"}
          - {name: around-the-clock, schedule: always, cost: 300}

        """

    @Test func requirementThenShiftsAndTheirExitCodes() throws {
        let dir = try RunCompareCLITests.workspace()
        try Self.templates.write(to: dir.appendingPathComponent("shifts.yaml"), atomically: true, encoding: .utf8)
        let requirement = try Leadsim.run(["requirement", "scenario.yaml", "baseline.yaml", "--team", "na",
                                           "--target", "ttft_p90<=4h", "--out", "plan", "--quiet"], in: dir)
        #expect(requirement.status == 0 || requirement.status == 3, "\(requirement.stderr)")
        #expect(requirement.stdout.contains("rep-hours a week"))
        for file in ["requirement.md", "requirement.html", "requirement.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan/\(file)").path))
        }
        let shifts = try Leadsim.run(["shifts", "scenario.yaml", "baseline.yaml", "--team", "na", "--templates", "shifts.yaml",
                                      "--requirement", "plan/requirement.json", "--out", "plan", "--quiet"], in: dir)
        #expect(shifts.status == 0 || shifts.status == 3, "\(shifts.stderr)")
        #expect(shifts.stdout.contains("Cheapest roster for na"))
        for file in ["shifts.md", "shifts.html", "shifts.json", "roster.yaml"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan/\(file)").path))
        }
        // A target the roster cannot meet: exit 3.
        let strict = try Leadsim.run(["shifts", "scenario.yaml", "baseline.yaml", "--team", "na", "--templates", "shifts.yaml",
                                      "--requirement", "plan/requirement.json", "--target", "ttft_p90<=1s", "--out", "strict",
                                      "--quiet"], in: dir)
        #expect(strict.status == 3, "\(strict.stdout) \(strict.stderr)")
        // Invalid input: exit 1 with the reason; usage: exit 2.
        let gini = try Leadsim.run(["requirement", "scenario.yaml", "baseline.yaml", "--team", "na", "--target", "load_gini<=0.2"], in: dir)
        #expect(gini.status == 1 && gini.stderr.contains("no per-hour reading"), "\(gini.stderr)")
        let missing = try Leadsim.run(["shifts", "scenario.yaml", "baseline.yaml", "--team", "na", "--templates", "nope.yaml",
                                       "--target", "ttft_p90<=4h"], in: dir)
        #expect(missing.status == 1, "\(missing.stderr)")
        let usage = try Leadsim.run(["shifts", "scenario.yaml", "baseline.yaml", "--team", "na", "--templates", "shifts.yaml"], in: dir)
        #expect(usage.status == 2 && usage.stderr.contains("--requirement"), "\(usage.stderr)")
    }
}
