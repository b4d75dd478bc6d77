import Fit
import Foundation
import Reports
import SimulationModel

/// What a study assumes without being told, for the report's assumptions section: inputs left
/// at values that carry no variability or no behaviour (a constant touch delay, no patience, no
/// conversion model), the unowned threshold, and each replayed file's sample size with a caveat
/// when it is small.
enum StudyAssumptions {
    /// The lines, in the scenario's order (teams, then sources, then settings).
    static func lines(_ scenario: Scenario) -> [String] {
        var lines: [String] = []
        var teams: [String] = []
        for rep in scenario.reps where !teams.contains(rep.team) { teams.append(rep.team) }
        for team in teams {
            let reps = scenario.reps.filter { $0.team == team }
            let constants = Set(reps.compactMap { rep -> Double? in
                if case .constant(let v) = rep.touchDelay { return v } else { return nil }
            })
            if !reps.isEmpty && reps.allSatisfy(isConstantDelay) {
                let values = constants.sorted().map { Format.duration($0) }.joined(separator: ", ")
                lines.append("Touch delay of team `\(team)` is a constant \(values): every lead waits exactly that long"
                             + " after assignment, so no lead is unlucky; `leadsim fit` estimates its spread from history.")
            }
        }
        let impatient = scenario.sources.filter { $0.patience == nil && $0.replay == nil }.map(\.name)
        if !impatient.isEmpty {
            lines.append("No `patience` for " + impatient.map { "`\($0)`" }.joined(separator: ", ")
                         + ": those leads never go cold, however long they wait.")
        }
        for source in scenario.sources {
            guard let replay = source.replay else { continue }
            let n = replay.leads.count
            var line = "Source `\(source.name)` replays \(Format.number(Double(n))) recorded lead\(n == 1 ? "" : "s") from"
                + " `\(replay.file)`" + (replay.scale != 1 ? " scaled by \(Format.number(replay.scale))" : "")
                + ": every replication sees the same leads, so the CIs reflect only touch-delay and handle-time luck."
            if Double(n) < Recommendation.fewLeads { line += " With so few, read the figures as indicative." }
            lines.append(line)
        }
        lines.append("A lead counts as unowned when it has no owner \(Format.duration(scenario.metrics.unownedAfter)) after"
                     + " arrival (`metrics: unowned_after`, default 1h).")
        if scenario.metrics.conversion == nil {
            lines.append("No `metrics: conversion` model: the report estimates no meetings.")
        }
        return lines
    }

    /// The evidence of a scenario `leadsim fit` wrote, read back from the file's comments
    /// (nil: not a fitted scenario, or unreadable, which loading it already reported).
    static func provenance(ofScenarioAt path: String) -> FitProvenance? {
        guard let text = try? readText(path) else { return nil }
        return FitProvenanceReader.read(text)
    }

    static func isConstantDelay(_ rep: Rep) -> Bool {
        if case .constant = rep.touchDelay { return true } else { return false }
    }
}
