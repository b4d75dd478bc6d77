import Foundation
import History
import InputAnalysis
import SimulationKernel
import SimulationModel

/// The reps and teams of a fitted scenario: who they are, when they work, and their fitted
/// touch delay, handle time and open-lead cap.
struct Roster {
    /// The open-lead cap written when the history cannot measure one: never binding.
    static let unboundedOpen = 10_000

    private(set) var reps: [RepFit] = []
    private(set) var teams: [TeamFit] = []
    /// The history's owner index of each rep (nil: a base rep the history never names).
    private var owner: [Int?] = []

    init(_ history: History, timeZone: String, base: Scenario?, calendar: LocalCalendar, span: (from: Instant, to: Instant),
         notes: inout [String]) {
        let leadsOf = Roster.leadsByOwner(history)
        let touches = leadsOf.map { leads in
            leads.compactMap { history.leads[$0].firstTouchAt }
        }
        // Each owner's team: the team most of its leads name, else the base rep's, else `history`.
        let teamOf = history.owners.indices.map { o -> String? in
            var votes: [Int: Int] = [:]
            for i in leadsOf[o] { if let t = history.leads[i].team { votes[t, default: 0] += 1 } }
            return votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.map { history.teams[$0.key] }
        }
        var seen = Set<Int>()
        var entries: [(rep: Rep, owner: Int?, origin: ScheduleOrigin)] = []
        for rep in base?.reps ?? [] {
            let match = history.owners.firstIndex(of: rep.name)
                ?? history.owners.firstIndex { $0.lowercased() == rep.name.lowercased() }
            if let match { seen.insert(match) }
            entries.append((rep, match, .base))
        }
        // New reps team by team, in natural name order (na-2 before na-10).
        let unmatched = history.owners.indices.filter { !seen.contains($0) }.sorted { a, b in
            let (ta, tb) = (teamOf[a] ?? "", teamOf[b] ?? "")
            return ta != tb ? ta < tb : history.owners[a].compare(history.owners[b], options: .numeric) == .orderedAscending
        }
        if base != nil, !unmatched.isEmpty {
            notes.append((unmatched.count == 1 ? "1 owner of the history is not a rep of the base scenario and was added with "
                            : "\(unmatched.count) owners of the history are not reps of the base scenario and were added with ")
                         + "inferred schedules: " + Roster.list(unmatched.map { history.owners[$0] }) + ".")
        }
        let unnamed = entries.filter { $0.owner == nil }.map(\.rep.name)
        if !unnamed.isEmpty {
            notes.append((unnamed.count == 1 ? "1 rep of the base scenario owns no lead in the history and keeps the base's "
                            : "\(unnamed.count) reps of the base scenario own no lead in the history and keep the base's ")
                         + "values: " + Roster.list(unnamed) + ".")
        }
        // Team touches, for reps with too few of their own.
        var teamTouches: [String: [Instant]] = [:]
        for o in history.owners.indices {
            let team = teamOf[o] ?? base?.reps.first { $0.name == history.owners[o] }?.team ?? HistoryFile.defaultSource
            teamTouches[team, default: []] += touches[o]
        }
        let businessHours = base?.businessHours ?? .defaultBusinessHours
        var teamSchedules: [String: (WeeklySchedule, String)] = [:]
        for o in unmatched {
            let team = teamOf[o] ?? HistoryFile.defaultSource
            let own = touches[o]
            var (schedule, zone, origin) = (businessHours, timeZone, ScheduleOrigin.businessHours)
            func infer(_ touches: [Instant]) -> (WeeklySchedule, String) {
                ScheduleInference.scheduleAndZone(of: touches, scenarioZone: timeZone, calendar: calendar, from: span.from, to: span.to)
            }
            if own.count >= Fitter.minimumTouchesForSchedule {
                (schedule, zone) = infer(own)
                origin = .ownTouches(own.count)
            } else if let pooled = teamTouches[team], !pooled.isEmpty {
                if teamSchedules[team] == nil { teamSchedules[team] = infer(pooled) }
                (schedule, zone) = teamSchedules[team]!
                origin = .teamTouches(pooled.count)
            }
            let rep = Rep(name: history.owners[o], team: team, timeZone: zone, schedule: schedule,
                          capacityOpen: Roster.unboundedOpen, touchDelay: .constant(900), handleTime: .constant(0))
            entries.append((rep, o, origin))
        }
        owner = entries.map(\.owner)
        reps = entries.map { entry in
            RepFit(rep: entry.rep, assigned: entry.owner.map { leadsOf[$0].count } ?? 0, scheduleOrigin: entry.origin,
                   touchDelay: nil, touchDelayOrigin: .kept, handleTime: nil, handleTimeOrigin: .kept, mostOpen: nil,
                   inHistory: entry.owner != nil)
        }
        var teamNames: [String] = base?.teams.map(\.name) ?? []
        for rep in reps where !teamNames.contains(rep.rep.team) { teamNames.append(rep.rep.team) }
        teams = teamNames.map { name in TeamFit(name: name, reps: reps.filter { $0.rep.team == name }.map(\.rep.name)) }
    }

    /// Fits touch delays on each rep's shift clock, handle times and open-lead caps.
    mutating func fitDurations(_ history: History, start: Instant, end: Instant, base: Scenario?, notes: inout [String]) {
        let leadsOf = Roster.leadsByOwner(history)
        let world = Scenario(name: "fit", start: start, timeZone: base?.timeZone ?? reps.first?.rep.timeZone ?? "UTC",
                             horizon: max(1, end - start), warmup: 0, replications: 1, seed: 1,
                             businessHours: base?.businessHours ?? .defaultBusinessHours, holidays: base?.holidays ?? [],
                             sources: [], teams: base?.teams ?? teams.map { Team(name: $0.name) }, reps: reps.map(\.rep))
        let calendars = FixedRepCalendars(scenario: world, reps: world.reps, from: start, to: end)
        let hasClosed = history.leads.contains { $0.closedAt != nil }
        var delays: [DurationSampleParts] = []
        var handles: [DurationSampleParts] = []
        for (r, o) in owner.enumerated() {
            var delay = DurationSampleParts(), handle = DurationSampleParts()
            for i in o.map({ leadsOf[$0] }) ?? [] {
                let lead = history.leads[i]
                let assigned = lead.assignedAt ?? lead.createdAt
                guard assigned <= end else { continue }
                if let touched = lead.firstTouchAt {
                    delay.observed.append(calendars.onShiftSeconds(ofRep: r, from: assigned, to: max(assigned, touched)))
                    if hasClosed {
                        if let closed = lead.closedAt { handle.observed.append(max(0, closed - touched)) } else {
                            handle.censored.append(max(0, end - touched))
                        }
                    }
                } else {
                    delay.censored.append(calendars.onShiftSeconds(ofRep: r, from: assigned, to: end))
                }
            }
            delays.append(delay)
            handles.append(handle)
            if hasClosed, o != nil { reps[r].mostOpen = Roster.mostOpen(leadsOf[o!].map { history.leads[$0] }, end: end) }
        }
        for t in teams.indices {
            let members = reps.indices.filter { reps[$0].rep.team == teams[t].name }
            teams[t].touchDelay = Roster.fitted(members.reduce(into: DurationSampleParts()) { $0.append(delays[$1]) })
            if hasClosed {
                teams[t].handleTime = Roster.fitted(members.reduce(into: DurationSampleParts()) { $0.append(handles[$1]) })
            }
        }
        for r in reps.indices where owner[r] != nil {
            let team = teams.first { $0.name == reps[r].rep.team }
            (reps[r].touchDelay, reps[r].touchDelayOrigin) = Roster.choose(own: delays[r], team: team?.touchDelay)
            if let spec = reps[r].touchDelay?.spec { reps[r].rep.touchDelay = spec }
            if hasClosed {
                (reps[r].handleTime, reps[r].handleTimeOrigin) = Roster.choose(own: handles[r], team: team?.handleTime)
                if let spec = reps[r].handleTime?.spec { reps[r].rep.handleTime = spec }
                if reps[r].scheduleOrigin != .base, let most = reps[r].mostOpen { reps[r].rep.capacityOpen = max(1, most) }
            }
        }
        let kept = reps.filter { $0.inHistory && $0.touchDelayOrigin == .kept }.map(\.rep.name)
        if !kept.isEmpty {
            notes.append("Touch delay: \(kept.count) rep\(kept.count == 1 ? "" : "s") whose team has fewer than \(Fitter.minimumObserved) first "
                         + "touches keep\(kept.count == 1 ? "s" : "") the " + (base == nil ? "default 15m" : "base scenario's value") + ": "
                         + Roster.list(kept) + ".")
        }
        for rep in reps where rep.scheduleOrigin == .base {
            if let most = rep.mostOpen, most > rep.rep.capacityOpen {
                notes.append("Rep \(rep.rep.name) held \(most) leads open at once in the history, more than its "
                             + "capacity.open \(rep.rep.capacityOpen) in the base scenario (kept).")
            }
        }
    }

    /// The rep's own fit with enough touches, else the team's, else none (the value is kept).
    private static func choose(own: DurationSampleParts, team: DurationFit?) -> (DurationFit?, DurationOrigin) {
        if own.observed.count >= Fitter.minimumOwnTouches, let fit = fitted(own) { return (fit, .own) }
        if let team { return (team, .team) }
        return (nil, .kept)
    }

    private static func fitted(_ parts: DurationSampleParts) -> DurationFit? {
        guard parts.observed.count >= Fitter.minimumObserved else { return nil }
        let sample = DurationSample(observed: parts.observed, censored: parts.censored)
        let ranking = LifetimeFit.rank(sample)
        guard ranking.best != nil else { return nil }
        return DurationFit(observed: parts.observed.count, censored: parts.censored.count, ranking: ranking,
                           kaplanMeier: KaplanMeier(sample))
    }

    /// The most leads open at once: each from assignment until closed (or `end`).
    private static func mostOpen(_ leads: [HistoryLead], end: Instant) -> Int {
        var events: [(Instant, Int)] = []
        for lead in leads {
            let from = lead.assignedAt ?? lead.createdAt
            guard from <= end else { continue }
            events.append((from, 1))
            events.append((min(lead.closedAt ?? end, end), -1))
        }
        // At the same instant a close comes before an open: a slot freed is free again.
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var open = 0, most = 0
        for (_, change) in events {
            open += change
            most = max(most, open)
        }
        return most
    }

    private static func leadsByOwner(_ history: History) -> [[Int]] {
        var leads = Array(repeating: [Int](), count: history.owners.count)
        for (i, lead) in history.leads.enumerated() { if let o = lead.owner { leads[o].append(i) } }
        return leads
    }

    /// At most 12 names, then how many more.
    static func list(_ names: [String]) -> String {
        names.count <= 12 ? names.joined(separator: ", ")
            : names.prefix(12).joined(separator: ", ") + " and \(names.count - 12) more"
    }
}

/// A duration sample being collected.
private struct DurationSampleParts {
    var observed: [Double] = []
    var censored: [Double] = []

    mutating func append(_ other: DurationSampleParts) {
        observed += other.observed
        censored += other.censored
    }
}
