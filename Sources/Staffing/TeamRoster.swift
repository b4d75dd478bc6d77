import SimulationModel
import TextFormats

/// A scenario with one team resized to a given headcount.
///
/// Added reps are clones of the team's template (its rep marked `template: true`, else its
/// first rep), named `TEAM-staff-1`, `TEAM-staff-2`, …; reps are removed from the end of the
/// team's declaration order. Everything else, the lead stream included, stays the same.
public struct TeamRoster: Sendable {
    public let team: String
    /// The team's working reps as declared (templates left out).
    public let declared: [Rep]
    public let template: Rep

    /// - Throws: `TargetError` when the team does not exist or has no rep to clone.
    public init(scenario: Scenario, team: String) throws(TargetError) {
        guard scenario.teams.contains(where: { $0.name == team }) || scenario.reps.contains(where: { $0.team == team }) else {
            let names = scenario.teams.map(\.name)
            throw TargetError("no team '\(team)' in scenario '\(scenario.name)'"
                + (Suggestions.closest(to: team, in: names).map { "; did you mean '\($0)'?" } ?? "")
                + " Teams: \(names.joined(separator: ", "))")
        }
        self.team = team
        declared = scenario.reps.filter { $0.team == team && !$0.isTemplate }
        guard let template = scenario.reps.first(where: { $0.team == team && $0.isTemplate }) ?? declared.first else {
            throw TargetError("team '\(team)' has no rep to clone: add a rep with `template: true`")
        }
        var clone = template
        clone.isTemplate = false
        clone.activeFrom = nil
        self.template = clone
    }

    /// The name of the k-th added rep (k from 1).
    public func addedName(_ k: Int) -> String { "\(team)-staff-\(k)" }

    /// `scenario` with the team at `headcount` working reps; added reps start on `hireDate`.
    public func scenario(_ scenario: Scenario, headcount: Int, hireDate: CalendarDate? = nil) -> Scenario {
        var resized = scenario
        let keep = Array(declared.prefix(headcount))
        var added: [Rep] = []
        if headcount > declared.count {
            let taken = Set(scenario.reps.map(\.name))
            var k = 0
            while added.count < headcount - declared.count {
                k += 1
                let name = addedName(k)
                guard !taken.contains(name) else { continue }
                var rep = template
                rep.name = name
                rep.activeFrom = hireDate
                added.append(rep)
            }
        }
        let keptNames = Set(keep.map(\.name))
        var reps: [Rep] = []
        var inserted = false
        for rep in scenario.reps {
            if rep.team == team && !rep.isTemplate {
                guard keptNames.contains(rep.name) else { continue }
                reps.append(rep)
                if rep.name == keep.last?.name {
                    reps += added
                    inserted = true
                }
            } else {
                reps.append(rep)
            }
        }
        if !inserted { reps += added }
        resized.reps = reps
        return resized
    }

    /// `count` rep names `TEAM-STEM-1`, `TEAM-STEM-2`, … that no rep of another team uses.
    public func names(_ stem: String, count: Int, in scenario: Scenario) -> [String] {
        let taken = Set(scenario.reps.filter { $0.team != team }.map(\.name))
        var names: [String] = []
        var k = 0
        while names.count < count {
            k += 1
            let name = "\(team)-\(stem)-\(k)"
            if !taken.contains(name) { names.append(name) }
        }
        return names
    }

    /// `scenario` with the team's working reps replaced by `reps`, where the team's first rep
    /// stood (the template rep kept); everything else, the lead stream included, unchanged.
    public func scenario(_ scenario: Scenario, replacingWorkingRepsWith reps: [Rep]) -> Scenario {
        var world = scenario
        var all: [Rep] = []
        var inserted = false
        for rep in scenario.reps {
            if rep.team == team {
                if !inserted { all += reps; inserted = true }
                if rep.isTemplate { all.append(rep) }
            } else {
                all.append(rep)
            }
        }
        if !inserted { all += reps }
        world.reps = all
        return world
    }
}
