import Foundation
import ScenarioFile
import SimulationModel
import Testing

@Test func specScenarioLoadsVerbatim() throws {
    let loaded = try ScenarioLoader.load(path: fixtures.appendingPathComponent("spec-scenario.yaml").path)
    let s = loaded.scenario
    #expect(s.name == "saas-inbound")
    #expect(s.reps.count == 2 + 6 + 4 + 3)
    #expect(s.teams.first?.manager == "dana")
    #expect(s.drain == 30 * 86_400)
    #expect(s.sources[0].weeklyVolume == 300)
    #expect(s.sources[0].fields.map(\.name) == ["region", "country", "employees", "score", "demo_intent", "language"])
    #expect(s.sources[0].missing == ["employees": 0.2])
    #expect(s.accounts?.owners == .team("enterprise"))
    #expect(s.enrichment?.wait == true)
    #expect(s.metrics.conversion == Conversion(base: 0.12, halfLife: 1800))
    let alice = try #require(s.reps.first { $0.name == "alice" })
    #expect(alice.capacityOpen == 30 && alice.capacityPerDay == 12 && alice.weight == 2)
    #expect(alice.absent == [DateRange(from: CalendarDate(year: 2026, month: 1, day: 26), to: CalendarDate(year: 2026, month: 1, day: 30))])
    let ent = try #require(s.reps.first { $0.name == "ent-4" })
    #expect(ent.activeFrom == CalendarDate(year: 2026, month: 1, day: 20))
    #expect(ent.schedule.weeklyHours == 4 * 10 + 6)
    // defaults.rep applies where the rep says nothing.
    #expect(ent.capacityOpen == 25)
    #expect(ent.touchDelay == .constant(900))
    #expect(s.reps.first { $0.name == "emea-3" }?.timeZone == "Europe/London")
    #expect(s.reps.first { $0.name == "dana" }?.timeZone == "America/New_York")
}

@Test func specRuleSetLoadsVerbatim() throws {
    let scenario = try ScenarioLoader.load(path: fixtures.appendingPathComponent("spec-scenario.yaml").path)
    let loaded = try RuleSetLoader.load(path: fixtures.appendingPathComponent("spec-ruleset.yaml").path)
    let r = loaded.ruleSet
    #expect(r.name == "territory-v2")
    #expect(r.routes.map(\.name) == ["named-accounts", "enterprise", "emea", "low-intent"])
    #expect(r.routes[0].destination == .accountOwner && r.routes[0].elseQueue == "enterprise")
    #expect(r.fallback == "general")
    #expect(r.queues.map(\.name) == ["enterprise", "emea", "general", "nurture"])
    guard case .human(let general) = r.queue(named: "general")?.kind else {
        Issue.record("general is not a human queue")
        return
    }
    #expect(general.members == .reps(["alice", "na-smb-1", "na-smb-2"]))
    #expect(general.overflow == Overflow(after: 3600, to: "enterprise"))
    #expect(general.order == .score)
    #expect(r.sla?.onBreach == .reassign && r.sla?.maxReassignments == 2 && r.sla?.clock == .business)
    #expect(crossCheck(scenario: scenario, ruleSet: loaded).filter(\.isError).isEmpty)
}

@Test func everyBundledScenarioLoads() throws {
    let folder = packageRoot.appendingPathComponent("Scenarios")
    let worlds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(worlds.count >= 3)
    for world in worlds {
        let dir = folder.appendingPathComponent(world)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains("scenario.yaml"), "\(world)")
        do {
            let scenario = try ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path)
            let rules = files.filter { $0 != "scenario.yaml" && $0 != "shifts.yaml" }
            if files.contains("shifts.yaml") {
                #expect(try !ShiftTemplateLoader.load(path: dir.appendingPathComponent("shifts.yaml").path).isEmpty, "\(world)")
            }
            #expect(rules.count >= 2, "\(world)")
            for file in rules {
                let ruleSet = try RuleSetLoader.load(path: dir.appendingPathComponent(file).path)
                let errors = crossCheck(scenario: scenario, ruleSet: ruleSet).filter(\.isError)
                #expect(errors.isEmpty, "\(world)/\(file): \(errors)")
            }
        } catch {
            Issue.record("\(world): \(error)")
        }
    }
}

@Test func repExpansionAndDefaultsMerge() throws {
    let s = try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml").scenario
    #expect(s.reps.map(\.name) == ["boss", "na-1", "na-2", "na-3"])
    let boss = s.reps[0], one = s.reps[1]
    // capacity merges key by key: the rep's `open`, the defaults' `per_day`.
    #expect(one.capacityOpen == 10 && one.capacityPerDay == 12)
    #expect(boss.capacityOpen == 25 && boss.capacityPerDay == 12)
    #expect(one.touchDelay == .constant(600))
    #expect(boss.handleTime == .exponential(mean: 86_400))
    #expect(boss.schedule == .defaultBusinessHours)
    #expect(one.skills == ["en"] && boss.skills.isEmpty)
    #expect(boss.weight == 1)
}

@Test func conditionsParse() throws {
    let c = try RuleSetLoader.condition(yaml: """
        {region: EMEA, employees: ">= 1000", language: [en, de], score: {between: [10, 20]}, country: "NO",
         title: {matches: "^(ceo|cto)$"}, any: [{demo_intent: false}, {plan: {not: free}}], email: missing}
        """)
    guard case .all(let parts) = c else {
        Issue.record("expected an AND")
        return
    }
    #expect(parts.count == 8)
    if case .field("region", .equals(let v)) = parts[0] { #expect(v == .text("EMEA")) } else { Issue.record("region") }
    if case .field("employees", .compare(let op, let v)) = parts[1] {
        #expect(op == .greaterOrEqual && v == .number(1000))
    } else { Issue.record("employees") }
    if case .field("country", .equals(let v)) = parts[4] { #expect(v == .text("NO")) } else { Issue.record("country") }
    if case .any(let alts) = parts[6], case .field("demo_intent", .equals(let v)) = alts[0] {
        #expect(v == .bool(false))
    } else { Issue.record("any") }
    if case .field("email", .missing) = parts[7] {} else { Issue.record("missing") }
}

/// SPEC §1: `{weibull: {scale, shape}}` (durations) and `/month` rates (a month is 365.25/12 days).
@Test func weibullDelaysAndMonthlyRatesLoad() throws {
    let yaml = minimalScenario.replacing1("touch_delay: 10m", "touch_delay: {weibull: {scale: 20m, shape: 0.8}}")
        .replacing1("100/week", "600/month")
    let s = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
    #expect(s.reps[1].touchDelay == .weibull(scale: 1200, shape: 0.8))
    #expect(abs(s.sources[0].weeklyVolume - 600 * 7 / 30.4375) < 1e-9)
    let bad = minimalScenario.replacing1("touch_delay: 10m", "touch_delay: {weibull: {scale: 20m, shape: 0}}")
    #expect(throws: LoadFailure.self) { try ScenarioLoader.load(yaml: bad, file: "s.yaml") }
}

/// SPEC §7: `source` is built in; a source may not declare a field of that name, nor replay a column as it.
@Test func sourceIsABuiltInFieldName() throws {
    let declared = minimalScenario.replacing1("      region: {NA: 60, EMEA: 40}", "      region: {NA: 60, EMEA: 40}\n      source: {web: 1}")
    #expect(throws: LoadFailure.self) { try ScenarioLoader.load(yaml: declared, file: "s.yaml") }
    do {
        _ = try ScenarioLoader.load(yaml: declared, file: "s.yaml")
    } catch {
        #expect(error.description.contains("'source' is a built-in field"), "\(error)")
    }
}
