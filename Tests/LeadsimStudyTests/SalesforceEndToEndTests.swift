import Foundation
import LeadsimStudy
import Testing

/// A team's Salesforce rules and its Lead export meet without hand edits (issue 20): the rules
/// are imported without a map, and the export, with Data Loader's API-name columns, routes
/// through them to the owners worked out by hand from the rule.
@Suite struct SalesforceEndToEndTests {
    static let rules = """
        <?xml version="1.0" encoding="UTF-8"?>
        <AssignmentRules xmlns="http://soap.sforce.com/2006/04/metadata">
            <assignmentRule>
                <fullName>Inbound</fullName>
                <active>true</active>
                <ruleEntry>
                    <assignedTo>Enterprise_Queue</assignedTo>
                    <assignedToType>Queue</assignedToType>
                    <booleanFilter>1 AND (2 OR 3)</booleanFilter>
                    <criteriaItems><field>Lead.NumberOfEmployees</field><operation>greaterOrEqual</operation><value>1000</value></criteriaItems>
                    <criteriaItems><field>Lead.CountryCode</field><operation>equals</operation><value>US,CA</value></criteriaItems>
                    <criteriaItems><field>Lead.Industry__c</field><operation>startsWith</operation><value>fin</value></criteriaItems>
                </ruleEntry>
                <ruleEntry>
                    <assignedTo>maria.lopez@acme.example</assignedTo>
                    <assignedToType>User</assignedToType>
                    <criteriaItems><field>Lead.CountryCode</field><operation>equals</operation><value>ES,MX</value></criteriaItems>
                </ruleEntry>
                <ruleEntry>
                    <assignedTo>sam.chen@acme.example</assignedTo>
                    <assignedToType>User</assignedToType>
                    <criteriaItems><field>Lead.LeadSource</field><operation>equals</operation><value>Webinar</value></criteriaItems>
                </ruleEntry>
                <ruleEntry>
                    <assignedTo>Inbound_Queue</assignedTo>
                    <assignedToType>Queue</assignedToType>
                </ruleEntry>
            </assignmentRule>
        </AssignmentRules>
        """

    /// A Data Loader export: API names, in the export's column order, with columns the rule does not read.
    static let export = """
        Id,Company,CountryCode,NumberOfEmployees,Industry__c,LeadSource,CreatedDate
        00Q01,Globex,US,5000,Retail,Web,2026-01-05T09:00:00.000Z
        00Q02,Initech,DE,20000,Financial Services,Web,2026-01-05T09:05:00.000Z
        00Q03,Umbrella,DE,200,Financial Services,Web,2026-01-05T09:10:00.000Z
        00Q04,Hooli,MX,50,,Webinar,2026-01-05T09:15:00.000Z
        00Q05,Vandelay,FR,10,,Webinar,2026-01-05T09:20:00.000Z
        00Q06,Acme,CA,999,,,2026-01-05T09:25:00.000Z
        00Q07,Stark,,,,,2026-01-05T09:30:00.000Z
        """

    @Test func aLeadExportRoutesThroughImportedRulesUnrenamed() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.write(Self.rules, "Lead.assignmentRules-meta.xml")
        let imported = try ImportStudy.salesforce(file: w.path("Lead.assignmentRules-meta.xml"), map: nil, rule: nil,
                                                  output: w.path("inbound.yaml"))
        _ = try ImportStudy.write(imported, to: w.path("inbound.yaml"))
        try w.write(Self.export, "leads.csv")
        let study = try RouteStudy(rules: w.path("inbound.yaml"), scenario: nil)
        let routed = try study.route(csvFile: w.path("leads.csv"), format: .text, explain: false, seed: 1)
        #expect(routed.warnings.isEmpty, "every field the rules test has its column: \(routed.warnings)")
        let owners = routed.text.split(separator: "\r\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).suffix(2).joined(separator: " → ")
        }
        // By hand: 1 ≥1000 and US; 2 ≥1000 and Fin…; 3 is Fin… but small; 4 MX; 5 a webinar;
        // 6 CA but 999; 7 nothing: the last entry, the catch-all (the fallback).
        #expect(owners == ["entry-1-enterprise-queue → enterprise-queue", "entry-1-enterprise-queue → enterprise-queue",
                           " → inbound-queue", "entry-2-maria-lopez → maria-lopez", "entry-3-sam-chen → sam-chen",
                           " → inbound-queue", " → inbound-queue"])
        // One lead as JSON, keyed as Salesforce writes it, routes alike.
        let one = try study.route(json: #"{"Lead.CountryCode": "ES", "Lead.NumberOfEmployees": 10}"#, format: .text, seed: 1)
        #expect(one.text.hasPrefix("route: entry-2-maria-lopez\n") && one.warnings.isEmpty)
    }
}
