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

    init(_ family: DistributionFamily, _ natural: [Double], kaplanMeier: KaplanMeier,
         sortedObserved: [Double], censoredShare: Double) {
        var distance = 0.0
        var before = 0.0
        for step in kaplanMeier.steps {
            let fitted = family.cdf(step.time, natural)
            let after = 1 - step.survival
            distance = max(distance, abs(after - fitted), abs(before - fitted))
            before = after
        }
        kolmogorovSmirnov = distance
        andersonDarlingOfObserved = censoredShare <= GoodnessOfFit.lightCensoring && !sortedObserved.isEmpty
            ? GoodnessOfFit.andersonDarling(family, natural, sorted: sortedObserved)
            : nil
    }

    /// A² = −n − (1/n) Σ (2i − 1) [ln F(x₍ᵢ₎) + ln(1 − F(x₍ₙ₊₁₋ᵢ₎))], with both logarithms taken
    /// from tails computed directly (never ln(1 − F) from F).
    private static func andersonDarling(_ family: DistributionFamily, _ natural: [Double], sorted: [Double]) -> Double {
        let n = sorted.count
        let tails = sorted.map { family.tails($0, natural) }
        var sum = 0.0
        for i in 0..<n {
            sum += Double(2 * i + 1) * (log(tails[i].lower) + log(tails[n - 1 - i].upper))
        }
        return -Double(n) - sum / Double(n)
    }
}
