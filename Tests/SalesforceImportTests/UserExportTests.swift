import Foundation
import SalesforceImport
import ScenarioFile
import SimulationModel
import Testing

/// `import salesforce-users`: a User export as reps (`Fixtures/users.csv`, with inactive users).
@Suite struct UserExportTests {
    @Test func activeUsersBecomeRepsWithTheirZoneAndRole() throws {
        let users = try UserExportImporter.importUsers(csv: fixture("users.csv"), file: "users.csv")
        #expect(users.reps.map(\.name) == ["jane-doe", "bob-smith", "anna-schmidt", "ops-bot"],
                "named by the e-mail's local part as import salesforce names users; the user name when there is no e-mail")
        #expect(users.reps.map(\.team) == ["na-sales", "na-sales", "emea-sales", "salesforce-users"])
        #expect(users.reps.map(\.timezone) == ["America/New_York", "America/Chicago", "Europe/Berlin", nil])
        #expect(users.inactive == ["old-timer", "left-company"])
        let messages = users.warnings.map(\.message)
        #expect(messages.contains("2 inactive users left out: 'old-timer' and 'left-company'"))
        #expect(messages.contains("time zone 'Pacific Standard Time' of 'ops.bot@acme.example' is not an IANA zone; the rep keeps the scenario's"))
        #expect(users.yaml.contains("  - {name: jane-doe, team: na-sales, timezone: America/New_York}  # jane.doe@acme.example, UserRole.Name NA Sales"))
        #expect(users.yaml.contains("# Inactive users left out: old-timer, left-company."))
        let scenario = """
            name: users
            start: 2026-01-05T00:00
            timezone: America/New_York
            horizon: 7d
            sources: [{name: web, volume: 10/day}]

            """ + users.yaml
        let world = try ScenarioLoader.load(yaml: scenario, file: "s.yaml").scenario
        #expect(world.reps.map(\.name) == ["jane-doe", "bob-smith", "anna-schmidt", "ops-bot"], "the fragment loads in a scenario")
    }

    @Test func aReportExportsLabelsAndATeamColumnWork() throws {
        let csv = """
            Full Name,Email,Time Zone,Active,Territory
            Jane Doe,jane.doe@acme.example,(GMT-05:00) Eastern Standard Time (America/New_York),1,East
            Bob Smith,bob.smith@acme.example,(GMT-06:00) Central Standard Time (America/Chicago),0,Central
            """
        let users = try UserExportImporter.importUsers(csv: csv, file: "report.csv", teamColumn: "territory")
        #expect(users.reps.map(\.name) == ["jane-doe"] && users.reps.map(\.team) == ["east"])
        #expect(users.reps.first?.timezone == "America/New_York")
        #expect(users.inactive == ["bob-smith"])
    }

    @Test func badExportsAreErrorsWithRowAndDidYouMean() throws {
        do {
            _ = try UserExportImporter.importUsers(csv: "Name,Emial\nJane,j@x.example\n", file: "u.csv")
            Issue.record("no e-mail column imported")
        } catch {
            #expect(error.diagnostics.first?.message == "'u.csv' has no Email or Username column")
            #expect(error.diagnostics.first?.suggestion == "Emial")
        }
        do {
            _ = try UserExportImporter.importUsers(csv: "Email,IsActive\n,true\n\"open,true\nx@y.example,true,extra\n", file: "u.csv",
                                                   teamColumn: nil)
            Issue.record("bad rows imported")
        } catch {
            #expect(error.diagnostics.map(\.keyPath) == ["row 1", "row 2", "row 3"])
            #expect(error.diagnostics.map(\.message) == ["no e-mail or user name", "a quoted cell is never closed", "3 cells, the header has 2"])
        }
        do {
            _ = try UserExportImporter.importUsers(csv: "Email,Role\nj@x.example,A\n", file: "u.csv", teamColumn: "Teem")
            Issue.record("a missing team column imported")
        } catch {
            #expect(error.diagnostics.first?.message == "'u.csv' has no column 'Teem' (--team-column)")
        }
    }
}
