import RuleLint
import ScenarioFile
import SimulationModel
import Testing

/// Lint proves what it flags and flags only what it proves.
@Suite struct RuleLintTests {
    static func lint(_ routes: String, fallback: String? = "general", scenario: String? = nil) throws -> [Diagnostic] {
        let yaml = """
            name: t
            routes:
            \(routes)
            \(fallback.map { "fallback: \($0)" } ?? "")
            queues:
              general: {team: sales}
              big: {team: sales}
              emea: {team: sales}
            """
        let rules = try RuleSetLoader.load(yaml: yaml, file: "rules.yaml")
        let world = try scenario.map { try ScenarioLoader.load(yaml: $0, file: "scenario.yaml") }
        return RuleLinter.lint(rules, scenario: world, options: .init(simulatedDays: 3))
    }

    static func messages(_ d: [Diagnostic], _ severity: Diagnostic.Severity) -> [String] {
        d.filter { $0.severity == severity }.map(\.message)
    }

    @Test(arguments: [
        // (earlier, later): the later route is provably unreachable.
        ("{employees: \">= 1000\"}", "{employees: \">= 5000\"}"),
        ("{employees: {between: [100, 500]}}", "{employees: \"= 200\", region: EMEA}"),
        ("{region: [EMEA, APAC]}", "{region: EMEA}"),
        ("{region: exists}", "{region: NA, employees: \"< 10\"}"),
        ("{not: {region: NA}}", "{region: missing}"),
        ("{any: [{region: EMEA}, {employees: \"> 10\"}]}", "{all: [{region: NA}, {employees: \">= 11\"}]}"),
        ("{region: {not: [NA]}}", "{region: [EMEA, APAC]}"),
        ("{title: {contains: vp}}", "{title: {contains: VP}, region: EMEA}"),
    ])
    func shadowedRoutesAreErrors(earlier: String, later: String) throws {
        let d = try Self.lint("""
              - {name: first, when: \(earlier), to: big}
              - {name: second, when: \(later), to: emea}
            """)
        let errors = Self.messages(d, .error)
        #expect(errors.count == 1, "\(d)")
        #expect(errors.first?.hasPrefix("route 'second' is unreachable") == true || errors.first?.contains("duplicates") == true)
        #expect(d.first?.line == 4)
    }

    @Test(arguments: [
        ("{employees: \">= 1000\"}", "{employees: \">= 500\"}"),
        ("{employees: \"> 1000\"}", "{employees: \">= 1000\"}"),
        ("{region: [EMEA, APAC]}", "{region: [EMEA, NA]}"),
        ("{region: EMEA}", "{region: missing}"),
        ("{region: {not: NA}}", "{not: {region: NA}}"),
        ("{title: {contains: vp}}", "{title: {contains: director}}"),
        ("{title: {matches: \"^vp\"}}", "{title: exists}"),
        ("{region: EMEA, employees: \"> 10\"}", "{region: EMEA}"),
    ])
    func reachableRoutesAreNotFlagged(earlier: String, later: String) throws {
        let d = try Self.lint("""
              - {name: first, when: \(earlier), to: big}
              - {name: second, when: \(later), to: emea}
            """)
        // The route itself is reachable; a value of its list may still be dead (ReviewerChecksTests).
        #expect(Self.messages(d, .error).filter { !$0.contains("can never match") }.isEmpty, "\(d)")
        #expect(Self.messages(d, .error).count == (later == "{region: [EMEA, NA]}" ? 1 : 0), "\(d)")
    }

    @Test func unionOfEarlierRoutesShadows() throws {
        let d = try Self.lint("""
              - {name: small, when: {employees: "< 100"}, to: general}
              - {name: large, when: {employees: ">= 100"}, to: big}
              - {name: any-size, when: {employees: "> 50"}, to: emea}
            """)
        #expect(Self.messages(d, .error) == ["route 'any-size' is unreachable: every lead it matches is taken first by routes 'small', 'large'"])
    }

    @Test func duplicatesCatchAllAndFallback() throws {
        let d = try Self.lint("""
              - {name: a, when: {region: [EMEA, APAC]}, to: emea}
              - {name: b, when: {region: [APAC, EMEA]}, to: emea}
              - {name: everyone, to: general}
              - {name: late, when: {region: NA}, to: big}
            """)
        let errors = Self.messages(d, .error)
        #expect(errors.contains("route 'b' duplicates route 'a' (same condition, same destination), so it never gets a lead"))
        #expect(errors.contains { $0.hasPrefix("route 'late' is unreachable: route 'everyone' before it matches every lead") })
        #expect(Self.messages(d, .warning).contains("fallback 'general' is never used: route 'everyone' matches every lead"))
        let none = try Self.lint("  - {name: a, when: {region: EMEA}, to: emea}", fallback: nil)
        #expect(Self.messages(none, .warning).contains { $0.hasPrefix("no fallback") })
        #expect(Self.messages(none, .error).isEmpty)
    }

    static let world = """
        name: w
        start: 2026-01-05T00:00
        timezone: UTC
        horizon: 7d
        sources:
          - name: web
            volume: 2000/week
            fields:
              region: {EMEA: 50, NA: 50}
              employees: {lognormal: {median: 100, sigma: 1}, integer: true}
        teams: [{name: sales}, {name: ghosts}]
        reps:
          - {name: day-1, team: sales, schedule: weekdays 09:00-17:00}
          - {name: never, team: sales, schedule: weekdays 09:00-17:00, absent: [{from: 2025-12-01, to: 2026-03-01}]}
          - {name: ghost, team: ghosts, template: true}
        """

    @Test func scenarioChecks() throws {
        let d = try Self.lint("""
              - {name: emea, when: {region: EMEA}, to: emea}
              - {name: atlantis, when: {region: Atlantis}, to: big}
            """, scenario: Self.world)
        let warnings = Self.messages(d, .warning)
        #expect(warnings.contains("rep 'never' is never on shift: it is absent for the whole run"))
        #expect(warnings.contains { $0.hasPrefix("route 'atlantis' matched none of the") })
        #expect(warnings.contains("weekdays 17:00–09:00 and weekends (UTC): no one in queue 'emea' is on shift while its sources send leads"))
        #expect(!warnings.contains { $0.hasPrefix("route 'emea' matched none") })
        #expect(Self.messages(d, .error).isEmpty)
    }

    @Test func queueWithoutRepsIsAnError() throws {
        let yaml = """
            name: t
            fallback: ghosts
            queues:
              ghosts: {team: ghosts}
            """
        let rules = try RuleSetLoader.load(yaml: yaml, file: "rules.yaml")
        let d = RuleLinter.lint(rules, scenario: try ScenarioLoader.load(yaml: Self.world, file: "s.yaml"), options: .init(simulatedDays: 0))
        #expect(Self.messages(d, .error) == ["queue 'ghosts' has no reps: its leads are never assigned"])
    }
}

/// Many routes that no simulated lead hits (codes no source generates) are one finding.
@Test func manyRoutesMatchingNoLeadAreOneWarning() throws {
    let routes = (1...5).map { "  - {name: r\($0), when: {region: [X\($0), Y\($0)]}, to: big}" }.joined(separator: "\n")
    let d = try RuleLintTests.lint(routes, scenario: RuleLintTests.world)
    let missed = RuleLintTests.messages(d, .warning).filter { $0.contains("matched none") }
    #expect(missed == ["5 routes matched none of the \(missed.first.flatMap { $0.split(separator: " ").dropFirst(6).first } ?? "") leads of a 3-day simulation: 'r1', 'r2', 'r3', 'r4' and 'r5'"])
    let few = try RuleLintTests.lint("  - {name: r1, when: {region: X}, to: big}", scenario: RuleLintTests.world)
    #expect(RuleLintTests.messages(few, .warning).contains { $0.hasPrefix("route 'r1' matched none of the") })
}
