import Foundation
import ScenarioFile
import SimulationModel
import Testing

// An independent validator (Python jsonschema) must accept every file leadsim ships and reject
// the structurally broken files the loader rejects. Skipped, with this reason, without python3.

let skipWithoutPython = ConditionTrait.enabled(if: python3 != nil,
                                               "python3 is not on the PATH: the schemas are not checked with an independent validator")

@Test(skipWithoutPython)
func bundledFilesMatchTheSchemas() throws {
    var documents: [PythonValidator.Document] = []
    for (kind, path) in try bundledFiles() {
        let yaml = try text(packageRoot.appendingPathComponent(path))
        documents.append(.init(schema: kind.rawValue, name: path, yaml: yaml))
        #expect(yaml.hasPrefix("# yaml-language-server: $schema=../../Schemas/\(kind.rawValue).schema.json\n"),
                "\(path) should start with the yaml-language-server line")
    }
    #expect(documents.count >= 9)
    let fixtures = packageRoot.appendingPathComponent("Tests/ScenarioFileTests/Fixtures")
    documents.append(.init(schema: "scenario", name: "spec-scenario.yaml",
                           yaml: try text(fixtures.appendingPathComponent("spec-scenario.yaml"))))
    documents.append(.init(schema: "rules", name: "spec-ruleset.yaml",
                           yaml: try text(fixtures.appendingPathComponent("spec-ruleset.yaml"))))
    for file in StarterProject.files where file.path.hasSuffix(".yaml") {
        documents.append(.init(schema: file.path == StarterProject.scenarioFile ? "scenario" : "rules",
                               name: "init/\(file.path)", yaml: file.contents))
    }
    documents.append(.init(schema: "scenario", name: "base scenario", yaml: baseScenario))
    documents.append(.init(schema: "rules", name: "base rules", yaml: baseRules))
    let errors = try PythonValidator.errors(documents)
    for document in documents {
        #expect(errors[document.name] == [], "\(document.name): \(errors[document.name] ?? ["not checked"])")
    }
}

/// A small valid scenario the broken cases change one line of.
let baseScenario = """
    name: tiny
    start: 2026-01-05T00:00
    timezone: America/New_York
    horizon: 7d
    replications: 2
    business_hours: weekdays 09:00-18:00
    holidays: [2026-01-19]
    sources:
      - name: web
        volume: 100/week
        pattern: business-hours
        patience: {exponential: {mean: 2d}}
        fields:
          region: {NA: 60, EMEA: 40}
          language: {by: region, NA: {en: 1}, EMEA: {en: 2, de: 1}}
          employees: {lognormal: {median: 150, sigma: 1.6}, integer: true}
        account_match: 10%
    accounts: {count: 100, owners: {team: na}}
    teams:
      - name: na
    reps:
      - count: 3
        name: na-{i}
        team: na
        schedule: Mon-Thu 08:00-16:00, Fri 08:00-12:00
        capacity: {open: 10}
        skills: [en]
        touch_delay: {lognormal: {median: 12m, sigma: 0.9}}
        absent: [{from: 2026-01-26, to: 2026-01-30}, 2026-02-02]
    """

let baseRules = """
    name: simple
    routes:
      - name: emea
        when: {region: EMEA, language: [en, de], employees: ">= 100"}
        to: main
      - name: any
        when: {any: [{employees: {between: [1, 10]}}, {not: {region: NA}}]}
        to: bots
    fallback: main
    queues:
      main: {team: na, strategy: round-robin, max_wait: 8h}
      bots: automated
    sla:
      first_touch: 1h
      clock: business
      on_breach: reassign
    """

/// A structurally broken variant: which base, the line to replace, and its replacement.
struct BrokenCase: CustomStringConvertible, Sendable {
    var kind: FileFormat.Kind
    var old: String
    var new: String
    var why: String

    var description: String { why }

    var yaml: String {
        let base = kind == .scenario ? baseScenario : baseRules
        guard let range = base.range(of: old) else { return "(fixture lacks \(old))" }
        return base.replacingCharacters(in: range, with: new)
    }
}

let brokenCases: [BrokenCase] = [
    // Unknown keys.
    BrokenCase(kind: .scenario, old: "horizon: 7d", new: "horizn: 7d", why: "unknown top-level key"),
    BrokenCase(kind: .scenario, old: "skills: [en]", new: "skils: [en]", why: "unknown rep key"),
    BrokenCase(kind: .scenario, old: "capacity: {open: 10}", new: "capacity: {open: 10, max: 3}", why: "unknown capacity key"),
    BrokenCase(kind: .scenario, old: "{exponential: {mean: 2d}}", new: "{exponential: {mean: 2d, sd: 1d}}",
               why: "unknown distribution parameter"),
    BrokenCase(kind: .rules, old: "max_wait: 8h", new: "max_wiat: 8h", why: "unknown queue key"),
    BrokenCase(kind: .rules, old: "    to: bots", new: "    to: bots\n    els: main", why: "unknown route key"),
    BrokenCase(kind: .rules, old: "clock: business", new: "clock: business\n  breach: none", why: "unknown SLA key"),
    // Wrong types.
    BrokenCase(kind: .scenario, old: "replications: 2", new: "replications: many", why: "text for a number"),
    BrokenCase(kind: .scenario, old: "capacity: {open: 10}", new: "capacity: 10", why: "number for a mapping"),
    BrokenCase(kind: .scenario, old: "skills: [en]", new: "skills: {en: 1}", why: "mapping for a list"),
    BrokenCase(kind: .scenario, old: "holidays: [2026-01-19]", new: "holidays: 2026-01-19", why: "date for a list of dates"),
    BrokenCase(kind: .rules, old: "bots: automated", new: "bots: robots", why: "queue neither automated nor a mapping"),
    BrokenCase(kind: .rules, old: "main: {team: na,", new: "main: {team: na, reps: [na-1],", why: "queue with team and reps"),
    BrokenCase(kind: .rules, old: "{any: [{employees: {between: [1, 10]}}, {not: {region: NA}}]}",
               new: "{any: {employees: {between: [1, 10]}}}", why: "any: not a list"),
    BrokenCase(kind: .rules, old: "employees: \">= 100\"}", new: "employees: \">= 100\", rep: {matches: a, contains: b}}",
               why: "test map with two operators"),
    // Bad enum words.
    BrokenCase(kind: .rules, old: "strategy: round-robin", new: "strategy: round-robbin", why: "unknown strategy"),
    BrokenCase(kind: .rules, old: "clock: business", new: "clock: business-hours", why: "unknown SLA clock"),
    BrokenCase(kind: .rules, old: "on_breach: reassign", new: "on_breach: reasign", why: "unknown breach action"),
    BrokenCase(kind: .rules, old: "max_wait: 8h", new: "order: oldest", why: "unknown order"),
    BrokenCase(kind: .scenario, old: "pattern: business-hours", new: "pattern: weekly", why: "unknown arrival pattern"),
    BrokenCase(kind: .rules, old: "{between: [1, 10]}", new: "{regex: x}", why: "unknown test operator"),
    BrokenCase(kind: .rules, old: "\">= 100\"", new: "\"=> 100\"", why: "mistyped comparison"),
    BrokenCase(kind: .rules, old: "\">= 100\"", new: "\">== 100\"", why: "doubled comparison"),
    // Bad value syntax.
    BrokenCase(kind: .scenario, old: "horizon: 7d", new: "horizon: 7", why: "duration without a unit"),
    BrokenCase(kind: .scenario, old: "horizon: 7d", new: "horizon: 7 days", why: "duration with a word unit"),
    BrokenCase(kind: .scenario, old: "median: 12m", new: "median: 12mins", why: "duration parameter with a bad unit"),
    BrokenCase(kind: .rules, old: "first_touch: 1h", new: "first_touch: 60", why: "SLA without a unit"),
    BrokenCase(kind: .rules, old: "max_wait: 8h", new: "max_wait: -8h", why: "negative duration"),
    BrokenCase(kind: .scenario, old: "volume: 100/week", new: "volume: 100", why: "rate without a unit"),
    BrokenCase(kind: .scenario, old: "volume: 100/week", new: "volume: 100/fortnight", why: "rate with a bad unit"),
    BrokenCase(kind: .scenario, old: "account_match: 10%", new: "account_match: 1.5", why: "share above 1"),
    BrokenCase(kind: .scenario, old: "Mon-Thu 08:00-16:00", new: "Mon-Thur 8-16", why: "schedule without HH:MM"),
    BrokenCase(kind: .scenario, old: "business_hours: weekdays", new: "business_hours: weekdayz", why: "schedule with a bad day"),
    BrokenCase(kind: .scenario, old: "start: 2026-01-05T00:00", new: "start: 2026-01-05T0:00", why: "timestamp with H:MM"),
    BrokenCase(kind: .scenario, old: "to: 2026-01-30", new: "to: 2026-13-30", why: "date with month 13"),
    BrokenCase(kind: .scenario, old: "timezone: America/New_York", new: "timezone: New York", why: "time zone with a space"),
    // Distributions.
    BrokenCase(kind: .scenario, old: "{lognormal: {median: 12m, sigma: 0.9}}", new: "{beta: {a: 2, b: 3}}",
               why: "beta for a duration"),
    BrokenCase(kind: .scenario, old: "{lognormal: {median: 12m, sigma: 0.9}}", new: "{normal: {mean: 12m, sd: 1m}}",
               why: "normal for a duration"),
    BrokenCase(kind: .scenario, old: "{exponential: {mean: 2d}}", new: "{exponential: {mean: 2d}, constant: 1d}",
               why: "two distribution kinds"),
    BrokenCase(kind: .scenario, old: "{lognormal: {median: 12m, sigma: 0.9}}", new: "{uniform: [1m]}",
               why: "uniform with one bound"),
    BrokenCase(kind: .scenario, old: "sigma: 1.6", new: "sigma: 0", why: "lognormal sigma 0"),
    // Missing required keys and reserved names.
    BrokenCase(kind: .scenario, old: "horizon: 7d\n", new: "", why: "missing horizon"),
    BrokenCase(kind: .rules, old: "first_touch: 1h", new: "clock: wall", why: "SLA without first_touch"),
    BrokenCase(kind: .scenario, old: "region: {NA: 60, EMEA: 40}", new: "account: {NA: 60, EMEA: 40}\n      region: {NA: 60, EMEA: 40}",
               why: "reserved field 'account'"),
    BrokenCase(kind: .scenario, old: "count: 3", new: "count: 0", why: "rep count 0"),
]

@Test(skipWithoutPython)
func brokenFilesAreRejectedByLoaderAndSchema() throws {
    var documents: [PythonValidator.Document] = []
    for broken in brokenCases {
        let yaml = broken.yaml
        #expect(!yaml.hasPrefix("(fixture lacks"), "\(broken): \(yaml)")
        let loaderErrors: [Diagnostic]
        do {
            if broken.kind == .scenario {
                _ = try ScenarioLoader.load(yaml: yaml, file: "s.yaml")
            } else {
                _ = try RuleSetLoader.load(yaml: yaml, file: "r.yaml")
            }
            loaderErrors = []
        } catch {
            loaderErrors = error.errors
        }
        #expect(!loaderErrors.isEmpty, "the loader accepts: \(broken)")
        documents.append(.init(schema: broken.kind.rawValue, name: broken.why, yaml: yaml))
    }
    let errors = try PythonValidator.errors(documents)
    for broken in brokenCases {
        #expect(errors[broken.why]?.isEmpty == false, "the schema accepts: \(broken)")
    }
}

@Test func baseFilesLoad() throws {
    let scenario = try ScenarioLoader.load(yaml: baseScenario, file: "s.yaml")
    let rules = try RuleSetLoader.load(yaml: baseRules, file: "r.yaml")
    #expect(crossCheck(scenario: scenario, ruleSet: rules).filter(\.isError).isEmpty)
}
