import Foundation
import RandomStreams

/// Analytic queueing formulas for validating the simulator and for capacity planning.
///
/// Rates are per unit of time (any unit, used consistently); the offered load is a = λ/μ.
public enum Queueing {
    /// Erlang B: the blocking probability of M/M/c/c with offered load `a`.
    ///
    /// Stable recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
    ///
    /// - Complexity: O(c).
    public static func erlangB(servers c: Int, offeredLoad a: Double) -> Double {
        precondition(c >= 0 && a >= 0, "Erlang B needs c >= 0 and a >= 0")
        var b = 1.0
        if c == 0 { return 1 }
        for k in 1...c {
            b = a * b / (Double(k) + a * b)
        }
        return b
    }

    /// Erlang C: the probability that an arrival waits in M/M/c with offered load `a`
    /// (1 when a ≥ c: the queue is unstable and everyone waits).
    public static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        precondition(c >= 1 && a >= 0, "Erlang C needs c >= 1 and a >= 0")
        if a >= Double(c) { return 1 }
        let b = erlangB(servers: c, offeredLoad: a)
        return Double(c) * b / (Double(c) - a * (1 - b))
    }

    /// The smallest c in `range` for which `meets` holds (nil when none does), for a
    /// criterion monotone in c ("how many reps keep P(wait > 1h) under 10%?").
    public static func minimumServers(in range: ClosedRange<Int>, meeting meets: (Int) -> Bool) -> Int? {
        var low = range.lowerBound
        var high = range.upperBound
        guard meets(high) else { return nil }
        while low < high {
            let mid = low + (high - low) / 2
            if meets(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// M/M/c (Erlang C): Poisson arrivals λ, exponential service μ, c servers, FIFO, no abandonment.
public struct ErlangC: Hashable, Sendable {
    public var arrivalRate: Double
    public var serviceRate: Double
    public var servers: Int

    public init(arrivalRate: Double, serviceRate: Double, servers: Int) {
        precondition(arrivalRate >= 0 && serviceRate > 0 && servers >= 1, "invalid M/M/c parameters")
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
    }

    /// a = λ/μ (in Erlangs).
    public var offeredLoad: Double { arrivalRate / serviceRate }
    /// ρ = λ/(cμ).
    public var utilization: Double { offeredLoad / Double(servers) }
    public var isStable: Bool { utilization < 1 }

    /// P(W > 0).
    public var probabilityOfWait: Double { Queueing.erlangC(servers: servers, offeredLoad: offeredLoad) }

    /// E[W] = C / (cμ − λ) (∞ when unstable).
    public var meanWait: Double {
        isStable ? probabilityOfWait / (Double(servers) * serviceRate - arrivalRate) : .infinity
    }

    /// E[Lq] = λ·E[W].
    public var meanQueueLength: Double { arrivalRate * meanWait }

    /// P(W > t) = C·e^(−(cμ − λ)t) for t ≥ 0.
    public func probabilityWaitExceeds(_ t: Double) -> Double {
        guard isStable else { return 1 }
        if t < 0 { return 1 }
        return probabilityOfWait * exp(-(Double(servers) * serviceRate - arrivalRate) * t)
    }

    /// The smallest number of servers with P(W > t) ≤ `target` (nil when above `limit`).
    public static func minimumServers(arrivalRate: Double, serviceRate: Double,
                                      waitAbove t: Double, atMost target: Double,
                                      limit: Int = 100_000) -> Int? {
        let first = Swift.max(1, Int((arrivalRate / serviceRate).rounded(.down)) + 1)
        guard first <= limit else { return nil }
        return Queueing.minimumServers(in: first...limit) { c in
            ErlangC(arrivalRate: arrivalRate, serviceRate: serviceRate, servers: c)
                .probabilityWaitExceeds(t) <= target
        }
    }
}

/// M/M/c/c (Erlang B): arrivals finding every server busy are lost (`max_wait: 0s`).
public struct ErlangB: Hashable, Sendable {
    public var arrivalRate: Double
    public var serviceRate: Double
    public var servers: Int

    public init(arrivalRate: Double, serviceRate: Double, servers: Int) {
        precondition(arrivalRate >= 0 && serviceRate > 0 && servers >= 0, "invalid M/M/c/c parameters")
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
    }

    public var offeredLoad: Double { arrivalRate / serviceRate }
    /// P(an arrival is lost).
    public var blockingProbability: Double { Queueing.erlangB(servers: servers, offeredLoad: offeredLoad) }
    /// Mean number of busy servers, a·(1 − B).
    public var meanBusyServers: Double { offeredLoad * (1 - blockingProbability) }
}

/// M/M/c+M (Erlang A, Palm): Erlang C plus exponential patience with rate θ (mean patience
/// 1/θ); a waiting customer whose patience runs out abandons.
///
/// Computed from the stationary distribution of the birth–death chain on the number in
/// system n (birth λ; death nμ for n ≤ c, cμ + (n − c)θ above), truncated once the terms
/// fall below e^−45 of the largest (the tail decays faster than geometrically). This is
/// exact up to that truncation, and robust where the closed form's incomplete gamma
/// functions lose precision. With arrivals seeing time averages (PASTA):
/// - P(W > 0) = Σ_{n≥c} πₙ; E[Lq] = Σ (n − c)⁺ πₙ; P(abandon) = θ·E[Lq]/λ; E[W] = E[Lq]/λ.
/// - An arrival with i customers ahead in the queue is served with probability
///   cμ/(cμ + (i + 1)θ) and, if served, waited Σ_{k=0…i} 1/(cμ + (k + 1)θ) on average (the
///   holding time of each stage is independent of how the stage ends), which gives the
///   mean wait of served customers.
/// θ = 0 reduces to Erlang C (then λ < cμ is required). The distribution of the wait of the
/// served arrivals (its tail and quantiles) is in `ErlangA+ServedWait.swift`.
public struct ErlangA: Hashable, Sendable {
    public let arrivalRate: Double
    public let serviceRate: Double
    public let servers: Int
    public let abandonmentRate: Double

    /// P(W > 0): the share of arrivals that wait.
    public let probabilityOfWait: Double
    /// P(abandon): the share of arrivals that run out of patience.
    public let probabilityOfAbandonment: Double
    /// Mean time in queue over all arrivals (served or not), E[Lq]/λ.
    public let meanWait: Double
    /// Mean time in queue of the served arrivals (0 wait included).
    public let meanWaitOfServed: Double
    /// Mean number waiting.
    public let meanQueueLength: Double
    /// P(served) from the per-arrival analysis (queue position on arrival); equals
    /// 1 − `probabilityOfAbandonment`, which comes from Little's law instead — tests check both.
    public let probabilityOfService: Double
    /// Number of states kept in the truncated chain.
    public let statesUsed: Int
    /// Ω_b = Σ_{i ≥ b} πᵢ₊c·sᵢ: the share of arrivals that find at least b customers ahead in
    /// the queue and are served (sᵢ = cμ/(cμ + (i + 1)θ)), for b = 0 … the longest queue kept.
    let servedFromPosition: [Double]

    /// - Precondition: λ ≥ 0, μ > 0, c ≥ 1, θ ≥ 0; with θ = 0 also λ < cμ.
    public init(arrivalRate: Double, serviceRate: Double, servers: Int, abandonmentRate: Double) {
        precondition(arrivalRate >= 0 && serviceRate > 0 && servers >= 1 && abandonmentRate >= 0,
                     "invalid M/M/c+M parameters")
        precondition(abandonmentRate > 0 || arrivalRate < Double(servers) * serviceRate,
                     "without abandonment the queue needs λ < cμ")
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
        self.abandonmentRate = abandonmentRate

        let lambda = arrivalRate
        let mu = serviceRate
        let theta = abandonmentRate
        let c = servers
        let cMu = Double(c) * mu
        // Log-weights of πₙ up to normalisation.
        var logWeights: [Double] = [0]
        var logMax = 0.0
        var n = 0
        let cutoff = 45.0
        let cap = 50_000_000
        while true {
            n += 1
            let death = n <= c ? Double(n) * mu : cMu + Double(n - c) * theta
            let next = logWeights[n - 1] + log(lambda) - log(death)
            logWeights.append(next)
            if next > logMax { logMax = next }
            if n > c && lambda < death && next < logMax - cutoff { break }
            if lambda == 0 { break }
            precondition(n < cap, "Erlang A chain did not converge within \(cap) states")
        }
        var total = 0.0
        var waitMass = 0.0
        var queueMass = 0.0
        var servedMass = 0.0          // P(served) over all arrivals
        var servedWaitMass = 0.0      // E[W·1{served}]
        var stageSum = 0.0            // Σ_{k=0…i} 1/(cμ + (k+1)θ)
        var servedAt: [Double] = []   // πᵢ₊c·sᵢ before normalisation, i = 0, 1, …
        servedAt.reserveCapacity(max(0, logWeights.count - c))
        for (state, logWeight) in logWeights.enumerated() {
            let p = exp(logWeight - logMax)
            total += p
            if state < c {
                servedMass += p
                continue
            }
            let ahead = state - c
            stageSum += 1 / (cMu + Double(ahead + 1) * theta)
            let served = cMu / (cMu + Double(ahead + 1) * theta)
            waitMass += p
            queueMass += Double(ahead) * p
            servedMass += p * served
            servedWaitMass += p * served * stageSum
            servedAt.append(p * served)
        }
        var tail = 0.0
        var fromPosition = [Double](repeating: 0, count: servedAt.count)
        for i in servedAt.indices.reversed() {
            tail += servedAt[i]
            fromPosition[i] = tail / total
        }
        servedFromPosition = fromPosition
        probabilityOfWait = waitMass / total
        meanQueueLength = queueMass / total
        meanWait = lambda > 0 ? meanQueueLength / lambda : 0
        probabilityOfAbandonment = lambda > 0 ? theta * meanQueueLength / lambda : 0
        probabilityOfService = servedMass / total
        meanWaitOfServed = servedMass > 0 ? servedWaitMass / servedMass : 0
        statesUsed = logWeights.count
    }

    /// The offered load a = λ/μ.
    public var offeredLoad: Double { arrivalRate / serviceRate }

    /// P(W > 0) from the Mandelbaum–Zeltyn closed form (an independent cross-check):
    /// A·B / (1 + (A − 1)·B) with B = Erlang B(c, λ/μ) and
    /// A(x, y) = x·e^y·y^(−x)·γ(x, y), x = cμ/θ, y = λ/θ, γ the lower incomplete gamma.
    public var closedFormProbabilityOfWait: Double {
        let b = Queueing.erlangB(servers: servers, offeredLoad: offeredLoad)
        let a = closedFormA
        return a * b / (1 + (a - 1) * b)
    }

    /// P(abandon) from the closed form: P(W > 0)·(1/(ρA) + 1 − 1/ρ), ρ = λ/(cμ).
    public var closedFormProbabilityOfAbandonment: Double {
        let rho = arrivalRate / (Double(servers) * serviceRate)
        return closedFormProbabilityOfWait * (1 / (rho * closedFormA) + 1 - 1 / rho)
    }

    private var closedFormA: Double {
        let x = Double(servers) * serviceRate / abandonmentRate
        let y = arrivalRate / abandonmentRate
        let logA = log(x) + y - x * log(y) + GammaFunctions.lnGamma(x)
            + log(GammaFunctions.regularizedLower(a: x, x: y))
        return exp(logA)
    }
}
