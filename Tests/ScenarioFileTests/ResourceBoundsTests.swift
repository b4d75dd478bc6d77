import Foundation
import ScenarioFile
import SimulationModel
import Testing

/// Inputs that once crashed, hung or ran out of memory are refused with an error that names
/// the limit, quickly (each case loads in well under a second).
@Suite struct ResourceBoundsTests {
    /// A rule set whose first route's condition is `any` nested `depth` deep.
    func nestedRules(_ key: String, depth: Int) -> String {
        var condition = "{region: EMEA}"
        for _ in 0..<depth { condition = key == "not" ? "{not: \(condition)}" : "{\(key): [\(condition), {region: NA}]}" }
        return minimalRules.replacing1("{region: EMEA}", condition)
    }

    @Test(arguments: ["any", "all", "not"])
    func conditionsNestedBeyondTheLimitAreRefused(_ key: String) {
        #expect(ruleErrors(nestedRules(key, depth: 32)).isEmpty)
        let errors = ruleErrors(nestedRules(key, depth: 40))
        #expect(errors.count == 1, "\(errors.map(\.description))")
        #expect(errors.first?.message.contains("more than 32 deep") == true, "\(errors)")
        #expect(errors.first?.line == 4)
    }

    @Test func notInsideNotIsBounded() {
        var test = "EMEA"
        for _ in 0..<40 { test = "{not: \(test)}" }
        let errors = ruleErrors(minimalRules.replacing1("{region: EMEA}", "{region: \(test)}"))
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("not inside not") == true, "\(errors)")
    }

    @Test func anAliasBombIsRefusedBeforeAnythingWalksIt() {
        var bomb = "x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 { bomb += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let started = Date()
        let errors = scenarioErrors(bomb + minimalScenario)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("more than 1000000 YAML nodes") == true, "\(errors)")
    }

    @Test func modestAliasesStillLoad() {
        let yaml = minimalScenario.replacing1("reps:", "reps:\n  - &lead {name: lead, team: na}")
        #expect(scenarioErrors(yaml).isEmpty)
    }

    @Test(arguments: [0, 1])
    func veryLongNumbersInDurationsAreErrorsShownClipped(_ variant: Int) {
        let digits = String(repeating: variant == 0 ? "9" : "1", count: 100_000)
        let line = variant == 0 ? "horizon: \(digits)d" : "horizon: 1.\(digits)e400d"
        let errors = scenarioErrors(minimalScenario.replacing1("horizon: 7d", line))
        #expect(errors.count == 1)
        #expect(errors.first?.keyPath == "horizon")
        let shown = errors.first?.description ?? ""
        #expect(shown.split(separator: "\n").allSatisfy { $0.count < 300 }, "\(shown.prefix(400))")
    }

    @Test func veryLongCountsAreErrors() {
        let errors = scenarioErrors(minimalScenario.replacing1("count: 3", "count: " + String(repeating: "7", count: 50_000)))
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("too large") == true, "\(errors)")
    }

    @Test func leadsPerReplicationAreBounded() {
        let errors = scenarioErrors(minimalScenario.replacing1("volume: 100/week", "volume: 10000/h")
            .replacing1("horizon: 7d", "horizon: 365d"))
        #expect(errors.count == 1)
        #expect(errors.first?.keyPath == "horizon")
        #expect(errors.first?.message.contains("at most 10000000 leads per replication") == true, "\(errors)")
        #expect(scenarioErrors(minimalScenario.replacing1("volume: 100/week", "volume: 10000/h")).isEmpty)
    }

    @Test func aBadTouchDelayInATeamsOnlyRepBlockIsOneError() {
        let yaml = minimalScenario
            .replacing1("  - name: na\n    manager: boss", "  - name: na\n    manager: boss\n  - name: sdr\n    manager: sdr-1")
            .replacing1("reps:\n", "reps:\n  - count: 2\n    name: sdr-{i}\n    team: sdr\n    touch_delay: 10\n")
        let errors = scenarioErrors(yaml)
        #expect(errors.count == 1, "\(errors.map(\.description))")
        #expect(errors.first?.keyPath.hasPrefix("reps[0].touch_delay") == true, "\(errors)")
    }

    @Test func aTeamWithNoRepEntryIsStillReported() {
        let yaml = minimalScenario.replacing1("  - name: na\n    manager: boss", "  - name: na\n    manager: boss\n  - name: sdr")
        #expect(scenarioErrors(yaml).map(\.message) == ["team 'sdr' has no reps"])
    }
}

/// A replay file is counted before it is parsed: over a million rows is an error naming the bound.
@Suite struct ReplayBoundsTests {
    let scenario = minimalScenario.replacing1("    volume: 100/week\n", "    replay: {file: leads.csv}\n")

    func errors(rows: Int) -> [Diagnostic] {
        let csv = "created_at,segment\n" + String(repeating: "2026-01-05T10:00,smb\n", count: rows)
        do {
            _ = try ScenarioLoader.load(yaml: scenario, file: "s.yaml", replayFiles: ["leads.csv": csv])
            return []
        } catch {
            return error.errors
        }
    }

    @Test func overAMillionRowsIsRefusedBeforeParsing() {
        let started = Date()
        let refused = errors(rows: 1_000_001)
        #expect(refused.count == 1)
        #expect(refused.first?.message.contains("a replay reads at most 1000000 leads") == true, "\(refused)")
        // Parsing a million rows takes a minute in a debug build; counting them, a few seconds.
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aSmallReplayLoads() {
        #expect(errors(rows: 10).isEmpty)
    }
}

/// Every error of a rule set in one pass: a queue's unknown team is reported with the file's
/// other errors, not only once they are fixed.
@Suite struct OnePassTests {
    @Test func aStrategyTypoNoLongerHidesATeamNameError() throws {
        let scenario = try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml")
        let rules = minimalRules.replacing1("main: {team: na, strategy: round-robin}", "main: {team: nna, strategy: round-robbin}")
        do {
            _ = try RuleSetLoader.load(yaml: rules, file: "r.yaml")
            Issue.record("the rule set loaded")
        } catch {
            let all = error.adding(RuleSetLoader.memberErrors(of: error, in: scenario))
            #expect(all.errors.map(\.keyPath).sorted() == ["queues.main.strategy", "queues.main.team"], "\(all.errors)")
            #expect(all.errors.contains { $0.message.contains("team 'nna' is not a team of scenario 'tiny'") && $0.suggestion == "na" },
                    "\(all.errors)")
        }
    }
}

/// A route whose condition has an error is not also taken for a catch-all.
@Suite struct KnockOnTests {
    @Test func aBrokenConditionIsNotAMissingOne() throws {
        let rules = minimalRules.replacing1("{region: EMEA}", "{employees: \">== 1000\"}")
            .replacing1("fallback: main", "  - name: later\n    when: {region: NA}\n    to: main\nfallback: main")
        do {
            _ = try RuleSetLoader.load(yaml: rules, file: "r.yaml")
            Issue.record("the rule set loaded")
        } catch {
            #expect(error.errors.count == 1, "\(error.diagnostics)")
            #expect(!error.diagnostics.contains { $0.message.contains("matches every lead") }, "\(error.diagnostics)")
        }
    }
}
