import Dispatch
import Foundation
import Synchronization
import SimulationModel

/// How to run an experiment.
public struct ExperimentOptions: Sendable {
    /// Parallel workers (default: the number of cores). Results never depend on it.
    public var jobs: Int
    /// Keep one audit row per lead (memory grows with leads).
    public var trace: Bool
    /// Check invariants at every instant (tests; slower).
    public var checkInvariants: Bool
    /// Only these replications (default: all of the scenario's).
    public var replications: [Int]?
    /// Tests: every routed lead is queued and dispatch re-examines every waiting line at every
    /// instant, instead of assigning a lone arrival at once and remembering blocked lines.
    /// Results must be identical (except the count of events handled); it is only slower.
    public var referenceDispatch = false

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, trace: Bool = false, checkInvariants: Bool = false,
                replications: [Int]? = nil) {
        self.jobs = max(1, jobs)
        self.trace = trace
        self.checkInvariants = checkInvariants
        self.replications = replications
    }
}

/// Every rule set's raw results for every replication, in order.
public struct ExperimentResult: Sendable {
    public let plan: SimulationPlan
    /// `runs[r][k]`: rule set `r`, k-th replication run.
    public let runs: [[ReplicationMetrics]]
    /// Audit rows (only with `trace`), rule set by rule set, replication by replication.
    public let trace: [TraceRow]
}

/// Runs every rule set of a plan on the same replications (common random numbers).
public enum Experiment {
    /// Runs rule sets × replications on `options.jobs` workers.
    ///
    /// Each (rule set, replication) is an independent simulation whose streams derive from
    /// (seed, replication, entity), so results are identical for any number of workers.
    /// - Parameter progress: Called (from any thread) after each finished run with (done, total).
    public static func run(_ plan: SimulationPlan, options: ExperimentOptions = ExperimentOptions(),
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> ExperimentResult {
        let replications = options.replications ?? Array(0..<plan.scenario.replications)
        let tasks = plan.ruleSets.indices.flatMap { r in replications.indices.map { (r, $0) } }
        let slots = Mutex<[(ReplicationMetrics, [TraceRow])?]>(Array(repeating: nil, count: tasks.count))
        let next = Mutex(0)
        let done = Mutex(0)
        let workers = min(options.jobs, max(1, tasks.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index: Int = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < tasks.count else { return }
                let (ruleIndex, k) = tasks[index]
                let replication = Replication(plan: plan, ruleIndex: ruleIndex, replication: replications[k],
                                              trace: options.trace, checkInvariants: options.checkInvariants,
                                              referenceDispatch: options.referenceDispatch)
                let outcome = replication.run()
                slots.withLock { $0[index] = outcome }
                let finished = done.withLock { value in
                    value += 1
                    return value
                }
                progress?(finished, tasks.count)
            }
        }
        let all = slots.withLock { $0.map { $0! } }
        var runs: [[ReplicationMetrics]] = []
        var trace: [TraceRow] = []
        for r in plan.ruleSets.indices {
            let mine = all[(r * replications.count)..<((r + 1) * replications.count)]
            runs.append(mine.map(\.0))
            trace += mine.flatMap(\.1)
        }
        return ExperimentResult(plan: plan, runs: runs, trace: trace)
    }
}
