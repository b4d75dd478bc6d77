import ScenarioFile
import SimulationModel
import Testing

/// SPEC §7 keys: a rep's `shrinkage`, a queue's `fairness`.
@Test func shrinkageOneIsAnError() {
    let yaml = minimalScenario.replacing1("    skills: [en]", "    shrinkage: 100%")
    check(DiagnosticCase(name: "shrinkage 1", yaml: yaml, line: 23, at: "100%", keyPath: "reps[1].shrinkage",
                         message: "never available"), scenarioErrors(yaml))
}

let fairnessCases: [DiagnosticCase] = [
    DiagnosticCase(name: "fairness on a load strategy",
                   yaml: minimalRules.replacing1("round-robin}", "least-loaded, fairness: {absent: catch_up}}"),
                   line: 8, at: "{absent", keyPath: "queues.main.fairness", message: "applies to the round-robin strategies"),
    DiagnosticCase(name: "fairness absent", yaml: minimalRules.replacing1("round-robin}", "round-robin, fairness: {absent: catchup}}"),
                   line: 8, at: "catchup", keyPath: "queues.main.fairness.absent", message: "unknown absent policy",
                   suggestion: "catch_up"),
    DiagnosticCase(name: "fairness reset", yaml: minimalRules.replacing1("round-robin}", "round-robin, fairness: {reset: dayly}}"),
                   line: 8, at: "dayly", keyPath: "queues.main.fairness.reset", message: "unknown fairness reset",
                   suggestion: "daily"),
    DiagnosticCase(name: "catch-up with keep_turn",
                   yaml: minimalRules.replacing1("round-robin}", "round-robin, keep_turn: true, fairness: {absent: catch_up}}"),
                   line: 8, at: "{absent", keyPath: "queues.main.fairness", message: "would both pay a skipped rep back"),
]

@Test(arguments: fairnessCases)
func fairnessDiagnostic(_ c: DiagnosticCase) {
    check(c, ruleErrors(c.yaml))
}

@Test func shrinkageIsAShareInRepDefaultsToo() throws {
    let yaml = minimalScenario.replacing1("touch_delay: 10m}", "touch_delay: 10m, shrinkage: 20%}")
        .replacing1("    skills: [en]", "    skills: [en]\n    shrinkage: 0.05")
    let scenario = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").scenario
    #expect(scenario.reps.map(\.shrinkage) == [0.2, 0.05, 0.05, 0.05])
    #expect(try ScenarioLoader.load(yaml: minimalScenario, file: "s.yaml").scenario.reps.allSatisfy { $0.shrinkage == 0 })
}

@Test func fairnessReadsItsKeysWithDefaults() throws {
    func fairness(_ text: String) throws -> RoundRobinFairness {
        let rules = try RuleSetLoader.load(yaml: minimalRules.replacing1("round-robin}", "weighted-round-robin, fairness: \(text)}"),
                                           file: "r.yaml")
        guard case .human(let queue) = rules.ruleSet.queues[0].kind else {
            Issue.record("queue main is not human")
            return .skip
        }
        return queue.fairness
    }
    #expect(try fairness("{absent: catch_up}") == RoundRobinFairness(absent: .catchUp, catchUpLimit: 10, reset: .never))
    #expect(try fairness("{absent: catch_up, catch_up_limit: 3, reset: monthly}")
            == RoundRobinFairness(absent: .catchUp, catchUpLimit: 3, reset: .monthly))
    #expect(try fairness("{reset: weekly}") == RoundRobinFairness(reset: .weekly))
    let warned = try RuleSetLoader.load(yaml: minimalRules.replacing1("round-robin}", "round-robin, fairness: {catch_up_limit: 3}}"),
                                        file: "r.yaml")
    #expect(warned.warnings.contains { $0.keyPath == "queues.main.fairness.catch_up_limit" && $0.message.contains("no effect") })
}
