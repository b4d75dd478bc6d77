extension ValueSyntax {
    /// The value syntaxes of SPEC §1, each with the regular expression the JSON Schema uses for
    /// it and the "valid:" text the loader prints for it.
    ///
    /// The patterns are written to accept exactly what the parsers above accept for the forms
    /// people write; they cannot check limits a regex does not see (at most 100 years, leap days).
    /// They use only ECMA-262 syntax shared by editors (JavaScript) and Python's `re`: no inline
    /// flags, so case-insensitive words are spelled as character classes.
    public enum Kind: String, CaseIterable, Sendable {
        case duration, rate, share, timeOfDay = "time", date, timestamp, timeZone = "timezone", schedule

        /// What is valid, as the loader says it.
        public var valid: String {
            switch self {
            case .duration: return ValueSyntax.durationValid
            case .rate: return ValueSyntax.rateValid
            case .share: return ValueSyntax.shareValid
            case .timeOfDay: return ValueSyntax.timeValid
            case .date: return ValueSyntax.dateValid
            case .timestamp: return ValueSyntax.timestampValid
            case .timeZone: return "an IANA time zone name such as America/New_York, Europe/London or Asia/Singapore"
            case .schedule: return ValueSyntax.scheduleValid
            }
        }

        /// An anchored regular expression for the text form.
        public var pattern: String { "^ *" + Patterns.body(self) + " *$" }
    }
}

/// Building blocks of the patterns.
enum Patterns {
    static func body(_ kind: ValueSyntax.Kind) -> String {
        switch kind {
        case .duration: return "(?:\(decimal) *[wWdDhHmMsS] *)+"
        case .rate:
            let units = ["month", "mo", "minute", "min", "m", "hour", "hr", "h", "day", "d", "week", "wk", "w"]
            return "\\+?\(decimal)(?:[eE][+-]?[0-9]+)? */ *" + words(units)
        case .share:
            // A percentage up to 100, or a fraction up to 1 written as text.
            return "(?:0*(?:100(?:\\.0*)?|[0-9]{1,2}(?:\\.[0-9]*)?|\\.[0-9]+) *%|0*(?:1(?:\\.0*)?|0(?:\\.[0-9]*)?|\\.[0-9]+))"
        case .timeOfDay: return time
        case .date: return date
        case .timestamp: return "\(date)[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:[Zz]|[+-](?:0[0-9]|1[0-4])(?::[0-5][0-9])?)?"
        case .timeZone: return "[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*"
        case .schedule:
            let day = words(["monday", "mon", "tuesday", "tues", "tue", "wednesday", "wed", "thursday", "thurs", "thur",
                             "thu", "friday", "fri", "saturday", "sat", "sunday", "sun"])
            let days = "(?:" + words(["weekdays", "weekends", "weekend", "daily", "everyday"]) + "|\(day)(?:-\(day))?)"
            let start = "(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
            let window = " *\(days)(?: +\(start)-\(time))? *"
            return "(?:" + words(["always"]) + "|\(window)(?:,\(window))*)"
        }
    }

    /// A decimal number without sign or exponent: `12`, `1.5`, `.5`, `2.`.
    static let decimal = "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)"
    static let time = "(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)"
    static let date = "(?:19[0-9]{2}|2[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"

    /// Alternatives matched without regard to case (`[mM][oO][nN]`), longest first.
    static func words(_ list: [String]) -> String {
        let sorted = list.sorted { $0.count > $1.count }
        return "(?:" + sorted.map { word in
            word.map { c in
                let lower = c.lowercased(), upper = c.uppercased()
                return lower == upper ? (c == "-" ? "\\-" : String(c)) : "[\(lower)\(upper)]"
            }.joined()
        }.joined(separator: "|") + ")"
    }
}
