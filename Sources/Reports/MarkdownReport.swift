/// `report.md`: the verdict and recommendation first, the breakdowns by source and queue and
/// the assumptions on the first screen, then the tables, then what breaks.
public enum MarkdownReport {
    /// The whole report as Markdown.
    public static func render(_ summary: Summary) -> String {
        let c = ReportContent(summary: summary)
        var out = "# \(c.title)\n\n\(c.reproducibility)\n\n## Verdict\n\n"
        for line in c.verdicts {
            let name = summary.comparisons.map(\.candidate).first { line.hasPrefix($0 + " ") }
            out += "- " + (name.map { "**\($0)**" + line.dropFirst($0.count) } ?? line) + "\n"
        }
        if let recommendation = c.recommendation { out += "\n**Recommendation.** \(recommendation)\n" }
        out += "\nDifferences are paired by replication; \"not significant\" means the 95% CI of the difference includes 0.\n"
        out += "\n\(c.definitions)\n"
        out += "\n" + table(c.sourceBreakdown, level: 2)
        out += "\n" + table(c.queueBreakdown, level: 2)
        out += "\n## Assumptions\n\n" + c.assumptions.map { "- \($0)\n" }.joined()
        if let assumption = c.assumption { out += "- \(assumption)\n" }
        out += "\n" + table(c.keyMetrics, level: 2)
        for comparison in c.comparisons { out += "\n" + table(comparison, level: 2) }
        out += "\n" + table(c.teams, level: 2)
        for breakdown in c.queues + c.sources + c.sourceComparisons { out += "\n" + table(breakdown, level: 2) }
        out += "\n" + table(c.reps, level: 2)
        out += "\n" + table(c.routes, level: 2)
        out += "\n## What breaks\n\n"
        for (ruleSet, items) in c.whatBreaks {
            out += "- **\(ruleSet)**" + (items.isEmpty ? ": nothing notable: no lead dropped, gone cold, unrouted or left untouched; no rep idle or saturated.\n" : "\n")
            for item in items { out += "  - \(item)\n" }
        }
        if let fitted = c.fittedValues { out += "\n" + table(fitted, level: 2) }
        out += "\n" + table(c.allMetrics, level: 2)
        return out
    }

    /// A GitHub-flavoured Markdown table with a heading and an optional note.
    public static func table(_ t: ReportTable, level: Int) -> String {
        var out = String(repeating: "#", count: level) + " " + t.title + "\n\n"
        if let note = t.note { out += note + "\n\n" }
        guard !t.rows.isEmpty else { return out + "(none)\n" }
        out += "| " + t.header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + t.header.indices.map { i in
            i < t.numeric.count && t.numeric[i] ? "---:" : ":---"
        }.joined(separator: "|") + "|\n"
        for row in t.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
