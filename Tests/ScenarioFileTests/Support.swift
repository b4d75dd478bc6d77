import Foundation
import ScenarioFile
import SimulationModel
import Testing

/// The package root, found from this file's path (Tests/ScenarioFileTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// A small valid scenario that tests change one line of.
let minimalScenario = """
    name: tiny
    start: 2026-01-05T00:00
    timezone: America/New_York
    horizon: 7d
    replications: 2
    seed: 1
    sources:
      - name: web
        volume: 100/week
        fields:
          region: {NA: 60, EMEA: 40}
          language: {by: region, NA: {en: 1}, EMEA: {en: 2, de: 1}}
    teams:
      - name: na
        manager: boss
    reps:
      - name: boss
        team: na
      - count: 3
        name: na-{i}
        team: na
        capacity: {open: 10}
        skills: [en]
    defaults:
      rep: {capacity: {per_day: 12}, touch_delay: 10m}
    """

let minimalRules = """
    name: simple
    routes:
      - name: emea
        when: {region: EMEA}
        to: main
    fallback: main
    queues:
      main: {team: na, strategy: round-robin}
      bots: automated
    sla:
      first_touch: 1h
    """

/// The diagnostics a scenario text produces (empty when it loads).
func scenarioErrors(_ yaml: String) -> [Diagnostic] {
    do {
        _ = try ScenarioLoader.load(yaml: yaml, file: "s.yaml")
        return []
    } catch {
        return error.errors
    }
}

func ruleErrors(_ yaml: String) -> [Diagnostic] {
    do {
        _ = try RuleSetLoader.load(yaml: yaml, file: "r.yaml")
        return []
    } catch {
        return error.errors
    }
}

extension String {
    /// Replaces the first occurrence of `old` (which must exist).
    func replacing1(_ old: String, _ new: String) -> String {
        guard let range = range(of: old) else {
            Issue.record("fixture does not contain \(old)")
            return self
        }
        return replacingCharacters(in: range, with: new)
    }
}
