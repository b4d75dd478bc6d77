import Foundation

/// How long and how often to simulate one queueing case so that its confidence interval is
/// decisive (a few percent wide) without wasting time.
///
/// The queue forgets its past on the scale of the relaxation time τ ≈ 1/(cμ(1 − √ρ)²)
/// (Whitt's heavy-traffic approximation; in leads, λτ = ρ/(1 − √ρ)² whatever c is: 5.8 leads
/// at ρ = 0.5, 4,255 at ρ = 0.97). A replication that lasts K relaxation times holds about
/// K independent looks at the queue, so the relative width of the interval depends on K and
/// the number of replications, not on ρ; the warm-up lasts several τ, and at least several
/// service times, since an empty pool of c reps fills at rate μ per rep.
public struct RunSize: Sendable, Hashable {
    public var replications: Int
    /// Counted window, seconds.
    public var horizon: Double
    /// Excluded start, seconds.
    public var warmup: Double

    public init(replications: Int, horizon: Double, warmup: Double) {
        self.replications = replications
        self.horizon = horizon
        self.warmup = warmup
    }

    /// Expected counted leads over all replications at arrival rate λ.
    public func leads(arrivalRate lambda: Double) -> Double { lambda * horizon * Double(replications) }

    /// Relaxation time 1/(cμ(1 − √ρ)²) of M/M/c.
    public static func relaxationTime(servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double) -> Double {
        let rho = lambda / (Double(c) * mu)
        let gap = 1 - rho.squareRoot()
        return 1 / (Double(c) * mu * gap * gap)
    }
}

/// How much simulation a suite may spend: the full suite for `docs/VALIDATION.md`, the quick
/// one for CI.
public struct SizeProfile: Sendable, Hashable {
    public var replications: Int
    /// Counted window in relaxation times.
    public var relaxations: Double
    /// Warm-up in relaxation times (and at least `warmupServices` mean service times).
    public var warmupRelaxations: Double
    public var warmupServices: Double
    /// Bounds on counted leads per replication.
    public var minimumLeads: Double
    public var maximumLeads: Double

    public static let full = SizeProfile(replications: 20, relaxations: 400, warmupRelaxations: 30, warmupServices: 10,
                                         minimumLeads: 40_000, maximumLeads: 400_000)
    public static let quick = SizeProfile(replications: 20, relaxations: 40, warmupRelaxations: 20, warmupServices: 8,
                                          minimumLeads: 10_000, maximumLeads: 60_000)

    /// The size of an M/M/c case (also used for Erlang A with the same c, λ, μ).
    public func size(servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double) -> RunSize {
        let rho = min(lambda / (Double(c) * mu), 0.995)
        let tau = RunSize.relaxationTime(servers: c, arrivalRate: rho * Double(c) * mu, serviceRate: mu)
        let horizon = min(max(relaxations * tau, minimumLeads / lambda), maximumLeads / lambda)
        let warmup = max(warmupRelaxations * tau, warmupServices / mu)
        return RunSize(replications: replications, horizon: horizon, warmup: warmup)
    }
}
