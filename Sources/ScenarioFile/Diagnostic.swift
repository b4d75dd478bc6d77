import SimulationModel

/// One problem found in a scenario or rule-set file, located at a line and column.
///
/// Rendered compiler-style (`file:line:col: error: key.path: message`) followed by the source
/// line, a caret under the column, and `valid:` / `did you mean` hints, so that an editor or a
/// person can jump straight to the spot.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    public var severity: Severity
    public var file: String
    /// 1-based line; 0 when the problem has no place in a file (e.g. the file cannot be read).
    public var line: Int
    /// 1-based column (Unicode scalars); 0 when unknown.
    public var column: Int
    /// Where in the document, e.g. `reps[3].capacity.open` (empty for the whole file).
    public var keyPath: String
    public var message: String
    /// The offending text as written, when there is one.
    public var found: String?
    /// What would be accepted here.
    public var valid: String?
    /// A close valid alternative (`did you mean 'x'?`).
    public var suggestion: String?
    /// The text of `line`, for the caret display.
    public var sourceLine: String?

    public init(severity: Severity, file: String, line: Int, column: Int, keyPath: String, message: String,
                found: String? = nil, valid: String? = nil, suggestion: String? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
        self.found = found
        self.valid = valid
        self.suggestion = suggestion
        self.sourceLine = sourceLine
    }

    public var isError: Bool { severity == .error }

    /// The longest message line and source excerpt shown: a 100,000-digit number or a
    /// one-line file is clipped, not printed whole.
    static let widest = 240

    /// The part of `line` shown (at most `widest` scalars around `column`) and the caret's
    /// 1-based column in it (nil when the column is unknown).
    static func window(_ line: String, column: Int) -> (String, Int?) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > widest else { return (line, column > 0 ? column : nil) }
        let start = column > 0 ? min(max(0, column - 1 - widest / 2), scalars.count - widest) : 0
        let end = start + widest
        let text = (start > 0 ? "…" : "") + String(String.UnicodeScalarView(scalars[start..<end])) + (end < scalars.count ? "…" : "")
        return (text, column > 0 ? column - start + (start > 0 ? 1 : 0) : nil)
    }

    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        var text = "\(location): \(severity.rawValue): "
        if !keyPath.isEmpty { text += "\(keyPath): " }
        text += message
        if let found, !message.contains("'\(found)'") { text += " (found '\(found)')" }
        if text.count > Self.widest { text = String(text.prefix(Self.widest - 1)) + "…" }
        if let sourceLine, line > 0 {
            let (shown, caret) = Self.window(sourceLine, column: column)
            text += "\n    " + shown
            if let caret {
                // Keep tabs so the caret lines up under tab-indented text.
                let lead = shown.unicodeScalars.prefix(caret - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                text += "\n    " + lead + "^"
            }
        }
        if let valid { text += "\n  valid: \(valid)" }
        if let suggestion { text += "\n  did you mean '\(suggestion)'?" }
        return text
    }
}

/// A file that could not be loaded: every diagnostic found (errors first in file order, capped).
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    /// The most diagnostics kept; a broken file rarely needs more to be fixed.
    public static let cap = 50

    public var diagnostics: [Diagnostic]
    /// Errors beyond `cap` that were found but not kept.
    public var omitted: Int
    /// For a rule set: the queues that did load (see `RuleSetLoader.memberErrors`).
    public var partialRuleSet: LoadedRuleSet?

    public init(diagnostics: [Diagnostic], omitted: Int = 0) {
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    public var description: String {
        var text = diagnostics.map(\.description).joined(separator: "\n")
        if omitted > 0 { text += "\n… and \(omitted) more" }
        let count = errors.count + omitted
        text += "\n\(count) error\(count == 1 ? "" : "s")"
        return text
    }
}
