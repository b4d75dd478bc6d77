import Foundation
import SimulationModel

/// What a backtest measures (SPEC §8), fixed once so that the history's leads and each
/// replication's leads are counted by the same code (``BacktestTally``).
///
/// A lead belongs to the week (ISO, scenario-local, Monday 00:00) of its creation and to the
/// team of its first owner; everything after `asOf` is unknown (right-censored), as in the
/// export. See docs/SEMANTICS.md, "Backtest".
public struct BacktestDefinition: Sendable {
    /// The export time: owners, assignments and touches after it are not known.
    public let asOf: Instant
    /// Team names: the scenario's (declared first, then the reps' other teams), then `extraTeams`.
    public let teams: [String]
    /// Rep names: the scenario's working reps in order (the plan's rep indices), then `extraReps`.
    public let reps: [String]
    /// Per rep: its team's index in `teams` (−1: none known).
    public let repTeams: [Int]
    /// The ISO weeks from the one holding the first creation to the one holding `asOf`.
    public let weeks: [BacktestWeek]
    /// `unowned_rate`: no owner this long after creation (the scenario's `metrics.unowned_after`).
    public let unownedAfter: Seconds
    /// `sla_met_rate`: first touch within this long of creation (the rule set's `sla.first_touch`,
    /// else `unowned_after`) …
    public let slaWithin: Seconds
    /// … on the business clock of the owner's team (else the wall clock).
    public let slaOnBusinessClock: Bool
    /// Per team, then one for leads without an owner: the business clock SLAs are measured on.
    let clocks: [BusinessClock]

    /// - Parameters:
    ///   - scenario: the world (reps, teams, calendars, `unowned_after`); template reps are left out.
    ///   - ruleSet: the rules whose `sla` decides `sla_met_rate`.
    ///   - from: the earliest creation instant counted.
    ///   - extraReps: owners the scenario does not have (a history's), with their team names.
    ///   - extraTeams: teams the scenario does not have.
    public init(scenario: Scenario, ruleSet: RuleSet, asOf: Instant, from: Instant,
                extraReps: [(name: String, team: String?)] = [], extraTeams: [String] = []) {
        let working = scenario.reps.filter { !$0.isTemplate }
        var teams = scenario.teams.map(\.name)
        for rep in working where !teams.contains(rep.team) { teams.append(rep.team) }
        for team in extraTeams + extraReps.compactMap(\.team) where !teams.contains(team) { teams.append(team) }
        self.teams = teams
        reps = working.map(\.name) + extraReps.map(\.name)
        repTeams = working.map { teams.firstIndex(of: $0.team) ?? -1 }
            + extraReps.map { rep in rep.team.flatMap { teams.firstIndex(of: $0) } ?? -1 }
        self.asOf = asOf
        weeks = BacktestWeek.weeks(from: from, to: asOf, timeZone: scenario.timeZone)
        unownedAfter = scenario.metrics.unownedAfter
        slaWithin = ruleSet.sla?.firstTouch ?? scenario.metrics.unownedAfter
        slaOnBusinessClock = ruleSet.sla?.clock == .business
        let calendars = teams.map { scenario.businessCalendar(ofTeam: $0) } + [scenario.businessCalendar]
        let (start, end) = (min(from, asOf) - 7 * 86_400, asOf + 7 * 86_400)
        clocks = slaOnBusinessClock
            ? calendars.map { BusinessClock(schedule: $0.businessHours, zone: ZoneClock(identifier: $0.timeZone),
                                            holidays: $0.holidays, from: start, to: end) }
            : []
    }

    /// The index in `weeks` of the week holding `t` (nil outside them).
    func week(of t: Instant) -> Int? {
        var lo = 0, hi = weeks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if weeks[mid].end <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo < weeks.count && weeks[lo].start <= t ? lo : nil
    }
}

/// One ISO week (Monday 00:00 to Monday 00:00, scenario-local).
public struct BacktestWeek: Sendable, Hashable, Codable {
    /// `2026-W14`.
    public var label: String
    public var start: Instant
    public var end: Instant

    /// The ISO weeks covering [from, to] in `timeZone`.
    static func weeks(from: Instant, to: Instant, timeZone: String) -> [BacktestWeek] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        guard from <= to, let first = calendar.dateInterval(of: .weekOfYear, for: Date(timeIntervalSince1970: from)) else { return [] }
        var weeks: [BacktestWeek] = []
        var start = first.start
        while start.timeIntervalSince1970 <= to {
            guard let interval = calendar.dateInterval(of: .weekOfYear, for: start) else { break }
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
            let week = parts.weekOfYear ?? 0
            weeks.append(BacktestWeek(label: "\(parts.yearForWeekOfYear ?? 0)-W" + (week < 10 ? "0" : "") + "\(week)",
                                      start: interval.start.timeIntervalSince1970, end: interval.end.timeIntervalSince1970))
            start = interval.end
        }
        return weeks
    }
}
