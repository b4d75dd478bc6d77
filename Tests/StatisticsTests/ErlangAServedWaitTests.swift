import Foundation
import Statistics
import Testing

private func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b))
}

/// The wait distribution of Erlang A's served arrivals (`ErlangA+ServedWait.swift`).
@Suite("Erlang A served wait")
struct ErlangAServedWaitTests {
    /// With θ = 0 (and θ tiny) everyone is served and the tail is Erlang C's C·e^{−(cμ−λ)t},
    /// at small and large c and on long queues (ρ = 0.99, c = 500). θ = 10⁻¹⁴: at ρ = 0.99 the
    /// drift cμ − λ is so small that k·θ over thousands of queue positions moves the far tail
    /// by 2 parts in 10⁶ already at θ = 10⁻¹² (measured), a real effect, not an error.
    @Test("θ → 0 is Erlang C", arguments: [(1, 0.7), (10, 0.8), (50, 0.95), (500, 0.97), (20, 0.99)])
    func noPatienceIsErlangC(servers c: Int, load rho: Double) {
        let mu = 1.0 / 600, lambda = rho * Double(c) * mu
        let erlangC = ErlangC(arrivalRate: lambda, serviceRate: mu, servers: c)
        let exact = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: 0)
        let tiny = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: 1e-14)
        let scale = 1 / (Double(c) * mu - lambda)
        for t in [0, 0.1 * scale, scale, 3 * scale, 10 * scale] {
            let want = erlangC.probabilityWaitExceeds(t)
            #expect(close(exact.probabilityWaitExceedsGivenServed(t), want, 1e-9), "t=\(t)")
            #expect(close(tiny.probabilityWaitExceedsGivenServed(t), want, 1e-6), "t=\(t)")
        }
        // The quantile inverts C·e^{−(cμ−λ)t}.
        for q in [0.8, 0.9, 0.99] where erlangC.probabilityOfWait > 1 - q {
            let want = log(erlangC.probabilityOfWait / (1 - q)) * scale
            #expect(close(exact.servedWaitQuantile(q), want, 1e-9), "q=\(q)")
        }
    }

    /// Against a hand computation: πₙ from the product formula, P(served | i) and the
    /// hypoexponential tail with distinct rates r_k, P(X > t) = Σ_k e^{−r_k t} Π_{j≠k} r_j/(r_j − r_k).
    @Test("hand formula", arguments: [(0.5, 1.0, 1, 1.0), (1.5, 1.0, 3, 1.0)])
    func handFormula(lambda: Double, mu: Double, c: Int, theta: Double) {
        let model = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: theta)
        let positions = 14   // π beyond c + 14 is below 1e-13 here
        var weights = [1.0]
        for n in 1...(c + positions) {
            let death = n <= c ? Double(n) * mu : Double(c) * mu + Double(n - c) * theta
            weights.append(weights[n - 1] * lambda / death)
        }
        let total = weights.reduce(0, +)
        let cMu = Double(c) * mu
        func hypoTail(_ rates: [Double], _ t: Double) -> Double {
            rates.indices.reduce(0) { sum, k in
                var coefficient = 1.0
                for j in rates.indices where j != k { coefficient *= rates[j] / (rates[j] - rates[k]) }
                return sum + coefficient * exp(-rates[k] * t)
            }
        }
        var served = weights[0..<c].reduce(0, +) / total
        for i in 0..<positions { served += weights[c + i] / total * cMu / (cMu + Double(i + 1) * theta) }
        #expect(close(model.probabilityOfService, served, 1e-10))
        for t in [0.05, 0.3, 1, 2.5] {
            var above = 0.0
            for i in 0..<positions {
                let rates = (0...i).map { cMu + Double($0 + 1) * theta }
                above += weights[c + i] / total * cMu / (cMu + Double(i + 1) * theta) * hypoTail(rates, t)
            }
            #expect(close(model.probabilityServedAfterWaitExceeding(t), above, 1e-9), "t=\(t)")
            #expect(close(model.probabilityWaitExceedsGivenServed(t), above / served, 1e-9), "t=\(t)")
        }
    }

    /// ∫₀^∞ P(W > t, served) dt = E[W·1{served}] = mean wait of the served × P(served), the
    /// chain's own per-arrival mean (Simpson's rule far into the tail), overloaded queues included.
    @Test("the tail integrates to the mean", arguments: [(9.0, 1.0, 10, 0.5), (45.0, 1.0, 50, 0.1),
                                                         (1.2, 1.0, 1, 1.0), (120.0, 1.0, 100, 0.05)])
    func tailIntegratesToTheMean(lambda: Double, mu: Double, c: Int, theta: Double) {
        let model = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: theta)
        let end = 60 * max(model.servedWaitQuantile(0.999), model.meanWaitOfServed)
        let steps = 20_000
        let h = end / Double(steps)
        var integral = model.probabilityServedAfterWaitExceeding(0) + model.probabilityServedAfterWaitExceeding(end)
        for k in 1..<steps { integral += Double(k % 2 == 0 ? 2 : 4) * model.probabilityServedAfterWaitExceeding(Double(k) * h) }
        integral *= h / 3
        #expect(close(integral, model.meanWaitOfServed * model.probabilityOfService, 1e-6),
                "\(integral) vs \(model.meanWaitOfServed * model.probabilityOfService)")
    }

    /// The quantile sits where the tail crosses 1 − q; no wait at all when fewer wait; the
    /// tail falls with every added server (the staffing search relies on it).
    @Test func quantileAndMonotonicity() {
        let model = ErlangA(arrivalRate: 120, serviceRate: 1, servers: 100, abandonmentRate: 0.05)
        for q in [0.5, 0.9, 0.95, 0.99] {
            let t = model.servedWaitQuantile(q)
            #expect(t > 0 && close(model.probabilityWaitExceedsGivenServed(t), 1 - q, 1e-9), "q=\(q)")
        }
        let light = ErlangA(arrivalRate: 2, serviceRate: 1, servers: 10, abandonmentRate: 0.5)
        #expect(light.probabilityOfWait < 0.1 && light.servedWaitQuantile(0.9) == 0)
        #expect(model.probabilityServedAfterWaitExceeding(-1) == model.probabilityOfService)
        var previous = 1.0   // overloaded (c ≤ 100): nearly every served lead waits past 0.5
        for c in 80...140 {
            let tail = ErlangA(arrivalRate: 120, serviceRate: 1, servers: c, abandonmentRate: 0.05).probabilityWaitExceedsGivenServed(0.5)
            // Within rounding of 1 the tail may tie; below it every server helps.
            #expect(tail < previous || (previous > 1 - 1e-9 && tail <= previous + 1e-12), "c=\(c): \(tail) after \(previous)")
            previous = tail
        }
    }

    /// Against the direct M/M/1+M simulation: the share of served waits above the model's p50
    /// and p90, within 4.5 standard errors of the batch means.
    @Test func servedTailMatchesSimulation() {
        let lambda = 1.2, mu = 1.0, theta = 0.5
        let model = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: 1, abandonmentRate: theta)
        let run = SingleServerAbandonment.simulate(arrivalRate: lambda, serviceRate: mu, abandonmentRate: theta,
                                                   arrivals: 400_000, seed: 2026)
        for q in [0.5, 0.9] {
            let t = model.servedWaitQuantile(q)
            let share = SingleServerAbandonment.batchMeans(run.servedWaits, size: 10_000) { $0 > t ? 1 : 0 }
            #expect(abs(share.mean - (1 - q)) <= 4.5 * share.standardError, "q=\(q): \(share.mean) above \(t)")
        }
    }
}
