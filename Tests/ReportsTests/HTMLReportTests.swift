import Foundation
import Reports
import Testing

/// `report.html` is one self-contained page with a non-empty chart per figure.
@Suite struct HTMLReportTests {
    static func html() throws -> String {
        HTMLReport.render(try ReportWorlds.summary(replications: 2))
    }

    @Test func noExternalReferences() throws {
        let html = try Self.html().lowercased()
        for needle in ["http://", "https://", "<script", "<link", "<img", "@import", "url(", "src=", "href="] {
            #expect(!html.contains(needle), "report.html contains \(needle)")
        }
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<style>"))
        #expect(html.contains("@media print"))
    }

    @Test func oneNonEmptySVGPerChart() throws {
        let html = try Self.html()
        let charts = html.components(separatedBy: "<svg ").dropFirst()
        #expect(charts.count == 5)
        for chart in charts {
            let body = String(chart[..<chart.range(of: "</svg>")!.lowerBound])
            #expect(body.contains("<title>"))
            #expect(body.contains("<polyline") || body.contains("<rect"), "a chart without marks")
            #expect(body.components(separatedBy: "<text").count > 4, "a chart without labels")
        }
        for id in ["ttft", "reps", "queue", "unowned", "routes"] { #expect(html.contains("<figure id=\"\(id)\">")) }
        // The SLA is marked on the TTFT chart, and every figure but one has its numbers in a table.
        #expect(html.contains("SLA 1h"))
        #expect(html.components(separatedBy: "<figure").count - 1 == 5)
    }

    /// A queue table and a source table per rule set, and each candidate's sources against the baseline's.
    @Test func queueAndSourceTablesArePresent() throws {
        let html = try Self.html()
        for heading in ["Queues: territory", "Queues: pooled", "Sources: territory", "Sources: pooled", "Sources: pooled vs territory"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "no \(heading) table")
        }
        #expect(html.contains("<td>(all leads, all reps)</td>") && html.contains("<td>(all sources)</td>"))
        let md = MarkdownReport.render(try ReportWorlds.summary(replications: 2))
        #expect(md.contains("## Queues: territory") && md.contains("## Sources: pooled vs territory"))
    }

    @Test func verdictComesBeforeTheTables() throws {
        let html = try Self.html()
        let verdict = try #require(html.range(of: "<h2>Verdict</h2>"))
        let tables = try #require(html.range(of: "<h2>Key metrics</h2>"))
        #expect(verdict.lowerBound < tables.lowerBound)
        #expect(html.contains("Expected meetings assume"))
    }

    @Test func markdownLeadsWithTheReproducibilityLineAndVerdict() throws {
        let md = MarkdownReport.render(try ReportWorlds.summary(replications: 2))
        let lines = md.components(separatedBy: "\n")
        #expect(lines[0] == "# leadsim: tiny-world, territory vs pooled")
        #expect(lines[2].contains("seed 5") && lines[2].contains("2 replications") && lines[2].contains("leadsim test")
                && lines[2].contains("horizon 7d"))
        #expect(lines[4] == "## Verdict")
        #expect(lines[6].hasPrefix("- **pooled** "))
        for heading in ["## Key metrics", "## pooled vs territory", "## Teams", "## Reps", "## Routes", "## What breaks"] {
            #expect(md.contains("\n" + heading + "\n"), "missing \(heading)")
        }
    }
}
