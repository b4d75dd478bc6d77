import RoutingRules
import SimulationModel
import Testing

@Suite struct RoutingTests {
    static let tiered = Build.ruleSet([
        Build.route("big", field("employees", .compare(.greaterOrEqual, 1000)), to: "ent"),
        Build.route("emea", field("region", .equals("EMEA")), to: "emea"),
        Build.route("hot", field("score", .compare(.greater, 80)), to: "ent"),
    ], fallback: "general", queues: Build.queues("ent", "emea", "general"))

    @Test func firstMatchWins() throws {
        var h = try Harness(Self.tiered)
        #expect(h.destination(["employees": 5000, "region": "EMEA"]) == "ent")
        #expect(h.destination(["employees": 50, "region": "EMEA", "score": 90]) == "emea")
        #expect(h.destination(["region": "NA", "score": 90]) == "ent")
    }

    @Test func decisionsNameRouteAndQueue() throws {
        var h = try Harness(Self.tiered)
        let ent = try #require(h.compiled.queueIndex(named: "ent"))
        let general = try #require(h.compiled.queueIndex(named: "general"))
        let hot = h.lead(["score": 81])
        #expect(h.compiled.route(hot.view) == .queue(route: 2, queue: ent))
        let cold = h.lead(["score": 80])
        #expect(h.compiled.route(cold.view) == .queue(route: nil, queue: general))
        #expect(h.compiled.routeNames == ["big", "emea", "hot"])
    }

    @Test func fallbackAndUnrouted() throws {
        var withFallback = try Harness(Self.tiered)
        #expect(withFallback.destination([:]) == "general")
        var without = try Harness(Build.ruleSet(Self.tiered.routes, queues: Self.tiered.queues))
        let lead = without.lead(["employees": 10])
        #expect(without.compiled.route(lead.view) == .unrouted)
    }

    @Test func routeWithoutConditionMatchesEverything() throws {
        var h = try Harness(Build.ruleSet([Build.route("all", nil, to: "q")], queues: Build.queues("q")))
        #expect(h.destination([:]) == "q")
    }

    @Test func accountOwnerRouteLeavesTheOwnerToTheKernel() throws {
        let rules = Build.ruleSet([
            Route(name: "named", when: field("account", .exists), destination: .accountOwner, elseQueue: "ent"),
        ], fallback: "general", queues: Build.queues("ent", "general"))
        var h = try Harness(rules)
        let lead = h.lead(["account": "acct-17"])
        #expect(h.compiled.route(lead.view) == .accountOwner(route: 0, elseQueue: 0))
        #expect(h.destination(["account": "acct-17"]) == "account owner (else ent)")
        #expect(h.destination([:]) == "general")
    }

    @Test func unknownQueuesAndRepsAreErrors() throws {
        var schema = LeadSchema()
        #expect(throws: RoutingError.unknownQueue("nowhere", referencedBy: "route 'r'")) {
            try CompiledRuleSet(Build.ruleSet([Build.route("r", nil, to: "nowhere")], queues: []),
                                schema: &schema, roster: nil)
        }
        #expect(throws: RoutingError.unknownRep("zed", queue: "q")) {
            try CompiledRuleSet(Build.ruleSet([], queues: [Build.human("q", .reps(["zed"]))]),
                                schema: &schema, roster: [RosterEntry(name: "amy", team: "t")])
        }
    }

    @Test func queuesResolveMembersInDeclarationOrder() throws {
        let roster = ["a", "b", "c", "d"].map { RosterEntry(name: $0, team: $0 == "c" ? "other" : "t") }
        let rules = Build.ruleSet([], queues: [
            Build.human("team", .team("t")), Build.human("list", .reps(["d", "a"])), Build.automated("nurture"),
        ])
        let h = try Harness(rules, roster: roster)
        #expect(h.compiled.queues.map(\.members) == [[0, 1, 3], [3, 0], []])
        #expect(h.compiled.queues.map(\.isAutomated) == [false, false, true])
        #expect(h.compiled.queues[0].team == "t")
    }
}
