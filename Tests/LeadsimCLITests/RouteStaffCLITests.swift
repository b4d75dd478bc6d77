import Foundation
import Testing

/// End-to-end tests of `leadsim route` and `leadsim staff` on the binary.
@Suite struct RouteStaffCLITests {
    @Test func routeExplainsOneLeadAndAssignsWithAScenario() throws {
        let dir = try RunCompareCLITests.workspace()
        let result = try Leadsim.run(["route", "baseline.yaml", "--lead", #"{"region": "EMEA"}"#,
                                      "--scenario", "scenario.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("route: emea"))
        #expect(result.stdout.contains("rep: emea-1"))
        let missing = try Leadsim.run(["route", "baseline.yaml", "--lead", #"{"country": "US"}"#, "--format", "json"], in: dir)
        #expect(missing.status == 0)
        #expect(missing.stdout.contains("\"na\""), "a lead without region falls back: \(missing.stdout)")
    }

    @Test func routeRoutesACSVOfLeads() throws {
        let dir = try RunCompareCLITests.workspace()
        try "id,region\n1,EMEA\n2,NA\n3,\n".write(to: dir.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let result = try Leadsim.run(["route", "baseline.yaml", "--leads", "leads.csv"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(whereSeparator: \.isNewline)
        #expect(rows.count == 4)
        #expect(rows[1].contains("emea") && rows[2].contains("na") && rows[3].contains("na"))
    }

    @Test func staffAnswersAndExitsThreeWhenNothingInRangeMeetsTheTarget() throws {
        let dir = try RunCompareCLITests.workspace()
        let easy = try Leadsim.run(["staff", "scenario.yaml", "baseline.yaml", "--team", "na", "--reps", "1...3",
                                    "--target", "touched_rate>=50%", "--out", "staff", "--quiet"], in: dir)
        #expect(easy.status == 0, "\(easy.stderr)")
        #expect(easy.stdout.contains("na needs"))
        for file in ["staff.md", "staff.html", "staff.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("staff/\(file)").path))
        }
        // Targets as people say them in the answer, the tables and the chart legend; the JSON keeps the target as given.
        let markdown = try String(contentsOf: dir.appendingPathComponent("staff/staff.md"), encoding: .utf8)
        let html = try String(contentsOf: dir.appendingPathComponent("staff/staff.html"), encoding: .utf8)
        let json = try String(contentsOf: dir.appendingPathComponent("staff/staff.json"), encoding: .utf8)
        #expect(easy.stdout.contains("to meet touched ≥ 50.0%"), "\(easy.stdout)")
        #expect(markdown.contains("| touched ≥ 50.0% |") && html.contains("target: touched ≥ 50.0%"))
        #expect(json.contains("touched_rate>=50%"))
        // The load the Erlang cross-check used reads the same in both reports.
        let measured = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("Measured for na:") })
        #expect(html.contains("<p>" + measured + "</p>"), "\(measured)")
        let impossible = try Leadsim.run(["staff", "scenario.yaml", "baseline.yaml", "--team", "na", "--reps", "1...2",
                                          "--target", "ttft_p90<=1s", "--out", "staff2", "--quiet"], in: dir)
        #expect(impossible.status == 3, "\(impossible.stdout) \(impossible.stderr)")
        #expect(impossible.stdout.contains("No headcount in 1…2"))
        let typo = try Leadsim.run(["staff", "scenario.yaml", "baseline.yaml", "--team", "na", "--reps", "1...2",
                                    "--target", "ttft_p09<=1h"], in: dir)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("unknown metric"))
        let badTeam = try Leadsim.run(["staff", "scenario.yaml", "baseline.yaml", "--team", "nx", "--reps", "1...2",
                                       "--target", "ttft_p90<=1h"], in: dir)
        #expect(badTeam.status == 1 && badTeam.stderr.contains("did you mean 'na'"))
        let usage = try Leadsim.run(["staff", "scenario.yaml", "baseline.yaml", "--team", "na", "--reps", "9...2",
                                     "--target", "ttft_p90<=1h"], in: dir)
        #expect(usage.status == 2)
    }
}
