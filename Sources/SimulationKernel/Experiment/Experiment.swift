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
    /// `leadsim backtest`: each replication's leads counted by this definition into
    /// `ReplicationMetrics.backtest` (nil: not counted).
    public var backtest: BacktestDefinition?

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
    /// Runs rule sets × replications on `options.jobs` workers and returns every result.
    ///
    /// Each (rule set, replication) is an independent simulation whose streams derive from
    /// (seed, replication, entity), so results are identical for any number of workers.
    /// - Parameter progress: Called (from any thread) after each finished run with (done, total).
    public static func run(_ plan: SimulationPlan, options: ExperimentOptions = ExperimentOptions(),
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> ExperimentResult {
        var runs: [[ReplicationMetrics]] = plan.ruleSets.map { _ in [] }
        var trace: [TraceRow] = []
        run(plan, options: options, progress: progress) { ruleIndex, metrics, rows in
            runs[ruleIndex].append(metrics)
            trace += rows
        }
        return ExperimentResult(plan: plan, runs: runs, trace: trace)
    }

    /// Runs rule sets × replications on `options.jobs` workers and hands each result to
    /// `receive` on the calling thread, in order: rule set by rule set, replication by
    /// replication (the order of `options.replications`), whatever order the workers finish in.
    ///
    /// Workers run at most a few replications ahead of the one `receive` waits for, so memory
    /// stays bounded however many replications there are.
    public static func run(_ plan: SimulationPlan, options: ExperimentOptions = ExperimentOptions(),
                           progress: (@Sendable (Int, Int) -> Void)? = nil,
                           receive: (_ ruleIndex: Int, _ metrics: ReplicationMetrics, _ trace: [TraceRow]) -> Void) {
        let replications = options.replications ?? Array(0..<plan.scenario.replications)
        let tasks = plan.ruleSets.indices.flatMap { r in replications.indices.map { (r, $0) } }
        let workers = min(options.jobs, max(1, tasks.count))
        let board = ResultBoard(count: tasks.count, window: 4 * workers)
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let index = board.nextTask() {
                    let (ruleIndex, k) = tasks[index]
                    let replication = Replication(plan: plan, ruleIndex: ruleIndex, replication: replications[k],
                                                  trace: options.trace, checkInvariants: options.checkInvariants,
                                                  referenceDispatch: options.referenceDispatch, backtest: options.backtest)
                    let finished = board.post(replication.run(), at: index)
                    progress?(finished, tasks.count)
                }
            }
        }
        for index in tasks.indices {
            let (metrics, rows) = board.take(index)
            receive(tasks[index].0, metrics, rows)
        }
        group.wait()
    }
}

/// The results of an experiment's runs between the workers that make them and the caller
/// that takes them in order. A worker starts a run only while fewer than `window` runs are
/// started and not yet taken; the run taken next is always started (runs start in order),
/// so the window never blocks progress.
private final class ResultBoard: Sendable {
    private let slots: Mutex<[(ReplicationMetrics, [TraceRow])?]>
    private let ready: [DispatchSemaphore]
    private let window: DispatchSemaphore
    private let next = Mutex(0)
    private let finished = Mutex(0)

    init(count: Int, window: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        self.window = DispatchSemaphore(value: window)
    }

    /// The next run to start, waiting for room in the window; nil when every run has started.
    func nextTask() -> Int? {
        window.wait()
        let index: Int = next.withLock { value in
            defer { value += 1 }
            return value
        }
        guard index < ready.count else {
            window.signal()
            return nil
        }
        return index
    }

    /// Stores run `index`'s result; returns how many runs have finished.
    func post(_ result: (ReplicationMetrics, [TraceRow]), at index: Int) -> Int {
        slots.withLock { $0[index] = result }
        ready[index].signal()
        return finished.withLock { value in
            value += 1
            return value
        }
    }

    /// Waits for run `index`'s result and takes it (its slot is emptied).
    func take(_ index: Int) -> (ReplicationMetrics, [TraceRow]) {
        ready[index].wait()
        let result = slots.withLock { slots -> (ReplicationMetrics, [TraceRow]) in
            defer { slots[index] = nil }
            return slots[index]!
        }
        window.signal()
        return result
    }
}
