/// A small deterministic ``UniformSource`` (SplitMix64) for tools, tests and benchmarks.
///
/// The simulation passes each queue's own GSL stream instead; this one serves where no
/// scenario stream exists, such as `leadsim route`.
public struct SplitMixUniform: UniformSource, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in (0, 1) from the top 53 bits.
    public mutating func nextUniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
}
