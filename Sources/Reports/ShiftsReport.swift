import Fit
import Foundation
import SimulationModel
import Staffing
import Statistics
import TextFormats

/// The reports of `leadsim shifts`: the cheapest roster per shift template, its cost, the
/// per-hour coverage against the requirement, the simulated targets, and `roster.yaml`.
public struct ShiftsReport: Sendable {
    public var plan: ShiftPlan
    public var scenario: String
    public var ruleSet: String
    public var seed: UInt64
    public var replications: Int
    /// Where the requirement came from (`--target …` or a requirement file).
    public var source: String
    public var version: String

    public init(plan: ShiftPlan, scenario: String, ruleSet: String, seed: UInt64, replications: Int, source: String, version: String) {
        self.plan = plan
        self.scenario = scenario
        self.ruleSet = ruleSet
        self.seed = seed
        self.replications = replications
        self.source = source
        self.version = version
    }

    /// Whether the simulated roster meets every target on average.
    public var meetsTargets: Bool { plan.result.meetsOnAverage }

    var rosterText: String {
        zip(plan.templates, plan.reps).filter { $0.1 > 0 }.map { "\($0.1) × \($0.0.name)" }.joined(separator: ", ")
    }

    /// The answer in one or two sentences.
    public var verdict: String {
        var text = "Cheapest roster for \(plan.team): \(rosterText.isEmpty ? "no reps" : rosterText) (\(plan.roster.count) reps, cost "
            + "\(Format.number(plan.cost)) per week), covering every hour's requirement (optimal integer program, GLPK)."
        let misses = zip(plan.targets, plan.result.estimates).filter { !$0.isMet(by: $1.mean) }
        if plan.targets.isEmpty {
            text += " No targets were given (the requirement file lists none): the roster was simulated without a target to check."
        } else if misses.isEmpty {
            text += " Simulated, it meets \(plan.targets.map(\.text).joined(separator: ", "))"
                + (plan.result.meetsSafely ? " with 95% confidence." : " on average (not every 95% CI inside).")
        } else {
            text += " Simulated, it misses " + misses.map { target, e in
                "\(target.text) (\(StaffReport.show(e.mean, metric: target.metric)))"
            }.joined(separator: ", ") + "."
        }
        return text
    }

    func cell(_ e: Estimate, _ target: StaffingTarget) -> String {
        "\(StaffReport.show(e.mean, metric: target.metric)) (\(StaffReport.show(e.ci95[0], metric: target.metric)) – \(StaffReport.show(e.ci95[1], metric: target.metric)))"
    }

    /// The page title of both renderings.
    var title: String { "leadsim shifts: \(plan.team) in \(scenario) with \(ruleSet)" }

    /// The line under the title: enough to reproduce the run (`code` spans as Markdown).
    var meta: String {
        "Scenario `\(scenario)` · rule set `\(ruleSet)` · seed \(seed) · \(replications) replications · requirement from \(source) · "
            + "hours in \(plan.timeZone) · leadsim \(version)"
    }

    /// The roster table: every template with its schedule, zone, cost and reps.
    var rosterTable: ReportTable {
        ReportTable(title: "Roster", header: ["template", "schedule", "zone", "cost per rep", "reps"],
                    rows: zip(plan.templates, plan.reps).map { template, reps in
                        [template.name, ScenarioValueText.schedule(template.schedule), template.timeZone ?? plan.timeZone,
                         Format.number(template.cost), "\(reps)"]
                    }, numeric: [false, false, false, true, true])
    }

    /// The simulated targets table: each target's estimate with its 95% CI, and whether it is met.
    var targetsTable: ReportTable {
        ReportTable(title: "Simulated targets", header: ["target", "roster (95% CI)", "met"],
                    rows: zip(plan.targets, plan.result.estimates).map { target, e in
                        [target.text, cell(e, target), target.isMet(by: e.mean) ? "yes" : "no"]
                    }, numeric: [false, true, false])
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# \(title)\n\n\(meta)\n\n"
        out += "## Answer\n\n\(verdict)\n\n"
        out += "The roster minimises Σ cost × reps over the templates subject to, in every hour of the week, the reps on shift "
            + "covering the whole hour being at least the requirement; GLPK's branch and cut solves it to proven optimality.\n\n"
        out += MarkdownReport.table(rosterTable, level: 2)
        out += "\n" + MarkdownReport.table(targetsTable, level: 2)
        out += "\n## Coverage by hour (on shift / required)\n\n| day | " + (0..<24).map { "\($0)" }.joined(separator: " | ") + " |\n"
        out += "|:---|" + String(repeating: "---:|", count: 24) + "\n"
        for d in 0..<7 {
            out += "| \(HourOfWeek.label(d * 24).prefix(3)) | "
                + (0..<24).map { "\(plan.coverage[d * 24 + $0])/\(plan.required[d * 24 + $0])" }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    // MARK: JSON

    public func json() -> JSONValue {
        .object([
            JSONMember("scenario", .string(scenario)), JSONMember("ruleset", .string(ruleSet)),
            JSONMember("team", .string(plan.team)), JSONMember("seed", .number(Double(seed))),
            JSONMember("replications", .number(Double(replications))), JSONMember("leadsim_version", .string(version)),
            JSONMember("requirement_from", .string(source)), JSONMember("time_zone", .string(plan.timeZone)),
            JSONMember("roster", .object(zip(plan.templates, plan.reps).map { JSONMember($0.name, .number(Double($1))) })),
            JSONMember("cost", .number(plan.cost)),
            JSONMember("templates", .array(plan.templates.map { t in
                .object([JSONMember("name", .string(t.name)), JSONMember("schedule", .string(ScenarioValueText.schedule(t.schedule))),
                         JSONMember("timezone", .string(t.timeZone ?? plan.timeZone)), JSONMember("cost", .number(t.cost))])
            })),
            JSONMember("meets_targets", .bool(meetsTargets)), JSONMember("meets_targets_safely", .bool(plan.result.meetsSafely)),
            JSONMember("targets", .array(zip(plan.targets, plan.result.estimates).map { target, e in
                .object([JSONMember("text", .string(target.text)), JSONMember("metric", .string(target.metric)),
                         JSONMember("mean", .number(e.mean)), JSONMember("ci95", .array(e.ci95.map { .number($0) })),
                         JSONMember("met", .bool(target.isMet(by: e.mean)))])
            })),
            JSONMember("hours", .array((0..<WeekGrid.hours).map { h in
                .object([JSONMember("hour", .number(Double(h))), JSONMember("label", .string(HourOfWeek.label(h))),
                         JSONMember("required", .number(Double(plan.required[h]))),
                         JSONMember("coverage", .number(Double(plan.coverage[h])))])
            })),
        ])
    }

    // MARK: roster.yaml

    /// The team's reps as scenario YAML, to paste under the scenario's `reps:` in place of the
    /// team's reps; the other rep keys come from `defaults.rep` or the team's template rep.
    public func rosterYAML() -> String {
        var out = "# leadsim shifts: the cheapest roster for team \(plan.team) (\(rosterText.isEmpty ? "no reps" : rosterText), "
            + "cost \(Format.number(plan.cost)) per week).\n"
        out += "# Paste these under `reps:` in place of the team's reps; keys not written here (capacity, touch delay,\n"
        out += "# handle time, …) come from `defaults.rep`: copy them from the team's template rep if it sets its own.\n"
        out += "reps:\n"
        for rep in plan.roster {
            out += "  - {name: \(rep.name), team: \(plan.team), schedule: \"\(ScenarioValueText.schedule(rep.schedule))\", timezone: \(rep.timeZone)}\n"
        }
        if plan.roster.isEmpty { out += "  []\n" }
        return out
    }

    // MARK: HTML

    /// `shifts.html` on the shared page frame (`HTMLPage`): the answer, the roster, the week's
    /// coverage and requirement heat maps, and the simulated targets.
    public func html() -> String {
        var body = "<section class=\"verdict\"><h2>Answer</h2><p>\(HTMLReport.inline(verdict))</p></section>\n"
        body += HTMLReport.table(rosterTable)
        body += "<figure>" + WeekHeatMap.svg(plan.coverage, title: "Reps on shift with the roster",
                                             marked: zip(plan.coverage, plan.required).map { $0 < $1 })
            + "<figcaption>Outlined: hours with fewer reps on shift than required.</figcaption></figure>\n"
        body += "<figure>" + WeekHeatMap.svg(plan.required, title: "Reps required") + "</figure>\n"
        body += HTMLReport.table(targetsTable)
        return HTMLPage.render(title: title, meta: meta, body: body)
    }
}
