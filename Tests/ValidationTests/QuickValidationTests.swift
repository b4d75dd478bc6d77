import Foundation
import Statistics
import Testing
import Validation

/// The quick validation subset, as CI runs it.
///
/// Every row must hold at the Bonferroni level 1 − 0.01/checks: a correct simulator fails
/// this suite with probability at most 1% (seeds are fixed, so the outcome is reproducible),
/// while a bias of a few percent still falls outside the intervals.
@Suite struct QuickValidationTests {
    @Test func quickSubsetAgreesWithTheory() throws {
        let result = try ValidationSuite.run(ValidationSuite.quick(), jobs: ProcessInfo.processInfo.activeProcessorCount)
        let checks = result.checks
        #expect(checks >= 20, "the quick subset should make at least 20 checks, made \(checks)")
        let level = 1 - 0.01 / Double(checks)
        for row in result.rows {
            guard let passed = row.passes(level: level) else { continue }
            var detail = ""
            if let ci = row.interval(level: level) {
                detail = "simulated \(ci.mean), CI \(ci.lower)…\(ci.upper)"
            } else if let p = row.pValue {
                detail = "p = \(p)"
            } else if case .exactCount(let n) = row.evidence {
                detail = "count \(n)"
            }
            #expect(passed, "\(row.model) \(row.parameters) \(row.metric): exact \(row.exact), \(detail) (level \(level))")
        }
    }

    /// The report names every row and the coverage line.
    @Test func reportListsRowsAndCoverage() {
        let rows = [
            ValidationRow(model: "Erlang C", parameters: "c=1 ρ=0.50", metric: "mean TTFT (s)", exact: 600,
                          evidence: .replications([590, 605, 610, 598]), leads: 4000),
            ValidationRow(model: "Erlang C", parameters: "c=1 ρ=0.50", metric: "P(TTFT > 0)", exact: 0.5,
                          evidence: .replications([0.6, 0.61, 0.59]), leads: 4000),
            ValidationRow(model: "arrivals", parameters: "business-hours", metric: "outside", exact: 0,
                          evidence: .exactCount(0), leads: 10),
            ValidationRow(model: "Erlang C", parameters: "c=500 ρ=0.50", metric: "P(TTFT > 0)", exact: 1e-40,
                          evidence: .untestable("0 waiting leads expected"), leads: 10),
        ]
        let result = ValidationResult(rows: rows, seconds: 1, jobs: 2)
        #expect(result.coverage() == (1, 2))
        #expect(result.checks == 3)
        #expect(result.failures().map(\.metric) == ["P(TTFT > 0)"])
        let markdown = ValidationReport.markdown(result, command: "leadsim verify", quick: true)
        #expect(markdown.contains("**1 of 2 confidence intervals (50.0%) cover the exact value.**"))
        #expect(markdown.contains("| Erlang C | c=1 ρ=0.50 | P(TTFT > 0) | 0.500 | 0.600 |"))
        #expect(markdown.contains("**FAIL** (above)"))
    }

    /// The relaxation-time sizing: λτ = ρ/(1 − √ρ)² leads whatever c is.
    @Test func relaxationTimeInLeadsDoesNotDependOnServers() {
        for c in [1, 20, 500] {
            let mu = 0.01, lambda = 0.9 * Double(c) * mu
            let leads = lambda * RunSize.relaxationTime(servers: c, arrivalRate: lambda, serviceRate: mu)
            #expect(abs(leads - 0.9 / ((1 - 0.9.squareRoot()) * (1 - 0.9.squareRoot()))) < 1e-6)
        }
    }
}
