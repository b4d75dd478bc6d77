/// Σᵢ f(uᵢ) over many fixed points uᵢ for any smooth f, in time independent of their number:
/// f is replaced by its cubic Hermite interpolant on `nodeCount` evenly spaced nodes spanning
/// the points, which is linear in the node values and slopes, so the basis weights of all
/// points are accumulated once per node and each sum costs `nodeCount` evaluations of f and f'.
///
/// The interpolation error is at most h⁴/384 · max |f⁗| per point (h the node spacing): with
/// 4,096 nodes over the 15 natural-log units between 1 s and 30 days, below 10⁻¹⁰ relative
/// for the log-survival functions it serves.
struct HermiteTable {
    private let first: Double
    private let spacing: Double
    /// Σ of the value basis functions at each node (h00 on the left, h01 on the right).
    private let valueWeights: [Double]
    /// Σ of the slope basis functions times the spacing (h10·h, h11·h).
    private let slopeWeights: [Double]

    /// nil when the points do not span an interval (fewer than two distinct values).
    init?(points: [Double], nodeCount: Int) {
        guard let low = points.min(), let high = points.max(), high > low else { return nil }
        let spacing = (high - low) / Double(nodeCount - 1)
        var values = Array(repeating: 0.0, count: nodeCount)
        var slopes = Array(repeating: 0.0, count: nodeCount)
        for u in points {
            let k = min(Int((u - low) / spacing), nodeCount - 2)
            let t = (u - low) / spacing - Double(k)
            let t2 = t * t, t3 = t2 * t
            values[k] += 2 * t3 - 3 * t2 + 1
            slopes[k] += (t3 - 2 * t2 + t) * spacing
            values[k + 1] += -2 * t3 + 3 * t2
            slopes[k + 1] += (t3 - t2) * spacing
        }
        (first, self.spacing, valueWeights, slopeWeights) = (low, spacing, values, slopes)
    }

    /// Σᵢ f(uᵢ) from f and its derivative f' (both returned by `function` at a node).
    func sum(_ function: (Double) -> (value: Double, slope: Double)) -> Double {
        var total = 0.0
        for k in valueWeights.indices where valueWeights[k] != 0 || slopeWeights[k] != 0 {
            let (value, slope) = function(first + Double(k) * spacing)
            total += valueWeights[k] * value + slopeWeights[k] * slope
        }
        return total
    }
}
