import Foundation
import SimulationModel
import TextFormats
import Yams

/// A rule set loaded from a file: the validated model and the warnings found on the way.
public struct LoadedRuleSet: Sendable {
    public var ruleSet: RuleSet
    public var warnings: [Diagnostic]
    public var file: String
    let sourceMap: SourceMap
}

/// Loads rule-set files (SPEC §3) into `RuleSet`, reporting every problem with its line.
public enum RuleSetLoader {
    /// Reads and loads the rule-set file at `path`.
    /// - Throws: `LoadFailure` with every diagnostic when the file cannot be read or is invalid.
    public static func load(path: String) throws(LoadFailure) -> LoadedRuleSet {
        try load(yaml: ScenarioLoader.readFile(path), file: path)
    }

    /// Loads a rule set from YAML text; `file` names it in diagnostics.
    public static func load(yaml: String, file: String) throws(LoadFailure) -> LoadedRuleSet {
        let reader = DocumentReader(file: file, yaml: yaml)
        let ruleSet = RuleSetBuilder(r: reader).build(yaml)
        guard let ruleSet, !reader.hasErrors else {
            var failure = reader.failure(what: "rule set")
            failure.partialRuleSet = LoadedRuleSet(ruleSet: RuleSet(name: "", routes: [], queues: reader.partialQueues),
                                                   warnings: [], file: file, sourceMap: reader.sourceMap)
            throw failure
        }
        return LoadedRuleSet(ruleSet: ruleSet, warnings: reader.warnings, file: file, sourceMap: reader.sourceMap)
    }

    /// The errors of a rule set that did not load which a scenario would add: queues naming
    /// teams or reps the scenario does not have. Found with the file's other errors, so that
    /// a strategy typo no longer hides a team-name error until the next run.
    public static func memberErrors(of failure: LoadFailure, in scenario: LoadedScenario) -> [Diagnostic] {
        guard let partial = failure.partialRuleSet else { return [] }
        return crossCheck(scenario: scenario, ruleSet: partial).filter { d in
            d.isError && (d.message.contains("is not a team of scenario") || d.message.contains("is not a rep of scenario"))
        }
    }

    /// Parses one condition (the value of a route's `when`) written in YAML, e.g. `{region: EMEA}`.
    public static func condition(yaml: String, file: String = "<condition>") throws(LoadFailure) -> Condition {
        let reader = DocumentReader(file: file, yaml: yaml)
        guard let root = reader.root(yaml, expecting: "a condition"),
              let condition = RuleSetBuilder(r: reader).condition(root, "when"), !reader.hasErrors else {
            throw reader.failure(what: "condition")
        }
        return condition
    }
}

/// Loads a rule set from YAML text; `file` names it in diagnostics.
public func loadRuleSet(yaml: String, file: String) throws(LoadFailure) -> LoadedRuleSet {
    try RuleSetLoader.load(yaml: yaml, file: file)
}

struct RuleSetBuilder {
    let r: DocumentReader

    func build(_ yaml: String) -> RuleSet? {
        guard let root = r.root(yaml, expecting: "a rule set"),
              let top = r.map(root, "", FileFormat.ruleSet)
        else { return nil }
        let name = top["name"].flatMap { r.text($0, "name") }
        let description = optional(top["description"]) { r.text($0, "description", what: "a description") }

        // Queue names first: routes, fallback, overflow and escalation refer to them.
        var queueNodes: [String: Node] = [:]
        let queuesNode = top["queues"]
        let queueMap = queuesNode.flatMap { r.map($0, "queues", FileFormat.queues) }
        for (key, keyNode, _) in queueMap?.entries ?? [] { queueNodes[key] = keyNode }
        let allNames = Array(queueNodes.keys).sorted()
        func target(_ node: Node, _ path: String, what: String) -> String? {
            guard let name = r.text(node, path, what: "a queue name") else { return nil }
            r.remember(path, node)
            guard queueNodes[name] != nil else {
                r.error(node, path, "\(what) '\(name)' is not a queue of this rule set", found: name,
                        valid: allNames.isEmpty ? "a queue declared under 'queues'" : "one of " + Suggestions.list(allNames),
                        suggestion: Suggestions.closest(to: name, in: allNames))
                return nil
            }
            return name
        }
        var queues: [Queue] = []
        if let queuesNode, let m = queueMap {
            if m.entries.isEmpty { r.error(queuesNode, "queues", "a rule set needs at least one queue") }
            for (key, keyNode, value) in m.entries {
                r.remember("queues.\(key)", keyNode)
                if let queue = self.queue(key, value, m.path(key), target: target) { queues.append(queue) }
            }
        }

        var routes: [Route] = []
        if let node = top["routes"], let items = r.list(node, "routes", what: "routes") {
            var seen: [String: Int] = [:]
            for (i, item) in items.enumerated() {
                let path = "routes[\(i)]"
                guard let m = r.map(item, path, FileFormat.route)
                else { continue }
                r.remember(path, item)
                let routeName = m["name"].flatMap { r.text($0, m.path("name")) }
                if let routeName, let n = m["name"] {
                    if let first = seen[routeName] {
                        r.error(n, m.path("name"), "duplicate route name '\(routeName)' (first used by routes[\(first)])",
                                found: routeName, valid: "a name used by no other route")
                    } else {
                        seen[routeName] = i
                    }
                }
                // nil: the condition has an error (the route is left out, not taken for a catch-all);
                // .some(nil): no `when`, every lead matches.
                let when: Condition??
                if let node = m["when"] { when = condition(node, m.path("when")).map { .some($0) } } else { when = .some(nil) }
                var destination: Destination?
                if let t = m["to"] {
                    r.remember(m.path("to"), t)
                    if r.scalarText(t) == "account-owner" {
                        destination = .accountOwner
                    } else {
                        destination = target(t, m.path("to"), what: "destination").map { .queue($0) }
                    }
                }
                var elseQueue: String?? = .some(nil)
                if let e = m["else"] {
                    if destination == .accountOwner || destination == nil {
                        elseQueue = target(e, m.path("else"), what: "'else' target").map { .some($0) } ?? nil
                    } else {
                        r.error(e, m.path("else"), "'else' only applies to 'to: account-owner'",
                                valid: "remove 'else', or route to account-owner")
                    }
                }
                if let routeName, let when, let destination, let elseQueue {
                    routes.append(Route(name: routeName, when: when, destination: destination, elseQueue: elseQueue))
                }
            }
        }
        let fallback = optional(top["fallback"]) { target($0, "fallback", what: "fallback") }
        // Overflow targets are checked here, once every queue name is known.
        for queue in queues {
            guard case .human(let h) = queue.kind, let overflow = h.overflow else { continue }
            let path = "queues.\(queue.name).overflow.to"
            if overflow.to == queue.name {
                r.report(.error, at: r.marks[path], path, "queue '\(queue.name)' overflows to itself",
                         valid: "another queue of this rule set")
            } else if queueNodes[overflow.to] == nil {
                r.report(.error, at: r.marks[path], path, "overflow target '\(overflow.to)' is not a queue of this rule set",
                         found: overflow.to, valid: "one of " + Suggestions.list(allNames),
                         suggestion: Suggestions.closest(to: overflow.to, in: allNames))
            }
        }
        let sla = top["sla"].flatMap { self.sla($0, "sla", target: target) }
        if routes.isEmpty, top["fallback"] == nil, !r.hasErrors {
            r.warning(root, "routes", "no routes and no fallback: every lead is unrouted",
                      valid: "routes: [{name: all, to: QUEUE}] or fallback: QUEUE")
        }
        if let first = routes.firstIndex(where: { $0.when == nil }), first < routes.count - 1 {
            let path = "routes[\(first + 1)]"
            r.report(.warning, at: r.marks[path], path,
                     "route '\(routes[first].name)' has no 'when' and matches every lead, so later routes never match")
        }
        let fields = top["fields"].map { fieldAliases($0, "fields") } ?? FieldAliases()
        guard let name, let description, let fallback, !r.hasErrors else { return nil }
        return RuleSet(name: name, description: description, routes: routes, fallback: fallback, queues: queues, sla: sla,
                       fields: fields)
    }

    // MARK: Queues

    /// `team: TEAM` or `team: [A, B, …]` (a list of one team is that team).
    private func teamMembers(_ node: Node, _ path: String) -> HumanQueue.Members? {
        guard case .sequence = node else {
            guard let team = r.text(node, path, what: "a team name or a list of team names") else { return nil }
            r.remember(path, node)
            return .team(team)
        }
        guard let items = r.list(node, path, what: "team names") else { return nil }
        guard !items.isEmpty else {
            r.error(node, path, "a queue needs at least one team", valid: "team: TEAM or team: [TEAM, …]")
            return nil
        }
        r.remember(path, node)
        var names: [String] = []
        for (i, item) in items.enumerated() {
            let here = "\(path)[\(i)]"
            guard let team = r.text(item, here, what: "a team name") else { continue }
            r.remember(here, item)
            names.append(team)
        }
        guard names.count == items.count else { return nil }
        return names.count == 1 ? .team(names[0]) : .teams(names)
    }

    func queue(_ name: String, _ node: Node, _ path: String, target: (Node, String, String) -> String?) -> Queue? {
        if case .scalar = node {
            guard r.scalarText(node) == "automated" else {
                r.error(node, path, "a queue is 'automated' or a mapping, found \(r.describe(node))",
                        valid: "automated, or {team: TEAM, strategy: round-robin, …}",
                        suggestion: r.scalarText(node).flatMap { Suggestions.closest(to: $0, in: ["automated"]) })
                return nil
            }
            return Queue(name: name, kind: .automated)
        }
        guard let m = r.map(node, path, FileFormat.queue) else { return nil }
        var members: HumanQueue.Members?
        switch (m["team"], m["reps"]) {
        case (let t?, nil):
            members = teamMembers(t, m.path("team"))
        case (nil, let reps?):
            if let items = r.list(reps, m.path("reps"), what: "rep names") {
                var names: [String] = []
                for (i, item) in items.enumerated() {
                    let p = "\(m.path("reps"))[\(i)]"
                    guard let rep = r.text(item, p, what: "a rep name") else { continue }
                    if names.contains(rep) { r.warning(item, p, "rep '\(rep)' is listed twice") }
                    r.remember(p, item)
                    names.append(rep)
                }
                if items.isEmpty { r.error(reps, m.path("reps"), "a queue needs at least one rep", valid: "reps: [NAME, …] or team: TEAM") }
                if names.count == items.count, !items.isEmpty { members = .reps(names) }
            }
        case (_?, _?):
            r.error(node, path, "a queue takes either 'team' or 'reps', not both")
        case (nil, nil):
            r.error(node, path, "queue '\(name)' needs its members: 'team: TEAM' or 'reps: [NAME, …]'",
                    valid: "team: TEAM, reps: [NAME, …], or the word automated")
        }
        // Kept even if the rest of the queue fails, for the scenario checks of a file that does not load.
        if let members { r.partialQueues.append(Queue(name: name, kind: .human(HumanQueue(members: members)))) }
        let strategy = m["strategy"].map { r.choice($0, m.path("strategy"), FileFormat.queue["strategy"]).flatMap(Strategy.init) }
            ?? .roundRobin
        let skill = optional(m["skill"]) { r.text($0, m.path("skill"), what: "a lead field name") }
        if let s = m["skill"] { r.remember(m.path("skill"), s) }
        let keepTurn = m["keep_turn"].map { r.bool($0, m.path("keep_turn")) } ?? false
        let maxWait = optional(m["max_wait"]) { r.duration($0, m.path("max_wait")) }
        var overflow: Overflow?? = .some(nil)
        if let o = m["overflow"] {
            overflow = nil
            if let om = r.map(o, m.path("overflow"), FileFormat.overflow) {
                let after = om["after"].flatMap { n -> Seconds? in
                    guard let d = r.duration(n, om.path("after")) else { return nil }
                    if d <= 0 {
                        r.error(n, om.path("after"), "'after: 0s' would overflow every lead at once",
                                valid: "a duration longer than 0s (route straight to the target instead)")
                        return nil
                    }
                    return d
                }
                let to = om["to"].flatMap { r.text($0, om.path("to"), what: "a queue name") }
                if let t = om["to"] { r.remember(om.path("to"), t) }
                if let after, let to { overflow = .some(Overflow(after: after, to: to)) }
            }
        }
        let order = m["order"].map {
            r.choice($0, m.path("order"), FileFormat.queue["order"]).map { $0 == "score" ? HumanQueue.Order.score : .oldestFirst }
        } ?? .oldestFirst
        let offShift = m["assign_off_shift"].map { r.bool($0, m.path("assign_off_shift")) } ?? false
        let fairness = m["fairness"].map { self.fairness($0, m.path("fairness"), strategy: strategy, keepTurn: keepTurn) }
            ?? RoundRobinFairness.skip
        let sla = m["sla"].map { queueSLA($0, m.path("sla"), target: target) } ?? .ruleSet
        guard let members, let strategy, let skill, let keepTurn, let maxWait, let overflow, let order, let offShift,
              let fairness, let sla
        else { return nil }
        return Queue(name: name, kind: .human(HumanQueue(members: members, strategy: strategy, skill: skill, keepTurn: keepTurn,
                                                       maxWait: maxWait, overflow: overflow, order: order,
                                                       assignOffShift: offShift, fairness: fairness, sla: sla)))
    }

    /// A queue's `fairness` (SPEC §7): only for the round-robin strategies, and not with
    /// `keep_turn` when it catches up (both would pay a skipped member back).
    func fairness(_ node: Node, _ path: String, strategy: Strategy?, keepTurn: Bool?) -> RoundRobinFairness? {
        guard let m = r.map(node, path, FileFormat.fairness) else { return nil }
        let absent = m["absent"].map {
            r.choice($0, m.path("absent"), FileFormat.fairness["absent"]).flatMap(RoundRobinFairness.Absent.init)
        } ?? .skip
        let limit = optional(m["catch_up_limit"]) { r.integer($0, m.path("catch_up_limit"), range: 1...100_000) }
        let reset = m["reset"].map {
            r.choice($0, m.path("reset"), FileFormat.fairness["reset"]).flatMap(RoundRobinFairness.Reset.init)
        } ?? .never
        if let strategy, strategy != .roundRobin && strategy != .weightedRoundRobin {
            r.error(node, path, "'fairness' applies to the round-robin strategies, not '\(strategy.rawValue)'",
                    valid: "strategy: round-robin or weighted-round-robin, or no fairness")
            return nil
        }
        if absent == .catchUp, keepTurn == true {
            r.error(node, path, "'absent: catch_up' and 'keep_turn: true' would both pay a skipped rep back",
                    valid: "one of them: catch_up owes leads to reps off shift or absent; keep_turn gives any skipped rep its turn")
            return nil
        }
        if let n = m["catch_up_limit"], absent == .skip {
            r.warning(n, m.path("catch_up_limit"), "'catch_up_limit' has no effect with 'absent: skip'",
                      suggestion: "absent: catch_up")
        }
        guard let absent, let limit, let reset else { return nil }
        return RoundRobinFairness(absent: absent, catchUpLimit: limit ?? RoundRobinFairness.defaultCatchUpLimit, reset: reset)
    }

    /// A queue's `sla`: the word `none`, or an SLA mapping like the rule set's.
    private func queueSLA(_ node: Node, _ path: String, target: (Node, String, String) -> String?) -> QueueSLA? {
        if case .scalar = node {
            guard r.scalarText(node) == "none" else {
                r.error(node, path, "a queue's sla is 'none' or a mapping, found \(r.describe(node))",
                        valid: "none, or {first_touch: 15m, clock: business, …}",
                        suggestion: r.scalarText(node).flatMap { Suggestions.closest(to: $0, in: ["none"]) })
                return nil
            }
            return .exempt
        }
        return sla(node, path, target: target).map(QueueSLA.own)
    }

    // MARK: SLA

    func sla(_ node: Node, _ path: String, target: (Node, String, String) -> String?) -> SLA? {
        guard let m = r.map(node, path, FileFormat.sla) else { return nil }
        let firstTouch = m["first_touch"].flatMap { r.duration($0, m.path("first_touch"), positive: true) }
        let clock = m["clock"].map { r.choice($0, m.path("clock"), FileFormat.sla["clock"]).flatMap(SLA.Clock.init) } ?? .wall
        let onBreach = m["on_breach"].map {
            r.choice($0, m.path("on_breach"), FileFormat.sla["on_breach"]).flatMap(SLA.Breach.init)
        } ?? SLA.Breach.none
        let maxReassignments = optional(m["max_reassignments"]) { r.integer($0, m.path("max_reassignments"), range: 0...1000) }
        var escalateTo: String?? = .some(nil)
        if let e = m["escalate_to"] {
            escalateTo = target(e, m.path("escalate_to"), "escalation target").map { .some($0) } ?? nil
            if let onBreach, onBreach != .escalate {
                r.warning(e, m.path("escalate_to"), "'escalate_to' is only used with 'on_breach: escalate'")
            }
        }
        if let n = m["max_reassignments"], let onBreach, onBreach == .none {
            r.warning(n, m.path("max_reassignments"), "'max_reassignments' has no effect with 'on_breach: none'")
        }
        if let o = m["on_breach"] { r.remember(m.path("on_breach"), o) }
        guard let firstTouch, let clock, let onBreach, let maxReassignments, let escalateTo else { return nil }
        return SLA(firstTouch: firstTouch, clock: clock, onBreach: onBreach, maxReassignments: maxReassignments,
                   escalateTo: escalateTo)
    }
}

extension LoadFailure {
    /// The failure with `extra` errors found by other checks, in file order (errors first), capped.
    public func adding(_ extra: [Diagnostic]) -> LoadFailure {
        let new = extra.filter { !diagnostics.contains($0) }
        guard !new.isEmpty else { return self }
        var copy = self
        let merged = DocumentReader.ordered(diagnostics + new)
        copy.diagnostics = Array(merged.prefix(LoadFailure.cap))
        copy.omitted = omitted + max(0, merged.count - LoadFailure.cap)
        return copy
    }
}
