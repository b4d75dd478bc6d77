/// Stable derivation of stream seeds from (scenario seed, replication, entity name).
///
/// Every entity (a source, a queue, a rep…) owns a stream whose seed depends only on the
/// scenario seed, the replication index and the entity's name, so adding a rep or a rule
/// never shifts another entity's numbers (common random numbers, SPEC §2). The recipe is
/// fixed and portable — it must give the same value in every process and on every
/// platform, which rules out Swift's per-process randomised `Hasher`:
///
/// ```
/// h = FNV-1a-64(UTF-8 bytes of name)     offset 0xcbf29ce484222325, prime 0x100000001b3
/// x = mix(seed)
/// x = mix(x ^ UInt64(bitPattern: Int64(replication)))
/// x = mix(x ^ h)
/// ```
///
/// where `mix` is SplitMix64's step: add the golden gamma `0x9e3779b97f4a7c15`, then the
/// finaliser `z ^= z >> 30; z &*= 0xbf58476d1ce4e5b9; z ^= z >> 27; z &*= 0x94d049bb133111eb;
/// z ^= z >> 31`. All arithmetic wraps modulo 2^64.
public enum StreamSeed {
    /// The seed of the stream of `name` in `replication` of a run seeded with `seed`.
    public static func derive(seed: UInt64, replication: Int, name: String) -> UInt64 {
        var x = mix(seed)
        x = mix(x ^ UInt64(bitPattern: Int64(replication)))
        return mix(x ^ fnv1a64(name))
    }

    /// The seed of a named sub-stream of a stream seed (for example a lead inside a source).
    public static func derive(parent: UInt64, name: String) -> UInt64 {
        mix(mix(parent) ^ fnv1a64(name))
    }

    /// The seed of the `index`-th sub-stream of a stream seed.
    public static func derive(parent: UInt64, index: Int) -> UInt64 {
        mix(mix(parent) ^ UInt64(bitPattern: Int64(index)))
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// One SplitMix64 step: golden-gamma increment followed by the 64-bit finaliser.
    ///
    /// A bijection on `UInt64`, so distinct inputs never collide.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// The identity of a stream: which run, which replication, which entity.
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
    public var seed: UInt64
    public var replication: Int
    public var name: String

    public init(seed: UInt64, replication: Int, name: String) {
        self.seed = seed
        self.replication = replication
        self.name = name
    }

    /// The derived 64-bit seed (`StreamSeed.derive`).
    public var derivedSeed: UInt64 {
        StreamSeed.derive(seed: seed, replication: replication, name: name)
    }

    public var description: String { "\(name)#\(replication)@\(seed)" }
}
