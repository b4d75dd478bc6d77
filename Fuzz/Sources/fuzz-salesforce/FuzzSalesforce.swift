import FuzzSupport
import SalesforceImport
import ScenarioFile

/// Salesforce assignment-rule XML: the importer, then the loader on the YAML it writes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSalesforce(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let xml = fuzzText(bytes, count),
          let imported = try? SalesforceImporter.importRules(xml: xml, file: "Lead.assignmentRules-meta.xml") else { return 0 }
    _ = try? RuleSetLoader.load(yaml: imported.yaml, file: "imported.yaml")
    return 0
}
