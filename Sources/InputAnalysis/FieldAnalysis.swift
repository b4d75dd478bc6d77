import Foundation

/// A share of a total with its Wilson score 95% interval (good near 0 and 1, unlike the
/// Wald interval).
public struct Share: Sendable, Hashable {
    public let count: Int
    public let total: Int
    public let share: Double
    /// Lower and upper bound (two values); [0, 1] for an empty total.
    public let ci95: [Double]

    public init(count: Int, total: Int) {
        precondition(count >= 0 && count <= total, "a share needs 0 ≤ count ≤ total, got \(count) of \(total)")
        self.count = count
        self.total = total
        guard total > 0 else {
            share = .nan
            ci95 = [0, 1]
            return
        }
        let n = Double(total), p = Double(count) / n, z = MaximumLikelihood.z95
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        share = p
        ci95 = [max(0, centre - half), min(1, centre + half)]
    }
}

/// A categorical lead field: the weights of its values (SPEC §2 `fields`).
public struct CategoricalFieldAnalysis: Sendable {
    /// Each value with its share of the non-blank rows, most frequent first (ties by value).
    public let values: [(value: String, share: Share)]
    /// The share of rows with the field blank (the source's `missing`).
    public let missing: Share

    /// - Parameters:
    ///   - counts: rows per value (blanks excluded).
    ///   - blanks: rows with the field blank.
    public init(counts: [String: Int], blanks: Int) {
        let filled = counts.values.reduce(0, +)
        values = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { (value: $0.key, share: Share(count: $0.value, total: filled)) }
        missing = Share(count: blanks, total: filled + blanks)
    }
}

/// A numeric lead field: the families fitted to its values without censoring, ranked by AIC.
public struct NumericFieldAnalysis: Sendable {
    /// Normal, and the positive families (lognormal, gamma, weibull, exponential) when every
    /// value is > 0; the field's values are not shifted (zeros rule the positive families out).
    public let ranking: FamilyRanking
    /// Every value is a whole number: the scenario writes `integer: true`.
    public let integer: Bool
    /// The share of rows with the field blank.
    public let missing: Share

    /// The families a numeric field is fitted to.
    public static let families: [DistributionFamily] = [.normal, .lognormal, .gamma, .weibull, .exponential]

    /// - Precondition: every value is finite.
    public init(values: [Double], blanks: Int) {
        precondition(values.allSatisfy(\.isFinite), "numeric field values must be finite")
        ranking = LifetimeFit.rank(DurationSample(exactly: values), families: NumericFieldAnalysis.families)
        integer = !values.isEmpty && values.allSatisfy { $0 == $0.rounded() }
        missing = Share(count: blanks, total: values.count + blanks)
    }
}
