import Foundation
import ScenarioFile
import SimulationModel
import Testing

/// One broken file per diagnostic class: where the error points and what it suggests.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var name: String
    var yaml: String
    var line: Int
    /// Text on `line` that the caret must point at (column = its offset + 1).
    var at: String
    var keyPath: String
    var message: String
    var suggestion: String? = nil

    var testDescription: String { name }
}

/// The 1-based column of `needle` on `line` of `yaml`.
func column(in yaml: String, line: Int, of needle: String) -> Int {
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count, let range = lines[line - 1].range(of: needle, options: .backwards) else { return -1 }
    return lines[line - 1].unicodeScalars.distance(from: lines[line - 1].startIndex, to: range.lowerBound) + 1
}

func check(_ c: DiagnosticCase, _ diagnostics: [Diagnostic]) {
    let hit = diagnostics.first { $0.keyPath == c.keyPath && $0.message.contains(c.message) }
    guard let hit else {
        Issue.record("\(c.name): no diagnostic at \(c.keyPath) containing '\(c.message)'; got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        return
    }
    #expect(hit.line == c.line, "\(c.name)")
    #expect(hit.column == column(in: c.yaml, line: c.line, of: c.at), "\(c.name): \(hit)")
    if let suggestion = c.suggestion { #expect(hit.suggestion == suggestion, "\(c.name): \(hit)") }
    #expect(hit.description.contains("\(hit.file):\(hit.line):\(hit.column): error: \(c.keyPath)"))
    #expect(hit.description.contains("^"))
}

let scenarioCases: [DiagnosticCase] = [
    DiagnosticCase(name: "unknown key", yaml: minimalScenario.replacing1("    volume: 100/week", "    volum: 100/week"),
                   line: 9, at: "volum", keyPath: "sources[0].volum", message: "unknown key 'volum'", suggestion: "volume"),
    DiagnosticCase(name: "duration unit", yaml: minimalScenario.replacing1("horizon: 7d", "horizon: 7 days"),
                   line: 4, at: "7 days", keyPath: "horizon", message: "not a duration unit", suggestion: "7d"),
    DiagnosticCase(name: "bare number duration", yaml: minimalScenario.replacing1("horizon: 7d", "horizon: 7"),
                   line: 4, at: "7", keyPath: "horizon", message: "needs a unit", suggestion: "7m"),
    DiagnosticCase(name: "rate unit", yaml: minimalScenario.replacing1("100/week", "100/fortnight"),
                   line: 9, at: "100/", keyPath: "sources[0].volume", message: "not a rate unit"),
    DiagnosticCase(name: "time zone", yaml: minimalScenario.replacing1("America/New_York", "America/NewYork"),
                   line: 3, at: "America", keyPath: "timezone", message: "unknown time zone", suggestion: "America/New_York"),
    DiagnosticCase(name: "wrong type", yaml: minimalScenario.replacing1("replications: 2", "replications: many"),
                   line: 5, at: "many", keyPath: "replications", message: "expected a whole number"),
    DiagnosticCase(name: "huge count", yaml: minimalScenario.replacing1("count: 3", "count: 99999999999999999999"),
                   line: 19, at: "99999999999999999999", keyPath: "reps[1].count", message: "too large"),
    DiagnosticCase(name: "count above cap", yaml: minimalScenario.replacing1("count: 3", "count: 20000"),
                   line: 19, at: "20000", keyPath: "reps[1].count", message: "at most 10000"),
    DiagnosticCase(name: "unknown team", yaml: minimalScenario.replacing1("    team: na\n", "    team: nq\n"),
                   line: 18, at: "nq", keyPath: "reps[0].team", message: "unknown team 'nq'", suggestion: "na"),
    DiagnosticCase(name: "unknown manager", yaml: minimalScenario.replacing1("manager: boss", "manager: bos"),
                   line: 15, at: "bos", keyPath: "teams[0].manager", message: "is not a rep", suggestion: "boss"),
    DiagnosticCase(name: "by field undefined", yaml: minimalScenario.replacing1("by: region", "by: regon"),
                   line: 12, at: "regon", keyPath: "sources[0].fields.language.by", message: "declared earlier",
                   suggestion: "region"),
    DiagnosticCase(name: "share out of range", yaml: minimalScenario.replacing1("teams:", "    missing: {region: 1.5}\nteams:"),
                   line: 13, at: "1.5", keyPath: "sources[0].missing.region", message: "above 1", suggestion: "1.5%"),
    DiagnosticCase(name: "weight not positive", yaml: minimalScenario.replacing1("EMEA: 40", "EMEA: 0"),
                   line: 11, at: "0}", keyPath: "sources[0].fields.region.EMEA", message: "greater than 0"),
    DiagnosticCase(name: "duplicate rep", yaml: minimalScenario.replacing1("defaults:", "  - name: na-2\n    team: na\ndefaults:"),
                   line: 24, at: "na-2", keyPath: "reps[2].name", message: "duplicate rep name 'na-2'"),
    DiagnosticCase(name: "empty team", yaml: minimalScenario.replacing1("reps:", "  - name: ghost\nreps:"),
                   line: 16, at: "ghost", keyPath: "teams[1].name", message: "has no reps"),
    DiagnosticCase(name: "negative duration distribution",
                   yaml: minimalScenario.replacing1("touch_delay: 10m", "touch_delay: {normal: {mean: 10m, sd: 5m}}"),
                   line: 25, at: "normal", keyPath: "defaults.rep.touch_delay.normal", message: "negative durations"),
    DiagnosticCase(name: "distribution parameter", yaml: minimalScenario.replacing1("touch_delay: 10m", "touch_delay: {lognormal: {median: 10m, sigma: 0}}"),
                   line: 25, at: "0}", keyPath: "defaults.rep.touch_delay.lognormal.sigma", message: "greater than 0"),
    DiagnosticCase(name: "schedule", yaml: minimalScenario.replacing1("    team: na\n", "    team: na\n    schedule: weekdays 09:00-25:00\n"),
                   line: 19, at: "weekdays", keyPath: "reps[0].schedule", message: "not a time of day"),
    DiagnosticCase(name: "count without {i}", yaml: minimalScenario.replacing1("name: na-{i}", "name: na"),
                   line: 20, at: "na", keyPath: "reps[1].name", message: "needs '{i}'", suggestion: "na-{i}"),
    DiagnosticCase(name: "missing key", yaml: minimalScenario.replacing1("horizon: 7d\n", ""),
                   line: 1, at: "name", keyPath: "", message: "missing required key 'horizon'"),
    DiagnosticCase(name: "duplicate YAML key", yaml: minimalScenario.replacing1("seed: 1\n", "seed: 1\nseed: 2\n"),
                   line: 7, at: "seed", keyPath: "", message: "duplicate key 'seed'"),
    DiagnosticCase(name: "YAML syntax", yaml: minimalScenario.replacing1("    volume: 100/week", "    volume: 100/week: x"),
                   line: 9, at: ": x", keyPath: "", message: "YAML syntax error"),
    DiagnosticCase(name: "bad date", yaml: minimalScenario.replacing1("start: 2026-01-05T00:00", "start: 2026-02-30T00:00"),
                   line: 2, at: "2026", keyPath: "start", message: "not a timestamp"),
    DiagnosticCase(name: "hour_of_week length", yaml: hourOfWeekScenario(Array(repeating: "1", count: 167)),
                   line: 10, at: "[", keyPath: "sources[0].pattern.hour_of_week", message: "expected 168 hour-of-week weights (Monday 00:00 first), found 167"),
    DiagnosticCase(name: "hour_of_week negative", yaml: hourOfWeekScenario(["-1"] + Array(repeating: "1", count: 167)),
                   line: 10, at: "-1", keyPath: "sources[0].pattern.hour_of_week[0]", message: "must be at least 0"),
    DiagnosticCase(name: "hour_of_week zeros", yaml: hourOfWeekScenario(Array(repeating: "0", count: 168)),
                   line: 10, at: "[", keyPath: "sources[0].pattern.hour_of_week", message: "all weights are 0"),
    DiagnosticCase(name: "hour_of_week with hourly", yaml: hourOfWeekScenario(Array(repeating: "1", count: 168), extra: ", hourly: [1]"),
                   line: 10, at: "hourly", keyPath: "sources[0].pattern.hourly", message: "does not combine with 'hourly'"),
    DiagnosticCase(name: "hour_of_week typo", yaml: minimalScenario.replacing1("    volume: 100/week", "    volume: 100/week\n    pattern: {hour_of_wek: [1]}"),
                   line: 10, at: "hour_of_wek", keyPath: "sources[0].pattern.hour_of_wek", message: "unknown key", suggestion: "hour_of_week"),
    DiagnosticCase(name: "boolean", yaml: minimalScenario.replacing1("    skills: [en]", "    template: yes"),
                   line: 23, at: "yes", keyPath: "reps[1].template", message: "expected true or false", suggestion: "true"),
    DiagnosticCase(name: "team time zone", yaml: minimalScenario.replacing1("manager: boss", "manager: boss\n    timezone: Europe/Londn"),
                   line: 16, at: "Europe", keyPath: "teams[0].timezone", message: "unknown time zone", suggestion: "Europe/London"),
    DiagnosticCase(name: "team business hours", yaml: minimalScenario.replacing1("manager: boss", "manager: boss\n    business_hours: weekdays 9-17"),
                   line: 16, at: "weekdays", keyPath: "teams[0].business_hours", message: "is not a time of day"),
    DiagnosticCase(name: "team holiday", yaml: minimalScenario.replacing1("manager: boss", "manager: boss\n    holidays: [2026-02-30]"),
                   line: 16, at: "2026", keyPath: "teams[0].holidays[0]", message: "is not a calendar date"),
]

/// The minimal scenario with `pattern: {hour_of_week: [weights]EXTRA}` on line 10.
func hourOfWeekScenario(_ weights: [String], extra: String = "") -> String {
    minimalScenario.replacing1("    volume: 100/week", "    volume: 100/week\n    pattern: {hour_of_week: [\(weights.joined(separator: ", "))]\(extra)}")
}

@Test func hourOfWeekPatternLoads() throws {
    let weights = (0..<168).map { String($0 % 7) }
    let scenario = try ScenarioLoader.load(yaml: hourOfWeekScenario(weights), file: "s.yaml")
    #expect(scenario.scenario.sources[0].pattern == .hourOfWeek((0..<168).map { Double($0 % 7) }))
}

@Test(arguments: scenarioCases + accountCases)
func scenarioDiagnostic(_ c: DiagnosticCase) {
    check(c, scenarioErrors(c.yaml))
}

let ruleCases: [DiagnosticCase] = [
    DiagnosticCase(name: "unknown queue", yaml: minimalRules.replacing1("    to: main", "    to: mian"),
                   line: 5, at: "mian", keyPath: "routes[0].to", message: "not a queue", suggestion: "main"),
    DiagnosticCase(name: "unknown strategy", yaml: minimalRules.replacing1("round-robin", "round-robbin"),
                   line: 8, at: "round", keyPath: "queues.main.strategy", message: "unknown strategy", suggestion: "round-robin"),
    DiagnosticCase(name: "overflow to itself", yaml: minimalRules.replacing1("round-robin}", "round-robin, overflow: {after: 1h, to: main}}"),
                   line: 8, at: "main}}", keyPath: "queues.main.overflow.to", message: "overflows to itself"),
    DiagnosticCase(name: "overflow after 0s", yaml: minimalRules.replacing1("round-robin}", "round-robin, overflow: {after: 0s, to: bots}}"),
                   line: 8, at: "0s", keyPath: "queues.main.overflow.after", message: "after: 0s"),
    DiagnosticCase(name: "overflow unknown", yaml: minimalRules.replacing1("round-robin}", "round-robin, overflow: {after: 1h, to: bot}}"),
                   line: 8, at: "bot}}", keyPath: "queues.main.overflow.to", message: "not a queue", suggestion: "bots"),
    DiagnosticCase(name: "unknown fallback", yaml: minimalRules.replacing1("fallback: main", "fallback: mains"),
                   line: 6, at: "mains", keyPath: "fallback", message: "not a queue", suggestion: "main"),
    DiagnosticCase(name: "bad regex", yaml: minimalRules.replacing1("{region: EMEA}", "{region: {matches: \"[a-\"}}"),
                   line: 4, at: "\"[a-", keyPath: "routes[0].when.region.matches", message: "not a valid regular expression"),
    DiagnosticCase(name: "unknown test", yaml: minimalRules.replacing1("{region: EMEA}", "{region: {contians: EM}}"),
                   line: 4, at: "contians", keyPath: "routes[0].when.region.contians", message: "unknown test", suggestion: "contains"),
    DiagnosticCase(name: "comparison typo", yaml: minimalRules.replacing1("{region: EMEA}", "{employees: \"=> 100\"}"),
                   line: 4, at: "\"=>", keyPath: "routes[0].when.employees", message: "not a comparison operator", suggestion: ">= 100"),
    DiagnosticCase(name: "doubled comparison", yaml: minimalRules.replacing1("{region: EMEA}", "{employees: \">== 1000\"}"),
                   line: 4, at: "\">==", keyPath: "routes[0].when.employees", message: "'>==' is not a comparison operator",
                   suggestion: ">= 1000"),
    DiagnosticCase(name: "spaced comparison", yaml: minimalRules.replacing1("{region: EMEA}", "{employees: \"< < 5\"}"),
                   line: 4, at: "\"<", keyPath: "routes[0].when.employees", message: "'<<' is not a comparison operator",
                   suggestion: "< 5"),
    DiagnosticCase(name: "duplicate route", yaml: minimalRules.replacing1("fallback:", "  - name: emea\n    to: bots\nfallback:"),
                   line: 6, at: "emea", keyPath: "routes[1].name", message: "duplicate route name"),
    DiagnosticCase(name: "sla clock", yaml: minimalRules + "\n  clock: bussiness",
                   line: 12, at: "bussiness", keyPath: "sla.clock", message: "unknown SLA clock", suggestion: "business"),
    DiagnosticCase(name: "else without account-owner", yaml: minimalRules.replacing1("    to: main", "    to: main\n    else: bots"),
                   line: 6, at: "bots", keyPath: "routes[0].else", message: "only applies"),
    DiagnosticCase(name: "queue sla word", yaml: minimalRules.replacing1("round-robin}", "round-robin, sla: nonsense}"),
                   line: 8, at: "nonsense}", keyPath: "queues.main.sla", message: "a queue's sla is 'none' or a mapping"),
    DiagnosticCase(name: "queue sla typo", yaml: minimalRules.replacing1("round-robin}", "round-robin, sla: nnoe}"),
                   line: 8, at: "nnoe}", keyPath: "queues.main.sla", message: "'none' or a mapping", suggestion: "none"),
    DiagnosticCase(name: "queue sla key", yaml: minimalRules.replacing1("round-robin}", "round-robin, sla: {first_touch: 15m, clok: business}}"),
                   line: 8, at: "clok", keyPath: "queues.main.sla.clok", message: "unknown key 'clok'", suggestion: "clock"),
    DiagnosticCase(name: "queue sla escalate_to", yaml: minimalRules.replacing1(
                       "round-robin}", "round-robin, sla: {first_touch: 15m, on_breach: escalate, escalate_to: bot}}"),
                   line: 8, at: "bot}}", keyPath: "queues.main.sla.escalate_to", message: "not a queue", suggestion: "bots"),
]

@Test(arguments: ruleCases)
func ruleSetDiagnostic(_ c: DiagnosticCase) {
    check(c, ruleErrors(c.yaml))
}

let crossCases: [DiagnosticCase] = [
    DiagnosticCase(name: "queue team", yaml: minimalRules.replacing1("team: na", "team: nx"),
                   line: 8, at: "nx", keyPath: "queues.main.team", message: "is not a team", suggestion: "na"),
    DiagnosticCase(name: "queue reps", yaml: minimalRules.replacing1("team: na", "reps: [boss, na-4]"),
                   line: 8, at: "na-4", keyPath: "queues.main.reps[1]", message: "is not a rep", suggestion: "na-1"),
    DiagnosticCase(name: "skill field", yaml: minimalRules.replacing1("round-robin}", "round-robin, skill: langauge}"),
                   line: 8, at: "langauge", keyPath: "queues.main.skill", message: "no source generates", suggestion: "language"),
    DiagnosticCase(name: "account owner", yaml: minimalRules.replacing1("    to: main", "    to: account-owner"),
                   line: 5, at: "account-owner", keyPath: "routes[0].to", message: "has no accounts"),
    DiagnosticCase(name: "escalate without manager", yaml: minimalRules.replacing1("team: na", "reps: [boss]") + "\n  on_breach: escalate",
                   line: 12, at: "escalate", keyPath: "sla.on_breach", message: "cannot find a manager"),
    DiagnosticCase(name: "queue sla escalate without manager",
                   yaml: minimalRules.replacing1("team: na", "reps: [boss], sla: {first_touch: 15m, on_breach: escalate}"),
                   line: 8, at: "escalate}", keyPath: "queues.main.sla.on_breach", message: "cannot find a manager"),
]

/// A queue with `sla: none` needs no manager for the rule set's `escalate`, and one with its own
/// SLA answers for itself; the queues it overflows into are checked for its leads.
@Test func escalationManagersFollowEachQueuesSLA() throws {
    let scenario = try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml")
    let exempt = try RuleSetLoader.load(yaml: minimalRules.replacing1("team: na", "reps: [boss], sla: none") + "\n  on_breach: escalate",
                                        file: "r.yaml")
    #expect(crossCheck(scenario: scenario, ruleSet: exempt).filter(\.isError).isEmpty)
    let chained = try RuleSetLoader.load(yaml: minimalRules.replacing1(
        "main: {team: na, strategy: round-robin}",
        "main: {team: na, sla: {first_touch: 15m, on_breach: escalate}, overflow: {after: 1h, to: side}}\n  side: {reps: [boss], sla: none}"),
        file: "r.yaml")
    let errors = crossCheck(scenario: scenario, ruleSet: chained).filter(\.isError)
    #expect(errors.map(\.keyPath) == ["queues.main.sla.on_breach"] && errors[0].message.contains("queue 'side'"), "\(errors)")
}

@Test(arguments: crossCases + poolCases)
func crossCheckDiagnostic(_ c: DiagnosticCase) throws {
    let scenario = try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml")
    let rules = try RuleSetLoader.load(yaml: c.yaml, file: "r.yaml")
    check(c, crossCheck(scenario: scenario, ruleSet: rules).filter(\.isError))
}

@Test func warningForUnknownConditionValue() throws {
    let scenario = try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml")
    let rules = try RuleSetLoader.load(yaml: minimalRules.replacing1("region: EMEA", "region: EMAE"), file: "r.yaml")
    let warnings = crossCheck(scenario: scenario, ruleSet: rules)
    let hit = try #require(warnings.first { $0.keyPath == "routes[0].when.region" })
    #expect(hit.severity == .warning)
    #expect(hit.line == 4)
    #expect(hit.suggestion == "EMEA")
}

@Test func allErrorsOfAFileAtOnce() {
    let yaml = minimalScenario.replacing1("horizon: 7d", "horizon: 7").replacing1("100/week", "100/fortnight")
        .replacing1("manager: boss", "manager: bos")
    let errors = scenarioErrors(yaml)
    #expect(errors.count >= 3)
    #expect(errors.map(\.line) == errors.map(\.line).sorted())
}

@Test func failureRendersEveryDiagnostic() {
    do {
        _ = try ScenarioLoader.load(yaml: minimalScenario.replacing1("horizon: 7d", "horizon: soon"), file: "s.yaml")
        Issue.record("expected a failure")
    } catch {
        let text = error.description
        #expect(text.contains("s.yaml:4:10: error: horizon:"))
        #expect(text.contains("    horizon: soon\n             ^"))
        #expect(text.contains("  valid: a duration"))
        #expect(text.hasSuffix("1 error"))
    }
}
