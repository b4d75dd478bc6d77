import Foundation
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats

/// Checks a rule set for routing mistakes that validation allows: routes that can never win,
/// duplicates, list values an earlier route takes, repeated criteria, a missing fallback and,
/// given the scenario, queues nobody works, reps never on shift, account-owner routes that
/// strand stale owners' leads, the hours and holidays when a queue's sources send leads but
/// none of its reps works (from the week's structure), and routes no generated lead hits in a
/// short simulation.
///
/// Findings are compiler-style `Diagnostic`s located in the rule-set (or scenario) file.
/// Errors are provable mistakes (a route that can never match a lead because an earlier one
/// takes all its leads, a duplicate, a queue without reps); everything else is a warning.
public enum RuleLinter {
    public struct Options: Sendable {
        /// Simulated days of the short run (0: no simulation).
        public var simulatedDays: Double
        public var seed: UInt64?

        public init(simulatedDays: Double = 7, seed: UInt64? = nil) {
            self.simulatedDays = simulatedDays
            self.seed = seed
        }
    }

    /// Every finding, errors first, then in file order.
    public static func lint(_ rules: LoadedRuleSet, scenario: LoadedScenario? = nil, options: Options = Options()) -> [Diagnostic] {
        var out = routeChecks(rules)
        if let scenario {
            let checks = crossCheck(scenario: scenario, ruleSet: rules)
            out += checks.filter(\.isError)
            if !checks.contains(where: \.isError) {
                out += ReviewerChecks.staleOwners(rules, scenario: scenario)
                out += worldChecks(rules, scenario: scenario, options: options, earlier: out)
            }
        }
        var seen: [Diagnostic] = []
        for d in out where !seen.contains(d) { seen.append(d) }
        return seen.enumerated().sorted { a, b in
            (a.element.isError ? 0 : 1, a.element.file, a.element.line, a.offset) < (b.element.isError ? 0 : 1, b.element.file, b.element.line, b.offset)
        }.map(\.element)
    }

    // MARK: Routes alone

    static func routeChecks(_ loaded: LoadedRuleSet) -> [Diagnostic] {
        let rules = loaded.ruleSet
        var out: [Diagnostic] = []
        let terms = rules.routes.map { ConditionAnalysis.terms($0.when) }
        var covering: [(route: Int, term: Term)] = []
        var catchAll: Int?
        for (j, route) in rules.routes.enumerated() {
            let path = "routes[\(j)]"
            defer { if let t = terms[j] { covering += t.map { (j, $0) } } }
            if let c = catchAll {
                out.append(loaded.diagnostic(.error, at: path,
                    "route '\(route.name)' is unreachable: route '\(rules.routes[c].name)' before it matches every lead",
                    valid: "move the catch-all route last, or make it the fallback"))
                continue
            }
            if route.when == nil { catchAll = j }
            guard let mine = terms[j] else { continue }
            if mine.isEmpty {
                out.append(loaded.diagnostic(.warning, at: path, "route '\(route.name)' can never match: its condition is always false (contradictory tests, or an empty any: [])"))
                continue
            }
            // Duplicates: an earlier route with the same condition (each implies the other).
            if let i = (0..<j).first(where: { i in
                guard let theirs = terms[i], !theirs.isEmpty else { return false }
                return Self.covers(theirs, mine) && Self.covers(mine, theirs)
            }) {
                let same = rules.routes[i].destination == route.destination
                out.append(loaded.diagnostic(.error, at: path,
                    "route '\(route.name)' duplicates route '\(rules.routes[i].name)' (same condition\(same ? ", same destination" : "")), so it never gets a lead",
                    valid: same ? "delete one of them" : "merge them, or change one condition"))
                continue
            }
            // Shadowing: every term of this route is implied by some term of an earlier route.
            var by: [Int] = []
            let shadowed = mine.allSatisfy { term in
                if let hit = covering.first(where: { ConditionAnalysis.implies(term, $0.term) }) {
                    if !by.contains(hit.route) { by.append(hit.route) }
                    return true
                }
                guard ConditionAnalysis.covered(term, by: covering.map(\.term)) else { return false }
                // Name the routes whose single-field terms did the covering.
                for c in covering where c.term.count == 1 && term[c.term.first!.key] != nil && !by.contains(c.route) { by.append(c.route) }
                return true
            }
            if shadowed, !covering.isEmpty {
                let names = by.sorted().map { "'\(rules.routes[$0].name)'" }.joined(separator: ", ")
                out.append(loaded.diagnostic(.error, at: path,
                    "route '\(route.name)' is unreachable: every lead it matches is taken first by route\(by.count == 1 ? "" : "s") \(names)",
                    valid: "move it above \(by.count == 1 ? "that route" : "those routes"), narrow the earlier condition, or delete it"))
            }
        }
        let flagged = Set(out.filter { $0.isError }.compactMap { d in
            rules.routes.indices.first { d.keyPath == "routes[\($0)]" }
        })
        out += ReviewerChecks.deadValues(loaded, terms: terms, flagged: flagged.union(catchAll.map { c in Set((c + 1)..<rules.routes.count) } ?? []))
        out += ReviewerChecks.repeatedCriteria(loaded)
        if let c = catchAll, let fallback = rules.fallback {
            out.append(loaded.diagnostic(.warning, at: "fallback",
                "fallback '\(fallback)' is never used: route '\(rules.routes[c].name)' matches every lead"))
        } else if catchAll == nil, rules.fallback == nil {
            out.append(loaded.diagnostic(.warning, at: rules.routes.isEmpty ? "" : "routes",
                "no fallback: leads that no route matches are unrouted (never owned)",
                valid: "fallback: QUEUE"))
        }
        return out
    }

    /// Whether every term of `a` implies some term of `b`.
    static func covers(_ b: [Term], _ a: [Term]) -> Bool {
        a.allSatisfy { t in b.contains { ConditionAnalysis.implies(t, $0) } }
    }

    // MARK: With the scenario

    static func worldChecks(_ loaded: LoadedRuleSet, scenario loadedScenario: LoadedScenario, options: Options,
                            earlier: [Diagnostic]) -> [Diagnostic] {
        let rules = loaded.ruleSet
        let scenario = loadedScenario.scenario
        let working = scenario.reps.filter { !$0.isTemplate }
        var out: [Diagnostic] = []
        let runEnd = scenario.start + scenario.warmup + scenario.horizon
        var neverOnShift: Set<String> = []
        for rep in working {
            let reason: String?
            if !rep.schedule.always && rep.schedule.weeklyHours == 0 {
                reason = "its schedule has no working hours"
            } else if let from = rep.activeFrom, Double(from.daysSinceEpoch) * 86_400 >= runEnd + 86_400 {
                reason = "it starts (active_from \(from)) after the run ends"
            } else if rep.absenceRate >= 1 {
                reason = "absence_rate is 1"
            } else if Self.absentThroughout(rep, scenario: scenario) {
                reason = "it is absent for the whole run"
            } else {
                reason = nil
            }
            if let reason {
                neverOnShift.insert(rep.name)
                out.append(loadedScenario.diagnostic(.warning, at: "reps.\(rep.name)", "rep '\(rep.name)' is never on shift: \(reason)"))
            }
        }
        var members: [String: [Rep]] = [:]
        for queue in rules.queues {
            guard case .human(let h) = queue.kind else { continue }
            let reps: [Rep]
            switch h.members {
            case .team, .teams: reps = h.members.teamNames.flatMap { team in working.filter { $0.team == team } }
            case .reps(let names): reps = working.filter { names.contains($0.name) }
            }
            members[queue.name] = reps
            if reps.isEmpty {
                out.append(loaded.diagnostic(.error, at: "queues.\(queue.name)", "queue '\(queue.name)' has no reps: its leads are never assigned",
                                             valid: "reps on the team, or reps: [...] naming reps of the scenario"))
            } else if reps.allSatisfy({ neverOnShift.contains($0.name) }) {
                out.append(loaded.diagnostic(.warning, at: "queues.\(queue.name)",
                                             "no rep of queue '\(queue.name)' is ever on shift: its leads wait until they go cold or the run ends"))
            }
        }
        out += coverage(loaded, scenario: scenario, members: members)
        guard options.simulatedDays > 0 else { return out }

        // A short simulation: which routes leads hit, and when each queue gets leads.
        var short = scenario
        short.warmup = 0
        short.horizon = options.simulatedDays * 86_400
        short.drain = 86_400
        short.replications = 1
        if let seed = options.seed { short.seed = seed }
        guard let plan = try? SimulationPlan(scenario: short, ruleSets: [rules]) else { return out }
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: 1, trace: true))
        let rows = result.trace
        var hits: [String: Int] = [:]
        for row in rows { hits[row.route, default: 0] += 1 }
        let flagged = Set(earlier.filter { $0.keyPath.hasPrefix("routes[") }.map(\.keyPath))
        let missed = rules.routes.indices.filter { hits[rules.routes[$0].name, default: 0] == 0 && !flagged.contains("routes[\($0)]") }
        let simulation = "the \(rows.count) leads of a \(Self.days(options.simulatedDays)) simulation"
        let advice = "check its values against the fields the scenario's sources generate (leadsim validate lists the values no source gives)"
        if missed.count > Self.routesListedApart, let first = missed.first {
            // Many routes missed for one reason (a field or codes no source generates) read best as one finding.
            out.append(loaded.diagnostic(.warning, at: "routes[\(first)]",
                "\(missed.count) routes matched none of \(simulation): " + Suggestions.sample(missed.map { rules.routes[$0].name }),
                valid: advice))
        } else {
            for j in missed {
                out.append(loaded.diagnostic(.warning, at: "routes[\(j)]", "route '\(rules.routes[j].name)' matched none of \(simulation)",
                                             valid: advice))
            }
        }
        return out
    }

    /// Coverage gaps of the queues that routes, `else` or the fallback send leads to: the
    /// hours of the week their sources send leads and none of their reps is on shift, and the
    /// holidays every one of their reps has off.
    static func coverage(_ loaded: LoadedRuleSet, scenario: Scenario, members: [String: [Rep]]) -> [Diagnostic] {
        let rules = loaded.ruleSet
        var targets = Set(rules.routes.flatMap { route -> [String] in
            var out = route.elseQueue.map { [$0] } ?? []
            if case .queue(let q) = route.destination { out.append(q) }
            return out
        })
        if let fallback = rules.fallback { targets.insert(fallback) }
        let arrivals = CoverageGaps.arrivalHours(scenario)
        var out: [Diagnostic] = []
        for queue in rules.queues where targets.contains(queue.name) {
            guard case .human(let h) = queue.kind, !h.assignOffShift, let reps = members[queue.name], !reps.isEmpty else { continue }
            let gaps = arrivals.subtracting(Self.coveredHours(reps, scenario: scenario))
            let holidays = CoverageGaps.holidaysWithNobody(reps, scenario: scenario, arrivals: arrivals)
            guard !gaps.isEmpty || !holidays.isEmpty else { continue }
            var when = gaps.isEmpty ? "" : CoverageGaps.describe(gaps) + " (\(scenario.timeZone))"
            if !holidays.isEmpty {
                let days: String = holidays.prefix(5).map(\.description).joined(separator: ", ")
                let more: String = holidays.count > 5 ? ", …" : ""
                let plural: String = holidays.count == 1 ? "" : "s"
                when += (when.isEmpty ? "" : ", and ") + "on the holiday\(plural) \(days)\(more)"
            }
            out.append(loaded.diagnostic(.warning, at: "queues.\(queue.name)",
                "\(when): no one in queue '\(queue.name)' is on shift while its sources send leads",
                valid: "reps on shift in those hours, overflow: {after: …, to: QUEUE}, or accept the wait"))
        }
        return out
    }

    static func absentThroughout(_ rep: Rep, scenario: Scenario) -> Bool {
        let first = Int((scenario.start / 86_400).rounded(.down))
        let last = Int(((scenario.start + scenario.warmup + scenario.horizon) / 86_400).rounded(.down))
        guard !rep.absent.isEmpty, last - first <= 3660 else { return false }
        return (first...last).allSatisfy { day in rep.absent.contains { $0.contains(CalendarDate(daysSinceEpoch: day)) } }
    }

    /// Scenario-local hour of the week, Monday 00:00 = 0.
    static func hourOfWeek(_ instant: Instant, zone: TimeZone) -> Int {
        let local = instant + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
        let day = Int((local / 86_400).rounded(.down))
        let weekday = ((day + 3) % 7 + 7) % 7
        let hour = Int((local - Double(day) * 86_400) / 3600)
        return weekday * 24 + min(23, hour)
    }

    /// Scenario-local hours of the week in which at least one of `reps` is on shift for some of the hour.
    static func coveredHours(_ reps: [Rep], scenario: Scenario) -> Set<Int> {
        let at = Date(timeIntervalSince1970: scenario.start)
        let scenarioOffset = (TimeZone(identifier: scenario.timeZone)?.secondsFromGMT(for: at) ?? 0) / 60
        var hours: Set<Int> = []
        for rep in reps {
            if rep.schedule.always { return Set(0..<168) }
            let shift = scenarioOffset - (TimeZone(identifier: rep.timeZone)?.secondsFromGMT(for: at) ?? 0) / 60
            hours.formUnion(scheduleHours(rep.schedule, shiftMinutes: shift))
        }
        return hours
    }

    /// Hours of the week touched by `schedule`'s windows, moved by `shiftMinutes` (another zone).
    static func scheduleHours(_ schedule: WeeklySchedule, shiftMinutes shift: Int) -> Set<Int> {
        if schedule.always { return Set(0..<168) }
        var hours: Set<Int> = []
        for window in schedule.windows where window.lengthMinutes > 0 {
            for day in window.weekdays {
                let from = day * 1440 + window.start.minutes + shift
                let to = from + window.lengthMinutes
                var m = from - ((from % 60) + 60) % 60
                while m < to {
                    hours.insert(((m / 60) % 168 + 168) % 168)
                    m += 60
                }
            }
        }
        return hours
    }

    /// Up to this many routes that no simulated lead hits get a warning each; more get one together.
    static let routesListedApart = 3

    static func days(_ d: Double) -> String { d == d.rounded() ? "\(Int(d))-day" : "\(d)-day" }
}
