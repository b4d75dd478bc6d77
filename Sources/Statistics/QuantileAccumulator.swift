/// A ``StreamingQuantiles`` being filled on a hot path: the same counts, kept in memory the
/// accumulator manages itself, so that adding a value is a few stores (no copy-on-write check,
/// no bounds check, no exclusivity check, no call). ``sketch`` gives the sketch that adding the
/// same values to a `StreamingQuantiles` would have built.
public final class QuantileAccumulator {
    /// Bucket counts, `StreamingQuantiles.bucketCount` of them.
    @usableFromInline let buckets: UnsafeMutablePointer<Int>
    @usableFromInline @exclusivity(unchecked) var count = 0
    @usableFromInline @exclusivity(unchecked) var zeroCount = 0
    @usableFromInline @exclusivity(unchecked) var sum = 0.0
    @usableFromInline @exclusivity(unchecked) var min = Double.infinity
    @usableFromInline @exclusivity(unchecked) var max = -Double.infinity

    public init() {
        buckets = .allocate(capacity: StreamingQuantiles.bucketCount)
        buckets.initialize(repeating: 0, count: StreamingQuantiles.bucketCount)
    }

    deinit {
        buckets.deallocate()
    }

    /// Records `value` (as ``StreamingQuantiles/add(_:times:)`` with one copy).
    @inlinable @inline(__always)
    public func add(_ value: StreamingQuantiles.Value) {
        count &+= 1
        sum += value.x
        if value.x < min { min = value.x }
        if value.x > max { max = value.x }
        if value.bucket < 0 {
            zeroCount &+= 1
        } else {
            buckets[value.bucket] &+= 1
        }
    }

    /// The sketch of the values added so far.
    public var sketch: StreamingQuantiles {
        StreamingQuantiles(count: count, zeroCount: zeroCount, sum: sum, min: min, max: max,
                           buckets: count > zeroCount
                               ? Array(UnsafeBufferPointer(start: buckets, count: StreamingQuantiles.bucketCount)) : [])
    }
}
