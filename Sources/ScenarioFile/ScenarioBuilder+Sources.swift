import SimulationModel
import TextFormats
import Yams

extension ScenarioBuilder {
    func sources(_ node: Node, zone: String, hasAccounts: Bool) -> [Source] {
        guard let items = r.list(node, "sources", what: "sources") else { return [] }
        if items.isEmpty { r.error(node, "sources", "a scenario needs at least one source", valid: "a list of lead sources") }
        var result: [Source] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "sources[\(i)]"
            let isReplay: Bool = {
                guard case .mapping(let m) = item else { return false }
                return m.keys.contains { r.scalarText($0) == "replay" }
            }()
            let format = FileFormat.source
            guard let s = r.map(item, path, allowed: format.allowed, required: isReplay ? ["name"] : ["name", "volume"],
                                what: format.what) else { continue }
            let name = s["name"].flatMap { r.text($0, s.path("name")) }
            if let name, let nameNode = s["name"] {
                if let first = seen[name] {
                    r.error(nameNode, s.path("name"), "duplicate source name '\(name)' (first used by sources[\(first)])",
                            found: name, valid: "a name used by no other source")
                } else {
                    seen[name] = i
                }
            }
            // Replay: arrivals and recorded fields come from a file (ScenarioBuilder+Replay.swift).
            var replay: Replay?? = .some(nil)
            if let node = s["replay"] {
                r.remember(s.path("replay"), node)
                replay = self.replay(node, s.path("replay"), zone: zone).map { .some($0) }
                for key in Self.generatedArrivalKeys { if let n = s[key] {
                    r.error(n, s.path(key), "'\(key)' does not apply to a replay source: its arrivals come from the file",
                            valid: "remove '\(key)', or drop 'replay' to generate arrivals")
                } }
            }
            let volume = isReplay ? 0 : s["volume"].flatMap { r.parse($0, s.path("volume"), what: "a rate", ValueSyntax.weeklyRate) }
            let pattern = s["pattern"].map { self.pattern($0, s.path("pattern")) } ?? .flat
            let dispersion = optional(s["dispersion"]) { r.number($0, s.path("dispersion"), minimum: 0, maximum: 10) }
            let bursts = s["bursts"].map { self.bursts($0, s.path("bursts"), zone: zone) } ?? []
            let patience = optional(s["patience"]) { r.distribution($0, s.path("patience"), unit: .duration) }
            let fields = s["fields"].map { self.fields($0, s.path("fields")) } ?? []
            let accountMatch = s["account_match"].map { r.share($0, s.path("account_match")) } ?? 0
            if let match = accountMatch, match > 0, !hasAccounts, let n = s["account_match"] {
                r.error(n, s.path("account_match"), "leads can only match accounts when the scenario has 'accounts:'",
                        valid: "add an 'accounts:' section ({count, owners: {team}}) or remove account_match")
            }
            let missing = s["missing"].map { self.missing($0, s.path("missing"), fields: fields?.map(\.name) ?? []) } ?? [:]
            if let replayed = replay ?? nil, let fields {
                for field in fields where replayed.fields.contains(field.name) {
                    r.error(s["fields"], s.path("fields.\(field.name)"),
                            "field '\(field.name)' comes from the replay file and is also generated",
                            valid: "generate only fields the file does not have")
                }
            }
            guard let name, let volume, let pattern, let dispersion, let bursts, let patience, let fields,
                  let accountMatch, let missing, let replay else { continue }
            result.append(Source(name: name, weeklyVolume: volume, pattern: pattern, dispersion: dispersion,
                                 bursts: bursts, patience: patience, fields: fields, accountMatch: accountMatch,
                                 missing: missing, replay: replay))
        }
        return result
    }

    func pattern(_ node: Node, _ path: String) -> ArrivalPattern? {
        if case .scalar = node {
            return r.choice(node, path, FileFormat.source["pattern"]).map { $0 == "flat" ? ArrivalPattern.flat : .businessHours }
        }
        let keys = (FileFormat.hourlyPattern.allowed ?? []) + (FileFormat.hourOfWeekPattern.allowed ?? [])
        guard let p = r.map(node, path, allowed: keys, what: "an arrival pattern")
        else { return nil }
        if let weights = p["hour_of_week"] {
            if let other = p.entries.first(where: { $0.key != "hour_of_week" }) {
                r.error(other.keyNode, p.path(other.key), "'hour_of_week' gives every hour of the week and does not combine with '\(other.key)'",
                        valid: "{hour_of_week: [168 weights]} or {hourly: [24 weights], weekdays: [7 weights]}")
                return nil
            }
            return self.weights(weights, p.path("hour_of_week"), count: 168, what: "hour-of-week weights (Monday 00:00 first)")
                .map { .hourOfWeek($0) }
        }
        if !p.has("hourly"), !p.has("weekdays") {
            r.error(node, path, "a pattern map needs 'hourly' (24 weights) and/or 'weekdays' (7 weights, Monday first), or 'hour_of_week' (168 weights)")
            return nil
        }
        let hourly = p["hourly"].map { weights($0, p.path("hourly"), count: 24, what: "hourly weights (00:00 to 23:00)") }
            ?? Array(repeating: 1, count: 24)
        let weekdays = p["weekdays"].map { weights($0, p.path("weekdays"), count: 7, what: "weekday weights (Monday first)") }
            ?? Array(repeating: 1, count: 7)
        guard let hourly, let weekdays else { return nil }
        return .hourly(hourly: hourly, weekdays: weekdays)
    }

    private func weights(_ node: Node, _ path: String, count: Int, what: String) -> [Double]? {
        guard let items = r.list(node, path, what: what) else { return nil }
        guard items.count == count else {
            r.error(node, path, "expected \(count) \(what), found \(items.count)", valid: "a list of \(count) numbers ≥ 0")
            return nil
        }
        let values = items.enumerated().map { r.number($1, "\(path)[\($0)]", minimum: 0, what: "a weight ≥ 0") }
        guard !values.contains(where: { $0 == nil }) else { return nil }
        let numbers = values.compactMap { $0 }
        if numbers.allSatisfy({ $0 == 0 }) {
            r.error(node, path, "all weights are 0: no lead would ever arrive", valid: "at least one weight above 0")
            return nil
        }
        return numbers
    }

    func bursts(_ node: Node, _ path: String, zone: String) -> [Burst]? {
        guard let items = r.list(node, path, what: "bursts") else { return nil }
        var result: [Burst] = []
        for (i, item) in items.enumerated() {
            let here = "\(path)[\(i)]"
            guard let b = r.map(item, here, FileFormat.burst) else { continue }
            let at = b["at"].flatMap { timestamp($0, b.path("at"), zone) }
            let leads = b["leads"].flatMap { r.integer($0, b.path("leads"), range: 1...1_000_000) }
            let over = b["over"].map { r.duration($0, b.path("over")) } ?? 0
            if let at, let leads, let over { result.append(Burst(at: at, leads: leads, over: over)) }
        }
        return result.count == items.count ? result : nil
    }

    func missing(_ node: Node, _ path: String, fields: [String]) -> [String: Double]? {
        guard let m = r.map(node, path, FileFormat.missingShares) else { return nil }
        var result: [String: Double] = [:]
        for (key, keyNode, value) in m.entries {
            if !fields.contains(key) {
                r.error(keyNode, m.path(key), "'\(key)' is not a field of this source", found: key,
                        valid: fields.isEmpty ? "fields declared under 'fields:'" : Suggestions.list(fields),
                        suggestion: Suggestions.closest(to: key, in: fields))
            }
            if let share = r.share(value, m.path(key)) { result[key] = share }
        }
        return result.count == m.entries.count ? result : nil
    }

    // MARK: Fields

    func fields(_ node: Node, _ path: String) -> [FieldSpec]? {
        guard let m = r.map(node, path, FileFormat.fieldsFormat) else { return nil }
        var result: [FieldSpec] = []
        var ok = true
        for (key, keyNode, value) in m.entries {
            if key == "account" {
                r.error(keyNode, m.path(key), "'account' is reserved for the matched account",
                        valid: "another field name (account matching is set with 'account_match')")
                ok = false
                continue
            }
            if key == "source" {
                r.error(keyNode, m.path(key), "'source' is a built-in field: every lead's source name",
                        valid: "another field name (routes test the source with {source: NAME})")
                ok = false
                continue
            }
            if let generator = fieldGenerator(value, m.path(key), earlier: result) {
                result.append(FieldSpec(name: key, generator: generator))
            } else {
                ok = false
            }
        }
        return ok ? result : nil
    }

    private func fieldGenerator(_ node: Node, _ path: String, earlier: [FieldSpec]) -> FieldSpec.Generator? {
        switch node {
        case .scalar:
            return r.fieldValue(node, path).map { .constant($0) }
        case .sequence, .alias:
            r.error(node, path, "expected a field generator, found \(r.describe(node))", valid: Self.fieldValid)
            return nil
        case .mapping(let mapping):
            let keys = mapping.keys.compactMap { r.scalarText($0) }
            if keys.contains("by") { return conditional(node, path, earlier: earlier) }
            let isNumeric = keys.contains("integer") || keys.contains("scale") || mapping.contains { key, value in
                guard let k = r.scalarText(key), DocumentReader.distributionNames.contains(k) else { return false }
                if case .scalar = value { return false }
                return true
            }
            if isNumeric {
                guard let spec = r.distribution(node, path, unit: .number, extraKeys: FileFormat.numericFieldKeys),
                      let m = r.map(node, path, allowed: nil, what: "a numeric field") else { return nil }
                let scale = m["scale"].map { r.number($0, m.path("scale")) } ?? 1
                let integer = m["integer"].map { r.bool($0, m.path("integer")) } ?? false
                guard let scale, let integer else { return nil }
                return .numeric(spec, scale: scale, integer: integer)
            }
            return categorical(node, path).map { .categorical($0) }
        }
    }

    static let fieldValid = "a constant, categorical weights {A: 60, B: 40}, {by: FIELD, VALUE: {A: 1, B: 2}, …}, or a distribution such as {lognormal: {median: 150, sigma: 1.6}, integer: true}"

    private func categorical(_ node: Node, _ path: String) -> [(value: FieldValue, weight: Double)]? {
        guard case .mapping(let mapping) = node else {
            r.error(node, path, "expected categorical weights such as {A: 60, B: 40}, found \(r.describe(node))")
            return nil
        }
        guard !mapping.isEmpty else {
            r.error(node, path, "categorical weights need at least one value", valid: "{A: 60, B: 40}")
            return nil
        }
        var result: [(value: FieldValue, weight: Double)] = []
        for (key, value) in mapping {
            let name = r.scalarText(key) ?? "?"
            let here = DocumentReader.join(path, name)
            if case .mapping = value {
                r.error(value, here, "a categorical weight must be a number; nested maps need 'by:'",
                        valid: "{by: FIELD, VALUE: {A: 1, B: 2}} for values that depend on another field")
                continue
            }
            if let w = r.number(value, here, exclusiveMinimum: 0, what: "a weight (a number > 0)") {
                result.append((r.fieldValue(key: key), w))
            }
        }
        return result.count == mapping.count ? result : nil
    }

    private func conditional(_ node: Node, _ path: String, earlier: [FieldSpec]) -> FieldSpec.Generator? {
        guard case .mapping(let mapping) = node, let byNode = mapping["by"] else { return nil }
        let names = earlier.map(\.name)
        guard let by = r.text(byNode, DocumentReader.join(path, "by"), what: "a field name") else { return nil }
        guard let parent = earlier.first(where: { $0.name == by }) else {
            r.error(byNode, DocumentReader.join(path, "by"), "'by: \(by)' must name a field declared earlier in the same 'fields'",
                    found: by, valid: names.isEmpty ? "a field declared above this one" : Suggestions.list(names),
                    suggestion: Suggestions.closest(to: by, in: names))
            return nil
        }
        let parentValues = Self.values(of: parent)
        var table: [FieldValue: [(value: FieldValue, weight: Double)]] = [:]
        var ok = true
        var unused: [(key: Node, path: String, value: String)] = []
        for (key, value) in mapping where r.scalarText(key) != "by" {
            let keyValue = r.fieldValue(key: key)
            let here = DocumentReader.join(path, keyValue.description)
            if let parentValues, !parentValues.contains(keyValue) { unused.append((key, here, keyValue.description)) }
            if let weights = categorical(value, here) { table[keyValue] = weights } else { ok = false }
        }
        if let parentValues, let first = unused.first {
            // Values the parent never takes: one warning however many there are.
            let options = parentValues.map(\.description)
            if unused.count == 1 {
                r.warning(first.key, first.path, "'\(by)' never takes the value '\(first.value)', so this entry is never used",
                          valid: Suggestions.list(options), suggestion: Suggestions.closestValue(to: first.value, in: options))
            } else {
                r.warning(first.key, first.path, "'\(by)' never takes \(unused.count) of the values listed, so their entries are never used: "
                          + Suggestions.sample(unused.map(\.value)), valid: Suggestions.list(options))
            }
        }
        if table.isEmpty, ok {
            r.error(node, path, "'by: \(by)' needs weights for at least one value of '\(by)'",
                    valid: "{by: \(by), VALUE: {A: 60, B: 40}, …}")
            return nil
        }
        return ok ? .conditional(by: by, table) : nil
    }

    /// The values a field can take, when it is categorical or constant.
    static func values(of field: FieldSpec) -> [FieldValue]? {
        switch field.generator {
        case .categorical(let weights): return weights.map(\.value)
        case .conditional(_, let table):
            var seen: [FieldValue] = []
            for weights in table.values { for w in weights where !seen.contains(w.value) { seen.append(w.value) } }
            return seen
        case .constant(let v): return [v]
        case .numeric: return nil
        }
    }
}
