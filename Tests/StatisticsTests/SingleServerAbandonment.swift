import Foundation

/// A direct, seeded simulation of M/M/1+M (FIFO, exponential patience), independent of the
/// kernel: the check the Erlang A formulas are tested against.
///
/// The server frees at `free`; a customer arriving at t with patience p is served at
/// max(t, free) if that is within t + p. Each start depends only on earlier served
/// customers (FIFO), so no event list is needed.
enum SingleServerAbandonment {
    struct Run {
        /// Waits of the served customers, in arrival order.
        var servedWaits: [Double]
        var arrived: Int
    }

    static func simulate(arrivalRate lambda: Double, serviceRate mu: Double, abandonmentRate theta: Double,
                         arrivals: Int, seed: UInt64) -> Run {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) * 0x1p-53
        }
        func exponential(_ rate: Double) -> Double { -log(uniform()) / rate }
        var t = 0.0, free = 0.0
        var waits: [Double] = []
        for _ in 0..<arrivals {
            t += exponential(lambda)
            let patience = exponential(theta)
            let start = max(t, free)
            if start - t <= patience {
                free = start + exponential(mu)
                waits.append(start - t)
            }
        }
        return Run(servedWaits: waits, arrived: arrivals)
    }

    /// The mean of `value` over consecutive batches of `size` (a trailing partial batch is
    /// dropped) and the standard error of that mean from the batches' spread.
    static func batchMeans(_ values: [Double], size: Int, _ value: (Double) -> Double) -> (mean: Double, standardError: Double) {
        let count = values.count / size
        let batches = (0..<count).map { b in values[(b * size)..<((b + 1) * size)].reduce(0) { $0 + value($1) } / Double(size) }
        let mean = batches.reduce(0, +) / Double(count)
        let variance = batches.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)
        return (mean, (variance / Double(count)).squareRoot())
    }
}
