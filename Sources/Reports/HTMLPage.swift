/// The frame every leadsim HTML page shares (report, staff, fit, backtest): one self-contained
/// document with the same CSS, margins, title and meta line, so pages look alike on screen and print
/// alike on paper (long tables' "show all" rows expanded).
public enum HTMLPage {
    /// Rows a long table shows before its "show all".
    public static let previewRows = 10

    /// The page: `title` as `<title>` and `<h1>`, `meta` (Markdown-ish text: `code` and **bold**)
    /// as the grey line under it, then `body` (HTML) inside `<main>`.
    public static func render(title: String, meta: String?, body: String) -> String {
        var out = """
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

        """
        if let meta { out += "<p class=\"repro\">\(HTMLReport.inline(meta))</p>\n" }
        return out + body + "</main>\n</body>\n</html>\n"
    }

    public static let css = """

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
    table { border-collapse: collapse; font-size: 0.85em; margin: 6px 0 12px; max-width: 100%; }
    td { overflow-wrap: anywhere; }
    th, td { border: 1px solid #ddd; padding: 3px 8px; vertical-align: top; }
    th { background: #f4f4f4; text-align: left; }
    td.better { color: #1a7f37; font-weight: 600; }
    td.worse { color: #b00020; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    figure { margin: 20px 0 28px; }
    figcaption { color: #555; font-size: 0.88em; margin: 4px 0 8px; }
    svg { display: block; max-width: 100%; height: auto; background: #fff; }
    .narrow svg { max-width: 720px; }
    .recommendation { font-size: 1.02em; background: #f6f8fa; border-left: 4px solid #0b6bcb; padding: 8px 12px; }
    .assumptions li { font-size: 0.92em; margin: 3px 0; }
    details.more { margin: -8px 0 12px; }
    details.more > summary { cursor: pointer; color: #0b6bcb; font-size: 0.88em; margin: 0 0 6px; }
    details.more > table { margin-top: 0; }
    @media print {
      main { max-width: none; padding: 0; }
      body { font-size: 10pt; }
      details.more > summary { display: none; }
      details.more::details-content { content-visibility: visible; display: contents; }
      details.more > table { margin-top: -13px; }
      figure { break-inside: avoid; }
      tr { break-inside: avoid; }
      @page { margin: 14mm 12mm; }
      h2 { break-after: avoid; }
    }

    """

}
