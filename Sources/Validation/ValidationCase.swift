import SimulationKernel
import SimulationModel

/// One simulation experiment and the rows it checks.
public struct ValidationCase: Sendable {
    /// Short name for progress output ("Erlang C c=5 ρ=0.90").
    public var name: String
    /// Counted leads it simulates (all replications), for sizing and progress.
    public var expectedLeads: Double
    let body: @Sendable (_ jobs: Int) throws -> [ValidationRow]

    public init(name: String, expectedLeads: Double, body: @escaping @Sendable (_ jobs: Int) throws -> [ValidationRow]) {
        self.name = name
        self.expectedLeads = expectedLeads
        self.body = body
    }

    /// Runs the experiment on `jobs` workers (results do not depend on it).
    /// - Throws: when the scenario does not compile (a bug in the suite).
    public func run(jobs: Int) throws -> [ValidationRow] { try body(jobs) }

    /// Runs one rule set over a scenario's replications.
    static func simulate(_ scenario: Scenario, _ rules: RuleSet, jobs: Int) throws -> [ReplicationMetrics] {
        let plan = try SimulationPlan(scenario: scenario, ruleSets: [rules])
        return Experiment.run(plan, options: ExperimentOptions(jobs: jobs)).runs[0]
    }
}

/// Formats numbers for parameters and tables.
enum Format {
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(x) * scale).rounded() / scale
        let whole = Int(rounded)
        var fraction = String(Int(((rounded - Double(whole)) * scale).rounded()))
        while fraction.count < digits { fraction = "0" + fraction }
        return (x < 0 && rounded != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + fraction : "")
    }

    /// Four significant digits, scientific below 1e-3.
    static func significant(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude < 1e-3 || magnitude >= 1e7 {
            var exponent = 0
            var mantissa = magnitude
            while mantissa >= 10 { mantissa /= 10; exponent += 1 }
            while mantissa < 1 { mantissa *= 10; exponent -= 1 }
            return (x < 0 ? "-" : "") + fixed(mantissa, 2) + "e" + String(exponent)
        }
        var digits = 3
        var m = magnitude
        while m >= 10 && digits > 0 { m /= 10; digits -= 1 }
        if magnitude < 1 {
            var k = magnitude
            while k < 1 { k *= 10; digits += 1 }
            digits -= 1
        }
        return fixed(x, max(0, digits))
    }
}
