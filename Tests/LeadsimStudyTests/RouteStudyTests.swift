import Foundation
import LeadsimStudy
import Testing

/// `route` on the library: one lead, a CSV read by TextFormats' CSV reader, and its errors.
@Suite struct RouteStudyTests {
    @Test func routesOneLeadAndAssignsWithAScenario() throws {
        let w = try Workspace()
        defer { w.remove() }
        let study = try RouteStudy(rules: w.path("baseline.yaml"), scenario: w.path("scenario.yaml"))
        let text = try study.route(json: #"{"region": "EMEA"}"#, format: .text, seed: 1)
        #expect(text.hasPrefix("route: emea\ndestination: emea\nrep: emea-1\n"))
    }

    @Test func routesACSVWithQuotedCellsBlankLinesAndABOM() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write("\u{FEFF}id,region,note\n1,EMEA,\"a, \"\"b\"\"\"\n\n2,NA,\"two\nlines\"\r\n3,,\n", "leads.csv")
        let study = try RouteStudy(rules: w.path("baseline.yaml"), scenario: nil)
        let csv = try study.route(csvFile: w.path("leads.csv"), format: .text, explain: false, seed: 1)
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
        #expect(throws: StudyError.invalidInput("error: --lead: expected a JSON object of fields")) {
            try study.route(json: "[1]", format: .json, seed: 1)
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
