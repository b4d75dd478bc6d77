/// Why a rule set cannot be compiled against a roster.
public enum RoutingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A route, `else`, fallback, overflow or escalation names a queue the rule set lacks.
    case unknownQueue(String, referencedBy: String)
    /// A queue lists a rep the roster lacks.
    case unknownRep(String, queue: String)
    /// A `matches` pattern does not compile.
    case invalidRegex(route: String, field: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case .unknownQueue(let name, let referrer):
            return "\(referrer) names queue '\(name)', which the rule set does not declare"
        case .unknownRep(let name, let queue):
            return "queue '\(queue)' lists rep '\(name)', who is not in the scenario"
        case .invalidRegex(let route, let field, let pattern, let reason):
            return "route '\(route)': field '\(field)': invalid regular expression /\(pattern)/: \(reason)"
        }
    }
}
