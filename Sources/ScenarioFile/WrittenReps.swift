import Yams

/// The teams and names the scenario's rep entries give as written, whether or not the
/// entries load: what the team checks consult so that one mistake in a rep entry gives one
/// error, not also "team has no reps" or "manager is not a rep".
struct WrittenReps {
    /// Every team a rep entry (or `defaults.rep`) names.
    private(set) var teams: Set<String> = []
    /// Every rep name or `{i}` name template written.
    private(set) var names: [String] = []

    init(_ reps: Node?, defaults: Node?, reader r: DocumentReader) {
        let defaultTeam = defaults?.mapping?["rep"]?.mapping?["team"].flatMap { r.scalarText($0) }
        for item in reps?.sequence ?? [] {
            guard let entry = item.mapping else { continue }
            if let team = entry["team"].flatMap({ r.scalarText($0) }) ?? defaultTeam { teams.insert(team) }
            if let name = entry["name"].flatMap({ r.scalarText($0) }) { names.append(name) }
        }
    }

    /// Whether some rep entry may declare the rep `name` (its name, or its template with a number).
    func mayName(_ name: String) -> Bool {
        names.contains { pattern in
            guard let range = pattern.range(of: "{i}") else { return pattern == name }
            let prefix = pattern[..<range.lowerBound], suffix = pattern[range.upperBound...]
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return false }
            return name.dropFirst(prefix.count).dropLast(suffix.count).allSatisfy(\.isNumber)
        }
    }
}
