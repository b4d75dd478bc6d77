/// `report.html`: one self-contained page (inline CSS and SVG, no script, font, stylesheet or
/// image from anywhere else), readable offline, on a laptop and on paper.
public enum HTMLReport {
    public static func render(_ summary: Summary) -> String {
        let s = summary
        let c = ReportContent(summary: s)
        var out = pageStart(title: c.title, reproducibility: c.reproducibility) + """
        <section class="verdict">
        <h2>Verdict</h2>
        <ul>

        """
        for line in c.verdicts {
            // The rule set's name leads each line; set it in bold.
            let name = s.comparisons.isEmpty ? nil : s.comparisons.map(\.candidate).first { line.hasPrefix($0 + " ") }
            if let name {
                out += "<li><strong>\(SVG.escape(name))</strong>\(inline(String(line.dropFirst(name.count))))</li>\n"
            } else {
                out += "<li>\(inline(line))</li>\n"
            }
        }
        out += "</ul>\n"
        if let assumption = c.assumption { out += "<p class=\"note\">\(inline(assumption))</p>\n" }
        out += "<p class=\"note\">Differences are paired by replication; “not significant” means the 95% CI of the difference includes 0.</p>\n"
        out += "</section>\n"
        out += table(c.keyMetrics)
        for comparison in c.comparisons { out += table(comparison) }

        out += figure(id: "ttft", title: "Time to first touch", svg: Charts.ttftCDF(s), caption: "Share of human-bound leads first-touched within each time"
            + " (all replications merged; leads never touched keep a curve below 100%).",
                      table: ttftTable(s))
        out += figure(id: "reps", title: "Leads per rep", svg: Charts.repLoad(s), caption: "Mean leads assigned per rep and replication.",
                      table: c.reps, scroll: true)
        out += figure(id: "queue", title: "Queue length by hour of the week", svg: Charts.hourOfWeek(s, title: "Leads waiting in queues by hour of the week",
                                                          axis: "leads waiting", value: \.queueLength),
                      caption: "Time-average number of leads waiting in queues, by local hour of the week.",
                      table: hourTable(s), scroll: true)
        out += figure(id: "unowned", title: "Unowned leads by hour of the week", svg: Charts.hourOfWeek(s, title: "Unowned leads by hour of the week",
                                                            axis: "leads without an owner", value: \.unowned),
                      caption: "Time-average number of live leads without an owner (queued, enriching or held by a stale owner).",
                      table: nil)
        out += figure(id: "routes", title: "Route hits", svg: Charts.routeHits(s), caption: "Counted leads per replication by matched route.",
                      table: c.routes)
        out += table(c.teams)
        for breakdown in c.queues + c.sources + c.sourceComparisons { out += table(breakdown) }
        out += "<section>\n<h2>What breaks</h2>\n<ul>\n"
        for (ruleSet, items) in c.whatBreaks {
            out += "<li><strong>\(SVG.escape(ruleSet))</strong>"
            if items.isEmpty {
                out += ": nothing notable: no lead dropped, gone cold, unrouted or left untouched; no rep idle or saturated.</li>\n"
                continue
            }
            out += "<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul></li>\n"
        }
        out += "</ul>\n</section>\n"
        out += table(c.allMetrics)
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// The page up to and including its heading and reproducibility line (inline CSS).
    static func pageStart(title: String, reproducibility: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVG.escape(title))</title>
        <style>\(css)</style>
        </head>
        <body>
        <main>
        <h1>\(SVG.escape(title))</h1>
        <p class="repro">\(inline(reproducibility))</p>

        """
    }

    static let css = """

    :root { color-scheme: light; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: #1b1b1b; background: #fff; margin: 0; line-height: 1.45; }
    main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
    h1 { font-size: 1.6em; margin: 0 0 4px; }
    h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
    .repro { color: #555; font-size: 0.9em; margin-top: 0; }
    .verdict ul { font-size: 1.05em; padding-left: 1.2em; }
    .verdict li { margin: 6px 0; }
    .note { color: #555; font-size: 0.88em; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
    table { border-collapse: collapse; font-size: 0.85em; margin: 6px 0 12px; }
    th, td { border: 1px solid #ddd; padding: 3px 8px; vertical-align: top; }
    th { background: #f4f4f4; text-align: left; }
    td.better { color: #1a7f37; font-weight: 600; }
    td.worse { color: #b00020; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    figure { margin: 20px 0 28px; }
    figcaption { color: #555; font-size: 0.88em; margin: 4px 0 8px; }
    svg { display: block; max-width: 100%; height: auto; background: #fff; }
    .scroll { max-height: 320px; overflow: auto; border: 1px solid #eee; }
    .scroll table { margin: 0; }
    @media print {
      main { max-width: none; padding: 0; }
      body { font-size: 10pt; }
      .scroll { max-height: none; overflow: visible; border: 0; }
      figure, table { break-inside: avoid; }
      h2 { break-after: avoid; }
    }

    """

    /// Escapes `text` and turns `code` spans into `<code>`.
    static func inline(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        var out = ""
        for (i, part) in parts.enumerated() {
            let escaped = SVG.escape(String(part))
            out += i % 2 == 1 && i < parts.count - 1 ? "<code>\(escaped)</code>" : (i % 2 == 1 ? "`" + escaped : escaped)
        }
        return out
    }

    static func table(_ t: ReportTable, heading: Bool = true, scroll: Bool = false) -> String {
        var out = heading ? "<section>\n<h2>\(SVG.escape(t.title))</h2>\n" : ""
        if heading, let note = t.note { out += "<p class=\"note\">\(inline(note))</p>\n" }
        if scroll { out += "<div class=\"scroll\">" }
        out += "<table>\n<thead><tr>" + t.header.map { "<th>\(SVG.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>" + row.enumerated().map { i, cell in
                let numeric = i < t.numeric.count && t.numeric[i]
                let judged = cell == "better" || cell == "worse" ? " class=\"\(cell)\"" : ""
                return (numeric ? "<td class=\"num\">" : "<td\(judged)>") + inline(cell) + "</td>"
            }.joined() + "</tr>\n"
        }
        if t.rows.isEmpty { out += "<tr><td colspan=\"\(max(1, t.header.count))\">(none)</td></tr>\n" }
        out += "</tbody>\n</table>"
        if scroll { out += "</div>" }
        out += "\n"
        if heading { out += "</section>\n" }
        return out
    }

    static func figure(id: String, title: String, svg: String, caption: String, table data: ReportTable?,
                       scroll: Bool = false) -> String {
        var out = "<figure id=\"\(id)\">\n<h2>\(SVG.escape(title))</h2>\n\(svg)\n<figcaption>\(inline(caption))</figcaption>\n"
        if let data { out += table(data, heading: false, scroll: scroll) }
        return out + "</figure>\n"
    }

    /// The numbers behind the TTFT chart.
    static func ttftTable(_ s: Summary) -> ReportTable {
        ReportTable(
            title: "Time to first touch", header: ["rule set", "median", "p90", "p95", "p99", "target", "within target",
                                                   "never touched per replication"],
            rows: s.ruleSets.map { rs in
                let target = (rs.sla.map { "SLA \(Format.duration($0.firstTouch))" + ($0.clock == .business ? " (business)" : "") }
                    ?? "\(Format.duration(s.unownedAfter)) (no SLA)") + (rs.queueSLAText.map { "; " + $0 } ?? "")
                return [rs.name] + ["ttft_p50_s", "ttft_p90_s", "ttft_p95_s", "ttft_p99_s"].map {
                    Format.duration(rs.metric($0)?.mean)
                } + [target, Format.percent(rs.metric("sla_met_rate")?.mean), Format.number(rs.metric("never_touched")?.mean)]
            }, numeric: [false, true, true, true, true, false, true, true])
    }

    /// The numbers behind the hour-of-week charts.
    static func hourTable(_ s: Summary) -> ReportTable {
        let names = s.ruleSets.map(\.name)
        let multi = names.count > 1
        let rows: [[String]] = (0..<168).filter { s.hourOfWeekOccurrences.indices.contains($0) && s.hourOfWeekOccurrences[$0] > 0 }.map { h in
            [HourOfWeek.label(h), Format.number(s.ruleSets.first?.hourOfWeek[h].arrivals)]
                + s.ruleSets.map { Format.number($0.hourOfWeek[h].queueLength) }
                + s.ruleSets.map { Format.number($0.hourOfWeek[h].unowned) }
        }
        return ReportTable(
            title: "By hour of the week",
            header: ["hour (\(s.timeZone))", "arrivals per week"]
                + names.map { multi ? "waiting, \($0)" : "waiting" } + names.map { multi ? "unowned, \($0)" : "unowned" },
            rows: rows)
    }
}
