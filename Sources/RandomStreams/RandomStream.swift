import Foundation
internal import CGSL

/// A seeded stream of random numbers: one GSL `mt19937` generator.
///
/// Each simulated entity owns one stream, created from `(seed, replication, name)` through
/// `StreamSeed.derive`, so its numbers depend on nothing else (common random numbers).
///
/// The stream is a reference to mutable C state and is deliberately **not** `Sendable`:
/// create it and use it inside one replication task. The generator is freed in `deinit`.
///
/// GSL's `mt19937` seeding (`gsl_rng_set`) uses the low 32 bits of its seed only, so the
/// 64-bit derived seed is folded to 32 bits (`lo ^ hi`, zero mapped to a fixed non-zero
/// value because GSL silently replaces 0 by 4357). Two entities of one replication share a
/// generator with probability about n²/2³³ for n entities (10⁻⁶ for 100 entities).
/// Per-lead randomness does not go through here but through `CounterUniforms`, which uses
/// all 64 bits.
///
/// The distribution methods (`exponential`, `gamma`, …) call GSL's own samplers, which may
/// consume several uniforms per draw. For draws that must stay aligned across rule sets,
/// use `Sampler.sample(_:)`, which is always exactly one `uniform()`.
public final class RandomStream {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// The 64-bit seed this stream was created from.
    public let seed: UInt64

    /// A stream seeded directly with a 64-bit seed.
    public init(seed: UInt64) {
        GSL.prepare()
        guard let rng = gsl_rng_alloc(leadsim_rng_mt19937()) else {
            fatalError("RandomStream: GSL could not allocate an mt19937 generator (out of memory)")
        }
        self.rng = rng
        self.seed = seed
        gsl_rng_set(rng, CUnsignedLong(RandomStream.gslSeed(seed)))
    }

    /// The stream of entity `name` in `replication` of a run seeded with `seed`.
    public convenience init(seed: UInt64, replication: Int, name: String) {
        self.init(seed: StreamSeed.derive(seed: seed, replication: replication, name: name))
    }

    /// The stream identified by `key`.
    public convenience init(_ key: StreamKey) {
        self.init(seed: key.derivedSeed)
    }

    deinit {
        gsl_rng_free(rng)
    }

    /// The 32-bit value handed to `gsl_rng_set` for a 64-bit seed (never 0).
    static func gslSeed(_ seed: UInt64) -> UInt32 {
        let mixed = StreamSeed.mix(seed)
        let folded = UInt32(truncatingIfNeeded: mixed) ^ UInt32(truncatingIfNeeded: mixed >> 32)
        return folded == 0 ? 0x6a09_e667 : folded
    }

    private var pointer: UnsafeMutablePointer<gsl_rng> { rng }

    // MARK: Uniforms

    /// A uniform draw in the open interval (0, 1) (`gsl_rng_uniform_pos`): never 0 or 1, so
    /// it can be fed to any inverse CDF.
    @inline(__always)
    public func uniform() -> Double {
        gsl_rng_uniform_pos(pointer)
    }

    /// Same as `uniform()`; the spelling the kernel's `UniformSource` adapter expects.
    @inline(__always)
    public func nextUniform() -> Double {
        uniform()
    }

    /// A uniform integer in `0..<n`, without modulo bias (`gsl_rng_uniform_int`).
    ///
    /// - Precondition: `1 <= n <= 2^32`.
    public func uniformInt(below n: Int) -> Int {
        precondition(n >= 1 && n <= 1 << 32, "uniformInt(below:) needs 1 <= n <= 2^32, got \(n)")
        if n == 1 { return 0 }
        return Int(gsl_rng_uniform_int(pointer, CUnsignedLong(n)))
    }

    /// 64 random bits (two 32-bit outputs of the generator), for seeding sub-streams such as
    /// a lead's `CounterUniforms`.
    public func nextSeed() -> UInt64 {
        let high = UInt64(gsl_rng_get(pointer)) & 0xffff_ffff
        let low = UInt64(gsl_rng_get(pointer)) & 0xffff_ffff
        return high << 32 | low
    }

    // MARK: Distributions (GSL samplers)

    /// Exponential with the given mean (`gsl_ran_exponential`; one uniform).
    public func exponential(mean: Double) -> Double {
        precondition(mean > 0 && mean.isFinite, "exponential mean must be positive, got \(mean)")
        return gsl_ran_exponential(pointer, mean)
    }

    /// Gamma with shape k and scale θ (mean kθ), Marsaglia–Tsang (`gsl_ran_gamma`).
    public func gamma(shape: Double, scale: Double) -> Double {
        precondition(shape > 0 && scale > 0 && shape.isFinite && scale.isFinite,
                     "gamma needs shape > 0 and scale > 0, got \(shape), \(scale)")
        return gsl_ran_gamma(pointer, shape, scale)
    }

    /// Poisson count with the given mean (`gsl_ran_poisson`); mean 0 gives 0.
    public func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean.isFinite, "poisson mean must be >= 0, got \(mean)")
        if mean == 0 { return 0 }
        return Int(gsl_ran_poisson(pointer, mean))
    }

    /// Normal with the given mean and standard deviation (`gsl_ran_gaussian`); sd 0 gives the mean.
    public func normal(mean: Double, sd: Double) -> Double {
        precondition(sd >= 0 && sd.isFinite && mean.isFinite, "normal needs finite mean and sd >= 0")
        if sd == 0 { return mean }
        return mean + gsl_ran_gaussian(pointer, sd)
    }

    /// Lognormal given by its median e^μ and the σ of the underlying normal (`gsl_ran_lognormal`).
    public func lognormal(median: Double, sigma: Double) -> Double {
        precondition(median > 0 && sigma > 0 && median.isFinite && sigma.isFinite,
                     "lognormal needs median > 0 and sigma > 0, got \(median), \(sigma)")
        return gsl_ran_lognormal(pointer, log(median), sigma)
    }

    /// Beta(a, b) on [0, 1] (`gsl_ran_beta`).
    public func beta(a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0 && a.isFinite && b.isFinite, "beta needs a, b > 0, got \(a), \(b)")
        return gsl_ran_beta(pointer, a, b)
    }

    /// `true` with probability `p`, from exactly one uniform (`uniform() < p`).
    public func bernoulli(_ p: Double) -> Bool {
        precondition(p >= 0 && p <= 1, "bernoulli probability must be in [0, 1], got \(p)")
        return uniform() < p
    }
}
