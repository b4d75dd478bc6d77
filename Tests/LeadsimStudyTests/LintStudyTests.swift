import Foundation
import LeadsimStudy
import Testing

/// `lint --days` takes a number of days lint can simulate: a non-finite, negative or huge
/// value is invalid input (exit 1), never a trap or a run that does not end.
@Suite struct LintStudyTests {
    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan, -1, 367, 1e300])
    func daysOutsideZeroToAYearAreRefused(_ days: Double) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        do {
            _ = try LintStudy.lint(rules: workspace.path("baseline.yaml"), scenario: workspace.path("scenario.yaml"), days: days)
            Issue.record("--days \(days) was accepted")
        } catch {
            #expect(error.kind == .invalidInput)
            #expect(error.message.contains("--days must be a number of days from 0 to 366"), "\(error.message)")
        }
    }

    @Test func zeroDaysSkipsTheSimulation() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try LintStudy.lint(rules: workspace.path("baseline.yaml"), scenario: workspace.path("scenario.yaml"), days: 0)
        #expect(!outcome.findings.contains { $0.message.contains("matched none of the") })
    }
}

/// Lint's findings grouped by what they are about, for reading a long list.
@Suite struct LintGroupsTests {
    @Test func findingsAreGroupedRoutesFirstThenQueuesThenReps() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = try LintStudy.lint(rules: workspace.path("baseline.yaml"), scenario: workspace.path("scenario.yaml"), days: 1)
        let groups = outcome.groups
        #expect(groups.flatMap(\.findings).count == outcome.findings.count)
        let order = ["Routes", "Queues and coverage", "Reps and teams", "Other"]
        #expect(groups.map(\.title) == order.filter { title in groups.contains { $0.title == title } })
        for group in groups where group.title == "Queues and coverage" {
            #expect(group.findings.allSatisfy { $0.keyPath.hasPrefix("queues") })
        }
    }
}
