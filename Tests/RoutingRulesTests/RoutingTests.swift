import RoutingRules
import SimulationModel
import Testing

@Suite struct RoutingTests {
    @Test func firstMatchWins() throws {
        var h = try Harness(Build.ruleSet([
            Build.route("big", field("employees", .compare(.greaterOrEqual, 1000)), to: "ent"),
            Build.route("emea", field("region", .equals("EMEA")), to: "emea"),
            Build.route("any", nil, to: "general"),
        ], queues: Build.queues("ent", "emea", "general")))
        #expect(h.destination(["employees": 5000, "region": "EMEA"]) == "ent")
        #expect(h.destination(["employees": 50, "region": "EMEA"]) == "emea")
        #expect(h.destination(["region": "NA"]) == "general")
    }
}
