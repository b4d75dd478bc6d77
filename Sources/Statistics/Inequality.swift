/// Load-balance measures over per-rep counts (SPEC §4). Every rep counts, zeros included.
public enum Inequality {
    /// Gini coefficient ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²·mean); 0 for an empty sample or a zero mean.
    ///
    /// Computed from the sorted values as Σᵢ (2i − n − 1)·x₍ᵢ₎ / (n²·mean), i = 1…n.
    ///
    /// - Complexity: O(n log n).
    public static func gini(_ xs: [Double]) -> Double {
        let n = xs.count
        guard n > 0 else { return 0 }
        let sorted = xs.sorted()
        let total = sorted.reduce(0, +)
        guard total != 0 else { return 0 }
        var weighted = 0.0
        for (i, x) in sorted.enumerated() {
            weighted += Double(2 * (i + 1) - n - 1) * x
        }
        // n²·mean = n·total
        return weighted / (Double(n) * total)
    }

    /// Population standard deviation / mean; 0 for an empty sample or a zero mean.
    public static func coefficientOfVariation(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let moments = RunningMoments(xs)
        guard moments.mean != 0 else { return 0 }
        return moments.populationVariance.squareRoot() / moments.mean
    }

    /// Largest value / mean; 0 for an empty sample or a zero mean.
    public static func maxOverMean(_ xs: [Double]) -> Double {
        guard let largest = xs.max() else { return 0 }
        let mean = xs.reduce(0, +) / Double(xs.count)
        return mean == 0 ? 0 : largest / mean
    }
}
