import Foundation
import SimulationModel
import Staffing
import Statistics
import Testing

/// `staff`'s closed forms when leads have patience: TTFT quantiles and a wall-clock SLA come
/// from Erlang A's wait of the touched leads, not from Erlang C ignoring patience.
@Suite struct ClosedFormPatienceTests {
    static let lambda = 40.0 / 3600, mu = 6.0 / 3600, theta = 1.0 / 1800
    static let form = ClosedForm(arrivalRate: lambda, serviceRate: mu, abandonmentRate: theta)

    static func model(_ c: Int) -> ErlangA {
        ErlangA(arrivalRate: lambda, serviceRate: mu, servers: c, abandonmentRate: theta)
    }

    static func target(_ text: String) throws -> StaffingTarget {
        try StaffingTarget(parsing: text, knownMetrics: ["ttft_p90_s", "sla_met_rate"])
    }

    /// The p90 target's headcount is the fewest servers whose touched leads' p90 wait is within
    /// the limit less the touch delay; Erlang C, which ignores patience, asks for at least as many.
    @Test func ttftQuantileIsErlangA() throws {
        let check = Self.form.check(try Self.target("ttft_p90<=10m"), sla: nil, touchDelay: 120)
        #expect(check.model == .erlangA)
        #expect(check.basis.hasPrefix("P(wait > 8m | touched) ≤ 0.10") && check.basis.contains("mean 30m"), "\(check.basis)")
        let c = try #require(check.slots)
        #expect(Self.model(c).servedWaitQuantile(0.9) <= 480 && Self.model(c - 1).servedWaitQuantile(0.9) > 480)
        let ignoringPatience = try #require(Self.form.erlangCServers(waitAbove: 480, atMost: 0.1))
        #expect(ignoringPatience >= c)
    }

    /// The SLA share counts leads gone cold as missed: P(served) − P(served after waiting longer).
    @Test func wallClockSLAIsErlangA() throws {
        let sla = SLA(firstTouch: 15 * 60)
        let check = Self.form.check(try Self.target("sla_met_rate>=85%"), sla: sla, touchDelay: 0)
        #expect(check.model == .erlangA && check.basis.hasPrefix("P(touched within 15m) ≥ 0.85"), "\(check.basis)")
        let c = try #require(check.slots)
        func met(_ n: Int) -> Double { Self.model(n).probabilityOfService - Self.model(n).probabilityServedAfterWaitExceeding(900) }
        #expect(met(c) >= 0.85 && met(c - 1) < 0.85)
        // Without patience the same target is Erlang C's.
        let plain = ClosedForm(arrivalRate: Self.lambda, serviceRate: Self.mu).check(try Self.target("sla_met_rate>=85%"), sla: sla, touchDelay: 0)
        #expect(plain.model == .erlangC && plain.slots == ClosedForm(arrivalRate: Self.lambda, serviceRate: Self.mu)
            .erlangCServers(waitAbove: 900, atMost: 0.15))
    }
}
