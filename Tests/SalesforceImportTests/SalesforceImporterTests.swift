import Foundation
import RoutingRules
import SalesforceImport
import ScenarioFile
import SimulationModel
import Testing

/// The imported rule set routes leads as Salesforce's assignment rule would.
@Suite struct SalesforceImporterTests {
    @Test func sourceFormatPicksTheActiveRuleAndLoads() throws {
        let r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        #expect(r.imported.ruleName == "Inbound Routing 2026")
        #expect(r.imported.rules.map(\.name) == ["Legacy Round Robin", "Inbound Routing 2026"])
        #expect(r.loaded.ruleSet.name == "inbound-routing-2026")
        // Seven routes (entry 8, the last catch-all, is the fallback).
        #expect(r.loaded.ruleSet.routes.count == 7)
        #expect(r.loaded.ruleSet.fallback == "inbound")
        #expect(r.imported.yaml.contains("# entry 3 (booleanFilter (1 OR 2) AND NOT 3) → Queue EMEA_Queue"))
        #expect(r.imported.yaml.contains("fallback: inbound  # entry 8: no criteria → Queue Inbound_Queue"))
    }

    @Test func booleanFilterWithParenthesesAndLowerCaseOr() throws {
        var r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        // 1 AND (2 or 3): employees ≥ 1000 and (country in US,CA or industry starts with "fin", any case).
        #expect(r.route(["employees": "1500", "country": "US"]) == "entry-1-enterprise → enterprise")
        #expect(r.route(["employees": "1000", "country": "DE", "industry": "FINANCIAL services"]) == "entry-1-enterprise → enterprise")
        #expect(r.route(["employees": "999", "country": "CA"]) == "fallback → inbound")
        #expect(r.route(["employees": "5000", "country": "JP", "industry": "Retail"]) == "fallback → inbound")
    }

    @Test func valueListsNegativeOperationsAndBlanks() throws {
        var r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        // equals "ES,MX,AR" is any of them; notContain "gmail,hotmail" is none, case-insensitive, true when blank.
        #expect(r.route(["country": "MX", "email": "ana@acme.mx"]) == "entry-2-maria → maria")
        #expect(r.route(["country": "MX"]) == "entry-2-maria → maria")
        #expect(r.route(["country": "ES", "email": "ana@GMail.com"]) == "fallback → inbound")
        // (1 OR 2) AND NOT 3; NOT holds when the status is blank.
        #expect(r.route(["country": "AT", "company": "Acme gmbh"]) == "entry-3-emea → emea")
        #expect(r.route(["country": "DE", "status": "Disqualified"]) == "fallback → inbound")
        #expect(r.route(["country": "FR", "status": "Open"]) == "entry-3-emea → emea")
        // An item without a value means a blank field.
        #expect(r.route(["employees": "50"]) == "entry-4-ops-1-ops-2 → ops-1-ops-2")
    }

    @Test func formulaEntries() throws {
        var r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        #expect(r.route(["country": "BR", "source": "Webinar", "rating": "2", "email": "x@y.z"]) == "entry-5-nurture-queue → nurture-queue")
        #expect(r.route(["country": "BR", "source": "Webinar", "rating": "2"]) == "fallback → inbound")
        #expect(r.route(["country": "BR", "source": "Webinar", "rating": "3", "email": "x@y.z"]) == "fallback → inbound")
        // The unsupported formula is kept as a route that matches nothing, with a warning naming the entry.
        #expect(r.loaded.ruleSet.routes[5].name == "entry-6-nurture-queue")
        #expect(r.imported.yaml.contains("UNSUPPORTED formula (uses the global $User.Alias)"))
        let warning = try #require(r.imported.warnings.first { $0.message.contains("formula not supported") })
        #expect(warning.message.hasPrefix("entry 6:"))
        #expect(warning.line == 82)
    }

    @Test func multiSelectPicklistIncludes() throws {
        var r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        // "Analytics;Reporting,Data Cloud": both Analytics and Reporting, or Data Cloud.
        #expect(r.route(["country": "BR", "products": "Reporting;analytics;Sales"]) == "entry-7-inbound → inbound")
        #expect(r.route(["country": "BR", "products": "Data Cloud"]) == "entry-7-inbound → inbound")
        #expect(r.route(["country": "BR", "products": "Analytics"]) == "fallback → inbound")
        #expect(r.route(["country": "BR", "products": "Data Clouds"]) == "fallback → inbound")
    }

    @Test func usersAndQueuesBecomeQueues() throws {
        let r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        let queues = Dictionary(uniqueKeysWithValues: r.loaded.ruleSet.queues.map { ($0.name, $0) })
        guard case .human(let maria) = queues["maria"]?.kind, case .human(let enterprise) = queues["enterprise"]?.kind,
              case .automated = queues["nurture-queue"]?.kind else {
            Issue.record("unexpected queues: \(queues.keys.sorted())")
            return
        }
        #expect(maria.members == .reps(["maria"]))
        #expect(enterprise.members == .team("enterprise"))
        #expect(enterprise.strategy == .leastLoaded)
    }

    /// Salesforce assigns at once, on shift or not: every human queue says so, and the YAML says why.
    @Test func humanQueuesAssignOffShiftWithAComment() throws {
        let r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        var human = 0
        for queue in r.loaded.ruleSet.queues {
            guard case .human(let h) = queue.kind else { continue }
            human += 1
            #expect(h.assignOffShift, "queue \(queue.name) is loaded back with assign_off_shift")
        }
        #expect(human >= 4)
        let lines = r.imported.yaml.split(separator: "\n").map(String.init)
        let queues = try #require(lines.firstIndex(of: "queues:"))
        #expect(lines[queues - 3].hasPrefix("# assign_off_shift: true, as in Salesforce: the rule assigns a lead the moment it runs"))
        #expect(lines[(queues - 3)..<queues].allSatisfy { $0.hasPrefix("# ") }, "a short comment right above queues:")
        #expect(lines.contains("  maria: {reps: [maria], assign_off_shift: true}  # User maria.lopez@acme.example"))
        #expect(lines.contains("  nurture-queue: automated  # Queue Nurture_Queue"), "automated queues have no shift")
    }

    /// Each field keeps the Salesforce names it came from, so exports are read unrenamed.
    @Test func fieldsRecordTheirSalesforceNames() throws {
        let r = try ImportedRouter("Lead.assignmentRules-meta.xml")
        let fields = r.loaded.ruleSet.fields
        #expect(fields.aliases(of: "country") == ["Lead.CountryCode", "CountryCode"])
        #expect(fields.aliases(of: "employees") == ["Lead.NumberOfEmployees", "NumberOfEmployees"])
        #expect(fields.aliases(of: "industry") == ["Lead.Industry", "Industry"])
        #expect(fields.field(aliased: "countrycode") == "country" && fields.field(aliased: "LEAD.COUNTRYCODE") == "country")
        #expect(r.imported.yaml.contains("\nfields:\n  employees: {aliases: [Lead.NumberOfEmployees, NumberOfEmployees]}\n"))
        #expect(r.imported.yaml.contains("# The Salesforce names of each field: a CSV column (route --leads, replay:, history files)"))
        let mapping = try ImportMap.load(yaml: "fields: {Lead.CountryCode: {field: country, label: Country Code}}\n", file: "m.yaml")
        let labelled = try SalesforceImporter.importRules(xml: fixture("Lead.assignmentRules-meta.xml"), file: "x.xml", map: mapping)
        let reloaded = try RuleSetLoader.load(yaml: labelled.yaml, file: "imported.yaml")
        #expect(reloaded.ruleSet.fields.aliases(of: "country") == ["Lead.CountryCode", "CountryCode", "Country Code"])
        #expect(reloaded.ruleSet.fields.aliases(of: "number_of_employees") == ["Lead.NumberOfEmployees", "NumberOfEmployees"],
                "unmapped fields get their derived name and keep their Salesforce names")
    }

    @Test func aMapFieldEntryNeedsAFieldAndKnownKeys() {
        for (yaml, message) in [("fields: {Lead.X: {label: X}}\n", "a field mapping needs 'field'"),
                                ("fields: {Lead.X: {field: x, lable: X}}\n", "unknown key 'lable' in a field mapping")] {
            do {
                _ = try ImportMap.load(yaml: yaml, file: "m.yaml")
                Issue.record("\(yaml) loaded")
            } catch {
                #expect(error.diagnostics.contains { $0.message == message && $0.line == 1 }, "\(error)")
            }
        }
    }

    @Test func olderFormatWithoutMapReportsUnmappedNames() throws {
        var r = try ImportedRouter("Lead.assignmentRules", map: nil)
        let messages = r.imported.warnings.map(\.message)
        // Several names of one kind are one warning listing them, with the map entries to add.
        #expect(messages.contains("3 fields are not in the map; using snake-case names: 'Lead.AnnualRevenue' → 'annual_revenue', "
                                  + "'Lead.State' → 'state' and 'Lead.Country' → 'country'"))
        let fields = try #require(r.imported.warnings.first { $0.message.hasPrefix("3 fields") })
        #expect(fields.valid == "fields: {Lead.AnnualRevenue: SCENARIO_FIELD, Lead.State: SCENARIO_FIELD, Lead.Country: SCENARIO_FIELD} in the map file")
        #expect(r.imported.warnings.count == 3, "one per kind: \(messages)")
        #expect(messages.contains("user 'sam.chen@acme.example' is not in the map; using rep 'sam-chen'"))
        #expect(messages.contains("queue 'NA_Team' is not in the map; using team 'na-team'"))
        #expect(r.loaded.ruleSet.fallback == nil)
        // notEqual "NY,NJ": none of them, and true for a blank state.
        #expect(r.route(["annual_revenue": "200000", "state": "CA"]) == "entry-1-sam-chen → sam-chen")
        #expect(r.route(["annual_revenue": "200000"]) == "entry-1-sam-chen → sam-chen")
        #expect(r.route(["annual_revenue": "200000", "state": "NJ"]) == "unrouted")
        #expect(r.route(["country": "United States"]) == "entry-2-na-team → na-team")
    }

    @Test func ruleOptionPicksAnotherRule() throws {
        var r = try ImportedRouter("Lead.assignmentRules-meta.xml", rule: "legacy round robin")
        #expect(r.imported.ruleName == "Legacy Round Robin")
        #expect(r.loaded.ruleSet.routes.isEmpty)
        #expect(r.route(["country": "US"]) == "fallback → inbound")
        #expect(throws: LoadFailure.self) {
            try SalesforceImporter.importRules(xml: fixture("Lead.assignmentRules-meta.xml"), file: "x", rule: "Nope")
        }
    }

    @Test func badBooleanFilterIsAnErrorWithItsEntry() throws {
        let xml = try fixture("Lead.assignmentRules-meta.xml").replacingOccurrences(of: "1 AND (2 or 3)", with: "1 AND (2 or 4")
        do {
            _ = try SalesforceImporter.importRules(xml: xml, file: "bad.xml")
            Issue.record("expected an error")
        } catch {
            let text = error.description
            #expect(text.contains("ruleEntry[1].booleanFilter"))
            #expect(text.contains("'(' at column 7 is never closed"))
        }
        let outOfRange = try fixture("Lead.assignmentRules-meta.xml").replacingOccurrences(of: "1 AND (2 or 3)", with: "1 AND (2 OR 4)")
        #expect(throws: LoadFailure.self) { try SalesforceImporter.importRules(xml: outOfRange, file: "bad.xml") }
    }

    @Test func malformedXMLAndWrongRoot() {
        #expect(throws: LoadFailure.self) { try SalesforceImporter.importRules(xml: "<AssignmentRules><assignmentRule>", file: "x") }
        #expect(throws: LoadFailure.self) { try SalesforceImporter.importRules(xml: "<Workflow/>", file: "x") }
    }
}
