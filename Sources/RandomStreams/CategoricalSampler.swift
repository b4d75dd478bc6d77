/// Picks an index with probability proportional to its weight, from one uniform.
///
/// Binary search over the cumulative weight shares rather than an alias table: the index is
/// a monotone function of `u`, so common random numbers keep a lead's category when an
/// unrelated weight elsewhere is unchanged, and the result is deterministic given `u`.
/// Zero weights are never picked.
public struct CategoricalSampler: Hashable, Sendable {
    /// Cumulative weight shares; the last positive-weight entry is exactly 1.
    public let cumulative: [Double]
    private let lastPositive: Int

    /// - Precondition: at least one weight, all finite and ≥ 0, with a positive sum.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "CategoricalSampler needs at least one weight")
        precondition(weights.allSatisfy { $0.isFinite && $0 >= 0 }, "weights must be finite and >= 0")
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "weights must have a positive, finite sum")
        var running = 0.0
        var cumulative = weights.map { weight -> Double in
            running += weight
            return running / total
        }
        let lastPositive = weights.lastIndex { $0 > 0 }!
        for i in lastPositive..<cumulative.count { cumulative[i] = 1 }
        self.cumulative = cumulative
        self.lastPositive = lastPositive
    }

    /// Number of categories.
    public var count: Int { cumulative.count }

    /// The smallest index `i` with `u < cumulative[i]` (so weight-0 entries are skipped).
    public func index(_ u: Double) -> Int {
        var low = 0
        var high = lastPositive
        while low < high {
            let mid = (low + high) / 2
            if u < cumulative[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// One draw from `stream` (exactly one uniform).
    public func sample(_ stream: RandomStream) -> Int {
        index(stream.uniform())
    }
}
