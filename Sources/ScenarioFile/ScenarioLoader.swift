import Foundation
import SimulationModel
import TextFormats
import Yams

/// A scenario loaded from a file: the validated model and the warnings found on the way.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// Legal but probably wrong things (never errors).
    public var warnings: [Diagnostic]
    public var file: String
    let sourceMap: SourceMap
}

/// Loads scenario files (SPEC §2) into `Scenario`, reporting every problem with its line.
public enum ScenarioLoader {
    /// The most replications a scenario may ask for.
    public static let maximumReplications = 10_000
    /// The most reps one `count:` may generate, and the most reps of a scenario.
    public static let maximumReps = 10_000
    public static let maximumAccounts = 10_000_000

    /// Reads and loads the scenario file at `path`.
    /// - Throws: `LoadFailure` with every diagnostic when the file cannot be read or is invalid.
    public static func load(path: String) throws(LoadFailure) -> LoadedScenario {
        try load(yaml: readFile(path), file: path)
    }

    /// Loads a scenario from YAML text; `file` names it in diagnostics.
    public static func load(yaml: String, file: String) throws(LoadFailure) -> LoadedScenario {
        try load(yaml: yaml, file: file, replayFiles: [:])
    }

    /// Loads a scenario from YAML text whose `replay:` files are given as texts, keyed by the
    /// file name as written in the scenario (names not in `replayFiles` are read from disk).
    public static func load(yaml: String, file: String, replayFiles: [String: String]) throws(LoadFailure) -> LoadedScenario {
        let reader = DocumentReader(file: file, yaml: yaml)
        reader.providedFiles = replayFiles
        let scenario = ScenarioBuilder(reader).build(yaml)
        guard let scenario, !reader.hasErrors else { throw reader.failure(what: "scenario") }
        return LoadedScenario(scenario: scenario, warnings: reader.warnings, file: file, sourceMap: reader.sourceMap)
    }

    static func readFile(_ path: String) throws(LoadFailure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: 0, column: 0, keyPath: "",
                                                       message: why)])
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        // Point at the first byte that is not UTF-8.
        var valid = 0
        for end in stride(from: data.count, to: 0, by: -1) where String(data: data.prefix(end), encoding: .utf8) != nil {
            valid = end
            break
        }
        let mark = DocumentReader.mark(atUTF8Offset: valid, in: String(decoding: data.prefix(valid), as: UTF8.self))
        throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: mark.line, column: mark.column,
                                                   keyPath: "", message: "the file is not UTF-8 text",
                                                   valid: "save the file as UTF-8")])
    }
}

/// Loads a scenario from YAML text; `file` names it in diagnostics.
public func loadScenario(yaml: String, file: String) throws(LoadFailure) -> LoadedScenario {
    try ScenarioLoader.load(yaml: yaml, file: file)
}

/// Builds a `Scenario` from a YAML document; problems go to the reader.
struct ScenarioBuilder {
    let r: DocumentReader

    init(_ reader: DocumentReader) { r = reader }

    func build(_ yaml: String) -> Scenario? {
        guard let root = r.root(yaml, expecting: "a scenario") else { return nil }
        guard let top = r.map(root, "", FileFormat.scenario) else { return nil }

        let name = top["name"].flatMap { r.text($0, "name") }
        let zone = top["timezone"].flatMap { r.parse($0, "timezone", what: "a time zone", ValueSyntax.timeZone) }
        // Keep checking timestamps against UTC when the zone is wrong (that error is reported already).
        let zoneID = zone ?? "UTC"
        let start = top["start"].flatMap { timestamp($0, "start", zoneID, allowDate: true) }
        let horizon = top["horizon"].flatMap { r.duration($0, "horizon", positive: true) }
        let warmup = top["warmup"].map { r.duration($0, "warmup") } ?? 0
        let drain = top["drain"].map { r.duration($0, "drain") } ?? 30 * 86_400
        let replications = top["replications"].map {
            r.integer($0, "replications", range: 1...ScenarioLoader.maximumReplications)
        } ?? 10
        let seed = top["seed"].map { seedValue($0) } ?? 1
        let businessHours = top["business_hours"].map { schedule($0, "business_hours") } ?? .defaultBusinessHours
        let holidays = top["holidays"].map { dates($0, "holidays") } ?? []
        let metrics = top["metrics"].map { metricsSettings($0) } ?? MetricsSettings()
        let enrichment = top["enrichment"].flatMap { enrichmentSettings($0) }
        let report = top["report"].map { reportSettings($0) } ?? ReportSettings()

        let teams = top["teams"].map { self.teams($0) } ?? []
        let teamNames = teams.map(\.team.name)
        let reps = top["reps"].map { self.reps($0, defaults: top["defaults"], teams: teamNames, zone: zoneID,
                                               businessHours: businessHours ?? .defaultBusinessHours) } ?? []
        let repNames = reps.map(\.name)
        checkTeams(teams, reps: reps, repNames: repNames,
                   written: WrittenReps(top["reps"], defaults: top["defaults"], reader: r))

        let accounts = top["accounts"].flatMap { accountsSettings($0, teams: teamNames) }
        let sources = top["sources"].map { self.sources($0, zone: zoneID, hasAccounts: top.has("accounts")) } ?? []

        if let start, let horizon, let warmup {
            for rep in reps where !rep.isTemplate {
                guard let from = rep.activeFrom else { continue }
                let end = start + warmup + horizon
                if Double(from.daysSinceEpoch) * 86_400 >= end + 86_400 {
                    r.report(.warning, at: r.marks["reps.\(rep.name).active_from"], "reps.\(rep.name).active_from",
                             "rep '\(rep.name)' starts after the end of the run and never takes a lead")
                }
            }
        }

        if let start, let horizon, let warmup, let zone { checkReplayWindow(sources, start: start, end: start + warmup + horizon, zone: zone) }

        guard let name, let zone, let start, let horizon, let warmup, let drain, let replications, let seed,
              let businessHours, let holidays, let metrics, !r.hasErrors else { return nil }
        let scenario = Scenario(name: name, start: start, timeZone: zone, horizon: horizon, warmup: warmup, drain: drain,
                                replications: replications, seed: seed, businessHours: businessHours, holidays: holidays,
                                sources: sources, metrics: metrics, enrichment: enrichment, accounts: accounts,
                                teams: teams.map(\.team), reps: reps, report: report)
        let leads = scenario.expectedLeadsPerReplication
        guard leads <= Scenario.maximumLeadsPerReplication else {
            r.error(top["horizon"], "horizon",
                    "one replication would generate about \(Int(leads)) leads (volumes × warm-up and horizon); "
                    + "at most \(Int(Scenario.maximumLeadsPerReplication)) leads per replication",
                    valid: "a shorter horizon or lower volumes; study a long period as several scenarios")
            return nil
        }
        return scenario
    }

    // MARK: Values

    func timestamp(_ node: Node, _ path: String, _ zone: String, allowDate: Bool = false) -> Instant? {
        if allowDate, let text = r.scalarText(node), let day = try? ValueSyntax.date(text) {
            return ValueSyntax.instant(localSeconds: Double(day.daysSinceEpoch) * 86_400, in: zone)
        }
        return r.parse(node, path, what: "a timestamp") { (text: String) throws(ValueError) -> Instant in
            try ValueSyntax.timestamp(text, timeZone: zone)
        }
    }

    func seedValue(_ node: Node) -> UInt64? {
        guard let text = r.scalarText(node), let seed = UInt64(text) else {
            r.error(node, "seed", "expected a whole number from 0 to \(UInt64.max), found \(r.describe(node))",
                    valid: "a non-negative whole number such as 42")
            return nil
        }
        return seed
    }

    func schedule(_ node: Node, _ path: String) -> WeeklySchedule? {
        r.parse(node, path, what: "a schedule", ValueSyntax.schedule)
    }

    func date(_ node: Node, _ path: String) -> CalendarDate? {
        r.parse(node, path, what: "a date", ValueSyntax.date)
    }

    func dates(_ node: Node, _ path: String) -> [CalendarDate]? {
        guard let items = r.list(node, path, what: "dates") else { return nil }
        let days = items.enumerated().map { date($1, "\(path)[\($0)]") }
        return days.contains { $0 == nil } ? nil : days.compactMap { $0 }
    }

    // MARK: Settings

    func metricsSettings(_ node: Node) -> MetricsSettings? {
        guard let m = r.map(node, "metrics", FileFormat.metrics) else { return nil }
        let unownedAfter = m["unowned_after"].map { r.duration($0, m.path("unowned_after")) } ?? 3600
        var conversion: Conversion?
        if let c = m["conversion"], let cm = r.map(c, m.path("conversion"), FileFormat.conversion) {
            let base = cm["base"].flatMap { r.share($0, cm.path("base")) }
            let halfLife = cm["half_life"].flatMap { r.duration($0, cm.path("half_life"), positive: true) }
            if let base, let halfLife { conversion = Conversion(base: base, halfLife: halfLife) }
        }
        guard let unownedAfter else { return nil }
        return MetricsSettings(unownedAfter: unownedAfter, conversion: conversion)
    }

    func reportSettings(_ node: Node) -> ReportSettings {
        guard let m = r.map(node, "report", FileFormat.report), let h = m["headline"],
              let items = r.list(h, m.path("headline"), what: "metric names") else { return ReportSettings() }
        let names = items.enumerated().compactMap { i, item in
            r.choice(item, m.path("headline") + "[\(i)]", ReportSettings.metricNames.map { ($0, $0) }, what: "a metric name")
        }
        return ReportSettings(headline: names.count == items.count && !names.isEmpty ? names : nil)
    }

    func enrichmentSettings(_ node: Node) -> Enrichment? {
        guard let e = r.map(node, "enrichment", FileFormat.enrichment) else { return nil }
        let delay = e["delay"].flatMap { r.distribution($0, e.path("delay"), unit: .duration) }
        let success = e["success"].map { r.share($0, e.path("success")) } ?? 1
        let wait = e["wait"].map { r.bool($0, e.path("wait")) } ?? true
        guard let delay, let success, let wait else { return nil }
        return Enrichment(delay: delay, success: success, wait: wait)
    }

    func accountsSettings(_ node: Node, teams: [String]) -> Accounts? {
        guard let a = r.map(node, "accounts", FileFormat.accounts) else { return nil }
        let count = a["count"].flatMap { r.integer($0, a.path("count"), range: 1...ScenarioLoader.maximumAccounts) }
        let stale = a["stale_owner"].map { r.share($0, a.path("stale_owner")) } ?? 0
        let fields = a["fields"].map { self.fields($0, a.path("fields")) } ?? []
        let owners = a["owners"].flatMap { accountOwners($0, a.path("owners"), teams: teams, fields: fields ?? []) }
        guard let count, let stale, let fields, let owners else { return nil }
        return Accounts(count: count, owners: owners, staleOwner: stale, fields: fields)
    }

    /// `{team: T}`, or `{by: FIELD, VALUE: {team: T}, …}` over an account field's values.
    private func accountOwners(_ node: Node, _ path: String, teams: [String], fields: [FieldSpec]) -> AccountOwners? {
        func team(_ node: Node, _ path: String) -> String? {
            guard let owners = r.map(node, path, FileFormat.accountOwners), let t = owners["team"],
                  let name = r.text(t, owners.path("team"), what: "a team name") else { return nil }
            guard teams.contains(name) else {
                r.error(t, owners.path("team"), "unknown team '\(name)'", found: name,
                        valid: "a team of 'teams': " + Suggestions.list(teams), suggestion: Suggestions.closest(to: name, in: teams))
                return nil
            }
            return name
        }
        guard case .mapping(let mapping) = node, mapping.keys.contains(where: { r.scalarText($0) == "by" }) else {
            return team(node, path).map { .team($0) }
        }
        guard let m = r.map(node, path, FileFormat.accountOwnersByField), let byNode = m["by"],
              let by = r.text(byNode, m.path("by"), what: "an account field name") else { return nil }
        if m.has("team") {
            r.error(m["team"], m.path("team"), "account owners take either 'team' or 'by', not both",
                    valid: "{team: T}, or {by: FIELD, VALUE: {team: T}, …}")
            return nil
        }
        let names = fields.map(\.name)
        guard let field = fields.first(where: { $0.name == by }) else {
            r.error(byNode, m.path("by"), "'by: \(by)' must name a field of 'accounts.fields'", found: by,
                    valid: names.isEmpty ? "a field declared under accounts.fields" : Suggestions.list(names),
                    suggestion: Suggestions.closest(to: by, in: names))
            return nil
        }
        let known = Self.values(of: field)
        var byValue: [FieldValue: String] = [:]
        var ok = true
        for (key, keyNode, value) in m.entries where key != "by" {
            let fieldValue = r.fieldValue(key: keyNode)
            if let known, !known.contains(fieldValue) {
                let options = known.map(\.description)
                r.warning(keyNode, m.path(key), "account field '\(by)' never takes the value '\(fieldValue)', so no account is owned this way",
                          valid: Suggestions.list(options), suggestion: Suggestions.closestValue(to: key, in: options))
            }
            if let name = team(value, m.path(key)) { byValue[fieldValue] = name } else { ok = false }
        }
        if byValue.isEmpty && ok {
            r.error(node, path, "'by: \(by)' needs an owner team for at least one value of '\(by)'",
                    valid: "{by: \(by), VALUE: {team: T}, …}")
            return nil
        }
        return ok ? .byField(by, teams: byValue) : nil
    }
}
