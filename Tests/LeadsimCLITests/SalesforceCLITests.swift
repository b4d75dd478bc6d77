import Foundation
import Testing

/// Salesforce end to end on the binary: a metadata folder imported, its reps pasted into a
/// scenario, a Lead export with API-name and label columns routed (`--map` for the labels).
struct SalesforceCLITests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-sf-\(UUID().uuidString)")
        let rules = folder.appendingPathComponent("org/assignmentRules"), queues = folder.appendingPathComponent("org/queues")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: queues, withIntermediateDirectories: true)
        try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <AssignmentRules xmlns="http://soap.sforce.com/2006/04/metadata">
              <assignmentRule><fullName>Web</fullName><active>true</active>
                <ruleEntry><assignedTo>DACH</assignedTo><assignedToType>Queue</assignedToType>
                  <criteriaItems><field>Lead.CountryCode</field><operation>equals</operation><value>DE,AT,CH</value></criteriaItems>
                </ruleEntry>
                <ruleEntry><assignedTo>pat.lee@acme.example</assignedTo><assignedToType>User</assignedToType></ruleEntry>
              </assignmentRule>
            </AssignmentRules>
            """, "org/assignmentRules/Lead.assignmentRules-meta.xml")
        try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Queue xmlns="http://soap.sforce.com/2006/04/metadata"><name>DACH</name>
              <queueMembers><users><user>anna@acme.example</user><user>jonas@acme.example</user></users></queueMembers>
            </Queue>
            """, "org/queues/DACH.queue-meta.xml")
    }

    func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }

    @Test func importAFolderThenRouteAnExport() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try Leadsim.run(["import", "salesforce", "org", "--out", "web.yaml"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("wrote web-reps.yaml: 3 reps to paste into a scenario"))
        try write("""
            name: org
            start: 2026-01-05T00:00
            timezone: Europe/Berlin
            horizon: 7d
            sources: [{name: web, volume: 50/week, fields: {country_code: {DE: 1, US: 1}}}]

            """ + (try read("web-reps.yaml")), "scenario.yaml")
        let valid = try Leadsim.run(["validate", "scenario.yaml", "web.yaml"], in: folder)
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")

        try write("Id,CountryCode\n00Q1,DE\n00Q2,US\n00Q3,AT\n", "export.csv")
        let routed = try Leadsim.run(["route", "web.yaml", "--leads", "export.csv", "--scenario", "scenario.yaml"], in: folder)
        #expect(routed.status == 0 && routed.stderr.isEmpty, "\(routed.stderr)")
        #expect(routed.stdout.split(whereSeparator: \.isNewline) == ["Id,CountryCode,route,queue,rep", "00Q1,DE,entry-1-dach,dach,anna",
                                                                     "00Q2,US,,pat-lee,pat-lee", "00Q3,AT,entry-1-dach,dach,jonas"])

        try write("Lead ID,Country Code\n00Q1,DE\n", "report.csv")
        let unmapped = try Leadsim.run(["route", "web.yaml", "--leads", "report.csv"], in: folder)
        #expect(unmapped.stderr.contains("warning: --leads: no column is the field 'country_code' that the rules test")
                && unmapped.stderr.contains("did you mean 'Country Code'?"))
        try write("fields: {Country Code: country_code}\n", "map.yaml")
        let mapped = try Leadsim.run(["route", "web.yaml", "--leads", "report.csv", "--map", "map.yaml"], in: folder)
        #expect(mapped.stderr.isEmpty && mapped.stdout.split(whereSeparator: \.isNewline).last == "00Q1,DE,entry-1-dach,dach", "\(mapped.stderr)")
    }
}
