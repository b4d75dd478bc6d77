/// Diagnostics located in a loaded file by key path, for checks made by other modules (lint).
extension LoadedRuleSet {
    /// A diagnostic at `path` (`routes[2]`, `queues.emea`, `fallback`), or at its nearest recorded parent.
    public func diagnostic(_ severity: Diagnostic.Severity, at path: String, _ message: String,
                           valid: String? = nil) -> Diagnostic {
        sourceMap.diagnostic(severity, path, message, valid: valid)
    }
}

extension LoadedScenario {
    /// A diagnostic at `path` (`reps.alice`, `teams.emea`), or at its nearest recorded parent.
    public func diagnostic(_ severity: Diagnostic.Severity, at path: String, _ message: String,
                           valid: String? = nil) -> Diagnostic {
        sourceMap.diagnostic(severity, path, message, valid: valid)
    }
}

extension LoadedRuleSet {
    /// The recorded key paths under `prefix` (`routes[5].when`) that end in the field `field`
    /// (nil: any), in file order, each with its source line: where a lint finding about one
    /// value of a field test can point.
    public func keyPaths(under prefix: String, field: String? = nil) -> [(path: String, sourceLine: String)] {
        sourceMap.marks.filter { path, _ in
            (path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[")) && field.map { path.hasSuffix("." + $0) } != false
        }
        .sorted { ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column) }
        .map { path, mark in (path, mark.line >= 1 && mark.line <= sourceMap.lines.count ? sourceMap.lines[mark.line - 1] : "") }
    }
}
