import Foundation
import SimulationKernel
import SimulationModel
import Statistics

/// Cases against the Erlang C, B and A formulas (`Statistics`).
public enum ErlangChecks {
    /// Mean handle time of every queueing case: 10 minutes (μ = 1/600 per second).
    public static let serviceRate = 1.0 / 600

    /// Waiting metrics need at least this many expected waiting leads over all replications;
    /// below it (large c at low ρ: P(wait) can be 1e-30) there is nothing to measure.
    static let minimumExpectedWaits = 100.0

    /// M/M/c: mean TTFT, P(TTFT > 0), P(TTFT > t) with t = 1/(cμ − λ) (the mean wait of those
    /// who wait, so the exact value is C/e at every size), and utilization.
    public static func erlangC(servers c: Int, load rho: Double, profile: SizeProfile, seed: UInt64) -> ValidationCase {
        let mu = serviceRate, lambda = rho * Double(c) * mu
        let size = profile.size(servers: c, arrivalRate: lambda, serviceRate: mu)
        let parameters = "c=\(c) ρ=\(Format.fixed(rho, 2))"
        return ValidationCase(name: "Erlang C \(parameters)", expectedLeads: size.leads(arrivalRate: lambda)) { jobs in
            let scenario = QueueingWorld.pool(servers: c, arrivalRate: lambda, serviceRate: mu, horizon: size.horizon,
                                              warmup: size.warmup, replications: size.replications, seed: seed)
            let runs = try ValidationCase.simulate(scenario, QueueingWorld.fifo(), jobs: jobs)
            let exact = ErlangC(arrivalRate: lambda, serviceRate: mu, servers: c)
            let leads = runs.reduce(0) { $0 + $1.counted }
            let t = 1 / (Double(c) * mu - lambda)
            let waits = exact.probabilityOfWait * Double(leads)
            func waiting(_ metric: String, _ value: Double, _ values: [Double]) -> ValidationRow {
                let evidence: ValidationRow.Evidence = waits >= minimumExpectedWaits ? .replications(values)
                    : .untestable("\(Format.significant(waits)) waiting leads expected")
                return ValidationRow(model: "Erlang C", parameters: parameters, metric: metric, exact: value,
                                     evidence: evidence, leads: leads)
            }
            return [
                waiting("mean TTFT (s)", exact.meanWait, runs.map { $0.ttft.mean }),
                waiting("P(TTFT > 0)", exact.probabilityOfWait,
                        runs.map { $0.ttft.fractionAbove(StreamingQuantiles.zeroThreshold) }),
                waiting("P(TTFT > \(Format.significant(t))s)", exact.probabilityWaitExceeds(t),
                        runs.map { $0.ttft.fractionAbove(t) }),
                ValidationRow(model: "Erlang C", parameters: parameters, metric: "utilization", exact: rho,
                              evidence: .replications(runs.map(\.utilization)), leads: leads),
            ]
        }
    }

    /// M/M/c/c (`max_wait: 0s`): blocking probability and utilization a(1 − B)/c.
    public static func erlangB(servers c: Int, offeredLoad a: Double, profile: SizeProfile, seed: UInt64) -> ValidationCase {
        let mu = serviceRate, lambda = a * mu
        // No queue: the state relaxes within a few service times.
        let perReplication = min(max(profile.minimumLeads * 2, 2000 * a), profile.maximumLeads / 2)
        let size = RunSize(replications: profile.replications, horizon: perReplication / lambda,
                           warmup: profile.warmupServices / mu)
        let parameters = "c=\(c) a=\(Format.significant(a))"
        return ValidationCase(name: "Erlang B \(parameters)", expectedLeads: size.leads(arrivalRate: lambda)) { jobs in
            let scenario = QueueingWorld.pool(servers: c, arrivalRate: lambda, serviceRate: mu, horizon: size.horizon,
                                              warmup: size.warmup, replications: size.replications, seed: seed)
            let runs = try ValidationCase.simulate(scenario, QueueingWorld.fifo(maxWait: 0), jobs: jobs)
            let exact = ErlangB(arrivalRate: lambda, serviceRate: mu, servers: c)
            let leads = runs.reduce(0) { $0 + $1.counted }
            return [
                ValidationRow(model: "Erlang B", parameters: parameters, metric: "P(dropped)", exact: exact.blockingProbability,
                              evidence: .replications(runs.map { Double($0.outcomes["dropped", default: 0]) / Double($0.counted) }),
                              leads: leads),
                ValidationRow(model: "Erlang B", parameters: parameters, metric: "utilization",
                              exact: exact.meanBusyServers / Double(c),
                              evidence: .replications(runs.map(\.utilization)), leads: leads),
            ]
        }
    }

    /// M/M/c+M (exponential patience, mean 1/θ): P(abandon) as the cold share, P(wait > 0)
    /// (touched after a wait, or gone cold), mean wait of the served.
    public static func erlangA(servers c: Int, load rho: Double, patienceMean: Double, profile: SizeProfile,
                               seed: UInt64) -> ValidationCase {
        let mu = serviceRate, lambda = rho * Double(c) * mu
        // Patience keeps even ρ ≥ 1 stable; size as an M/M/c just below saturation would, and
        // warm up past several patience means.
        var sizing = profile.size(servers: c, arrivalRate: min(lambda, 0.95 * Double(c) * mu), serviceRate: mu)
        sizing.horizon = sizing.horizon * min(1, 0.95 * Double(c) * mu / lambda)
        sizing.horizon = max(sizing.horizon, profile.minimumLeads * 2 / lambda)
        sizing.warmup = max(sizing.warmup, 10 * patienceMean)
        let size = sizing
        let parameters = "c=\(c) ρ=\(Format.fixed(rho, 2)) patience=\(Format.significant(patienceMean / 60))m"
        return ValidationCase(name: "Erlang A \(parameters)", expectedLeads: size.leads(arrivalRate: lambda)) { jobs in
            let scenario = QueueingWorld.pool(servers: c, arrivalRate: lambda, serviceRate: mu, horizon: size.horizon,
                                              warmup: size.warmup, replications: size.replications, seed: seed,
                                              patienceMean: patienceMean)
            let runs = try ValidationCase.simulate(scenario, QueueingWorld.fifo(), jobs: jobs)
            let exact = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: 1 / patienceMean)
            let leads = runs.reduce(0) { $0 + $1.counted }
            let waited = runs.map { run -> Double in
                let touchedWaiting = run.ttft.fractionAbove(StreamingQuantiles.zeroThreshold) * Double(run.touched)
                return (touchedWaiting + Double(run.outcomes["cold", default: 0])) / Double(run.counted)
            }
            return [
                ValidationRow(model: "Erlang A", parameters: parameters, metric: "P(abandon) = cold share",
                              exact: exact.probabilityOfAbandonment,
                              evidence: .replications(runs.map { Double($0.outcomes["cold", default: 0]) / Double($0.counted) }),
                              leads: leads),
                ValidationRow(model: "Erlang A", parameters: parameters, metric: "P(wait > 0)", exact: exact.probabilityOfWait,
                              evidence: .replications(waited), leads: leads),
                ValidationRow(model: "Erlang A", parameters: parameters, metric: "mean TTFT of served (s)",
                              exact: exact.meanWaitOfServed, evidence: .replications(runs.map { $0.ttft.mean }), leads: leads),
            ]
        }
    }
}
