import Foundation
import LeadsimStudy
import StudyFixtures
import Testing

/// `requirement`, `shifts` and `staff`'s explanations through the library (SPEC §9).
@Suite struct WorkforceStudyTests {
    static let templates = """
        templates:
          - {name: day, schedule: "weekdays 09:00-17:00"}
          - {name: early, schedule: "weekdays 06:00-14:00", cost: 30}
          - {name: late, schedule: "weekdays 13:00-21:00", cost: 35}
          - {name: nights-and-weekends, schedule: "daily 00:00-00:00", cost: 200}

        """

    @Test func requirementThenShiftsWriteTheirFiles() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write(Self.templates, "shifts.yaml")
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        let requirement = try RequirementStudy(inputs: inputs, options: RequirementOptions(team: "na", targets: ["ttft_p90<=4h"],
                                                                                          out: w.path("plan"), jobs: 2)).run()
        #expect(requirement.written == ["requirement.md", "requirement.html", "requirement.json"])
        #expect(requirement.answer.hours.count == 168)
        let json = try JSONSerialization.jsonObject(with: Data(w.read("plan/requirement.json").utf8)) as! [String: Any]
        let hours = json["hours"] as! [[String: Any]]
        #expect(hours.count == 168 && hours.allSatisfy { $0["hour"] != nil && $0["reps"] != nil && $0.keys.contains("erlang_c") })
        let shifts = try ShiftsStudy(inputs: inputs, options: ShiftsOptions(team: "na", templates: w.path("shifts.yaml"), targets: [],
                                                                           requirement: w.path("plan/requirement.json"),
                                                                           out: w.path("plan"), jobs: 2)).run()
        #expect(shifts.written == ["shifts.md", "shifts.html", "shifts.json", "roster.yaml"])
        let plan = shifts.plan
        // Every hour covered, and the cost is what the roster costs.
        #expect(zip(plan.coverage, plan.required).allSatisfy { $0 >= $1 })
        #expect(plan.cost == zip(plan.templates, plan.reps).map { $0.cost * Double($1) }.reduce(0, +))
        // Both pages on the shared frame: one <main>, the title as <h1>, the meta line, the frame's CSS.
        for (file, title) in [("plan/requirement.html", "leadsim requirement: na in"), ("plan/shifts.html", "leadsim shifts: na in")] {
            let html = try w.read(file)
            #expect(html.components(separatedBy: "<main>").count == 2 && html.contains("</main>\n</body>"), "\(file) outside <main>")
            #expect(html.contains("<h1>\(title)") && html.contains("<p class=\"repro\">Scenario <code>"), "\(file) without title or meta line")
            #expect(html.contains("@media print") && html.contains("<section class=\"verdict\"><h2>Answer</h2>"))
        }
        #expect(try w.read("plan/shifts.html").contains("<h2>Roster</h2>\n<table>"))
        let roster = try w.read("plan/roster.yaml")
        #expect(roster.components(separatedBy: "\n  - {name: ").count - 1 == plan.roster.count)
        let shiftsJSON = try JSONSerialization.jsonObject(with: Data(w.read("plan/shifts.json").utf8)) as! [String: Any]
        #expect((shiftsJSON["roster"] as? [String: Any])?.count == 4 && shiftsJSON["cost"] as? Double == plan.cost)
    }

    /// A hand-written requirement without targets: weekdays 09–17 need 2 reps, 17–21 one, Saturday
    /// 10–14 one. The cheapest roster is 2 × day (40 each) + evening (20) + saturday (4) = 104:
    /// the 09–13 hours need two reps only day shifts give, and the rest is cheapest per hour.
    @Test func aHandWrittenRequirementGetsTheOptimalRoster() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("""
            templates:
              - {name: day, schedule: "weekdays 09:00-17:00"}
              - {name: evening, schedule: "weekdays 17:00-21:00"}
              - {name: split, schedule: "weekdays 13:00-21:00"}
              - {name: saturday, schedule: "Sat 10:00-14:00"}
              - {name: always, schedule: always}

            """, "shifts.yaml")
        let hours = (0..<168).map { h -> String in
            let (day, hour) = (h / 24, h % 24)
            let reps = day < 5 ? (9..<17 ~= hour ? 2 : 17..<21 ~= hour ? 1 : 0) : day == 5 && 10..<14 ~= hour ? 1 : 0
            return "{\"hour\": \(h), \"reps\": \(reps)}"
        }
        try w.write("{\"hours\": [\(hours.joined(separator: ", "))]}", "requirement.json")
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        let outcome = try ShiftsStudy(inputs: inputs, options: ShiftsOptions(team: "na", templates: w.path("shifts.yaml"), targets: [],
                                                                            requirement: w.path("requirement.json"),
                                                                            out: w.path("plan"), jobs: 2)).run()
        #expect(outcome.plan.cost == 104)
        #expect(outcome.plan.reps == [2, 1, 0, 1, 0])
        #expect(outcome.meetsTargets && outcome.verdict.contains("No targets were given"))
    }

    @Test func aBadTemplatesFileIsReportedWithItsLine() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("templates:\n  - {name: day, scheduel: \"weekdays 09:00-17:00\"}\n  - {name: day, schedule: \"daily 25:00-26:00\"}\n",
                    "shifts.yaml")
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        do {
            _ = try ShiftsStudy(inputs: inputs, options: ShiftsOptions(team: "na", templates: w.path("shifts.yaml"),
                                                                      targets: ["ttft_p90<=4h"], out: w.path("plan"))).run()
            Issue.record("a bad templates file was accepted")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("shifts.yaml:2:") && text.contains("did you mean 'schedule'"), "\(text)")
            #expect(text.contains("shifts.yaml:3:"), "\(text)")
        }
    }

    @Test func aBadRequirementFileNamesTheKey() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write(Self.templates, "shifts.yaml")
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        func message(_ json: String) throws -> String {
            try w.write(json, "requirement.json")
            do {
                _ = try ShiftsStudy(inputs: inputs, options: ShiftsOptions(team: "na", templates: w.path("shifts.yaml"), targets: ["ttft_p90<=4h"],
                                                                          requirement: w.path("requirement.json"), out: w.path("plan"))).run()
                return ""
            } catch {
                return error.message
            }
        }
        #expect(try message("{\"hours\": []}").contains("hours: expected 168 objects"))
        let hours = (0..<168).map { "{\"hour\": \($0), \"reps\": \($0 == 5 ? "-1" : "1")}" }.joined(separator: ",")
        #expect(try message("{\"hours\": [\(hours)]}").contains("hours[5].reps: expected a whole number"))
        #expect(try message("{\"team\": \"emea\", \"hours\": [\(hours.replacingOccurrences(of: "-1", with: "0"))]}").contains("team 'emea'"))
        #expect(try message("not json").contains("not JSON"))
    }

    @Test func staffExplainsATargetNoHeadcountMeets() throws {
        let w = try Workspace()
        defer { w.remove() }
        let inputs = try StudyInputs.load(scenario: w.path("scenario.yaml"), rules: [w.path("baseline.yaml")])
        let outcome = try StaffStudy(inputs: inputs, options: StaffOptions(team: "na", range: 2...3, targets: ["ttft_p90<=2h"],
                                                                          out: w.path("staff"), jobs: 2)).run()
        #expect(!outcome.meetsTargets)
        #expect(outcome.verdict.contains("wait up to") && outcome.verdict.contains("whatever the headcount"), "\(outcome.verdict)")
        #expect(outcome.verdict.contains("Fri 17:00–Mon 07:00"), "\(outcome.verdict)")
        #expect(!outcome.verdict.contains("Erlang C estimate"))
        #expect(try w.read("staff/staff.json").contains("\"coverage_gaps\""))
    }
}
