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

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# leadsim shifts: \(plan.team) in \(scenario) with \(ruleSet)\n\n"
        out += "Scenario `\(scenario)` · rule set `\(ruleSet)` · seed \(seed) · \(replications) replications · requirement from \(source) · "
            + "hours in \(plan.timeZone) · leadsim \(version)\n\n"
        out += "## Answer\n\n\(verdict)\n\n"
        out += "The roster minimises Σ cost × reps over the templates subject to, in every hour of the week, the reps on shift "
            + "covering the whole hour being at least the requirement; GLPK's branch and cut solves it to proven optimality.\n\n"
        out += "## Roster\n\n| template | schedule | zone | cost per rep | reps |\n|:---|:---|:---|---:|---:|\n"
        for (template, reps) in zip(plan.templates, plan.reps) {
            out += "| \(template.name) | \(ScenarioValueText.schedule(template.schedule)) | \(template.timeZone ?? plan.timeZone) | "
                + "\(Format.number(template.cost)) | \(reps) |\n"
        }
        out += "\n## Simulated targets\n\n| target | roster (95% CI) | met |\n|:---|---:|:---|\n"
        for (target, e) in zip(plan.targets, plan.result.estimates) {
            out += "| \(target.text) | \(cell(e, target)) | \(target.isMet(by: e.mean) ? "yes" : "no") |\n"
        }
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

    public func html() -> String {
        var body = "<h1>leadsim shifts: \(SVG.escape(plan.team)) in \(SVG.escape(scenario))</h1>"
        body += "<p class=\"meta\">Scenario <code>\(SVG.escape(scenario))</code> · rule set <code>\(SVG.escape(ruleSet))</code> · seed \(seed) · \(replications) replications · requirement from \(SVG.escape(source)) · hours in \(SVG.escape(plan.timeZone)) · leadsim \(SVG.escape(version))</p>"
        body += "<h2>Answer</h2><p class=\"verdict\">\(SVG.escape(verdict))</p>"
        body += "<h2>Roster</h2><table><thead><tr><th>template</th><th>schedule</th><th>zone</th><th>cost per rep</th><th>reps</th></tr></thead><tbody>"
        for (template, reps) in zip(plan.templates, plan.reps) {
            body += "<tr><td>\(SVG.escape(template.name))</td><td>\(SVG.escape(ScenarioValueText.schedule(template.schedule)))</td>"
                + "<td>\(SVG.escape(template.timeZone ?? plan.timeZone))</td><td>\(Format.number(template.cost))</td><td>\(reps)</td></tr>"
        }
        body += "</tbody></table>"
        body += "<figure>" + WeekHeatMap.svg(plan.coverage, title: "Reps on shift with the roster",
                                             marked: zip(plan.coverage, plan.required).map { $0 < $1 }) + "</figure>"
        body += "<figure>" + WeekHeatMap.svg(plan.required, title: "Reps required") + "</figure>"
        body += "<h2>Simulated targets</h2><table><thead><tr><th>target</th><th>roster (95% CI)</th><th>met</th></tr></thead><tbody>"
        for (target, e) in zip(plan.targets, plan.result.estimates) {
            body += "<tr><td>\(SVG.escape(target.text))</td><td>\(SVG.escape(cell(e, target)))</td><td>\(target.isMet(by: e.mean) ? "yes" : "no")</td></tr>"
        }
        body += "</tbody></table>"
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>leadsim shifts: \(SVG.escape(plan.team))</title>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>\(HTMLPage.css)</style></head><body>\(body)</body></html>\n"
    }
}
