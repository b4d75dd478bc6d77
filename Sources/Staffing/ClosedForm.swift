import Foundation
import SimulationModel
import Statistics

/// The closed forms `staff` and `requirement` put beside the simulation: for one target, the
/// fewest servers of M/M/c (Erlang C) or M/M/c+M (Erlang A, when leads have patience) meeting it.
///
/// TTFT is the wait for a slot plus the touch delay, so TTFT limits become wait limits by
/// subtracting the mean touch delay. With patience, TTFT quantiles are those of the touched
/// leads (Erlang A's served arrivals) and an SLA is met only by leads touched in time (a lead
/// gone cold misses it). Targets on the business clock, on load spread, on
/// ownership or on anything the formulas do not model have no closed form and say so.
public struct ClosedForm: Sendable {
    /// λ per second.
    public var arrivalRate: Double
    /// μ per second (1 / slot holding time).
    public var serviceRate: Double
    /// θ per second (0: no abandonment, Erlang C).
    public var abandonmentRate: Double
    /// The most servers tried.
    public var limit = 100_000

    public init(arrivalRate: Double, serviceRate: Double, abandonmentRate: Double = 0) {
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.abandonmentRate = abandonmentRate
    }

    /// The fewest servers with P(W > t) ≤ share under Erlang C (0 when no lead arrives).
    public func erlangCServers(waitAbove t: Double, atMost share: Double) -> Int? {
        guard arrivalRate > 0 else { return 0 }
        return ErlangC.minimumServers(arrivalRate: arrivalRate, serviceRate: serviceRate, waitAbove: t, atMost: share, limit: limit)
    }

    /// The fewest servers in 1…limit meeting `meets` (monotone in c).
    func servers(_ meets: (Int) -> Bool) -> Int? {
        let first = abandonmentRate > 0 ? 1 : max(1, Int((arrivalRate / serviceRate).rounded(.down)) + 1)
        guard first <= limit else { return nil }
        return Queueing.minimumServers(in: first...limit, meeting: meets)
    }

    func erlangA(_ c: Int) -> ErlangA {
        ErlangA(arrivalRate: arrivalRate, serviceRate: serviceRate, servers: c, abandonmentRate: abandonmentRate)
    }

    func erlangC(_ c: Int) -> ErlangC { ErlangC(arrivalRate: arrivalRate, serviceRate: serviceRate, servers: c) }

    static func share(_ x: Double) -> String { String(format: "%.2f", x) }

    /// Seconds in the file syntax, whole seconds: `3h45m`, `90s` → `1m30s`, `0s`.
    static func duration(_ seconds: Double) -> String {
        var rest = Int(seconds.rounded())
        guard rest > 0 else { return "0s" }
        var text = ""
        for (unit, length) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= length {
            text += "\(rest / length)\(unit)"
            rest %= length
        }
        return text
    }

    /// The closed-form check of one target (its `reps` left nil: the caller converts slots to reps).
    public func check(_ target: StaffingTarget, sla: SLA?, touchDelay: Double) -> ErlangTargetCheck {
        var check = ErlangTargetCheck(target: target.text, model: nil, basis: "", slots: nil, reps: nil)
        func none(_ why: String) -> ErlangTargetCheck {
            check.basis = "no closed form: " + why
            return check
        }
        let patient = abandonmentRate > 0
        let metric = target.metric
        // A TTFT limit as a wait limit.
        func waitLimit(_ t: Double) -> Double? { t - touchDelay >= 0 ? t - touchDelay : nil }
        let delayNote = touchDelay > 0 ? " (TTFT limit less the mean touch delay \(Self.duration(touchDelay)))" : ""
        if metric.hasPrefix("ttft_business") {
            return none("\(metric) runs on the business clock, which the formulas do not model")
        }
        if let q = Self.quantile(metric), target.comparison == .atMost {
            guard let w = waitLimit(target.value) else {
                return none("the mean touch delay (\(Self.duration(touchDelay))) alone exceeds \(target.text)")
            }
            guard patient else {
                check.model = .erlangC
                check.basis = "P(wait > \(Self.duration(w))) ≤ \(Self.share(1 - q))\(delayNote)"
                check.slots = erlangCServers(waitAbove: w, atMost: 1 - q)
                return check
            }
            check.model = .erlangA
            check.basis = "P(wait > \(Self.duration(w)) | touched) ≤ \(Self.share(1 - q))\(delayNote); "
                + "the wait of the leads touched before their patience (mean \(Self.duration(1 / abandonmentRate))) ran out"
            check.slots = arrivalRate == 0 ? 0 : servers { erlangA($0).probabilityWaitExceedsGivenServed(w) <= 1 - q }
            return check
        }
        if metric == "ttft_mean_s" && target.comparison == .atMost {
            guard let w = waitLimit(target.value) else {
                return none("the mean touch delay (\(Self.duration(touchDelay))) alone exceeds \(target.text)")
            }
            check.model = patient ? .erlangA : .erlangC
            check.basis = "mean wait of served leads ≤ \(Self.duration(w))\(delayNote)"
            check.slots = arrivalRate == 0 ? 0 : servers { c in patient ? erlangA(c).meanWaitOfServed <= w : erlangC(c).meanWait <= w }
            return check
        }
        if metric == "sla_met_rate" && target.comparison == .atLeast {
            guard let sla else { return none("the rule set has no SLA") }
            guard sla.clock == .wall else { return none("the SLA runs on the business clock, which the formulas do not model") }
            guard let w = waitLimit(sla.firstTouch) else {
                return none("the mean touch delay (\(Self.duration(touchDelay))) alone exceeds first_touch")
            }
            guard patient else {
                check.model = .erlangC
                check.basis = "P(wait > \(Self.duration(w))) ≤ \(Self.share(1 - target.value)) (first_touch \(Self.duration(sla.firstTouch))\(delayNote))"
                check.slots = erlangCServers(waitAbove: w, atMost: 1 - target.value)
                return check
            }
            // Met = touched within the limit; a lead gone cold never meets it.
            check.model = .erlangA
            check.basis = "P(touched within \(Self.duration(w))) ≥ \(Self.share(target.value)) (first_touch \(Self.duration(sla.firstTouch))\(delayNote)); "
                + "leads gone cold (mean patience \(Self.duration(1 / abandonmentRate))) miss it"
            check.slots = arrivalRate == 0 ? 0 : servers { c in
                let model = erlangA(c)
                return model.probabilityOfService - model.probabilityServedAfterWaitExceeding(w) >= target.value
            }
            return check
        }
        if (metric == "touched_rate" && target.comparison == .atLeast) || (metric == "cold_rate" && target.comparison == .atMost) {
            guard patient else { return none("without patience every lead is touched in the long run: \(metric) does not depend on headcount in the formulas") }
            let lost = metric == "cold_rate" ? target.value : 1 - target.value
            check.model = .erlangA
            check.basis = "P(abandon) ≤ \(Self.share(lost)) with mean patience \(Self.duration(1 / abandonmentRate))"
            check.slots = arrivalRate == 0 ? 0 : servers { erlangA($0).probabilityOfAbandonment <= lost }
            return check
        }
        if metric == "utilization" && target.comparison == .atMost {
            guard target.value > 0 else { return none("utilization ≤ 0 needs no lead at all") }
            check.model = .erlangC
            check.basis = "offered load ÷ slots ≤ \(Self.share(target.value))"
            let a = arrivalRate / serviceRate
            check.slots = Int((a / target.value - 1e-9).rounded(.up))
            if check.slots! > limit { check.slots = nil }
            return check
        }
        return none("\(target.text) is not a wait, service level, abandonment or utilization bound")
    }

    /// 0.9 for `ttft_p90_s`, nil for other metrics.
    static func quantile(_ metric: String) -> Double? {
        guard metric.hasPrefix("ttft_p"), metric.hasSuffix("_s") else { return nil }
        let digits = metric.dropFirst("ttft_p".count).dropLast(2)
        guard let n = Double(digits), !digits.isEmpty else { return nil }
        return n / 100
    }
}
