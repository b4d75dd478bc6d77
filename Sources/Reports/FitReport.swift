import Fit
import Foundation
import InputAnalysis
import SimulationModel
import TextFormats

/// `fit.md`, `fit.html` and `fit.json`: the assumption report of `leadsim fit` (SPEC §8):
/// every input with n, estimate, CI and the family ranking, what the history could not tell,
/// and charts of arrivals by hour of the week, daily counts and each team's touch delay.
public struct FitReport: Sendable {
    public let fit: HistoryFit
    public let scenarioName: String
    public let version: String

    public init(fit: HistoryFit, scenarioName: String, version: String) {
        self.fit = fit
        self.scenarioName = scenarioName
        self.version = version
    }

    var title: String { "leadsim fit: \((fit.file as NSString).lastPathComponent)" }

    var meta: String {
        "\(Format.grouped(fit.leadCount)) leads, \(Format.localDateTime(fit.start, timeZone: fit.timeZone)) to "
            + "\(Format.localDateTime(fit.asOf, timeZone: fit.timeZone)) (\(fit.timeZone), \(String(format: "%.1f", fit.days)) days; "
            + "untouched leads censored at the export time) · "
            + (fit.basePath.map { "roster from `\($0)`" } ?? "roster from the history") + " · leadsim \(version)"
    }

    // MARK: Tables

    var sourcesTable: ReportTable {
        ReportTable(
            title: "Arrivals", note: "Weekly volume with its exact Poisson 95% CI (ordinary days); the pattern is hourly × weekdays "
                + "unless a likelihood-ratio test rejects that product at 1% (then hour of week); dispersion from daily counts.",
            header: ["source", "leads", "per week", "95% CI", "pattern", "G² (df), p", "dispersion", "unusual days"],
            rows: fit.sources.map { s in
                guard let a = s.arrivals else {
                    return [s.name, Format.grouped(s.leads), Format.number(s.weeklyVolume), "–", "flat (too few leads)", "–", "–", "–"]
                }
                return [s.name, Format.grouped(s.leads), Format.number(a.weeklyVolume.value),
                        "\(Format.number(a.weeklyVolume.ci95[0]))–\(Format.number(a.weeklyVolume.ci95[1]))",
                        a.pattern == .product ? "hourly × weekdays" : "hour of week",
                        "\(Format.number(a.productTest.gSquared)) (\(a.productTest.degreesOfFreedom)), \(FitReport.p(a.productTest.pValue))",
                        s.dispersion.map { "\(Format.number($0)) (p \(FitReport.p(a.dispersion.pValue)))" }
                            ?? "none (p \(FitReport.p(a.dispersion.pValue)))",
                        a.unusualDays.isEmpty ? "none" : a.unusualDays.prefix(5).map { "\($0.date) (\($0.count))" }.joined(separator: ", ")
                            + (a.unusualDays.count > 5 ? " and \(a.unusualDays.count - 5) more" : "")]
            },
            numeric: [false, true, true, false, false, false, false, false])
    }

    var fieldsTable: ReportTable {
        var rows: [[String]] = []
        for s in fit.sources {
            for f in s.fields {
                let mix: String
                switch f.mix {
                case .categorical(let values, let analysis):
                    mix = analysis.values.prefix(6).map { "\($0.value) \(Format.percent($0.share.share))" }.joined(separator: ", ")
                        + (values.count > 6 ? " and \(values.count - 6) more" : "")
                case .numeric(let analysis):
                    mix = analysis.ranking.best.map {
                        "\($0.family.rawValue), median \(Format.number($0.median.value))" + (analysis.integer ? ", integer" : "")
                    } ?? "–"
                }
                rows.append([s.name, f.name, mix, Format.percent(f.missing.share)])
            }
            if let match = s.accountMatch {
                rows.append([s.name, "account_match", "\(Format.percent(match.share)) (95% CI \(Format.percent(match.ci95[0]))–"
                             + "\(Format.percent(match.ci95[1])))", "–"])
            }
        }
        return ReportTable(title: "Lead fields", note: "Categorical weights, or a numeric family by AIC; blank shares become `missing`.",
                           header: ["source", "field", "mix", "blank"], rows: rows, numeric: [false, false, false, true])
    }

    var repsTable: ReportTable {
        ReportTable(
            title: "Reps", note: "Touch delay is on-shift time from assignment to first touch on the rep's schedule, untouched leads "
                + "right-censored; a rep with fewer than \(Fitter.minimumOwnTouches) touches takes its team's pooled fit.",
            header: ["rep", "team", "leads", "schedule", "touch delay", "median (95% CI)", "n (censored)", "handle time", "open cap"],
            rows: fit.reps.map { r in
                [r.rep.name, r.rep.team, Format.grouped(r.assigned),
                 FitReport.scheduleText(r), FitReport.family(r.touchDelay, r.touchDelayOrigin, r.rep.touchDelay),
                 FitReport.median(r.touchDelay), r.touchDelay.map { "\(Format.grouped($0.observed + $0.censored)) (\(Format.grouped($0.censored)))" } ?? "–",
                 FitReport.family(r.handleTime, r.handleTimeOrigin, r.rep.handleTime),
                 r.mostOpen.map { "\(r.rep.capacityOpen) (held \($0))" } ?? "\(r.rep.capacityOpen)"]
            },
            numeric: [false, false, true, false, false, true, true, false, true])
    }

    /// The families fitted to a team's pooled touch delays (or handle times), best first.
    func rankingTable(_ team: TeamFit, handleTime: Bool = false) -> ReportTable? {
        guard let delay = handleTime ? team.handleTime : team.touchDelay else { return nil }
        let best = delay.ranking.best?.aic ?? 0
        return ReportTable(
            title: "\(handleTime ? "Handle time" : "Touch delay") of team \(team.name): the families",
            note: "\(Format.grouped(delay.observed)) observed, \(Format.grouped(delay.censored)) censored; maximum likelihood with "
                + "right censoring, ranked by AIC; KS against the Kaplan–Meier curve, A² only when at most 5% is censored.",
            header: ["family", "parameters", "median (95% CI)", "log-likelihood", "ΔAIC", "KS", "A²"],
            rows: delay.ranking.fits.map { f in
                [f.family.rawValue, f.parameters.map { "\($0.name) \(FitReport.value($0.value, $0.name))" }.joined(separator: ", "),
                 "\(Format.duration(f.median.value)) (\(Format.duration(f.median.ci95[0]))–\(Format.duration(f.median.ci95[1])))",
                 Format.number(f.logLikelihood), Format.number(f.aic - best), Format.number(f.goodness.kolmogorovSmirnov),
                 f.goodness.andersonDarlingOfObserved.map(Format.number) ?? "–"]
            } + delay.ranking.notFitted.map { [$0.family.rawValue, "not fitted: \($0.reason)", "", "", "", "", ""] },
            numeric: [false, false, false, true, true, true, true])
    }

    var leftOutTable: ReportTable {
        ReportTable(title: "Columns left out", header: ["column", "why"], rows: fit.leftOut.map { [$0.column, $0.reason] })
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# \(title)\n\n\(meta)\n\nScenario written: `scenario.yaml` (`\(scenarioName)`); run it with the rules in force, "
            + "then `leadsim backtest` it against this history.\n\n"
        out += "## What the history could not tell\n\n" + fit.assumptions.map { "- \($0)\n" }.joined() + "\n"
        out += MarkdownReport.table(sourcesTable, level: 2) + "\n"
        out += MarkdownReport.table(fieldsTable, level: 2) + "\n"
        out += MarkdownReport.table(repsTable, level: 2) + "\n"
        for team in fit.teams {
            for t in [rankingTable(team), rankingTable(team, handleTime: true)].compactMap({ $0 }) {
                out += MarkdownReport.table(t, level: 2) + "\n"
            }
        }
        if !fit.leftOut.isEmpty { out += MarkdownReport.table(leftOutTable, level: 2) }
        return out
    }

    // MARK: HTML

    public func html() -> String {
        var body = ""
        body += "<section class=\"verdict\">\n<h2>What the history could not tell</h2>\n<ul>\n"
            + fit.assumptions.map { "<li>\(HTMLReport.inline($0))</li>\n" }.joined() + "</ul>\n</section>\n"
        body += HTMLReport.table(sourcesTable)
        for (i, source) in fit.sources.enumerated() where source.arrivals != nil {
            body += HTMLReport.figure(id: "arrivals-\(i)", title: "Arrivals of \(source.name) by hour of the week",
                                      svg: FitCharts.hourOfWeek(source, timeZone: fit.timeZone),
                                      caption: "Observed leads per hour (each hour of the week averaged over the history) against the fitted rate.",
                                      table: nil)
            body += HTMLReport.figure(id: "days-\(i)", title: "Daily leads of \(source.name)", svg: FitCharts.daily(source),
                                      caption: "Each day's count against its expectation and central 99.9% range; unusual days in red are set aside.",
                                      table: nil)
        }
        body += HTMLReport.table(fieldsTable)
        body += HTMLReport.table(repsTable)
        for team in fit.teams {
            guard let delay = team.touchDelay else { continue }
            body += HTMLReport.figure(id: "touch-\(SVG.escape(team.name))", title: "Touch delay of team \(team.name)",
                                      svg: FitCharts.touchDelay(delay, team: team.name),
                                      caption: "Kaplan–Meier estimate of P(touched within t) on the shift clock (untouched leads censored) "
                                        + "against the fitted families.", table: rankingTable(team).map { t in
                                            ReportTable(title: t.title, header: t.header, rows: t.rows, numeric: t.numeric) })
        }
        for team in fit.teams { if let t = rankingTable(team, handleTime: true) { body += HTMLReport.table(t) } }
        if !fit.leftOut.isEmpty { body += HTMLReport.table(leftOutTable) }
        return HTMLPage.render(title: title, meta: meta, body: body)
    }

    // MARK: JSON

    public func json() -> JSONValue {
        func share(_ s: Share) -> JSONValue {
            .object([JSONMember("count", .number(Double(s.count))), JSONMember("total", .number(Double(s.total))),
                     JSONMember("share", .number(s.share)), JSONMember("ci95", .array(s.ci95.map(JSONValue.number)))])
        }
        func estimate(_ e: ParameterEstimate) -> JSONValue {
            .object([JSONMember("value", .number(e.value)), JSONMember("se", .number(e.standardError)),
                     JSONMember("ci95", .array(e.ci95.map(JSONValue.number)))])
        }
        func ranking(_ r: FamilyRanking) -> JSONValue {
            .array(r.fits.map { f in
                .object([JSONMember("family", .string(f.family.rawValue)),
                         JSONMember("parameters", .object(f.parameters.map { JSONMember($0.name, estimate($0)) })),
                         JSONMember("median", estimate(f.median)), JSONMember("log_likelihood", .number(f.logLikelihood)),
                         JSONMember("aic", .number(f.aic)), JSONMember("ks", .number(f.goodness.kolmogorovSmirnov)),
                         JSONMember("ad", f.goodness.andersonDarlingOfObserved.map(JSONValue.number) ?? .null)])
            })
        }
        func duration(_ d: DurationFit?, _ origin: DurationOrigin) -> JSONValue {
            guard let d else { return .object([JSONMember("origin", .string("kept"))]) }
            return .object([JSONMember("origin", .string(origin == .own ? "own" : "team")),
                            JSONMember("observed", .number(Double(d.observed))), JSONMember("censored", .number(Double(d.censored))),
                            JSONMember("chosen", .string(d.ranking.best?.family.rawValue ?? "")), JSONMember("families", ranking(d.ranking))])
        }
        let sources: [JSONValue] = fit.sources.map { s in
            var members = [JSONMember("name", .string(s.name)), JSONMember("leads", .number(Double(s.leads))),
                           JSONMember("weekly_volume", s.arrivals.map { estimate($0.weeklyVolume) } ?? .number(s.weeklyVolume))]
            if let a = s.arrivals {
                members.append(JSONMember("pattern", .string(a.pattern.rawValue)))
                members.append(JSONMember("product_test", .object([
                    JSONMember("g_squared", .number(a.productTest.gSquared)), JSONMember("df", .number(Double(a.productTest.degreesOfFreedom))),
                    JSONMember("p", .number(a.productTest.pValue))])))
                members.append(JSONMember("dispersion", .object([
                    JSONMember("cv", .number(s.dispersion ?? 0)), JSONMember("pearson_x2", .number(a.dispersion.pearsonChiSquared)),
                    JSONMember("df", .number(Double(a.dispersion.degreesOfFreedom))), JSONMember("p", .number(a.dispersion.pValue))])))
                members.append(JSONMember("unusual_days", .array(a.unusualDays.map {
                    .object([JSONMember("date", .string($0.date.description)), JSONMember("count", .number(Double($0.count))),
                             JSONMember("expected", .number($0.expected))])
                })))
            } else {
                members.append(JSONMember("pattern", .string("flat")))
            }
            members.append(JSONMember("fields", .array(s.fields.map { f in
                var field = [JSONMember("name", .string(f.name)), JSONMember("missing", share(f.missing))]
                switch f.mix {
                case .categorical(let values, _):
                    field.append(JSONMember("kind", .string("categorical")))
                    field.append(JSONMember("counts", .object(values.map { JSONMember($0.value.description, .number(Double($0.count))) })))
                case .numeric(let analysis):
                    field.append(JSONMember("kind", .string("numeric")))
                    field.append(JSONMember("integer", .bool(analysis.integer)))
                    field.append(JSONMember("families", ranking(analysis.ranking)))
                }
                return .object(field)
            })))
            if let match = s.accountMatch { members.append(JSONMember("account_match", share(match))) }
            return .object(members)
        }
        let reps: [JSONValue] = fit.reps.map { r in
            .object([JSONMember("name", .string(r.rep.name)), JSONMember("team", .string(r.rep.team)),
                     JSONMember("leads", .number(Double(r.assigned))), JSONMember("in_history", .bool(r.inHistory)),
                     JSONMember("schedule", .string(FitReport.scheduleText(r))),
                     JSONMember("touch_delay", duration(r.touchDelay, r.touchDelayOrigin)),
                     JSONMember("handle_time", duration(r.handleTime, r.handleTimeOrigin)),
                     JSONMember("capacity_open", .number(Double(r.rep.capacityOpen))),
                     JSONMember("most_open", r.mostOpen.map { .number(Double($0)) } ?? .null)])
        }
        return .object([
            JSONMember("history", .string(fit.file)), JSONMember("scenario", .string(scenarioName)),
            JSONMember("timezone", .string(fit.timeZone)), JSONMember("start", .string(Format.isoUTC(fit.start))),
            JSONMember("as_of", .string(Format.isoUTC(fit.asOf))), JSONMember("leads", .number(Double(fit.leadCount))),
            JSONMember("base_scenario", fit.basePath.map(JSONValue.string) ?? .null),
            JSONMember("assumptions", .array(fit.assumptions.map(JSONValue.string))),
            JSONMember("sources", .array(sources)),
            JSONMember("teams", .array(fit.teams.map { t in
                .object([JSONMember("name", .string(t.name)), JSONMember("reps", .array(t.reps.map(JSONValue.string))),
                         JSONMember("touch_delay", duration(t.touchDelay, .team)), JSONMember("handle_time", duration(t.handleTime, .team))])
            })),
            JSONMember("reps", .array(reps)),
            JSONMember("left_out", .array(fit.leftOut.map {
                .object([JSONMember("column", .string($0.column)), JSONMember("reason", .string($0.reason))])
            })),
            JSONMember("leadsim_version", .string(version)),
        ])
    }

    // MARK: Text

    static func p(_ value: Double) -> String { value < 0.001 ? "< 0.001" : String(format: "%.3f", value) }

    static func value(_ v: Double, _ name: String) -> String {
        ["mean", "median", "scale"].contains(name) ? Format.duration(v) : Format.number(v)
    }

    static func scheduleText(_ r: RepFit) -> String {
        let text = ScenarioValueText.schedule(r.rep.schedule)
        switch r.scheduleOrigin {
        case .base: return text + " (base)"
        case .ownTouches(let n): return text + " (from \(Format.grouped(n)) touches)"
        case .teamTouches(let n): return text + " (team's \(Format.grouped(n)) touches)"
        case .businessHours: return text + " (business hours: no touches)"
        }
    }

    static func family(_ d: DurationFit?, _ origin: DurationOrigin, _ spec: DistributionSpec) -> String {
        guard let best = d?.ranking.best else { return "kept: " + ScenarioValueText.duration(spec) }
        return best.family.rawValue + (origin == .team ? " (team's)" : "")
    }

    static func median(_ d: DurationFit?) -> String {
        guard let m = d?.ranking.best?.median else { return "–" }
        return "\(Format.duration(m.value)) (\(Format.duration(m.ci95[0]))–\(Format.duration(m.ci95[1])))"
    }
}
