import Foundation
import RandomStreams
import SimulationKernel
import SimulationModel
import Statistics
import Testing

/// The simulation against exact queueing formulas.
///
/// Each check asks that the exact value lies inside the simulation's own confidence interval
/// over independent replications. The suite makes `checks` such checks, so each uses the
/// Bonferroni level 1 − 0.01/checks: a correct simulator fails the suite with probability at
/// most 1%, while a bias of a few percent still falls outside (the intervals are a few
/// percent wide). Seeds are fixed, so every outcome is reproducible. (Measured: 200
/// replications of the M/M/1 ρ = 0.7 case give utilization 0.7007 ± 0.0050 at 99%; single
/// blocks of 20 replications stray by up to 3.5 standard errors, hence 40 per case.)
@Suite struct ErlangTests {
    static let checks = 4 * 4 + 2 + 3
    static let level = 1 - 0.01 / Double(checks)

    static func expectCovers(_ exact: Double, _ values: [Double], _ label: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let interval = ConfidenceInterval(values, level: level)
        #expect(interval.contains(exact),
                "\(label): exact \(exact) outside CI \(interval.lower)…\(interval.upper) (level \(level))",
                sourceLocation: sourceLocation)
    }

    static func run(_ scenario: Scenario, _ rules: RuleSet) throws -> [ReplicationMetrics] {
        Experiment.run(try SimulationPlan(scenario: scenario, ruleSets: [rules])).runs[0]
    }

    /// M/M/c (Erlang C): mean wait, P(wait > 0), P(wait > 10m) and utilization.
    @Test(arguments: [(1, 0.7), (1, 0.95), (20, 0.7), (20, 0.95)])
    func erlangC(servers c: Int, load rho: Double) throws {
        let mu = 6.0  // services per hour per rep (10-minute handle time)
        let lambda = rho * Double(c) * mu
        // Heavier traffic and fewer servers relax more slowly: longer replications.
        let days = rho > 0.9 ? (c == 1 ? 60.0 : 8) : (c == 1 ? 10 : 2)
        let runs = try Self.run(QueueingWorlds.pool(servers: c, arrivalsPerHour: lambda, servicesPerHour: mu,
                                                    horizonDays: days, replications: 40), QueueingWorlds.fifo())
        let exact = ErlangC(arrivalRate: lambda / 3600, serviceRate: mu / 3600, servers: c)
        Self.expectCovers(exact.meanWait, runs.map { $0.ttft.mean }, "mean TTFT c=\(c) ρ=\(rho)")
        Self.expectCovers(exact.probabilityOfWait, runs.map { $0.ttft.fractionAbove(StreamingQuantiles.zeroThreshold) },
                          "P(TTFT > 0) c=\(c) ρ=\(rho)")
        Self.expectCovers(exact.probabilityWaitExceeds(600), runs.map { $0.ttft.fractionAbove(600) },
                          "P(TTFT > 10m) c=\(c) ρ=\(rho)")
        Self.expectCovers(rho, runs.map(\.utilization), "utilization c=\(c) ρ=\(rho)")
    }

    /// M/M/c/c (Erlang B): `max_wait: 0s` drops every lead not assigned on arrival.
    @Test func erlangB() throws {
        let c = 10, mu = 6.0, lambda = 54.0
        let runs = try Self.run(QueueingWorlds.pool(servers: c, arrivalsPerHour: lambda, servicesPerHour: mu,
                                                    horizonDays: 2, replications: 20),
                                QueueingWorlds.fifo(maxWait: 0))
        let exact = ErlangB(arrivalRate: lambda / 3600, serviceRate: mu / 3600, servers: c)
        Self.expectCovers(exact.blockingProbability,
                          runs.map { Double($0.outcomes["dropped", default: 0]) / Double($0.counted) }, "Erlang B blocking")
        Self.expectCovers(exact.meanBusyServers / Double(c), runs.map(\.utilization), "Erlang B utilization")
    }

    /// M/M/c+M (Erlang A): exponential patience; cold leads are abandonments.
    @Test func erlangA() throws {
        let c = 5, mu = 6.0, lambda = 33.0, patienceHours = 0.25
        let runs = try Self.run(QueueingWorlds.pool(servers: c, arrivalsPerHour: lambda, servicesPerHour: mu,
                                                    horizonDays: 4, replications: 20, patienceMeanHours: patienceHours),
                                QueueingWorlds.fifo())
        let exact = ErlangA(arrivalRate: lambda / 3600, serviceRate: mu / 3600, servers: c,
                            abandonmentRate: 1 / (patienceHours * 3600))
        Self.expectCovers(exact.probabilityOfAbandonment,
                          runs.map { Double($0.outcomes["cold", default: 0]) / Double($0.counted) }, "Erlang A abandonment")
        Self.expectCovers(exact.probabilityOfWait,
                          runs.map { run in
                              // Waited: touched after a wait, or went cold (always after waiting).
                              let touchedWaiting = run.ttft.fractionAbove(StreamingQuantiles.zeroThreshold) * Double(run.touched)
                              return (touchedWaiting + Double(run.outcomes["cold", default: 0])) / Double(run.counted)
                          }, "Erlang A P(wait > 0)")
        Self.expectCovers(exact.meanWaitOfServed, runs.map { $0.ttft.mean }, "Erlang A mean wait of served leads")
    }
}
