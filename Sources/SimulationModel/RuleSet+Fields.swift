extension RuleSet {
    /// The lead fields the rule set reads, in order of first use: those its route conditions test
    /// (not `account`, the matched account) and its queues' `skill` fields.
    public var testedFields: [String] {
        var names: [String] = []
        func note(_ name: String) { if name != "account", !names.contains(name) { names.append(name) } }
        func walk(_ condition: Condition) {
            switch condition {
            case .field(let name, _): note(name)
            case .all(let parts), .any(let parts): parts.forEach(walk)
            case .not(let inner): walk(inner)
            }
        }
        for route in routes { if let when = route.when { walk(when) } }
        for queue in queues { if case .human(let h) = queue.kind, let skill = h.skill { note(skill) } }
        return names
    }
}
