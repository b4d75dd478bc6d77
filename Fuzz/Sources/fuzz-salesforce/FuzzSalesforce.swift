import FuzzSupport
import SalesforceImport
import ScenarioFile

/// Salesforce assignment-rule XML: the importer, then the loader on the YAML it writes.
@main enum FuzzSalesforce {
    static func main() {
        runFuzzer { xml in
            guard let imported = try? SalesforceImporter.importRules(xml: xml, file: "Lead.assignmentRules-meta.xml") else { return }
            _ = try? RuleSetLoader.load(yaml: imported.yaml, file: "imported.yaml")
        }
    }
}
