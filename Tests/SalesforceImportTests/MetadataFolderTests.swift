import Foundation
import SalesforceImport
import ScenarioFile
import SimulationModel
import Testing

/// `import salesforce DIR`: assignment rules with the queues, Omni-Channel routing and presence
/// configurations of a metadata folder (`Fixtures/org`, source format).
@Suite struct MetadataFolderTests {
    static let folder = fixtures.appendingPathComponent("org")

    static func files() throws -> [String: String] {
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".xml") else { continue }
            files["org/" + relative] = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
        }
        return files
    }

    static func imported() throws -> (ImportedRuleSet, RuleSet) {
        let imported = try SalesforceImporter.importFolder(files: files(), folder: "org")
        return (imported, try RuleSetLoader.load(yaml: imported.yaml, file: "web-leads.yaml").ruleSet)
    }

    @Test func queueMembersAndOmniChannelRoutingBecomeQueues() throws {
        let (_, rules) = try Self.imported()
        func human(_ name: String) throws -> HumanQueue {
            guard case .human(let h)? = rules.queue(named: name)?.kind else { throw ImportTestError.noQueue(name) }
            return h
        }
        #expect(rules.queues.map(\.name) == ["emea-queue", "emea-lead", "vip-desk", "inbound-queue"])
        let emea = try human("emea-queue")
        #expect(emea.members == .reps(["anna-schmidt", "luc-martin", "ben-jones"]), "members are the queue's users")
        #expect(emea.strategy == .leastLoaded, "LEAST_ACTIVE")
        #expect(emea.sla == .own(SLA(firstTouch: 900, onBreach: .reassign)), "pushTimeout 900 s: offered to another rep after 15m")
        #expect(emea.overflow == Overflow(after: 900, to: "emea-lead"), "queueOverflowAssignee")
        let inbound = try human("inbound-queue")
        #expect(inbound.members == .reps(["sam-chen", "ben-jones"]) && inbound.strategy == .roundRobin && inbound.sla == .ruleSet,
                "no routing configuration: the map's default strategy")
        #expect(rules.fallback == "inbound-queue")
    }

    @Test func theRepsFragmentCarriesPresenceCapacityAndLoadsInAScenario() throws {
        let (imported, rules) = try Self.imported()
        let reps = try #require(imported.reps)
        #expect(reps.contains("  - {name: anna-schmidt, team: emea-queue, capacity: {open: 5}}  # anna.schmidt@acme.example: presence 'Sales_Reps' capacity 10 ÷ capacityWeight 2"))
        #expect(reps.contains("  - {name: sam-chen, team: inbound-queue, capacity: {open: 10}}"), "weight 1 in a queue without routing")
        #expect(reps.contains("  - {name: ben-jones, team: emea-queue}  # ben.jones@acme.example"), "no presence configuration: no cap")
        #expect(reps.contains("  - {name: vip-desk, team: salesforce-users}"))
        let scenario = """
            name: org
            start: 2026-01-05T00:00
            timezone: Europe/Berlin
            horizon: 7d
            sources:
              - name: web
                volume: 200/week
                fields: {country_code: {DE: 2, US: 1}, rating: {Hot: 1, Cold: 4}}

            """ + reps
        let world = try ScenarioLoader.load(yaml: scenario, file: "org.yaml")
        #expect(world.scenario.reps.map(\.name) == ["anna-schmidt", "luc-martin", "ben-jones", "emea-lead", "vip-desk", "sam-chen"])
        #expect(crossCheck(scenario: world.scenario, ruleSet: rules).filter(\.isError).isEmpty, "the fragment has every rep the rules name")
    }

    @Test func whatHasNoCounterpartIsWarnedAboutNotDropped() throws {
        let (imported, _) = try Self.imported()
        let messages = imported.warnings.map(\.message)
        #expect(messages.contains("queue 'EMEA_Queue' has members by roles (EMEA_Sales_Manager): leadsim cannot tell who they are, so they are not reps of it"))
        #expect(messages.contains("<timeoutInSecs> of routing configuration 'EMEA_Routing' has no leadsim counterpart; not imported"))
        let unknown = try #require(imported.warnings.first { $0.message.hasPrefix("<timeoutInSecs>") })
        #expect(unknown.file.hasSuffix("queueRoutingConfigs/EMEA_Routing.queueRoutingConfig-meta.xml") && unknown.line == 11)
        #expect(imported.yaml.contains("emea-queue:  # Queue EMEA_Queue; Omni-Channel 'EMEA Routing', LEAST_ACTIVE, pushTimeout 900s → sla reassign, "
                                       + "overflow → emea.lead@acme.example, routingPriority 1 (not modelled)"))
    }

    @Test func aFolderWithoutLeadRulesOrWithBrokenMetadataIsAnError() throws {
        var files = try Self.files()
        files = files.filter { !$0.key.contains("assignmentRules") }
        #expect(throws: LoadFailure.self) { try SalesforceImporter.importFolder(files: files, folder: "org") }
        var broken = try Self.files()
        broken["org/queues/Bad.queue-meta.xml"] = "<Queue><name>x</Queue>"
        do {
            _ = try SalesforceImporter.importFolder(files: broken, folder: "org")
            Issue.record("broken XML imported")
        } catch {
            #expect(error.diagnostics.contains { $0.isError && $0.file == "org/queues/Bad.queue-meta.xml" })
        }
    }
}

enum ImportTestError: Error {
    case noQueue(String)
}
