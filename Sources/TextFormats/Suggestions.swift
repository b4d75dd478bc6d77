/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), case-insensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a.lowercased().unicodeScalars), t = Array(b.lowercased().unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    best = min(best, previous2[j - 2] + 1)
                }
                current[j] = best
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }

    /// The candidate closest to `word`, when close enough to be a plausible typo.
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        guard !word.isEmpty, word.count <= 200 else { return nil }
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let d = distance(word, candidate)
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        if let best { return best.0 }
        // A case or separator slip (`Demo_Request`, `assignOffShift`), or a CRM's spelling (`Region__c`).
        let squashed = squash(word)
        return candidates.first { squash($0) == squashed }
    }

    /// `closest(to:in:)` for a field value: values of one or two letters (country codes,
    /// regions) are one letter from many others, so only a case or separator slip (`ca` for
    /// `CA`) is suggested for them.
    public static func closestValue<S: Sequence>(to value: String, in candidates: S) -> String? where S.Element == String {
        guard value.count <= 2 else { return closest(to: value, in: candidates) }
        let squashed = squash(value)
        return candidates.first { $0 != value && squash($0) == squashed }
    }

    /// The first `shown` items and a count of the rest, for a message about many:
    /// `'AX', 'AL' and 'DZ'`, or `'AX', 'AL', … 'BY' and 237 more`.
    public static func sample(_ items: [String], shown: Int = 8, quoted: Bool = true) -> String {
        let words = items.prefix(shown).map { quoted ? "'\($0)'" : $0 }
        let rest = items.count - words.count
        if rest > 0 { return words.joined(separator: ", ") + " and \(rest) more" }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
    }

    /// Lower case without separators, and without Salesforce's `Lead.` prefix and `__c` suffix
    /// (`Lead.Region__c` and `region` are one name to a person).
    private static func squash(_ s: String) -> String {
        var lower = s.lowercased()
        if lower.hasPrefix("lead."), lower.count > 5 { lower.removeFirst(5) }
        if lower.hasSuffix("__c"), lower.count > 3 { lower.removeLast(3) }
        return String(lower.unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " && $0 != "." }.map(Character.init))
    }

    /// `a, b or c`, for `valid:` lines.
    public static func list<S: Sequence>(_ items: S, quoted: Bool = false) -> String where S.Element == String {
        let words = items.map { quoted ? "'\($0)'" : $0 }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }
}
