/// A per-lead source of uniforms that costs nothing to create: a counter-based generator.
///
/// A lead needs a handful of independent uniforms (touch delay per assignment, handle time,
/// patience, field values…) that must not depend on what other leads or rule sets do. One
/// GSL `mt19937` per lead would cost a 2.5 KB state, a seeding loop and an allocation for
/// every lead. Instead the lead keeps a single 64-bit seed — drawn from its source's GSL
/// stream with `RandomStream.nextSeed()` — and the `i`-th uniform is a pure function of
/// `(seed, i)`:
///
/// ```
/// z = SplitMix64-finaliser(seed ^ (i &* 0x9e3779b97f4a7c15))   (StreamSeed.mix)
/// u = (Double(z >> 12) + 0.5) / 2^52
/// ```
///
/// `u` lies in (0, 1) and is never 0 or 1: the midpoints of a 2⁻⁵² grid, from 2⁻⁵³ to
/// 1 − 2⁻⁵³, all exactly representable (with 53 bits the top midpoint would round to 1). Reading uniform 3 before uniform 1, or not at
/// all, changes nothing else, which keeps common random numbers exact. Use fixed, documented
/// indices per purpose (for example 0 = handle time, 1 = patience, 10 + k = touch delay of
/// the k-th assignment).
public struct CounterUniforms: Hashable, Sendable {
    /// The lead's seed.
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The `index`-th uniform of this stream, in the open interval (0, 1).
    @inline(__always)
    public func uniform(_ index: Int) -> Double {
        let z = StreamSeed.mix(seed ^ (UInt64(bitPattern: Int64(index)) &* 0x9e37_79b9_7f4a_7c15))
        return (Double(z >> 12) + 0.5) * 0x1p-52
    }

    /// 64 bits for the `index`-th sub-stream (for example a `RandomStream` of the lead, when one
    /// is really needed).
    public func bits(_ index: Int) -> UInt64 {
        StreamSeed.mix(StreamSeed.mix(seed ^ (UInt64(bitPattern: Int64(index)) &* 0x9e37_79b9_7f4a_7c15)))
    }
}
