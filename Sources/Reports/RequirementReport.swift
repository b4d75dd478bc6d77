import Foundation
import Staffing
import TextFormats

/// The reports of `leadsim requirement`: reps needed on shift per hour of the week (by
/// simulation), Erlang C per hour beside them, and a heat map of the week.
public struct RequirementReport: Sendable {
    public var answer: RequirementAnswer
    public var scenario: String
    public var ruleSet: String
    public var seed: UInt64
    public var replications: Int
    public var version: String

    public init(answer: RequirementAnswer, scenario: String, ruleSet: String, seed: UInt64, replications: Int, version: String) {
        self.answer = answer
        self.scenario = scenario
        self.ruleSet = ruleSet
        self.seed = seed
        self.replications = replications
        self.version = version
    }

    var goals: String { answer.targets.map(\.text).joined(separator: ", ") }

    /// The answer in one or two sentences.
    public var verdict: String {
        let peak = answer.hours.max { $0.reps < $1.reps }!
        var text = "\(answer.team) needs \(answer.repHours) rep-hours a week on shift to meet \(goals) for the leads of every hour "
            + "(peak \(peak.reps) reps at \(HourOfWeek.label(peak.hour)), \(answer.timeZone))"
        if answer.shrinkage > 0 {
            text += "; reps on shift are rostered reps, \(Format.percent(answer.shrinkage)) of their time lost to shrinkage"
        }
        text += "."
        let stuck = answer.hours.filter(\.unimprovable)
        if !stuck.isEmpty {
            text += " \(stuck.count) \(stuck.count == 1 ? "hour misses" : "hours miss") whatever their staffing (one more rep brought their leads no closer: touch "
                + "delays running past shift ends, shrinkage, or few leads): " + Self.ranges(answer.hours.map(\.unimprovable)) + "."
        }
        let capped = answer.hours.filter { !$0.meets && !$0.unimprovable }
        if !capped.isEmpty {
            text += " \(capped.count) \(capped.count == 1 ? "hour still misses" : "hours still miss") at its cap: " + Self.ranges(answer.hours.map { !$0.meets && !$0.unimprovable }) + "."
        } else if !answer.converged && stuck.isEmpty {
            text += " The search stopped after \(answer.iterations) simulations before every hour settled."
        }
        return text
    }

    static func ranges(_ hours: [Bool]) -> String {
        WeekGrid.runs(hours).map { HourOfWeek.rangeLabel($0.first, $0.end) }.joined(separator: ", ")
    }

    var method: String {
        "Iterative staffing by simulation (after Feldman, Mandelbaum, Massey and Whitt, 2008): every hour starts at its Erlang C "
            + "requirement, the whole week is simulated (\(replications) replications, the same leads each time), each hour's targets are "
            + "read on the leads arriving in it, hours that miss get a rep and hours that can lose one lose it, until nothing changes "
            + "(\(answer.iterations) simulations). Erlang C per hour: the hour's arrival rate alone, stationary, slot holding time = "
            + "mean touch delay + mean handle time."
    }

    /// The page title of both renderings.
    var title: String { "leadsim requirement: \(answer.team) in \(scenario) with \(ruleSet)" }

    /// The line under the title: enough to reproduce the run (`code` spans as Markdown).
    var meta: String {
        "Scenario `\(scenario)` · rule set `\(ruleSet)` · seed \(seed) · \(replications) replications · targets \(goals) · "
            + "hours in \(answer.timeZone) · leadsim \(version)"
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# \(title)\n\n\(meta)\n\n"
        out += "## Answer\n\n\(verdict)\n\n\(method)\n\n"
        out += "## Reps on shift by hour (simulation / Erlang C)\n\n| day | " + (0..<24).map { "\($0)" }.joined(separator: " | ") + " |\n"
        out += "|:---|" + String(repeating: "---:|", count: 24) + "\n"
        for d in 0..<7 {
            out += "| \(HourOfWeek.label(d * 24).prefix(3)) | " + (0..<24).map { hour -> String in
                let h = answer.hours[d * 24 + hour]
                return "\(h.reps)/\(h.erlangC.map(String.init) ?? "—")" + (h.meets ? "" : "!")
            }.joined(separator: " | ") + " |\n"
        }
        out += "\n`!`: the hour's leads still miss a target at that staffing.\n"
        return out
    }

    // MARK: JSON

    public func json() -> JSONValue {
        .object([
            JSONMember("scenario", .string(scenario)), JSONMember("ruleset", .string(ruleSet)),
            JSONMember("team", .string(answer.team)), JSONMember("seed", .number(Double(seed))),
            JSONMember("replications", .number(Double(replications))), JSONMember("leadsim_version", .string(version)),
            JSONMember("time_zone", .string(answer.timeZone)),
            JSONMember("targets", .array(answer.targets.map { .string($0.text) })),
            JSONMember("shrinkage", .number(answer.shrinkage)),
            JSONMember("iterations", .number(Double(answer.iterations))), JSONMember("converged", .bool(answer.converged)),
            JSONMember("rep_hours", .number(Double(answer.repHours))),
            JSONMember("hours", .array(answer.hours.map { h in
                .object([JSONMember("hour", .number(Double(h.hour))), JSONMember("label", .string(HourOfWeek.label(h.hour))),
                         JSONMember("reps", .number(Double(h.reps))),
                         JSONMember("erlang_c", h.erlangC.map { .number(Double($0)) } ?? .null),
                         JSONMember("leads_per_week", .number(h.leadsPerWeek)), JSONMember("meets", .bool(h.meets)),
                         JSONMember("unimprovable", .bool(h.unimprovable))])
            })),
        ])
    }

    // MARK: HTML

    /// `requirement.html` on the shared page frame (`HTMLPage`): the answer, the method, and the
    /// week's heat maps (simulation, Erlang C).
    public func html() -> String {
        var body = "<section class=\"verdict\"><h2>Answer</h2><p>\(HTMLReport.inline(verdict))</p>"
            + "<p>\(HTMLReport.inline(method))</p></section>\n"
        body += "<figure>" + WeekHeatMap.svg(answer.hours.map(\.reps), title: "Reps on shift needed (simulation)",
                                             marked: answer.hours.map { !$0.meets })
            + "<figcaption>Outlined: hours whose leads still miss a target.</figcaption></figure>\n"
        body += "<figure>" + WeekHeatMap.svg(answer.hours.map { $0.erlangC ?? 0 }, title: "Erlang C per hour (stationary)")
            + "<figcaption>Erlang C for the hour's arrival rate alone (stationary); blank: no rep needed, or a target without a closed form.</figcaption></figure>\n"
        return HTMLPage.render(title: title, meta: meta, body: body)
    }
}
