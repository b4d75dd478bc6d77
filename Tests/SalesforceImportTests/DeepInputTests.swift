import Foundation
import SalesforceImport
import ScenarioFile
import Testing

/// Exports nested thousands deep once overflowed the stack of `import salesforce`; now the
/// XML, a booleanFilter and a formula each have a nesting bound and a clear message.
@Suite struct DeepInputTests {
    func export(entry: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <AssignmentRules xmlns="http://soap.sforce.com/2006/04/metadata">
            <assignmentRule>
                <fullName>Deep</fullName>
                <active>true</active>
                <ruleEntry>
                    <assignedTo>Inbound_Queue</assignedTo>
                    <assignedToType>Queue</assignedToType>
        \(entry)
                </ruleEntry>
            </assignmentRule>
        </AssignmentRules>
        """
    }

    let twoItems = """
                <criteriaItems><field>Lead.CountryCode</field><operation>equals</operation><value>US</value></criteriaItems>
                <criteriaItems><field>Lead.Industry</field><operation>equals</operation><value>Retail</value></criteriaItems>
        """

    /// The import's error messages, or nil when it succeeded.
    func failure(_ xml: String) -> [String]? {
        do {
            _ = try SalesforceImporter.importRules(xml: xml, file: "deep.xml")
            return nil
        } catch {
            return error.errors.map(\.message)
        }
    }

    @Test func deeplyNestedElementsAreAnError() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let messages = failure(export(entry: deep))
        #expect(messages?.count == 1)
        #expect(messages?.first?.contains("nested more than 64 deep") == true, "\(messages ?? [])")
    }

    @Test(arguments: [String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000),
                      String(repeating: "NOT ", count: 50_000) + "1"])
    func deeplyNestedBooleanFiltersAreAnError(_ filter: String) {
        let messages = failure(export(entry: twoItems + "<booleanFilter>\(filter) AND 2</booleanFilter>"))
        #expect(messages?.count == 1)
        #expect(messages?.first?.contains("nested more than 32 deep") == true, "\(messages ?? [])")
    }

    @Test func aBooleanFilterWithinTheBoundImports() {
        let filter = String(repeating: "(", count: 20) + "1" + String(repeating: ")", count: 20) + " AND 2"
        #expect(failure(export(entry: twoItems + "<booleanFilter>\(filter)</booleanFilter>")) == nil)
    }

    @Test(arguments: [String(repeating: "(", count: 50_000) + "Lead.IsX" + String(repeating: ")", count: 50_000),
                      String(repeating: "NOT(", count: 50_000) + "Lead.IsX" + String(repeating: ")", count: 50_000),
                      String(repeating: "!", count: 50_000) + "Lead.IsX"])
    func deeplyNestedFormulasAreUnsupportedNotFatal(_ formula: String) throws {
        let imported = try SalesforceImporter.importRules(xml: export(entry: "<formula>\(formula)</formula>"), file: "deep.xml")
        #expect(imported.yaml.contains("more than 32 deep"), "\(imported.yaml.prefix(600))")
    }
}

/// Found by the fuzzer: Foundation's XMLParser on Linux crashed (strlen of NULL) on a processing
/// instruction without data; the importer refuses processing instructions before parsing.
@Suite struct ProcessingInstructionTests {
    func messages(_ xml: String) -> [String]? {
        do {
            _ = try SalesforceImporter.importRules(xml: xml, file: "pi.xml")
            return nil
        } catch {
            return error.errors.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    let body = "<AssignmentRules xmlns=\"http://soap.sforce.com/2006/04/metadata\"><assignmentRule>"
        + "<fullName>R</fullName><active>true</active></assignmentRule></AssignmentRules>"

    @Test(arguments: ["<?xm?>\n", "<?xml version=\"1.0\"?>\n<?x?>\n", "<?xml version=\"1.0\"?>\n<?pi data?>\n"])
    func processingInstructionsAreRefused(_ prefix: String) {
        let found = messages(prefix + body)
        #expect(found?.count == 1, "\(found ?? [])")
        #expect(found?.first?.contains("processing instruction") == true, "\(found ?? [])")
    }

    @Test func theDeclarationCommentsAndCDATAAreFine() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <?not a pi?> -->\n" + body
        #expect(messages(xml) == nil)
    }
}
