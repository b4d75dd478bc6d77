import Foundation
import Statistics
import Testing

private func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b))
}

@Suite("Queueing formulas")
struct QueueingTests {
    @Test func erlangBAndCTextbookValues() {
        // Textbook: a = 8 Erlangs, c = 10 → B ≈ 0.1217, C ≈ 0.4092.
        #expect(close(Queueing.erlangB(servers: 10, offeredLoad: 8), 0.1216610642529515, 1e-12))
        #expect(close(Queueing.erlangC(servers: 10, offeredLoad: 8), 0.4091801507964435, 1e-12))
        #expect(close(Queueing.erlangB(servers: 5, offeredLoad: 3), 0.11005434782608696, 1e-12))
        // M/M/1: C = ρ; M/M/2 with a = 1: C = 1/3.
        #expect(close(Queueing.erlangC(servers: 1, offeredLoad: 0.7), 0.7, 1e-12))
        #expect(close(Queueing.erlangC(servers: 2, offeredLoad: 1), 1.0 / 3, 1e-12))
        #expect(Queueing.erlangC(servers: 3, offeredLoad: 3) == 1)
        // Large c stays finite and sensible.
        let big = Queueing.erlangC(servers: 500, offeredLoad: 485)
        #expect(big > 0 && big < 1)
    }

    @Test func erlangCWaits() {
        let mm1 = ErlangC(arrivalRate: 0.7, serviceRate: 1, servers: 1)
        #expect(close(mm1.meanWait, 0.7 / 0.3, 1e-12))            // ρ/(μ − λ)
        #expect(close(mm1.probabilityWaitExceeds(2), 0.7 * exp(-0.6), 1e-12))
        let pool = ErlangC(arrivalRate: 8, serviceRate: 1, servers: 10)
        #expect(close(pool.meanWait, 0.4091801507964435 / 2, 1e-12))
        #expect(close(pool.meanQueueLength, 8 * 0.4091801507964435 / 2, 1e-12))
        #expect(pool.probabilityWaitExceeds(0) == pool.probabilityOfWait)
    }

    @Test func minimumServers() {
        let c = ErlangC.minimumServers(arrivalRate: 45, serviceRate: 1, waitAbove: 1.0 / 60, atMost: 0.2)
        #expect(c != nil)
        let found = c!
        #expect(ErlangC(arrivalRate: 45, serviceRate: 1, servers: found).probabilityWaitExceeds(1.0 / 60) <= 0.2)
        #expect(ErlangC(arrivalRate: 45, serviceRate: 1, servers: found - 1).probabilityWaitExceeds(1.0 / 60) > 0.2)
        #expect(ErlangC.minimumServers(arrivalRate: 45, serviceRate: 1, waitAbove: 1, atMost: 0.1, limit: 40) == nil)
        #expect(Queueing.minimumServers(in: 1...100) { $0 * $0 >= 50 } == 8)
    }

    static let erlangACases: [(Double, Double, Int, Double)] = [
        (9, 1, 10, 0.5), (45, 1, 50, 0.1), (1.2, 1, 1, 1), (120, 1, 100, 0.05), (3, 1, 5, 2),
    ]

    @Test("Erlang A: chain agrees with the closed form and with itself", arguments: erlangACases)
    func erlangA(lambda: Double, mu: Double, c: Int, theta: Double) {
        let model = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: theta)
        #expect(close(model.probabilityOfWait, model.closedFormProbabilityOfWait, 1e-8))
        #expect(close(model.probabilityOfAbandonment, model.closedFormProbabilityOfAbandonment, 1e-8))
        // Per-arrival analysis (queue position) vs Little's law.
        #expect(close(model.probabilityOfService + model.probabilityOfAbandonment, 1, 1e-10))
        // P(abandon) = θ·E[W] for exponential patience.
        #expect(close(model.probabilityOfAbandonment, theta * model.meanWait, 1e-12))
        #expect(model.meanWaitOfServed > 0)
    }

    @Test func erlangAWithoutAbandonmentIsErlangC() {
        let c = ErlangC(arrivalRate: 8, serviceRate: 1, servers: 10)
        let a = ErlangA(arrivalRate: 8, serviceRate: 1, servers: 10, abandonmentRate: 0)
        #expect(close(a.probabilityOfWait, c.probabilityOfWait, 1e-10))
        #expect(close(a.meanWait, c.meanWait, 1e-10))
        #expect(close(a.meanWaitOfServed, c.meanWait, 1e-10))
        #expect(a.probabilityOfAbandonment == 0)
        let tiny = ErlangA(arrivalRate: 8, serviceRate: 1, servers: 10, abandonmentRate: 1e-9)
        #expect(close(tiny.meanWaitOfServed, c.meanWait, 1e-6))
    }

    /// Mean wait of served customers against a direct event simulation of M/M/1+M (FIFO),
    /// seeded; the tolerance is 4.5 standard errors of the batch means.
    @Test func erlangAServedWaitMatchesSimulation() {
        let lambda = 1.2, mu = 1.0, theta = 0.5
        let model = ErlangA(arrivalRate: lambda, serviceRate: mu, servers: 1, abandonmentRate: theta)
        let run = SingleServerAbandonment.simulate(arrivalRate: lambda, serviceRate: mu, abandonmentRate: theta,
                                                   arrivals: 400_000, seed: 12345)
        let batches = SingleServerAbandonment.batchMeans(run.servedWaits, size: 10_000) { $0 }
        #expect(abs(batches.mean - model.meanWaitOfServed) <= 4.5 * batches.standardError,
                "simulated \(batches.mean) vs \(model.meanWaitOfServed)")
        let abandon = 1 - Double(run.servedWaits.count) / Double(run.arrived)
        #expect(abs(abandon - model.probabilityOfAbandonment) < 0.01)
    }
}
