import Foundation
import SimulationKernel
import SimulationModel
import Statistics

/// The model every peer (SimPy, Ciw, a hand-written loop) runs for the speed comparison:
/// M/M/50, λ = 45/min, μ = 1/min, FIFO, one arrival stream, from empty, no warm-up; the mean
/// wait is over all leads arriving in the window.
public enum PeerModel {
    public static let servers = 50
    public static let arrivalRate = 45.0 / 60   // per second
    public static let serviceRate = 1.0 / 60

    /// The exact mean wait (seconds) of the stationary queue.
    public static var exactMeanWait: Double {
        ErlangC(arrivalRate: arrivalRate, serviceRate: serviceRate, servers: servers).meanWait
    }

    public struct Measurement: Sendable {
        /// Mean wait per replication (seconds).
        public var meanWaits: [Double]
        /// Leads per replication.
        public var leads: [Int]
        /// Wall-clock seconds per replication (plan building included).
        public var seconds: [Double]

        /// Leads per second of the fastest replication (the machine is shared; best of several).
        public var bestLeadsPerSecond: Double {
            zip(leads, seconds).map { Double($0) / $1 }.max() ?? .nan
        }
        public var interval: ConfidenceInterval { ConfidenceInterval(meanWaits) }
    }

    /// Runs `replications` replications of about `leads` leads each, one after another on one
    /// thread (like the single-threaded peers).
    /// - Throws: never in practice (the scenario always compiles).
    public static func measure(leads: Int, replications: Int, seed: UInt64 = 42) throws -> Measurement {
        let scenario = QueueingWorld.pool(servers: servers, arrivalRate: arrivalRate, serviceRate: serviceRate,
                                          horizon: Double(leads) / arrivalRate, warmup: 0,
                                          replications: replications, seed: seed)
        let clock = ContinuousClock()
        var result = Measurement(meanWaits: [], leads: [], seconds: [])
        for k in 0..<replications {
            let began = clock.now
            let plan = try SimulationPlan(scenario: scenario, ruleSets: [QueueingWorld.fifo()])
            let run = Experiment.run(plan, options: ExperimentOptions(jobs: 1, replications: [k])).runs[0][0]
            result.seconds.append(ValidationSuite.seconds(clock.now - began))
            result.meanWaits.append(run.ttft.mean)
            result.leads.append(run.counted)
        }
        return result
    }
}
