import Foundation

/// How far a fitted distribution is from the data (Law, *Simulation Modeling and Analysis*,
/// §6.6). Statistics only, no p-values: with estimated parameters the classical tables do not
/// apply, and on thousands of values every test rejects; they rank families and flag misfits.
public struct GoodnessOfFit: Sendable, Hashable {
    /// Kolmogorov–Smirnov distance sup |F̂(t) − F(t)| between the Kaplan–Meier estimate
    /// F̂ = 1 − Ŝ and the fitted CDF, over the observed range (up to the last observed value).
    /// Without censoring Ŝ is the empirical distribution, so this is the ordinary KS statistic.
    public let kolmogorovSmirnov: Double
    /// The Anderson–Darling statistic A² of the observed (uncensored) values against the
    /// fitted distribution; computed only when at most `lightCensoring` of the sample is
    /// censored (the uncensored values are then nearly the whole sample), nil otherwise.
    public let andersonDarlingOfObserved: Double?

    /// The largest censored share at which A² is computed on the observed values.
    public static let lightCensoring = 0.05

    /// - Parameter median: the fitted median (it decides which tail is computed at each value).
    init(_ family: DistributionFamily, _ natural: [Double], median: Double, kaplanMeier: KaplanMeier,
         censoredShare: Double) {
        // The Kaplan–Meier steps are the distinct observed values: one distribution function
        // call each serves both statistics.
        let tails = kaplanMeier.steps.map { family.logTails($0.time, natural, median: median) }
        var distance = 0.0
        var before = 0.0
        for (step, tail) in zip(kaplanMeier.steps, tails) {
            let after = 1 - step.survival
            distance = max(distance, abs(after - tail.lower), abs(before - tail.lower))
            before = after
        }
        kolmogorovSmirnov = distance
        andersonDarlingOfObserved = censoredShare <= GoodnessOfFit.lightCensoring && !tails.isEmpty
            ? GoodnessOfFit.andersonDarling(zip(kaplanMeier.steps, tails).flatMap { step, tail in
                repeatElement((tail.logLower, tail.logUpper), count: step.events)
            })
            : nil
    }

    /// A² = −n − (1/n) Σ (2i − 1) [ln F(x₍ᵢ₎) + ln(1 − F(x₍ₙ₊₁₋ᵢ₎))] from the sorted values'
    /// log tails.
    private static func andersonDarling(_ logTails: [(logLower: Double, logUpper: Double)]) -> Double {
        let n = logTails.count
        var sum = 0.0
        for i in 0..<n {
            sum += Double(2 * i + 1) * (logTails[i].logLower + logTails[n - 1 - i].logUpper)
        }
        return -Double(n) - sum / Double(n)
    }
}
