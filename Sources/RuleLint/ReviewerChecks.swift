import ScenarioFile
import SimulationModel

/// Checks a reviewer of a real rule set makes beyond whole routes: list values that an
/// earlier route takes (the route still works, but never for that value), criteria a route
/// repeats, and `account-owner` routes that hold leads of departed owners.
enum ReviewerChecks {
    /// Values listed in a route's test that can never match there: every lead with the value
    /// (and the rest of the route's condition) is taken by earlier routes first. Routes already
    /// reported as unreachable or duplicate (`flagged`) are skipped.
    static func deadValues(_ loaded: LoadedRuleSet, terms: [[Term]?], flagged: Set<Int>) -> [Diagnostic] {
        let routes = loaded.ruleSet.routes
        var out: [Diagnostic] = []
        var earlier: [(route: Int, term: Term)] = []
        for (j, route) in routes.enumerated() {
            defer { if let t = terms[j] { earlier += t.map { (j, $0) } } }
            guard !flagged.contains(j), let mine = terms[j], !mine.isEmpty, !earlier.isEmpty else { continue }
            // field → value → (dead in every term that lists it?, the routes that take it)
            var verdicts: [String: [FieldValue: (dead: Bool, by: Set<Int>)]] = [:]
            for term in mine {
                for (field, constraint) in term {
                    for value in listedValues(constraint) {
                        var narrowed = term
                        narrowed[field] = single(value, keeping: constraint)
                        let takers = earlier.filter { ConditionAnalysis.implies(narrowed, $0.term) }.map(\.route)
                        let dead = !takers.isEmpty || ConditionAnalysis.covered(narrowed, by: earlier.map(\.term))
                        let previous = verdicts[field]?[value]
                        verdicts[field, default: [:]][value] = ((previous?.dead ?? true) && dead,
                                                                (previous?.by ?? []).union(takers.prefix(1)))
                    }
                }
            }
            for field in verdicts.keys.sorted() {
                let values = verdicts[field]!
                let dead = values.filter(\.value.dead).keys.sorted { $0.description < $1.description }
                guard !dead.isEmpty, dead.count < values.count else { continue }
                let takers = Set(dead.flatMap { values[$0]!.by }).sorted().map { "'\(routes[$0].name)'" }
                let shown = dead.map(\.description)
                let path = location(loaded, route: j, field: field, value: shown[0])
                let by = takers.isEmpty ? "earlier routes" : "route\(takers.count == 1 ? "" : "s") " + takers.joined(separator: ", ")
                out.append(loaded.diagnostic(.error, at: path,
                    "\(field) value\(dead.count == 1 ? "" : "s") \(shown.joined(separator: ", ")) of route '\(route.name)' can never match: "
                    + "\(by) take\(takers.count == 1 ? "s" : "") every such lead first",
                    valid: "remove \(dead.count == 1 ? "it" : "them") from this route, or from the earlier one if this route should have \(dead.count == 1 ? "it" : "them")"))
            }
        }
        return out
    }

    /// A route's `any` branches that repeat another branch of the same `any`: every lead the
    /// later one matches, the earlier one matches too (a criterion written twice, or contained
    /// in another), so it can be deleted.
    static func repeatedCriteria(_ loaded: LoadedRuleSet) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (j, route) in loaded.ruleSet.routes.enumerated() {
            guard case .any(let branches)? = route.when else { continue }
            let terms = branches.map { ConditionAnalysis.terms($0) }
            for k in branches.indices {
                guard let mine = terms[k], !mine.isEmpty else { continue }
                guard let i = branches.indices.first(where: { i in
                    guard i != k, let theirs = terms[i], !theirs.isEmpty else { return false }
                    let contained = RuleLinter.covers(theirs, mine)
                    // Two equal branches: the later one repeats the earlier one.
                    return contained && (i < k || !RuleLinter.covers(mine, theirs))
                }) else { continue }
                let same = RuleLinter.covers(mine, terms[i]!)
                let at = loaded.keyPaths(under: "routes[\(j)].when.any[\(k)]").first?.path ?? "routes[\(j)]"
                out.append(loaded.diagnostic(.warning, at: at,
                    "route '\(route.name)' repeats a criterion: any[\(k)] \(same ? "is the same as" : "matches only leads of") any[\(i)]"
                    + " (criteria \(k + 1) and \(i + 1))",
                    valid: "delete any[\(k)], or correct it if it should match other leads"))
            }
        }
        return out
    }

    /// `account-owner` routes without `else` in a scenario where some accounts are owned by reps
    /// who have left: those leads are held by nobody until they go cold.
    static func staleOwners(_ loaded: LoadedRuleSet, scenario: LoadedScenario) -> [Diagnostic] {
        guard let accounts = scenario.scenario.accounts, accounts.staleOwner > 0 else { return [] }
        return loaded.ruleSet.routes.enumerated().compactMap { j, route in
            guard route.destination == .accountOwner, route.elseQueue == nil else { return nil }
            let share = accounts.staleOwner * 100
            return loaded.diagnostic(.warning, at: "routes[\(j)]",
                "route '\(route.name)' sends leads to the account owner without 'else', and \(share == share.rounded() ? String(Int(share)) : String(share))% "
                + "of accounts have an owner who has left (stale_owner): those leads are held by nobody and go cold",
                valid: "else: QUEUE, so leads of departed, absent or capped owners go to a queue")
        }
    }

    // MARK: Helpers

    /// The values a constraint lists explicitly (finite texts and booleans, numeric points).
    private static func listedValues(_ k: FieldConstraint) -> [FieldValue] {
        var out: [FieldValue] = []
        if case .only(let values) = k.others { out += values }
        for interval in k.numbers.intervals where interval.low == interval.high && interval.lowClosed && interval.highClosed {
            out.append(.number(interval.low))
        }
        return out.count >= 2 ? out : []
    }

    /// `k` narrowed to the one value `v` (its opaque tests kept).
    private static func single(_ v: FieldValue, keeping k: FieldConstraint) -> FieldConstraint {
        var one = FieldConstraint(allowsMissing: false, numbers: .empty, others: .only([]), opaque: k.opaque)
        if case .number(let n) = v { one.numbers = .point(n) } else { one.others = .only([v]) }
        return one
    }

    /// The key path of the test of `field` in route `j` whose line shows `value`, else the first.
    private static func location(_ loaded: LoadedRuleSet, route j: Int, field: String, value: String) -> String {
        let candidates = loaded.keyPaths(under: "routes[\(j)].when", field: field)
        let hit = candidates.first { entry in
            entry.sourceLine.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "-" && $0 != "." })
                .contains { $0 == value }
        }
        return (hit ?? candidates.first)?.path ?? "routes[\(j)]"
    }
}
