import RuleLint
import ScenarioFile
import SimulationModel
import Testing

/// What a reviewer of a real (imported) rule set sees: list values an earlier route takes,
/// criteria written twice, account-owner routes that strand leads of departed owners, and
/// coverage gaps said as the week's structure.
@Suite struct ReviewerChecksTests {
    /// Entries as `import salesforce` writes them for value lists split over several criteria.
    static let countryRules = """
        name: countries
        routes:
          - name: entry-1-europe
            when:
              any:
                - {country_code: [AT, BE, DE]}
                - {country_code: [NA, NL, NO, PT]}
            to: europe
          - name: entry-2-americas
            when:
              any:
                - {country_code: [AR, BR, CL]}
                - {country_code: [MS, NL, NI, PA]}
            to: americas
          - name: entry-3-apac
            when:
              any:
                - {country_code: [AU, NZ, SG, TW, TH, VN]}
                - {country_code: [TW, TH, VN]}
            to: apac
        fallback: europe
        queues:
          europe: {team: sales}
          americas: {team: sales}
          apac: {team: sales}
        """

    func lint(_ yaml: String, scenario: String? = nil, days: Double = 0) throws -> [Diagnostic] {
        let rules = try RuleSetLoader.load(yaml: yaml, file: "rules.yaml")
        let world = try scenario.map { try ScenarioLoader.load(yaml: $0, file: "scenario.yaml") }
        return RuleLinter.lint(rules, scenario: world, options: .init(simulatedDays: days))
    }

    @Test func aValueTakenByAnEarlierRouteIsDeadWhereItIsListedAgain() throws {
        let findings = try lint(Self.countryRules)
        let dead = findings.filter { $0.message.contains("can never match") }
        #expect(dead.map(\.message) == [
            "country_code value NL of route 'entry-2-americas' can never match: route 'entry-1-europe' takes every such lead first",
        ])
        // Pointed at the list that repeats it, not at the route.
        #expect(dead.first?.keyPath == "routes[1].when.any[1].country_code")
        #expect(dead.first?.line == 13)
        #expect(dead.first?.isError == true)
        // The route is not reported as unreachable: its other values still route.
        #expect(!findings.contains { $0.message.contains("is unreachable") })
    }

    @Test func aValueAlsoTestedWithAnotherFieldIsNotDead() throws {
        let yaml = Self.countryRules.replacing("- {country_code: [MS, NL, NI, PA]}", with: "- {country_code: [MS, NL, NI, PA], segment: smb}")
            .replacing("- {country_code: [NA, NL, NO, PT]}", with: "- {country_code: [NA, NL, NO, PT], segment: enterprise}")
        #expect(!(try lint(yaml)).contains { $0.message.contains("can never match") })
    }

    @Test func aCriterionContainedInAnotherOfTheSameRouteIsRepeated() throws {
        let repeated = try lint(Self.countryRules).filter { $0.message.contains("repeats a criterion") }
        #expect(repeated.map(\.message) == ["route 'entry-3-apac' repeats a criterion: any[1] matches only leads of any[0] (criteria 2 and 1)"])
        #expect(repeated.first?.line == 19)
    }

    static let accountsWorld = """
        name: w
        start: 2026-01-05T00:00
        timezone: UTC
        horizon: 7d
        sources:
          - name: web
            volume: 200/week
            account_match: 50%
            fields: {region: {EMEA: 50, NA: 50}}
        accounts: {count: 100, owners: {team: sales}, stale_owner: 0.05}
        teams: [{name: sales}]
        reps:
          - {name: day-1, team: sales, schedule: always}
        """

    @Test func accountOwnerWithoutElseIsFlaggedWhenOwnersCanBeStale() throws {
        let rules = """
            name: owners
            routes:
              - {name: owned, when: {account: exists}, to: account-owner}
            fallback: general
            queues:
              general: {team: sales}
            """
        let findings = try lint(rules, scenario: Self.accountsWorld)
        #expect(findings.contains { $0.message.hasPrefix("route 'owned' sends leads to the account owner without 'else', and 5% of accounts") })
        let withElse = rules.replacing("to: account-owner}", with: "to: account-owner, else: general}")
        #expect(!(try lint(withElse, scenario: Self.accountsWorld)).contains { $0.message.contains("without 'else'") })
        let fresh = Self.accountsWorld.replacing(", stale_owner: 0.05", with: "")
        #expect(!(try lint(rules, scenario: fresh)).contains { $0.message.contains("without 'else'") })
    }

    static let londonWorld = """
        name: w
        start: 2026-01-05T00:00
        timezone: Europe/London
        horizon: 14d
        holidays: [2026-01-07]
        sources:
          - name: web
            volume: 500/week
            pattern: {hourly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], weekdays: [1, 1, 1, 1, 1, 1, 1]}
            fields: {region: {EMEA: 1}}
        teams: [{name: emea}]
        reps:
          - {name: a, team: emea, schedule: weekdays 09:00-17:00}
          - {name: b, team: emea, schedule: weekdays 09:00-17:00}
        """

    static let emeaRules = """
        name: r
        routes: [{name: emea, when: {region: EMEA}, to: emea}]
        fallback: emea
        queues: {emea: {team: emea}}
        """

    @Test func coverageGapsAreTheWeeksStructureWhateverTheSeedOrLength() throws {
        let expected = "weekdays 17:00–09:00 and weekends (Europe/London), and on the holiday 2026-01-07: "
            + "no one in queue 'emea' is on shift while its sources send leads"
        for days in [0.0, 1, 7] {
            let gaps = try lint(Self.emeaRules, scenario: Self.londonWorld, days: days).filter { $0.message.contains("is on shift") }
            #expect(gaps.map(\.message) == [expected], "days \(days)")
        }
    }

    @Test func businessHourArrivalsInsideTheShiftsLeaveNoGap() throws {
        let world = Self.londonWorld.replacing(
            "pattern: {hourly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], weekdays: [1, 1, 1, 1, 1, 1, 1]}",
            with: "pattern: business-hours").replacing("holidays: [2026-01-07]", with: "business_hours: weekdays 09:00-17:00")
        #expect(!(try lint(Self.emeaRules, scenario: world)).contains { $0.message.contains("is on shift") })
    }

    @Test func anEveningShiftOnWeekdaysLeavesMorningsAndWeekends() throws {
        let world = Self.londonWorld.replacing("schedule: weekdays 09:00-17:00}\n  - {name: b, team: emea, schedule: weekdays 09:00-17:00}",
                                               with: "schedule: weekdays 09:00-17:00}\n  - {name: b, team: emea, schedule: Mon-Thu 16:00-22:00}")
            .replacing("holidays: [2026-01-07]\n", with: "")
        let gaps = try lint(Self.emeaRules, scenario: world).filter { $0.message.contains("is on shift") }
        // A day's hours read round the clock, as people say them: Friday's 17:00–09:00 runs into the weekend.
        #expect(gaps.map(\.message) == ["Mon–Thu 22:00–09:00 and Fri 17:00–09:00 and weekends (Europe/London): "
                                        + "no one in queue 'emea' is on shift while its sources send leads"])
    }
}

extension String {
    /// The text with every occurrence of `old` replaced; the fixture must contain it.
    func replacing(_ old: String, with new: String) -> String {
        #expect(contains(old), "fixture does not contain \(old)")
        return replacingOccurrences(of: old, with: new)
    }
}
