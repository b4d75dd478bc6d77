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
