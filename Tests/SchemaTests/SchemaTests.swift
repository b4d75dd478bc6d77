import Foundation
import ScenarioFile
import Testing
import TextFormats

// MARK: The committed schemas

@Test(arguments: FileFormat.Kind.allCases)
func committedSchemaIsTheGeneratedOne(_ kind: FileFormat.Kind) throws {
    let url = packageRoot.appendingPathComponent("Schemas/\(kind.rawValue).schema.json")
    let committed = try text(url)
    // Re-record with: swift run leadsim schema scenario > Schemas/scenario.schema.json (and rules).
    #expect(committed == FileFormat.jsonSchema(kind),
            "Schemas/\(kind.rawValue).schema.json is stale: run `leadsim schema \(kind.rawValue) > Schemas/\(kind.rawValue).schema.json`")
    let parsed = try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any]
    #expect(parsed?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(parsed?["additionalProperties"] as? Bool == false)
}

@Test func schemaListsEveryEnumWord() {
    let rules = FileFormat.jsonSchema(.rules)
    for word in ["round-robin", "weighted-round-robin", "least-loaded", "load-ratio", "next-available", "random",
                 "wall", "business", "none", "reassign", "escalate", "score", "arrival", "automated",
                 "between", "matches", "contains", "starts_with", "escalate_to", "assign_off_shift"] {
        #expect(rules.contains("\"\(word)\""), "\(word)")
    }
    let scenario = FileFormat.jsonSchema(.scenario)
    for word in ["flat", "business-hours", "exponential", "lognormal", "gamma", "normal", "uniform", "beta", "constant",
                 "empirical", "absence_rate", "active_from", "stale_owner", "half_life", "unowned_after"] {
        #expect(scenario.contains("\"\(word)\""), "\(word)")
    }
}

@Test func everyDeclaredKeyHasADescription() {
    func check(_ format: ObjectFormat, _ path: String) {
        for key in format.keys {
            #expect(!key.summary.isEmpty, "\(path).\(key.name)")
            if case .object(let inner) = key.shape { check(inner, "\(path).\(key.name)") }
            if case .list(.object(let inner), _, _) = key.shape { check(inner, "\(path).\(key.name)[]") }
        }
    }
    check(FileFormat.scenario, "scenario")
    check(FileFormat.ruleSet, "rules")
}

// MARK: Patterns agree with the parsers

/// Samples per syntax: the parser's verdict must equal the pattern's.
let patternSamples: [(ValueSyntax.Kind, [String])] = [
    (.duration, ["0s", "90s", "15m", "4h", "2d", "1w", "1h30m", "1.5h", "1h 30m", "1H", ".5h", " 2d ",
                 "28", "", "h", "-1h", "4 hours", "10mins", "1h30", "1x", "1.2.3h", "m5"]),
    (.rate, ["45/min", "300/h", "1200/day", "5000/week", "3/hour", "2.5/d", "1e3/w", "10 / wk", "7/HR",
             "100", "-5/h", "5/fortnight", "abc/h", "/h", "5/", "5/minutes"]),
    (.share, ["0", "0.15", "1", "1.0", ".5", "15%", "100%", "0%", "12.5%", " 15 % ",
              "1.5", "50", "101%", "abc", "-0.1", "%", "-5%"]),
    (.timeOfDay, ["09:00", "9:30", "00:00", "23:59", "24:00", "24:01", "25:00", "9:5", "0900", "12:60", "ab:cd"]),
    (.date, ["2026-01-05", "1999-12-31", "2026-1-5", "2026-13-01", "2026-00-10", "26-01-05", "2026/01/05", "3000-01-01"]),
    (.timestamp, ["2026-01-05T08:00", "2026-01-05T08:00:30", "2026-01-05 08:00", "2026-01-05T08:00Z",
                  "2026-01-05T08:00+01:00", "2026-01-05T08:00-05", "2026-01-05t23:59",
                  "2026-01-05", "2026-01-05T8:00", "2026-01-05T24:00", "2026-01-05T08:00+15:00", "2026-01-05T08"]),
    (.schedule, ["always", "Always", "weekdays 09:00-17:00", "Mon-Thu 08:00-16:00, Fri 08:00-12:00", "weekends",
                 "daily 22:00-06:00", "Fri-Mon 00:00-24:00", "monday 9:00-17:00", "Sat", "weekdays 09:00-17:00,weekends 10:00-14:00",
                 "weekdayz 09:00-17:00", "Mon-Thu-Fri", "weekdays 9-17", "weekdays 24:00-08:00", "Mo 09:00-17:00",
                 "weekdays 09:00 17:00", "", "weekdays 09:00-17:00,"]),
]

func parses(_ kind: ValueSyntax.Kind, _ text: String) -> Bool {
    switch kind {
    case .duration: return (try? ValueSyntax.duration(text)) != nil
    case .rate: return (try? ValueSyntax.weeklyRate(text)) != nil
    case .share: return (try? ValueSyntax.share(text)) != nil
    case .timeOfDay: return (try? ValueSyntax.timeOfDay(text)) != nil
    case .date: return (try? ValueSyntax.date(text)) != nil
    case .timestamp: return (try? ValueSyntax.timestamp(text, timeZone: "UTC")) != nil
    case .timeZone: return (try? ValueSyntax.timeZone(text)) != nil
    case .schedule: return (try? ValueSyntax.schedule(text)) != nil
    }
}

@Test(arguments: patternSamples.map(\.0))
func patternAgreesWithParser(_ kind: ValueSyntax.Kind) throws {
    let regex = try NSRegularExpression(pattern: kind.pattern)
    let samples = patternSamples.first { $0.0 == kind }!.1
    var accepted = 0
    for sample in samples {
        let matches = regex.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil
        #expect(matches == parses(kind, sample), "\(kind.rawValue) '\(sample)': pattern \(matches), parser \(!matches)")
        if matches { accepted += 1 }
    }
    #expect(accepted > 0 && accepted < samples.count, "samples of \(kind.rawValue) must include valid and invalid ones")
}

@Test func timeZonePatternAcceptsEveryKnownZone() throws {
    let regex = try NSRegularExpression(pattern: ValueSyntax.Kind.timeZone.pattern)
    for zone in TimeZone.knownTimeZoneIdentifiers {
        #expect(regex.firstMatch(in: zone, range: NSRange(zone.startIndex..., in: zone)) != nil, "\(zone)")
    }
    for bad in ["New York", "America/New York", "", "/UTC"] {
        #expect(regex.firstMatch(in: bad, range: NSRange(bad.startIndex..., in: bad)) == nil, "\(bad)")
    }
}
