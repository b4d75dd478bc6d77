import Foundation
import LeadsimStudy
import ScenarioFile
import Testing

/// `route` on the library: one lead, a CSV read by TextFormats' CSV reader, and its errors.
@Suite struct RouteStudyTests {
    @Test func routesOneLeadAndAssignsWithAScenario() throws {
        let w = try Workspace()
        defer { w.remove() }
        let study = try RouteStudy(rules: w.path("baseline.yaml"), scenario: w.path("scenario.yaml"))
        let text = try study.route(json: #"{"region": "EMEA"}"#, format: .text, seed: 1).text
        #expect(text.hasPrefix("route: emea\ndestination: emea\nrep: emea-1\n"))
    }

    @Test func routesACSVWithQuotedCellsBlankLinesAndABOM() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("\u{FEFF}id,region,note\n1,EMEA,\"a, \"\"b\"\"\"\n\n2,NA,\"two\nlines\"\r\n3,,\n", "leads.csv")
        let study = try RouteStudy(rules: w.path("baseline.yaml"), scenario: nil)
        let csv = try study.route(csvFile: w.path("leads.csv"), format: .text, explain: false, seed: 1).text
        #expect(csv == "id,region,note,route,queue\r\n1,EMEA,\"a, \"\"b\"\"\",emea,emea\r\n2,NA,\"two\nlines\",,na\r\n3,,,,na\r\n")
    }

    @Test func badCSVRowsNameTheirLine() throws {
        let w = try Workspace()
        defer { w.remove() }
        let study = try RouteStudy(rules: w.path("baseline.yaml"), scenario: nil)
        try w.write("id,region\n1,\"multi\nline\"\n\n2,NA,extra\n", "leads.csv")
        #expect(throws: StudyError.invalidInput("error: --leads line 5: 3 cells, the header has 2")) {
            try study.route(csvFile: w.path("leads.csv"), format: .text, explain: false, seed: 1)
        }
        try w.write("id,region\n1,\"EMEA\n", "open.csv")
        #expect(throws: StudyError.invalidInput("error: --leads line 2: a quoted cell is never closed")) {
            try study.route(csvFile: w.path("open.csv"), format: .text, explain: false, seed: 1)
        }
        // Every bad row, not the first only: rows after an unclosed quote are read on.
        try w.write("id,region\n1\n2,NA\n3,\"EMEA\n4,NA,x\n", "several.csv")
        #expect(throws: StudyError.invalidInput("error: --leads line 2: 1 cell, the header has 2\n"
                                                + "error: --leads line 4: a quoted cell is never closed\n"
                                                + "error: --leads line 5: 3 cells, the header has 2\n"
                                                + "3 bad rows in --leads; none was routed")) {
            try study.route(csvFile: w.path("several.csv"), format: .text, explain: false, seed: 1)
        }
        try w.write("id,region\n" + (1...60).map { "\($0)" }.joined(separator: "\n") + "\n", "many.csv")
        do {
            _ = try study.route(csvFile: w.path("many.csv"), format: .text, explain: false, seed: 1)
            Issue.record("60 bad rows were routed")
        } catch {
            let lines = error.message.components(separatedBy: "\n")
            #expect(lines.count == LoadFailure.cap + 2)
            #expect(lines.suffix(2) == ["… and 10 more", "60 bad rows in --leads; none was routed"])
        }
        #expect(throws: StudyError.invalidInput("error: --lead: expected a JSON object of fields")) {
            try study.route(json: "[1]", format: .json, seed: 1)
        }
    }

    /// Follow-the-sun lead by lead: with `--scenario`, `created_at` is the instant the lead is
    /// assigned at (scenario zone), so a rep off shift, absent or not yet hired then is skipped.
    @Test func assignsAtTheLeadsCreationTime() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("""
            name: sun
            start: 2026-01-05
            timezone: Europe/London
            horizon: 7d
            holidays: [2026-01-08]
            sources: [{name: web, volume: 10/day}]
            teams: [{name: emea}, {name: na}]
            reps:
              - {name: ann, team: emea, schedule: weekdays 08:00-17:00}
              - {name: bob, team: na, timezone: America/New_York, schedule: weekdays 09:00-17:00}
              - {name: cy, team: na, timezone: America/New_York, schedule: weekdays 09:00-17:00, active_from: 2026-01-08}
              - {name: tem, team: na, template: true}
            """, "sun.yaml")
        try w.write("name: pool\nfallback: pool\nqueues:\n  pool: {reps: [ann, bob, cy], strategy: round-robin}\n", "pool.yaml")
        try w.write("name: late\nfallback: pool\nqueues:\n  pool: {reps: [ann], assign_off_shift: true}\n", "late.yaml")
        // 10:00 London: only ann (New York is at 05:00); 15:00: ann and bob, round-robin; 18:00:
        // only bob; the 8th is a scenario holiday for everyone (cy is hired that day): nobody; the
        // 9th at 15:00 everyone, the rotation going on after bob.
        try w.write("""
            id,created_at
            1,2026-01-05T10:00
            2,2026-01-05T15:00
            3,2026-01-05T15:30
            4,2026-01-05T18:00
            5,2026-01-08T15:00
            6,2026-01-09T15:00
            7,2026-01-09T10:00-05:00
            """, "leads.csv")
        let study = try RouteStudy(rules: w.path("pool.yaml"), scenario: w.path("sun.yaml"))
        let csv = try study.route(csvFile: w.path("leads.csv"), format: .text, explain: false, seed: 1).text
        let reps = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).last! }
        #expect(reps == ["ann", "bob", "ann", "bob", "(none eligible: waits)", "cy", "ann"])
        // `assign_off_shift` queues take the lead off shift as the simulation does.
        let late = try RouteStudy(rules: w.path("late.yaml"), scenario: w.path("sun.yaml"))
        #expect(try late.route(json: #"{"created_at": "2026-01-05T22:00"}"#, format: .text, seed: 1).text.contains("rep: ann\n"))
        #expect(throws: StudyError.invalidInput("error: --leads line 2: created_at: '5 Jan' is not a timestamp: '5' is not a date; valid: "
                                                + "2025-10-01T14:23, 2025-10-01 14:23:11, 2025-10-01T14:23:11.000Z or "
                                                + "2025-10-01T14:23+02:00 (scenario time zone unless an offset is given); "
                                                + "MM/DD/YYYY or DD/MM/YYYY dates with --date-format us or --date-format eu")) {
            try w.write("id,created_at\n1,5 Jan\n", "bad.csv")
            return try study.route(csvFile: w.path("bad.csv"), format: .text, explain: false, seed: 1)
        }
    }

    /// An imported rule set names its fields' Salesforce names under `fields:`: a Data Loader
    /// export (API names, with or without `Lead.`) routes unrenamed, a report export's labels
    /// with `--map`; a tested field without a column, and a JSON key no route reads, are warned about.
    @Test func columnsResolveByFieldNameAliasOrMap() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("""
            name: imported
            fields:
              country: {aliases: [Lead.CountryCode, CountryCode]}
              employees: {aliases: [Lead.NumberOfEmployees, NumberOfEmployees]}
            routes:
              - {name: big-us, when: {country: US, employees: ">= 1000"}, to: ent}
              - {name: de, when: {country: DE}, to: emea}
            fallback: rest
            queues:
              ent: {reps: [ann]}
              emea: {reps: [bob]}
              rest: {reps: [cy]}
            """, "imported.yaml")
        let study = try RouteStudy(rules: w.path("imported.yaml"), scenario: nil)
        try w.write("Id,CountryCode,NumberOfEmployees\n00Q1,US,5000\n00Q2,DE,10\n00Q3,US,10\n", "loader.csv")
        let loader = try study.route(csvFile: w.path("loader.csv"), format: .text, explain: false, seed: 1)
        #expect(loader.text == "Id,CountryCode,NumberOfEmployees,route,queue\r\n00Q1,US,5000,big-us,ent\r\n00Q2,DE,10,de,emea\r\n00Q3,US,10,,rest\r\n",
                "the header is kept as written")
        #expect(loader.warnings.isEmpty)
        try w.write("Lead.countrycode,lead.NumberOfEmployees\nDE,1\n", "prefixed.csv")
        #expect(try study.route(csvFile: w.path("prefixed.csv"), format: .text, explain: false, seed: 1).text.hasSuffix("DE,1,de,emea\r\n"),
                "aliases compare without case, as Salesforce names do")

        try w.write("Lead ID,Country Code,Employees\n00Q1,US,5000\n", "report.csv")
        let unmapped = try study.route(csvFile: w.path("report.csv"), format: .text, explain: false, seed: 1)
        #expect(unmapped.text.hasSuffix("00Q1,US,5000,,rest\r\n"))
        #expect(unmapped.warnings == [
            "--leads: no column is the field 'country' that the rules test (looked for 'country', 'Lead.CountryCode' or 'CountryCode'): "
                + "every lead lacks it, so its tests fail; did you mean 'Country Code'?",
            "--leads: no column is the field 'employees' that the rules test (looked for 'employees', 'Lead.NumberOfEmployees' or "
                + "'NumberOfEmployees'): every lead lacks it, so its tests fail; did you mean 'Employees'?",
        ])
        try w.write("fields: {Country Code: country, Lead.Employees: {field: employees, label: Employees}}\n", "map.yaml")
        let mapped = try RouteStudy(rules: w.path("imported.yaml"), scenario: nil, map: w.path("map.yaml"))
        let viaMap = try mapped.route(csvFile: w.path("report.csv"), format: .text, explain: false, seed: 1)
        #expect(viaMap.text.hasSuffix("00Q1,US,5000,big-us,ent\r\n") && viaMap.warnings.isEmpty)

        let json = try study.route(json: #"{"CountryCode": "DE", "contry": "US", "note": "x"}"#, format: .text, seed: 1)
        #expect(json.text.hasPrefix("route: de\n"))
        #expect(json.warnings == ["--lead: key 'contry' is no field the rules test, so no route reads it; did you mean 'country'?",
                                  "--lead: key 'note' is no field the rules test, so no route reads it"])
        try w.write("country,CountryCode\nUS,DE\n", "twice.csv")
        #expect(throws: StudyError.invalidInput("error: --leads line 1: 'country' and 'CountryCode' both hold the field 'country' (by name, alias or map); keep one")) {
            try study.route(csvFile: w.path("twice.csv"), format: .text, explain: false, seed: 1)
        }
    }

    /// A report export's `CreatedDate` in US form: `--map`'s `columns.created_at` names the
    /// column, `--date-format us` reads it; under the default the date is refused naming the flag.
    @Test func createdDateColumnAndDateFormat() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("""
            name: day
            start: 2026-01-05
            timezone: Europe/London
            horizon: 7d
            sources: [{name: web, volume: 10/day}]
            teams: [{name: emea}]
            reps:
              - {name: ann, team: emea, schedule: weekdays 08:00-12:00}
              - {name: bo, team: emea, schedule: weekdays 13:00-17:00}
            """, "day.yaml")
        try w.write("name: pool\nfallback: pool\nqueues:\n  pool: {team: emea}\n", "pool.yaml")
        try w.write("columns: {created_at: CreatedDate}\n", "map.yaml")
        try w.write("Id,CreatedDate\n1,01/05/2026 10:00 AM\n2,01/05/2026 2:30 PM\n", "export.csv")
        var study = try RouteStudy(rules: w.path("pool.yaml"), scenario: w.path("day.yaml"), map: w.path("map.yaml"))
        study.dateFormat = .us
        let routed = try study.route(csvFile: w.path("export.csv"), format: .text, explain: false, seed: 1)
        #expect(routed.text == "Id,CreatedDate,route,queue,rep\r\n1,01/05/2026 10:00 AM,,pool,ann\r\n2,01/05/2026 2:30 PM,,pool,bo\r\n")
        study.dateFormat = .iso
        do {
            _ = try study.route(csvFile: w.path("export.csv"), format: .text, explain: false, seed: 1)
            Issue.record("a US date read as ISO")
        } catch {
            let lines = error.message.components(separatedBy: "\n")
            let ambiguous = "is ambiguous: January 5, 2026 as MM/DD/YYYY, May 1, 2026 as DD/MM/YYYY; valid: --date-format us "
                + "or --date-format eu to say which, or ISO dates such as 2025-10-08T13:05"
            #expect(lines == ["error: --leads line 2: created_at: '01/05/2026 10:00 AM' " + ambiguous,
                              "error: --leads line 3: created_at: '01/05/2026 2:30 PM' " + ambiguous,
                              "2 bad rows in --leads; none was routed"])
        }
    }

    @Test func invalidRulesAreInvalidInputWithDiagnostics() throws {
        let w = try Workspace()
        defer { w.remove() }
        do {
            _ = try RouteStudy(rules: w.path("nowhere.yaml"), scenario: nil)
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.message.hasPrefix("error: \(w.path("nowhere.yaml"))"))
            #expect(error.diagnostics.count == 1)
        }
    }
}
