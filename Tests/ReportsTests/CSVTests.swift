import Reports
import Testing
import TextFormats

/// RFC 4180 quoting of the CSV outputs.
@Suite struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\r\nlf", "\"cr\r\nlf\""), ("a;b", "a;b"), (" padded ", " padded "),
    ])
    func quoting(text: String, field: String) {
        #expect(CSV.field(text) == field)
    }

    @Test func linesEndWithCRLF() {
        #expect(CSV.line(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
        #expect(CSV.document(header: ["x", "y"], rows: [["1", "2"]]) == "x,y\r\n1,2\r\n")
    }

    /// What the writer writes, the reader reads back cell for cell (one codec for both ways).
    @Test func writtenDocumentsReadBack() throws {
        let rows = [["a", "b,c", ""], ["say \"hi\"", "two\nlines", "é"], ["x", " y ", "z"]]
        let text = CSV.document(header: ["h1", "h2", "h3"], rows: rows)
        let back = try CSV.parse(text)
        #expect(back.map(\.cells) == [["h1", "h2", "h3"]] + rows)
        #expect(back.map(\.line) == [1, 2, 3, 5])
    }

    @Test func repAndRouteFilesHaveARowPerRepAndRoute() throws {
        let summary = try ReportWorlds.summary(replications: 2)
        let reps = summary.repsCSV.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(reps.count == 1 + 2 * 5)
        #expect(reps[0].hasPrefix("ruleset,rep,team,assignments_mean,"))
        let routes = summary.routesCSV.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(routes.count == 1 + 3 + 2)
        #expect(routes.contains { $0.hasPrefix("territory,atlantis,route,emea,0,0,0,0,true") })
    }
}
