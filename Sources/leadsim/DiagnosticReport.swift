import Foundation
import ScenarioFile

/// The machine-readable form of a check (`--format json`): every diagnostic as an object with
/// the same fields the text form shows, plus counts; printed on standard output.
struct DiagnosticReport: Encodable {
    struct Item: Encodable {
        var severity: String
        var file: String
        /// 1-based; nil when the problem has no place in the file (e.g. it cannot be read).
        var line: Int?
        var column: Int?
        /// Key path such as `reps[3].capacity.open`; empty for the whole file.
        var path: String
        var message: String
        var found: String?
        var valid: String?
        var suggestion: String?

        init(_ d: Diagnostic) {
            severity = d.severity.rawValue
            file = d.file
            line = d.line > 0 ? d.line : nil
            column = d.line > 0 && d.column > 0 ? d.column : nil
            path = d.keyPath
            message = d.message
            found = d.found
            valid = d.valid
            suggestion = d.suggestion
        }

        func encode(to encoder: any Encoder) throws {
            // Every key always present (null when unknown), so scripts need no existence checks.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(severity, forKey: .severity)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(path, forKey: .path)
            try c.encode(message, forKey: .message)
            try c.encode(found, forKey: .found)
            try c.encode(valid, forKey: .valid)
            try c.encode(suggestion, forKey: .suggestion)
        }

        enum CodingKeys: String, CodingKey { case severity, file, line, column, path, message, found, valid, suggestion }
    }

    var valid: Bool
    var files: [String]
    var errors: Int
    var warnings: Int
    /// Errors found beyond the cap and not listed.
    var omitted: Int
    var diagnostics: [Item]

    init(files: [String], diagnostics: [Diagnostic], omitted: Int = 0) {
        let errors = diagnostics.filter(\.isError).count
        self.valid = errors == 0 && omitted == 0
        self.files = files
        self.errors = errors + omitted
        self.warnings = diagnostics.count - errors
        self.omitted = omitted
        self.diagnostics = diagnostics.map(Item.init)
    }

    /// Pretty JSON with sorted keys, as `leadsim route --format json` writes it.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
