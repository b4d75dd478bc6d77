import Foundation

/// Quantiles of a stream of non-negative values (TTFT in seconds) in bounded memory.
///
/// A log-bucketed histogram (as DDSketch): bucket `i` holds the values in (γ^(i−1), γ^i]
/// with γ = (1 + α)/(1 − α), and reports them as 2γ^i/(γ + 1), which is within a relative
/// error α of every value in the bucket. α = 0.45%, under the 0.5% the spec allows, the
/// margin absorbing floating-point rounding at bucket edges.
///
/// - Values ≤ `zeroThreshold` (1 ms), including exactly 0, are counted exactly in a zero
///   bucket and reported as 0 (clamped to the observed minimum): an absolute error < 1 ms.
/// - Values above `maximumTracked` (10⁹ s, 31 years) go to the top bucket; the exact maximum
///   is kept separately, so `quantile(1)` is still right.
/// - Buckets span 1e-3 … 1e9 s: at most 3,070 counters (24 KB), allocated on the first
///   positive value. Count, sum, minimum and maximum are exact.
///
/// `quantile(q)` follows the definition of the exact sample quantile with linear
/// interpolation (R's type 7, NumPy's default): h = (n − 1)q, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎),
/// with each order statistic replaced by its bucket's value. Because a convex combination of
/// values each within relative error α is within α of the combination, the result is within
/// α of the exact type-7 quantile (plus the 1 ms absolute error of the zero bucket).
/// `merge` is exact: merging sketches equals adding all values to one.
public struct StreamingQuantiles: Hashable, Sendable {
    /// Relative accuracy α of a bucket's representative value.
    public static let relativeAccuracy = 0.0045
    /// Values at or below this go to the exact zero bucket.
    public static let zeroThreshold = 1e-3
    /// Values above this share the top bucket.
    public static let maximumTracked = 1e9

    static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    static let logGamma = log(gamma)
    static let inverseLogGamma = 1 / logGamma
    static let minIndex = Int((log(zeroThreshold) * inverseLogGamma).rounded(.up))
    static let maxIndex = Int((log(maximumTracked) * inverseLogGamma).rounded(.up))
    static let bucketCount = maxIndex - minIndex + 1

    /// Dense counters for buckets minIndex…maxIndex; empty until the first positive value.
    private var buckets: [Int] = []
    public private(set) var count: Int = 0
    /// Number of values ≤ `zeroThreshold`.
    public private(set) var zeroCount: Int = 0
    /// Exact sum of the values.
    public private(set) var sum: Double = 0
    /// Exact minimum (+∞ when empty).
    public private(set) var min: Double = .infinity
    /// Exact maximum (−∞ when empty).
    public private(set) var max: Double = -.infinity

    public init() {}

    /// A sketch from its parts (``QuantileAccumulator``); `buckets` is empty or has `bucketCount` counts.
    init(count: Int, zeroCount: Int, sum: Double, min: Double, max: Double, buckets: [Int]) {
        (self.count, self.zeroCount, self.sum, self.min, self.max, self.buckets) = (count, zeroCount, sum, min, max, buckets)
    }

    public init<Values: Sequence>(_ values: Values) where Values.Element == Double {
        for value in values { add(value) }
    }

    /// The bucket of a positive value above the zero threshold: ⌈log_γ x⌉ clamped to the
    /// tracked range, as ``logIndex(of:)`` computes it, read from ``BucketTable`` (no logarithm).
    @inline(__always)
    @_spi(Testing) public static func index(of x: Double) -> Int {
        if x > maximumTracked { return maxIndex }
        return minIndex + BucketTable.shared.offset(of: x)
    }

    /// The defining formula of ``index(of:)`` (for values in (zeroThreshold, maximumTracked]).
    @_spi(Testing) public static func logIndex(of x: Double) -> Int {
        let i = Int((log(x) * inverseLogGamma).rounded(.up))
        return Swift.min(Swift.max(i, minIndex), maxIndex)
    }

    /// The value reported for bucket `i`.
    @inline(__always)
    static func representative(_ i: Int) -> Double {
        2 * exp(Double(i) * logGamma) / (gamma + 1)
    }

    /// Records one value.
    ///
    /// - Precondition: `x` is finite and ≥ 0.
    /// - Complexity: O(1) (one logarithm).
    public mutating func add(_ x: Double) {
        precondition(x >= 0 && x.isFinite, "StreamingQuantiles takes finite values >= 0, got \(x)")
        add(x, times: 1)
    }

    /// Records `n` copies of `x`.
    public mutating func add(_ x: Double, times n: Int) {
        precondition(n >= 0, "count must be >= 0")
        guard n > 0 else { return }
        add(Value(x), times: n)
    }

    /// A value with its bucket worked out, for adding one value to several sketches at the
    /// cost of one logarithm.
    public struct Value: Sendable {
        public let x: Double
        /// Offset of the value's bucket in `buckets` (−1: the zero bucket).
        @usableFromInline let bucket: Int

        /// - Precondition: `x` is finite and ≥ 0.
        public init(_ x: Double) {
            precondition(x >= 0 && x.isFinite, "StreamingQuantiles takes finite values >= 0, got \(x)")
            self.x = x
            bucket = x <= StreamingQuantiles.zeroThreshold ? -1 : StreamingQuantiles.index(of: x) - StreamingQuantiles.minIndex
        }
    }

    /// Records `value` (`n` copies of it).
    public mutating func add(_ value: Value, times n: Int = 1) {
        count += n
        sum += value.x * Double(n)
        if value.x < min { min = value.x }
        if value.x > max { max = value.x }
        if value.bucket < 0 {
            zeroCount += n
            return
        }
        if buckets.isEmpty { buckets = Array(repeating: 0, count: StreamingQuantiles.bucketCount) }
        buckets[value.bucket] += n
    }

    /// Adds every value of `other` (exact).
    public mutating func merge(_ other: StreamingQuantiles) {
        guard other.count > 0 else { return }
        count += other.count
        zeroCount += other.zeroCount
        sum += other.sum
        if other.min < min { min = other.min }
        if other.max > max { max = other.max }
        if !other.buckets.isEmpty {
            if buckets.isEmpty {
                buckets = other.buckets
            } else {
                for i in buckets.indices { buckets[i] += other.buckets[i] }
            }
        }
    }

    /// The exact mean (NaN when empty).
    public var mean: Double { count == 0 ? .nan : sum / Double(count) }

    /// The k-th smallest value (0-based), approximated by its bucket's value.
    private func orderStatistic(_ k: Int) -> Double {
        if k <= 0 { return min }
        if k >= count - 1 { return max }
        if k < zeroCount { return Swift.max(0, min) }
        var remaining = k - zeroCount
        for (offset, n) in buckets.enumerated() where n > 0 {
            if remaining < n {
                let value = StreamingQuantiles.representative(offset + StreamingQuantiles.minIndex)
                return Swift.min(Swift.max(value, min), max)
            }
            remaining -= n
        }
        return max
    }

    /// The q-quantile with linear interpolation between order statistics (type 7).
    ///
    /// - Returns: NaN when empty.
    /// - Complexity: O(number of buckets).
    public func quantile(_ q: Double) -> Double {
        precondition(q >= 0 && q <= 1, "quantile level must be in [0, 1], got \(q)")
        guard count > 0 else { return .nan }
        let h = Double(count - 1) * q
        let low = Int(h.rounded(.down))
        let fraction = h - Double(low)
        let lowValue = orderStatistic(low)
        if fraction == 0 || low + 1 >= count { return lowValue }
        return lowValue + fraction * (orderStatistic(low + 1) - lowValue)
    }

    /// Share of values strictly above `t` (0 when empty).
    ///
    /// Exact outside the range of values and at the zero bucket; inside a bucket, values are
    /// taken as spread evenly in log scale. A threshold below 1 ms counts the whole zero
    /// bucket as "not above".
    public func fractionAbove(_ t: Double) -> Double {
        guard count > 0 else { return 0 }
        if t < min { return 1 }
        if t >= max { return 0 }
        let positive = count - zeroCount
        if t <= StreamingQuantiles.zeroThreshold { return Double(positive) / Double(count) }
        let j = StreamingQuantiles.index(of: t)
        let offset = j - StreamingQuantiles.minIndex
        var above = 0.0
        for i in (offset + 1)..<buckets.count { above += Double(buckets[i]) }
        let upperEdge = Double(j) * StreamingQuantiles.logGamma
        let share = Swift.min(Swift.max((upperEdge - log(t)) * StreamingQuantiles.inverseLogGamma, 0), 1)
        above += Double(buckets[offset]) * share
        return above / Double(count)
    }

    /// Share of values ≤ `t` (0 when empty).
    public func fractionAtMost(_ t: Double) -> Double {
        count == 0 ? 0 : 1 - fractionAbove(t)
    }

    /// Number of non-empty buckets (memory actually used by the encoded form).
    public var occupiedBuckets: Int { buckets.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}

extension StreamingQuantiles: Codable {
    /// The most values a decoded sketch may hold (2⁴⁰): sums over any study stay far from overflow.
    public static let maximumCount = 1 << 40


    private enum CodingKeys: String, CodingKey {
        case count, zeroCount, sum, min, max, indices, counts
    }

    /// Sparse form: `indices` (bucket numbers, log base γ) and `counts` of non-empty buckets.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(zeroCount, forKey: .zeroCount)
        try container.encode(sum, forKey: .sum)
        if count > 0 {
            try container.encode(min, forKey: .min)
            try container.encode(max, forKey: .max)
        }
        var indices: [Int] = []
        var counts: [Int] = []
        for (offset, n) in buckets.enumerated() where n > 0 {
            indices.append(offset + StreamingQuantiles.minIndex)
            counts.append(n)
        }
        try container.encode(indices, forKey: .indices)
        try container.encode(counts, forKey: .counts)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decode(Int.self, forKey: .count)
        zeroCount = try container.decode(Int.self, forKey: .zeroCount)
        sum = try container.decode(Double.self, forKey: .sum)
        min = try container.decodeIfPresent(Double.self, forKey: .min) ?? .infinity
        max = try container.decodeIfPresent(Double.self, forKey: .max) ?? -.infinity
        let indices = try container.decode([Int].self, forKey: .indices)
        let counts = try container.decode([Int].self, forKey: .counts)
        guard indices.count == counts.count else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: container,
                                                   debugDescription: "indices and counts differ in length")
        }
        // A corrupted records file must not overflow the sums below (nor later merges).
        guard (0...Self.maximumCount).contains(count), (0...count).contains(zeroCount) else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container,
                                                   debugDescription: "count \(count) and zero count \(zeroCount) out of range")
        }
        var total = zeroCount
        if !indices.isEmpty {
            buckets = Array(repeating: 0, count: StreamingQuantiles.bucketCount)
            for (index, n) in zip(indices, counts) {
                guard (StreamingQuantiles.minIndex...StreamingQuantiles.maxIndex).contains(index), n > 0, n <= count else {
                    throw DecodingError.dataCorruptedError(forKey: .indices, in: container,
                                                           debugDescription: "bucket \(index) with count \(n) is out of range")
                }
                buckets[index - StreamingQuantiles.minIndex] += n
                total += n
            }
        }
        guard total == count else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container,
                                                   debugDescription: "bucket counts sum to \(total), not \(count)")
        }
    }
}
