/// `report.html`: one self-contained page (inline CSS and SVG, no script, font, stylesheet or
/// image from anywhere else), readable offline, on a laptop and on paper.
public enum HTMLReport {
    public static func render(_ summary: Summary) -> String {
        let s = summary
        let c = ReportContent(summary: s)
        var out = """
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
        if let recommendation = c.recommendation {
            out += "<p class=\"recommendation\"><strong>Recommendation.</strong> \(inline(recommendation))</p>\n"
        }
        out += "<p class=\"note\">Differences are paired by replication; “not significant” means the 95% CI of the difference includes 0.</p>\n"
        out += "<p class=\"note\">\(inline(c.definitions))</p>\n"
        out += "</section>\n"
        out += table(c.sourceBreakdown)
        out += table(c.queueBreakdown)
        out += "<section class=\"assumptions\">\n<h2>Assumptions</h2>\n<ul>\n"
            + (c.assumptions + (c.assumption.map { [$0] } ?? [])).map { "<li>\(inline($0))</li>\n" }.joined()
            + "</ul>\n</section>\n"
        out += table(c.keyMetrics)
        for comparison in c.comparisons { out += table(comparison) }

        out += figure(id: "ttft", title: "Time to first touch", svg: Charts.ttftCDF(s), caption: "Share of human-bound leads first-touched within each time"
            + (s.businessClock ? ", counted in business time, the clock the SLA counts" : "")
            + " (all replications merged; leads never touched keep a curve below 100%).",
                      table: ttftTable(s))
        out += figure(id: "reps", title: "Leads per rep", svg: Charts.repLoad(s), caption: "Mean leads assigned per rep and replication.",
                      table: c.reps)
        out += figure(id: "queue", title: "Queue length by hour of the week", svg: Charts.hourOfWeek(s, title: "Leads waiting in queues by hour of the week",
                                                          axis: "leads waiting", value: \.queueLength),
                      caption: "Time-average number of leads waiting in queues, by local hour of the week.",
                      table: hourTable(s))
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
        if let fitted = c.fittedValues { out += table(fitted) }
        out += table(c.allMetrics)
        return HTMLPage.render(title: c.title, meta: c.reproducibility, body: out)
    }

    /// Escapes `text` and turns `code` spans into `<code>`.
    static func inline(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        var out = ""
        for (i, part) in parts.enumerated() {
            let escaped = SVG.escape(String(part))
            out += i % 2 == 1 && i < parts.count - 1 ? "<code>\(escaped)</code>" : (i % 2 == 1 ? "`" + escaped : strong(escaped))
        }
        return out
    }

    /// `**bold**` pairs of already escaped text as `<strong>`.
    static func strong(_ escaped: String) -> String {
        let parts = escaped.components(separatedBy: "**")
        guard parts.count >= 3 else { return escaped }
        return parts.enumerated().map { i, part in
            i % 2 == 1 && i < parts.count - 1 ? "<strong>\(part)</strong>" : (i % 2 == 1 ? "**" + part : part)
        }.joined()
    }

    /// Tables longer than this show their first `HTMLPage.previewRows` rows and the rest behind
    /// "show all" (a `<details>` that prints expanded).
    static let longTable = 24

    /// A table with its heading and note; a long one collapses its tail behind "show all N rows".
    static func table(_ t: ReportTable, heading: Bool = true) -> String {
        var out = heading ? "<section>\n<h2>\(SVG.escape(t.title))</h2>\n" : ""
        if heading, let note = t.note { out += "<p class=\"note\">\(inline(note))</p>\n" }
        if t.rows.count > longTable {
            var head = t, tail = t
            head.rows = Array(t.rows.prefix(HTMLPage.previewRows))
            tail.rows = Array(t.rows.dropFirst(HTMLPage.previewRows))
            out += rows(head) + "<details class=\"more\"><summary>show all \(t.rows.count) rows</summary>\n" + rows(tail)
                + "</details>\n"
        } else {
            out += rows(t)
        }
        if heading { out += "</section>\n" }
        return out
    }

    /// The `<table>` element of `t`'s rows.
    static func rows(_ t: ReportTable) -> String {
        var out = "<table>\n<thead><tr>" + t.header.map { "<th>\(SVG.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>" + row.enumerated().map { i, cell in
                let numeric = i < t.numeric.count && t.numeric[i]
                let judged = cell == "better" || cell == "worse" ? " class=\"\(cell)\"" : ""
                return (numeric ? "<td class=\"num\">" : "<td\(judged)>") + inline(cell) + "</td>"
            }.joined() + "</tr>\n"
        }
        if t.rows.isEmpty { out += "<tr><td colspan=\"\(max(1, t.header.count))\">(none)</td></tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    static func figure(id: String, title: String, svg: String, caption: String, table data: ReportTable?) -> String {
        var out = "<figure id=\"\(id)\">\n<h2>\(SVG.escape(title))</h2>\n\(svg)\n<figcaption>\(inline(caption))</figcaption>\n"
        if let data { out += table(data, heading: false) }
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
