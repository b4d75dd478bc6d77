import RoutingRules
import SimulationModel
import Testing

/// The SPEC §3 example rule set, built directly.
let territory = Build.ruleSet([
    Route(name: "named-accounts", when: field("account", .exists), destination: .accountOwner, elseQueue: "enterprise"),
    Build.route("enterprise", field("employees", .compare(.greaterOrEqual, 1000)), to: "enterprise"),
    Build.route("emea", .all([field("region", .equals("EMEA")), field("language", .oneOf(["en", "de"]))]), to: "emea"),
    Build.route("low-intent", .all([field("demo_intent", .equals(false)), field("score", .compare(.less, 40))]), to: "nurture"),
    Build.route("partners", .any([field("email", .contains("partner")), field("source", .startsWith("ref"))]), to: "general"),
    Build.route("not-test", .not(field("email", .matches("@example\\.com$"))), to: "general"),
], fallback: "general", queues: [
    Build.human("enterprise", .team("enterprise")),
    Build.human("emea", .team("emea"), .leastLoaded, skill: "language"),
    Build.human("general", .reps(["alice", "bob"]), .weightedRoundRobin),
    Build.automated("nurture"),
])

let territoryRoster = [
    RosterEntry(name: "alice", team: "na", weight: 2), RosterEntry(name: "bob", team: "na"),
    RosterEntry(name: "ent-1", team: "enterprise"),
    RosterEntry(name: "emea-1", team: "emea", skills: ["en"]), RosterEntry(name: "emea-2", team: "emea", skills: ["en", "de"]),
    RosterEntry(name: "emea-3", team: "emea", skills: ["de"]),
]

@Suite struct ExplanationTests {
    @Test func everyRouteTriedWithItsFirstFailingCondition() throws {
        var h = try Harness(territory)
        #expect(h.explain(["employees": 150, "region": "EMEA", "language": "de", "demo_intent": true]) == """
            1. named-accounts: no, account is missing, expected exists
            2. enterprise: no, employees is 150, expected >= 1000
            3. emea: matched
            -> emea: emea
            """)
    }

    @Test func missingFieldsAndCompositeConditions() throws {
        var h = try Harness(territory)
        #expect(h.explain(["region": "EMEA", "language": "fr", "demo_intent": false, "score": 55,
                           "email": "x@example.com"]) == """
            1. named-accounts: no, account is missing, expected exists
            2. enterprise: no, employees is missing, expected >= 1000
            3. emea: no, language is fr, expected in [en, de]
            4. low-intent: no, score is 55, expected < 40
            5. partners: no, email is x@example.com, source is missing; expected any of [email contains "partner", source starts with "ref"]
            6. not-test: no, email is x@example.com; expected not (email matches /@example\\.com$/)
            -> fallback: general
            """)
    }

    @Test func accountOwnerRoute() throws {
        var h = try Harness(territory)
        #expect(h.explain(["account": "acct-42"]) == """
            1. named-accounts: matched
            -> named-accounts: account owner (else enterprise)
            """)
    }

    @Test func explanationAsData() throws {
        var h = try Harness(territory)
        let lead = h.lead(["employees": 5000])
        let explanation = h.compiled.explainRoute(lead.view, schema: h.schema)
        #expect(explanation.routeName == "enterprise")
        #expect(explanation.steps.map(\.matched) == [false, true])
        #expect(explanation.steps[0].failure == ConditionFailure(field: "account", actual: "missing", expected: "exists"))
        #expect(explanation.decision == h.compiled.route(lead.view))
    }

    @Test func assignmentCandidates() throws {
        var h = try Harness(territory, roster: territoryRoster)
        let emea = try #require(h.compiled.queueIndex(named: "emea"))
        var reps = Reps(count: territoryRoster.count)
        reps[4].ineligibility = .atOpenCap
        reps[5].open = 3
        var state = h.compiled.makeAssignmentState()
        var random = SeededUniform(state: 0)
        let lead = h.lead(["language": "de"])
        let picked = h.compiled.pick(queue: emea, lead: lead.view, excluded: .none, view: reps, state: &state, random: &random)
        let candidates = h.compiled.explainAssignment(queue: emea, lead: lead.view, excluded: .none, view: reps, schema: h.schema, picked: picked)
        #expect(candidates.map(\.description).joined(separator: "\n") == """
            emea-1: skipped, lacks skill
            emea-2: skipped, at open cap
            emea-3: picked (open 3/10)
            """)
        let general = try #require(h.compiled.queueIndex(named: "general"))
        let everyone = h.compiled.explainAssignment(queue: general, lead: lead.view, excluded: [1], view: reps, schema: h.schema)
        #expect(everyone.map(\.description) == ["alice: eligible, not picked (open 0/10)", "bob: skipped, previous owner"])
    }
}
