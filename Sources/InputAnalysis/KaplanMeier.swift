import Foundation

/// The Kaplan–Meier (product-limit) estimate of the survival function P(T > t) from
/// right-censored durations, with Greenwood's variance and pointwise 95% bands on the
/// log(−log) scale (Kalbfleisch and Prentice; Lawless §3.2), which stay inside [0, 1].
///
/// A value censored at the same time as an event is still at risk at that event (the usual
/// convention: censoring just after the events).
public struct KaplanMeier: Sendable {
    /// The estimate just after one distinct event time.
    public struct Step: Sendable, Hashable {
        public let time: Double
        /// Values still at risk just before `time` (not yet ended or censored).
        public let atRisk: Int
        public let events: Int
        /// Ŝ(time) = Π (1 − dᵢ/nᵢ) over event times ≤ time.
        public let survival: Double
        /// Greenwood: Ŝ · √(Σ dᵢ / (nᵢ(nᵢ − dᵢ))). 0 once Ŝ reaches 0.
        public let standardError: Double
        /// The 95% band, Ŝ^exp(±1.96 √v) with v = Σ dᵢ/(nᵢ(nᵢ − dᵢ)) / (ln Ŝ)²; [0, 0] once Ŝ is 0.
        public let lower: Double
        public let upper: Double
    }

    /// One step per distinct event time, in time order.
    public let steps: [Step]
    /// The number of values (observed and censored).
    public let count: Int

    public init(_ sample: DurationSample) {
        self.init(sortedObserved: sample.observed.sorted(), sortedCensored: sample.censored.sorted())
    }

    private init(sortedObserved observed: [Double], sortedCensored censored: [Double]) {
        count = observed.count + censored.count
        var steps: [Step] = []
        var atRisk = count
        var survival = 1.0
        var greenwood = 0.0
        var i = 0, j = 0
        while i < observed.count {
            let time = observed[i]
            while j < censored.count && censored[j] < time {
                j += 1
                atRisk -= 1
            }
            var events = 0
            while i < observed.count && observed[i] == time {
                events += 1
                i += 1
            }
            let n = Double(atRisk), d = Double(events)
            survival *= 1 - d / n
            let lower: Double, upper: Double, standardError: Double
            if events < atRisk {
                greenwood += d / (n * (n - d))
                standardError = survival * greenwood.squareRoot()
                let logS = log(survival)
                let spread = MaximumLikelihood.z95 * greenwood.squareRoot() / abs(logS)
                lower = pow(survival, exp(spread))
                upper = pow(survival, exp(-spread))
            } else {
                survival = 0
                (standardError, lower, upper) = (0, 0, 0)
            }
            steps.append(Step(time: time, atRisk: atRisk, events: events, survival: survival,
                              standardError: standardError, lower: lower, upper: upper))
            atRisk -= events
        }
        self.steps = steps
    }

    /// Ŝ(t) with its band: the last step at or before t, or 1 before the first event.
    public func estimate(at t: Double) -> (survival: Double, lower: Double, upper: Double) {
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid].time <= t { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return (1, 1, 1) }
        let step = steps[low - 1]
        return (step.survival, step.lower, step.upper)
    }
}
