import Foundation

/// The wait of the served arrivals of M/M/c+M: its tail, with and without conditioning on
/// service, and its quantiles.
///
/// A tagged arrival finding i customers ahead in the queue (weight πᵢ₊c, PASTA) leaves
/// position k at rate r_k = cμ + (k + 1)θ: a service or an abandonment ahead moves it to k − 1
/// (to service from 0), its own abandonment ends it. The holding time in each position is
/// Exp(r_k) whatever ends it, so given service the wait is hypoexponential with rates
/// r_i, …, r_0, and P(served | i) = cμ/(cμ + (i + 1)θ) = sᵢ.
///
/// Those rates are θ(α + 1), …, θ(α + i + 1) with α = cμ/θ, and such a sum X has
/// e^{−θX} ~ Beta(α + 1, i + 1) (their Mellin transforms agree), so
/// P(X > t) = I_x(α + 1, i + 1) with x = e^{−θt}, the regularized incomplete beta function.
/// Its recurrence in the second argument, I_x(a, b + 1) = I_x(a, b) + T_b with
/// T_0 = x^a and T_{b+1} = T_b·(1 − x)(a + b)/(b + 1), is a sum of positive terms, and
/// exchanging the sums gives
///
///     P(W > t, served) = Σ_b T_b · Ω_b,   Ω_b = Σ_{i ≥ b} πᵢ₊c·sᵢ,
///
/// one pass over the queue positions kept by the chain, in logarithms (T_0 = e^{−(cμ+θ)t}
/// underflows long before the sum does). With (1 − x)(a + b) = g·(cμ + (b + 1)θ),
/// g = (1 − e^{−θt})/θ (g = t at θ = 0), θ = 0 gives Poisson terms: Erlang C's
/// C·e^{−(cμ−λ)t}, summed rather than in closed form.
extension ErlangA {
    /// P(W > t and served): the share of ALL arrivals that are served after waiting longer
    /// than `t` (1 − this − P(abandon) is the share served within `t`).
    ///
    /// - Complexity: O(queue positions kept by the chain).
    public func probabilityServedAfterWaitExceeding(_ t: Double) -> Double {
        guard t > 0 else { return t < 0 ? probabilityOfService : servedFromPosition.first ?? 0 }
        let cMu = Double(servers) * serviceRate
        let theta = abandonmentRate
        let g = theta > 0 ? -expm1(-theta * t) / theta : t
        let logG = log(g)
        var logTerm = -(cMu + theta) * t        // log T_0
        var sum = 0.0
        for (b, omega) in servedFromPosition.enumerated() {
            if b > 0 { logTerm += logG + log(cMu + Double(b) * theta) - log(Double(b)) }
            guard omega > 0 else { break }       // Ω is non-increasing: every later term is 0
            sum += exp(logTerm + log(omega))
        }
        return min(sum, probabilityOfService)
    }

    /// P(W > t | served): the tail of the wait of the arrivals that are served (the TTFT of
    /// touched leads when touching is immediate). Served arrivals that did not wait count as 0.
    public func probabilityWaitExceedsGivenServed(_ t: Double) -> Double {
        probabilityOfService > 0 ? probabilityServedAfterWaitExceeding(t) / probabilityOfService : 0
    }

    /// The q-quantile of the wait of served arrivals: the smallest t ≥ 0 with
    /// P(W > t | served) ≤ 1 − q (0 when at most that share waits at all).
    ///
    /// Bisection on the tail, which is continuous and decreasing for t > 0, to a relative
    /// width of 10⁻¹².
    /// - Precondition: 0 < q < 1.
    public func servedWaitQuantile(_ q: Double) -> Double {
        precondition(q > 0 && q < 1, "a quantile needs 0 < q < 1")
        let share = 1 - q
        func above(_ t: Double) -> Bool { probabilityWaitExceedsGivenServed(t) > share }
        guard above(0) else { return 0 }
        let cMu = Double(servers) * serviceRate
        var low = 0.0
        var high = max(meanWaitOfServed, 1 / (cMu + abandonmentRate))
        var doublings = 0
        while above(high) {
            low = high
            high *= 2
            doublings += 1
            precondition(doublings < 2000, "the served wait's tail does not fall to \(share)")
        }
        while high - low > 1e-12 * high {
            let mid = low + (high - low) / 2
            if above(mid) { low = mid } else { high = mid }
        }
        return high
    }
}
