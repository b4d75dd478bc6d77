import SimulationModel
import TextFormats
import Yams

extension ScenarioBuilder {
    struct DeclaredTeam {
        var team: Team
        var node: Node
        var managerNode: Node?
    }

    func teams(_ node: Node) -> [DeclaredTeam] {
        guard let items = r.list(node, "teams", what: "teams") else { return [] }
        var result: [DeclaredTeam] = []
        for (i, item) in items.enumerated() {
            let path = "teams[\(i)]"
            guard let t = r.map(item, path, FileFormat.team),
                  let nameNode = t["name"], let name = r.text(nameNode, t.path("name")) else { continue }
            if let first = result.firstIndex(where: { $0.team.name == name }) {
                r.error(nameNode, t.path("name"), "duplicate team name '\(name)' (first declared at teams[\(first)])",
                        found: name, valid: "a name used by no other team")
                continue
            }
            let manager = t["manager"].flatMap { r.text($0, t.path("manager"), what: "a rep name") }
            let zone = t["timezone"].flatMap { r.parse($0, t.path("timezone"), what: "a time zone", ValueSyntax.timeZone) }
            let businessHours = t["business_hours"].flatMap { schedule($0, t.path("business_hours")) }
            let holidays = t["holidays"].flatMap { dates($0, t.path("holidays")) }
            r.remember("teams.\(name)", nameNode)
            result.append(DeclaredTeam(team: Team(name: name, manager: manager, timeZone: zone, businessHours: businessHours,
                                                  holidays: holidays),
                                       node: nameNode, managerNode: t["manager"]))
        }
        return result
    }

    /// Team and manager checks. `written` is what the rep entries say as written, loaded or
    /// not: a team whose only rep entry has an error (a bad `touch_delay`) is not also reported
    /// as having no reps, nor a manager declared by such an entry as not being a rep.
    func checkTeams(_ teams: [DeclaredTeam], reps: [Rep], repNames: [String], written: WrittenReps) {
        for (i, declared) in teams.enumerated() {
            let team = declared.team
            if !reps.contains(where: { $0.team == team.name }), !written.teams.contains(team.name) {
                r.error(declared.node, "teams[\(i)].name", "team '\(team.name)' has no reps",
                        valid: "at least one rep with 'team: \(team.name)', or remove the team")
            }
            if let manager = team.manager, !repNames.contains(manager), !(r.hasErrors && written.mayName(manager)) {
                r.error(declared.managerNode, "teams[\(i)].manager", "manager '\(manager)' is not a rep", found: manager,
                        valid: "the name of a rep declared under 'reps'",
                        suggestion: Suggestions.closest(to: manager, in: repNames))
            }
        }
    }

    /// Reads a rep key from the rep, else from `defaults.rep`: (node, key path) of the value used.
    struct RepKeys {
        let rep: DocumentReader.Map
        let defaults: DocumentReader.Map?

        subscript(_ key: String) -> (Node, String)? {
            if let n = rep[key] { return (n, rep.path(key)) }
            if let d = defaults, let n = d[key] { return (n, d.path(key)) }
            return nil
        }
    }

    func reps(_ node: Node, defaults defaultsNode: Node?, teams: [String], zone: String,
              businessHours: WeeklySchedule) -> [Rep] {
        var defaults: DocumentReader.Map?
        if let defaultsNode, let d = r.map(defaultsNode, "defaults", FileFormat.defaults), let repNode = d["rep"] {
            defaults = r.map(repNode, "defaults.rep", FileFormat.repDefaults)
        }
        guard let items = r.list(node, "reps", what: "reps") else { return [] }
        if items.isEmpty { r.error(node, "reps", "a scenario needs at least one rep", valid: "a list of reps") }
        var result: [Rep] = []
        var origin: [String: String] = [:]
        for (i, item) in items.enumerated() {
            let path = "reps[\(i)]"
            guard let m = r.map(item, path, FileFormat.rep) else { continue }
            let keys = RepKeys(rep: m, defaults: defaults)
            guard let template = repTemplate(keys, teams: teams, zone: zone, businessHours: businessHours),
                  let nameNode = m["name"], let pattern = r.text(nameNode, m.path("name")) else { continue }
            if keys["team"] == nil { r.error(item, path, "missing required key 'team' in a rep", valid: "team: TEAM-NAME") }
            let count = m["count"].map { r.integer($0, m.path("count"), range: 1...ScenarioLoader.maximumReps) } ?? 1
            guard let count else { continue }
            let templated = pattern.contains("{i}")
            if m.has("count"), !templated, count > 1 {
                r.error(nameNode, m.path("name"), "'count: \(count)' needs '{i}' in the name to number the reps", found: pattern,
                        valid: "a name template such as '\(pattern)-{i}'", suggestion: "\(pattern)-{i}")
                continue
            }
            if templated, !m.has("count") {
                r.error(nameNode, m.path("name"), "'{i}' in a name needs 'count:'", found: pattern,
                        valid: "count: N next to the name template, or a plain name")
                continue
            }
            guard result.count + count <= ScenarioLoader.maximumReps else {
                r.error(m["count"] ?? nameNode, m.path("count"), "too many reps (at most \(ScenarioLoader.maximumReps) in a scenario)")
                return result
            }
            for n in 1...count {
                var rep = template
                rep.name = pattern.replacingOccurrences(of: "{i}", with: String(n))
                if let first = origin[rep.name] {
                    r.error(nameNode, m.path("name"), "duplicate rep name '\(rep.name)' (first declared at \(first))",
                            found: rep.name, valid: "a name used by no other rep")
                    break
                }
                origin[rep.name] = path
                r.remember("reps.\(rep.name)", nameNode)
                if let (node, _) = keys["active_from"] { r.remember("reps.\(rep.name).active_from", node) }
                result.append(rep)
            }
        }
        return result
    }

    /// The settings of one rep entry (name filled in by the caller); nil after reporting errors.
    private func repTemplate(_ keys: RepKeys, teams: [String], zone: String, businessHours: WeeklySchedule) -> Rep? {
        var ok = true
        func value<T>(_ key: String, _ read: (Node, String) -> T?) -> T?? {
            guard let (node, path) = keys[key] else { return .some(nil) }
            let v = read(node, path)
            if v == nil { ok = false }
            return v.map { .some($0) } ?? nil
        }
        let team: String?? = value("team") { node, path in
            guard let name = r.text(node, path, what: "a team name") else { return nil }
            guard teams.contains(name) else {
                r.error(node, path, "unknown team '\(name)'", found: name,
                        valid: teams.isEmpty ? "a team declared under 'teams'" : "a team of 'teams': " + Suggestions.list(teams),
                        suggestion: Suggestions.closest(to: name, in: teams))
                return nil
            }
            return name
        }
        let repZone = value("timezone") { node, path in r.parse(node, path, what: "a time zone", ValueSyntax.timeZone) }
        let schedule = value("schedule") { node, path in self.schedule(node, path) }
        var open: Int?? = .some(nil), perDay: Int?? = .some(nil)
        if let (node, path) = keys["capacity"] {
            // Deep merge: each capacity key comes from the rep, else from defaults.rep.capacity.
            let own = r.map(node, path, FileFormat.capacity)
            var fallback: DocumentReader.Map?
            if let d = keys.defaults, let dn = d["capacity"], dn != node {
                fallback = r.map(dn, d.path("capacity"), FileFormat.capacity)
            }
            if own == nil { ok = false }
            for key in ["open", "per_day"] {
                guard let source = own?.has(key) == true ? own : fallback, let n = source[key] else { continue }
                let v = r.integer(n, source.path(key), range: 1...100_000, what: "a whole number of leads")
                if v == nil { ok = false }
                if key == "open" { open = .some(v) } else { perDay = .some(v) }
            }
        }
        let weight = value("weight") { node, path in r.number(node, path, exclusiveMinimum: 0, maximum: 1_000_000, what: "a weight (a number > 0)") }
        let skills = value("skills") { node, path -> [String]? in
            guard let items = r.list(node, path, what: "skills") else { return nil }
            let names = items.enumerated().map { r.text($1, "\(path)[\($0)]", what: "a skill") }
            return names.contains { $0 == nil } ? nil : names.compactMap { $0 }
        }
        let touchDelay = value("touch_delay") { node, path in r.distribution(node, path, unit: .duration) }
        let handleTime = value("handle_time") { node, path in r.distribution(node, path, unit: .duration) }
        let absent = value("absent") { node, path in absences(node, path) }
        let absenceRate = value("absence_rate") { node, path in r.share(node, path) }
        let activeFrom = value("active_from") { node, path in date(node, path) }
        let isTemplate = value("template") { node, path in r.bool(node, path) }
        let shrinkage = value("shrinkage") { node, path -> Double? in
            guard let share = r.share(node, path) else { return nil }
            if share >= 1 {
                r.error(node, path, "shrinkage 1 leaves the rep never available", found: r.scalarText(node),
                        valid: "a share below 1 such as 20%; for a rep who never works, remove it or set active_from")
                return nil
            }
            return share
        }
        guard ok else { return nil }
        return Rep(name: "", team: (team ?? nil) ?? "", timeZone: (repZone ?? nil) ?? zone,
                   schedule: (schedule ?? nil) ?? businessHours,
                   capacityOpen: (open ?? nil) ?? 25, capacityPerDay: perDay ?? nil, weight: (weight ?? nil) ?? 1,
                   skills: (skills ?? nil) ?? [], touchDelay: (touchDelay ?? nil) ?? .constant(900),
                   handleTime: (handleTime ?? nil) ?? .exponential(mean: 86_400), absent: (absent ?? nil) ?? [],
                   absenceRate: (absenceRate ?? nil) ?? 0, activeFrom: activeFrom ?? nil,
                   isTemplate: (isTemplate ?? nil) ?? false, shrinkage: (shrinkage ?? nil) ?? 0)
    }

    private func absences(_ node: Node, _ path: String) -> [DateRange]? {
        guard let items = r.list(node, path, what: "absences") else { return nil }
        var result: [DateRange] = []
        for (i, item) in items.enumerated() {
            let here = "\(path)[\(i)]"
            if case .scalar = item {
                // A single day off.
                if let day = date(item, here) { result.append(DateRange(from: day, to: day)) }
                continue
            }
            guard let a = r.map(item, here, FileFormat.absence),
                  let from = a["from"].flatMap({ date($0, a.path("from")) }),
                  let to = a["to"].flatMap({ date($0, a.path("to")) }) else { continue }
            guard from <= to else {
                r.error(a["to"], a.path("to"), "the absence ends (\(to)) before it starts (\(from))",
                        valid: "'to' on or after 'from' (both inclusive)")
                continue
            }
            result.append(DateRange(from: from, to: to))
        }
        return result.count == items.count ? result : nil
    }
}
