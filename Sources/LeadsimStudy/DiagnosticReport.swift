import Foundation
import ScenarioFile

/// The machine-readable form of a check (`--format json`): every diagnostic as an object with
/// the same fields the text form shows, plus counts; printed on standard output.
public struct DiagnosticReport: Encodable, Sendable {
    public struct Item: Encodable, Sendable {
        public var severity: String
        public var file: String
        /// 1-based; nil when the problem has no place in the file (e.g. it cannot be read).
        public var line: Int?
        public var column: Int?
        /// Key path such as `reps[3].capacity.open`; empty for the whole file.
        public var path: String
        public var message: String
        public var found: String?
        public var valid: String?
        public var suggestion: String?

        public init(_ d: Diagnostic) {
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

        public func encode(to encoder: any Encoder) throws {
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

    public var valid: Bool
    public var files: [String]
    public var errors: Int
    public var warnings: Int
    /// Errors found beyond the cap and not listed.
    public var omitted: Int
    public var diagnostics: [Item]

    public init(files: [String], diagnostics: [Diagnostic], omitted: Int = 0) {
        let errors = diagnostics.filter(\.isError).count
        self.valid = errors == 0 && omitted == 0
        self.files = files
        self.errors = errors + omitted
        self.warnings = diagnostics.count - errors
        self.omitted = omitted
        self.diagnostics = diagnostics.map(Item.init)
    }

    /// Pretty JSON with sorted keys, as `leadsim route --format json` writes it.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
