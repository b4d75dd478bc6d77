import History
import ScenarioFile
import SimulationKernel
import SimulationModel
import TextFormats

/// A history set beside a scenario for a backtest: who is who (the history's owners and teams
/// among the scenario's), the definition both sides are counted by, the history's own figures,
/// and the scenario that replays the history's leads.
public struct BacktestWorld: Sendable {
    public let history: History
    public let scenario: Scenario
    public let definition: BacktestDefinition
    /// Per history owner: its index in `definition.reps`.
    let ownerKeys: [Int]
    /// Per history team: its index in `definition.teams`.
    let teamKeys: [Int]
    /// The role columns the history has (`BacktestStudy.HistoryInput.recorded`).
    public let recorded: Set<HistoryColumn>
    /// What the history has that the scenario does not (owners, teams), and what it cannot tell.
    public let warnings: [String]

    public init(history: History, scenario: Scenario, ruleSet: RuleSet, recorded: Set<HistoryColumn> = Set(HistoryColumn.allCases)) {
        self.history = history
        self.scenario = scenario
        self.recorded = recorded
        let working = scenario.reps.filter { !$0.isTemplate }.map(\.name)
        let unknown = history.owners.indices.filter { !working.contains(history.owners[$0]) }
        // An owner the scenario lacks belongs to the team the history gives most of its leads.
        var teamCounts: [Int: [Int: Int]] = [:]
        for lead in history.leads {
            if let owner = lead.owner, let team = lead.team { teamCounts[owner, default: [:]][team, default: 0] += 1 }
        }
        let extraReps = unknown.map { o -> (name: String, team: String?) in
            let team = teamCounts[o]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            return (history.owners[o], team.map { history.teams[$0] })
        }
        let from = history.leads.map(\.createdAt).min() ?? history.asOf
        let definition = BacktestDefinition(scenario: scenario, ruleSet: ruleSet, asOf: history.asOf, from: from,
                                            extraReps: extraReps, extraTeams: history.teams)
        self.definition = definition
        ownerKeys = history.owners.map { definition.reps.firstIndex(of: $0)! }
        teamKeys = history.teams.map { definition.teams.firstIndex(of: $0)! }

        var warnings: [String] = []
        if !unknown.isEmpty {
            let names = unknown.map { o -> String in
                let name = history.owners[o]
                // `emea-3` for `emea-1` is another rep, not a typo: suggest only names that differ in more than digits.
                let letters = { (s: String) in s.lowercased().filter { !$0.isNumber } }
                let close = Suggestions.closest(to: name, in: working).flatMap { letters($0) == letters(name) && $0.lowercased() != name.lowercased() ? nil : $0 }
                return close.map { "'\(name)' (did you mean '\($0)'?)" } ?? "'\(name)'"
            }
            warnings.append("warning: \(history.file): \(unknown.count) owner\(unknown.count == 1 ? " is" : "s are") not "
                            + "rep\(unknown.count == 1 ? "" : "s") of the scenario: \(names.prefix(10).joined(separator: ", "))"
                            + (names.count > 10 ? ", …" : "") + "; the history's figures count their leads, the model never assigns them")
        }
        let scenarioTeams = Set(scenario.teams.map(\.name) + scenario.reps.map(\.team))
        let strangers = history.teams.filter { !scenarioTeams.contains($0) }
        if !strangers.isEmpty {
            warnings.append("warning: \(history.file): team\(strangers.count == 1 ? "" : "s") "
                            + Suggestions.list(strangers, quoted: true) + " of the history \(strangers.count == 1 ? "is" : "are") not in "
                            + "the scenario (which has " + Suggestions.list(scenarioTeams.sorted(), quoted: true) + ")")
        }
        for (role, metrics) in [(HistoryColumn.assignedAt, "unowned_rate"),
                                (.firstTouchAt, "ttft_p50_s, ttft_p90_s, touched_rate and sla_met_rate")]
            where !recorded.contains(role) {
            warnings.append("warning: \(history.file) has no \(role.rawValue) column: \(metrics) not assessed")
        }
        self.warnings = warnings
    }

    /// The history's own figures: its rows through the backtest definition (the owner's team from
    /// the `team` column when the file has one, else the scenario's team of the owner); without an
    /// `assigned_at` (`first_touch_at`) column, the metrics it decides are nil (not assessed).
    public func observed() -> BacktestFigures {
        var tally = BacktestTally(definition: definition)
        for lead in history.leads {
            tally.add(created: lead.createdAt, owner: lead.owner.map { ownerKeys[$0] }, team: lead.team.map { teamKeys[$0] },
                      assignedAt: lead.owner == nil ? nil : (lead.assignedAt ?? lead.createdAt), touchedAt: lead.firstTouchAt)
        }
        var figures = tally.figures()
        func forget(_ values: inout BacktestValues) {
            if !recorded.contains(.assignedAt) { values.unownedRate = nil }
            if !recorded.contains(.firstTouchAt) { (values.ttftP50, values.ttftP90, values.touchedRate, values.slaMetRate) = (nil, nil, nil, nil) }
        }
        forget(&figures.overall)
        for t in figures.teams.indices { forget(&figures.teams[t]) }
        for w in figures.weeks.indices { forget(&figures.weeks[w]) }
        return figures
    }

    /// The scenario with the history's leads as its only arrivals: one source per history source
    /// replaying its leads at their recorded instants with their fields (a scenario source of the
    /// same name keeps its patience, account match and the generators of fields the history lacks;
    /// its volume, pattern and bursts are not used). The run starts at the first creation without
    /// warm-up and stops just after the export time, where the tally censors it.
    public func replayScenario() -> Scenario {
        var world = scenario
        let from = history.leads.map(\.createdAt).min() ?? history.asOf
        world.start = from
        world.warmup = 0
        world.horizon = history.asOf - from + 1
        world.drain = 0
        let fieldNames = history.fields.map(\.name)
        var leadsBySource = Array(repeating: [Int](), count: history.sources.count)
        for (i, lead) in history.leads.enumerated() { leadsBySource[lead.source].append(i) }
        world.sources = history.sources.enumerated().map { s, name in
            var source = scenario.sources.first { $0.name == name } ?? Source(name: name, weeklyVolume: 0)
            source.weeklyVolume = 0
            source.pattern = .flat
            source.dispersion = nil
            source.bursts = []
            source.fields = source.fields.filter { !fieldNames.contains($0.name) }
            let rows = leadsBySource[s].sorted { (history.leads[$0].createdAt, $0) < (history.leads[$1].createdAt, $1) }
            let recorded = rows.map { i in
                RecordedLead(createdAt: history.leads[i].createdAt,
                             values: fieldNames.indices.map { history.value(field: $0, lead: i) }, row: history.leads[i].row)
            }
            source.replay = Replay(file: history.file, fields: fieldNames, leads: recorded, alignment: .recorded)
            return source
        }
        return world
    }
}
