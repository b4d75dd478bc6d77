import Foundation
import SimulationModel
import TextFormats

/// Checks a rule set against the scenario it runs in: references to teams, reps and lead
/// fields, account-owner routes, escalation targets, and queues that can never be served.
///
/// - Returns: errors (the pair cannot run) and warnings, located in the rule-set file.
public func crossCheck(scenario: LoadedScenario, ruleSet: LoadedRuleSet) -> [Diagnostic] {
    CrossChecker(scenario: scenario.scenario, ruleSet: ruleSet.ruleSet, map: ruleSet.sourceMap).run()
}

/// The same checks on models built without files (diagnostics then carry no line).
public func crossCheck(scenario: Scenario, ruleSet: RuleSet) -> [Diagnostic] {
    CrossChecker(scenario: scenario, ruleSet: ruleSet, map: SourceMap(file: ruleSet.name, lines: [], marks: [:])).run()
}

struct CrossChecker {
    let scenario: Scenario
    let ruleSet: RuleSet
    let map: SourceMap
    var out: [Diagnostic] = []
    /// Condition fields no source generates, and values no source gives a field, gathered
    /// while walking the routes so each becomes one warning (`fieldWarnings`).
    var untested = FieldFindings()

    init(scenario: Scenario, ruleSet: RuleSet, map: SourceMap) {
        self.scenario = scenario
        self.ruleSet = ruleSet
        self.map = map
    }

    func run() -> [Diagnostic] {
        var checker = self
        checker.check()
        return checker.out.sorted { ($0.isError ? 0 : 1, $0.line, $0.column) < ($1.isError ? 0 : 1, $1.line, $1.column) }
    }

    private mutating func add(_ severity: Diagnostic.Severity, _ path: String, _ message: String, found: String? = nil,
                              valid: String? = nil, suggestion: String? = nil) {
        let d = map.diagnostic(severity, path, message, found: found, valid: valid?.isEmpty == true ? nil : valid,
                               suggestion: suggestion)
        if !out.contains(d) { out.append(d) }
    }

    private var teamNames: [String] { scenario.teams.map(\.name) }
    private var repNames: [String] { scenario.reps.map(\.name) }
    private var fieldNames: [String] {
        var names: [String] = ["source"]
        for source in scenario.sources {
            for f in source.fields where !names.contains(f.name) { names.append(f.name) }
            for f in source.replay?.fields ?? [] where !names.contains(f) { names.append(f) }
        }
        for f in scenario.accounts?.fields ?? [] where !names.contains(f.name) { names.append(f.name) }
        return names
    }

    private mutating func check() {
        for queue in ruleSet.queues {
            guard case .human(let h) = queue.kind else { continue }
            let base = "queues.\(queue.name)"
            switch h.members {
            case .team(let team):
                checkTeam(team, path: "\(base).team")
            case .teams(let teams):
                for (i, team) in teams.enumerated() {
                    let path = "\(base).team[\(i)]"
                    if let first = teams.firstIndex(of: team), first < i {
                        add(.error, path, "team '\(team)' is listed twice in queue '\(queue.name)' (first at team[\(first)])",
                            found: team, valid: "each team once")
                    } else {
                        checkTeam(team, path: path)
                    }
                }
            case .reps(let reps):
                for (i, rep) in reps.enumerated() where !repNames.contains(rep) {
                    add(.error, "\(base).reps[\(i)]", "rep '\(rep)' is not a rep of scenario '\(scenario.name)'", found: rep,
                        valid: "a rep name declared under 'reps' (after count expansion, e.g. na-smb-1)",
                        suggestion: Suggestions.closest(to: rep, in: repNames))
                }
            }
            if let skill = h.skill, !fieldNames.contains(skill) {
                add(.error, "\(base).skill", "no source generates the field '\(skill)' used as a skill", found: skill,
                    valid: fieldNames.isEmpty ? "a field declared under a source's 'fields'" : Suggestions.list(fieldNames),
                    suggestion: Suggestions.closest(to: skill, in: fieldNames))
            }
            if h.order == .score, !fieldNames.contains("score") {
                add(.warning, "\(base).order", "'order: score' but no source generates a 'score' field; leads wait oldest first")
            }
            let members = reps(of: h.members)
            if members.isEmpty, case .reps = h.members {} else if members.isEmpty {
                add(.warning, "\(base)", "queue '\(queue.name)' has no reps: its leads are never assigned")
            }
            if let skill = h.skill, !members.isEmpty, members.allSatisfy({ $0.skills.isEmpty }) {
                add(.warning, "\(base).skill", "no rep of queue '\(queue.name)' has any skills, so no lead is ever eligible",
                    valid: "skills: [...] on the reps, matching values of '\(skill)'")
            }
            if !members.isEmpty, !h.assignOffShift, !Coverage.overlaps(reps: members, scenario: scenario) {
                add(.warning, base, "no rep of queue '\(queue.name)' is ever on shift while leads arrive; leads wait for the next shift")
            }
        }
        for (i, route) in ruleSet.routes.enumerated() {
            if route.destination == .accountOwner, scenario.accounts == nil {
                add(.error, "routes[\(i)].to", "route '\(route.name)' sends leads to their account owner, but scenario '\(scenario.name)' has no accounts",
                    valid: "an 'accounts:' section in the scenario, or a queue as destination")
            }
            if let when = route.when { checkFields(when, path: "routes[\(i)].when") }
        }
        fieldWarnings()
        checkEscalationManagers()
    }

    /// `on_breach: escalate` without `escalate_to` goes to the manager of the team of the lead's
    /// queue: every queue a lead under such an SLA can breach in (the queue it was first routed
    /// to, then its overflow chain) needs a team with a manager.
    private mutating func checkEscalationManagers() {
        for queue in ruleSet.queues {
            guard case .human(let human) = queue.kind else { continue }
            let sla: SLA?, base: String
            switch human.sla {
            case .ruleSet: (sla, base) = (ruleSet.sla, "sla")
            case .exempt: continue
            case .own(let own): (sla, base) = (own, "queues.\(queue.name).sla")
            }
            guard let sla, sla.onBreach == .escalate, sla.escalateTo == nil else { continue }
            for (name, members) in overflowChain(from: queue.name) {
                switch members {
                case .team, .teams:
                    // A queue over several teams escalates to the manager of the owner's team.
                    for team in members.teamNames {
                        if let t = scenario.teams.first(where: { $0.name == team }), t.manager == nil {
                            add(.error, "\(base).on_breach", "'on_breach: escalate' needs a manager for team '\(team)' (queue '\(name)') or 'escalate_to'",
                                valid: "manager: REP on the team, or \(base).escalate_to: QUEUE")
                        }
                    }
                case .reps:
                    add(.error, "\(base).on_breach", "'on_breach: escalate' cannot find a manager for queue '\(name)' (it lists reps, not a team)",
                        valid: "\(base).escalate_to: QUEUE")
                }
            }
        }
    }

    private mutating func checkTeam(_ team: String, path: String) {
        guard !teamNames.contains(team) else { return }
        add(.error, path, "team '\(team)' is not a team of scenario '\(scenario.name)'", found: team,
            valid: Suggestions.list(teamNames), suggestion: Suggestions.closest(to: team, in: teamNames))
    }

    /// The human queues a lead routed to `start` can wait in: `start`, then its overflow targets in turn.
    private func overflowChain(from start: String) -> [(name: String, members: HumanQueue.Members)] {
        var chain: [(name: String, members: HumanQueue.Members)] = []
        var next: String? = start
        while let name = next, !chain.contains(where: { $0.name == name }),
              case .human(let human)? = ruleSet.queue(named: name)?.kind {
            chain.append((name, human.members))
            next = human.overflow?.to
        }
        return chain
    }

    private func reps(of members: HumanQueue.Members) -> [Rep] {
        switch members {
        case .team, .teams: return members.teamNames.flatMap { scenario.reps(ofTeam: $0) }
        case .reps(let names): return scenario.reps.filter { names.contains($0.name) }
        }
    }

    /// Warns about condition fields no source generates and values a field never takes.
    private mutating func checkFields(_ condition: Condition, path: String) {
        switch condition {
        case .all(let parts), .any(let parts):
            for part in parts { checkFields(part, path: path) }
        case .not(let inner):
            checkFields(inner, path: path)
        case .field(let name, let test):
            guard name != "account" else { return }
            // Nested `all`/`any` items carry their index in the recorded path.
            let here = map.marks.keys.filter { $0.hasPrefix(path) && $0.hasSuffix(".\(name)") }.min() ?? "\(path).\(name)"
            guard fieldNames.contains(name) else {
                untested.missingField(name, at: here)
                return
            }
            let known = knownValues(of: name)
            guard let known else { return }
            for value in Self.values(in: test) where !known.contains(value) {
                untested.unknownValue(value.description, of: name, at: here, known: known.map(\.description))
            }
        }
    }

    /// One warning per field no source generates (at its first test, counting the others) and one
    /// per field listing the values no source gives it: 245 country codes are one finding.
    private mutating func fieldWarnings() {
        for (name, places) in untested.missingFields {
            let elsewhere = places.count - 1
            add(.warning, places[0], "no source generates the field '\(name)', so this test never holds (a missing field fails every test but 'missing')"
                + (elsewhere > 0 ? "; \(elsewhere) more test\(elsewhere == 1 ? "" : "s") of it" : ""),
                found: name, valid: Suggestions.list(fieldNames), suggestion: Suggestions.closest(to: name, in: fieldNames))
        }
        for group in untested.unknownValues {
            let options = group.known.count <= 20 ? Suggestions.list(group.known) : Suggestions.sample(group.known, shown: 20, quoted: false)
            if group.values.count == 1, let value = group.values.first {
                add(.warning, group.path, "no source gives '\(group.field)' the value '\(value)'", found: value,
                    valid: options, suggestion: Suggestions.closestValue(to: value, in: group.known))
                continue
            }
            let hints = group.values.prefix(8).compactMap { value in
                Suggestions.closestValue(to: value, in: group.known).map { "'\(value)' → '\($0)'" }
            }
            add(.warning, group.path, "no source gives '\(group.field)' any of \(group.values.count) values its tests name, so those tests never hold: "
                + Suggestions.sample(group.values) + (hints.isEmpty ? "" : " (did you mean \(hints.joined(separator: ", "))?)"),
                valid: "values the sources give it: \(options)")
        }
    }

    private func knownValues(of field: String) -> [FieldValue]? {
        if field == "source" { return scenario.sources.map { .text($0.name) } }
        // Recorded columns can hold anything: no value warnings for them.
        if scenario.sources.contains(where: { $0.replay?.fields.contains(field) == true }) { return nil }
        var values: [FieldValue] = []
        for f in scenario.sources.flatMap(\.fields) + (scenario.accounts?.fields ?? []) where f.name == field {
            guard let vs = ScenarioBuilder.values(of: f) else { return nil }
            for v in vs where !values.contains(v) { values.append(v) }
        }
        return values
    }

    private static func values(in test: FieldTest) -> [FieldValue] {
        switch test {
        case .equals(let v): return [v]
        case .oneOf(let vs): return vs
        case .compare(let op, let v): return op == .equal || op == .notEqual ? [v] : []
        case .not(let inner): return values(in: inner)
        default: return []
        }
    }
}

/// Condition fields and values the scenario does not give, in order of first sight.
struct FieldFindings {
    /// Field → every path that tests it.
    private(set) var missingFields: [(field: String, paths: [String])] = []
    /// Per field: where the first unknown value is tested, and every unknown value once.
    private(set) var unknownValues: [(field: String, path: String, values: [String], known: [String])] = []

    mutating func missingField(_ field: String, at path: String) {
        if let i = missingFields.firstIndex(where: { $0.field == field }) {
            if !missingFields[i].paths.contains(path) { missingFields[i].paths.append(path) }
        } else {
            missingFields.append((field, [path]))
        }
    }

    mutating func unknownValue(_ value: String, of field: String, at path: String, known: [String]) {
        if let i = unknownValues.firstIndex(where: { $0.field == field }) {
            if !unknownValues[i].values.contains(value) { unknownValues[i].values.append(value) }
        } else {
            unknownValues.append((field, path, [value], known))
        }
    }
}

/// On-shift coverage on an hour-of-week grid in UTC (offsets at the scenario start).
enum Coverage {
    /// Whether some rep is on shift in some hour in which leads arrive.
    static func overlaps(reps: [Rep], scenario: Scenario) -> Bool {
        let arrivals = arrivalHours(scenario)
        var shifts = [Bool](repeating: false, count: 168)
        for rep in reps { mark(rep.schedule, zone: rep.timeZone, at: scenario.start, into: &shifts) }
        return (0..<168).contains { arrivals[$0] && shifts[$0] }
    }

    static func arrivalHours(_ scenario: Scenario) -> [Bool] {
        var hours = [Bool](repeating: false, count: 168)
        for source in scenario.sources {
            switch source.pattern {
            case .flat: return [Bool](repeating: true, count: 168)
            case .businessHours: mark(scenario.businessHours, zone: scenario.timeZone, at: scenario.start, into: &hours)
            case .hourly(let hourly, let weekdays):
                let offset = offsetHours(scenario.timeZone, at: scenario.start)
                for d in 0..<7 where weekdays[d] > 0 {
                    for h in 0..<24 where hourly[h] > 0 { hours[wrap(d * 24 + h - offset)] = true }
                }
            case .hourOfWeek(let weights):
                let offset = offsetHours(scenario.timeZone, at: scenario.start)
                for h in 0..<168 where weights[h] > 0 { hours[wrap(h - offset)] = true }
            }
            if !source.bursts.isEmpty { return [Bool](repeating: true, count: 168) }
        }
        return hours
    }

    /// Sets the UTC hours of the week (Monday 00:00 UTC = 0) that a local schedule covers.
    static func mark(_ schedule: WeeklySchedule, zone: String, at instant: Instant, into hours: inout [Bool]) {
        if schedule.always {
            hours = [Bool](repeating: true, count: 168)
            return
        }
        let offset = offsetHours(zone, at: instant)
        for window in schedule.windows {
            for day in window.weekdays {
                let first = window.start.minutes / 60
                let minutes = window.lengthMinutes
                let last = (window.start.minutes + minutes - 1) / 60
                guard minutes > 0 else { continue }
                for h in first...last { hours[wrap(day * 24 + h - offset)] = true }
            }
        }
    }

    private static func offsetHours(_ zone: String, at instant: Instant) -> Int {
        let seconds = TimeZone(identifier: zone)?.secondsFromGMT(for: Date(timeIntervalSince1970: instant)) ?? 0
        return Int((Double(seconds) / 3600).rounded(.down))
    }

    private static func wrap(_ h: Int) -> Int { ((h % 168) + 168) % 168 }
}
