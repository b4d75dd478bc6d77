import Foundation
import ScenarioFile

extension SalesforceImporter {
    /// Imports a metadata folder (source format): the Lead assignment rules, with each Queue
    /// target read from `queues/NAME.queue-meta.xml` (its member users become the queue's reps),
    /// its Omni-Channel `queueRoutingConfigs/*` (LEAST_ACTIVE → least-loaded, MOST_AVAILABLE →
    /// load-ratio, `pushTimeout` → reassignment after that time, `queueOverflowAssignee` →
    /// overflow; priority and skills noted) and `presenceUserConfigs/*` (`capacity` → the reps'
    /// `capacity.open`). `ImportedRuleSet.reps` then holds the reps fragment.
    ///
    /// - Parameter files: the folder's files, path → text (others than those above are ignored).
    /// - Throws: `LoadFailure` as `importRules` does, and when the folder has no Lead
    ///   assignment rules or a metadata file does not parse.
    public static func importFolder(files: [String: String], folder: String, map: ImportMap = ImportMap(),
                                    rule: String? = nil) throws(LoadFailure) -> ImportedRuleSet {
        let candidates = files.keys.filter { path in
            let name = URL(fileURLWithPath: path).lastPathComponent
            return name == "Lead.assignmentRules-meta.xml" || name == "Lead.assignmentRules"
        }.sorted()
        guard let rulesFile = candidates.first, let xml = files[rulesFile] else {
            throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: folder, line: 0, column: 0, keyPath: "",
                message: "the folder has no Lead assignment rules",
                valid: "a Salesforce DX folder with assignmentRules/Lead.assignmentRules-meta.xml (and queues/, queueRoutingConfigs/, presenceUserConfigs/)")])
        }
        let metadata = SalesforceMetadata(files: files)
        if !metadata.errors.isEmpty { throw LoadFailure(diagnostics: metadata.errors + metadata.warnings) }
        var session = ImportSession(file: rulesFile, xml: xml, map: map, metadata: metadata)
        var imported = try session.run(rule: rule)
        imported.warnings = metadata.warnings + imported.warnings
        if candidates.count > 1 {
            imported.warnings.insert(Diagnostic(severity: .warning, file: folder, line: 0, column: 0, keyPath: "",
                                                message: "the folder has \(candidates.count) Lead assignment-rule files; imported \(rulesFile)"), at: 0)
        }
        return imported
    }
}
