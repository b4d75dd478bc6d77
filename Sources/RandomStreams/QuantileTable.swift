import Foundation

/// The inverse CDF of a `StandardDistribution`, tabulated once and interpolated.
///
/// GSL's inverse CDFs iterate (a beta or gamma quantile costs microseconds); a table lookup
/// costs nanoseconds. The probability axis is cut into cells:
/// - the body, u in [1/16, 15/16], into 896 cells of width 1/1024;
/// - each tail, u or 1 − u in [2⁻²⁰, 2⁻⁴), into binades [2⁻ᵏ⁻¹, 2⁻ᵏ) of 64 cells each, so a
///   tail cell is at most 1/64 of its distance from 0 or 1 wide (power-law and logarithmic
///   tails are then about as smooth per cell as the body).
///
/// A cell holds the cubic Hermite interpolant through the exact quantiles Q at its ends, with
/// the exact slopes dQ/du = 1/pdf(Q). Accuracy is checked when the table is built: a cell is
/// used only when its end values and slopes are finite and positive, the interpolant is
/// monotone (both end slopes at most 3 times the secant: Fritsch–Carlson) and, at a quarter,
/// half and three quarters across, within `tolerance / 2` of the exact quantile. The error of
/// a Hermite cubic, s²(1 − s)²·h⁴·Q⁗(ξ)/24, peaks mid-cell and varies smoothly, so the margin
/// covers the points in between (a test checks `tolerance` densely). Every other cell, u or
/// 1 − u below 2⁻²⁰, and u outside (0, 1) evaluate `StandardDistribution.quantile` exactly.
/// Values are clamped to their cell's end values, so the table is non-decreasing wherever
/// GSL's quantiles are.
@usableFromInline final class QuantileTable: Sendable {
    /// The relative accuracy: |tabulated − exact| ≤ tolerance · |exact| for every u.
    static let tolerance = 1e-9

    let distribution: StandardDistribution
    private let cells: [HermiteCell]

    /// Builds the table: 2,944 cells, four exact quantiles each (under a millisecond for the
    /// normal and lognormal, 5–50 ms for the beta and gamma).
    init(_ distribution: StandardDistribution) {
        self.distribution = distribution
        let knots = Grid.knots.map { u in
            let x = distribution.quantile(u)
            return Knot(u: u, x: x, slope: 1 / distribution.density(x))
        }
        cells = (1..<knots.count).map { HermiteCell(from: knots[$0 - 1], to: knots[$0], of: distribution) }
    }

    /// The inverse CDF at `u`, from the table where it is accurate and exact elsewhere.
    @inline(__always)
    @usableFromInline func quantile(_ u: Double) -> Double {
        let x = u * Grid.bodyResolution
        if x >= Grid.bodyStart && x < Grid.bodyEnd {
            let i = Int(x)
            return value(inCell: Grid.tailCells + i - Int(Grid.bodyStart), at: x - Double(i), u)
        }
        return tailQuantile(u)
    }

    /// A tail cell from the bits of v = u or 1 − u (exact for u ≥ 1/2): the exponent picks the
    /// binade, the next 6 bits the cell, the remaining 46 the position in it.
    @inline(__always)
    private func tailQuantile(_ u: Double) -> Double {
        let upper = u > 0.5
        let bits = (upper ? 1 - u : u).bitPattern
        // v < 0, NaN, 0 and subnormals give a binade outside 0..<tailBinades.
        let binade = Grid.firstTailExponent - Int(bits >> 52)
        guard binade >= 0 && binade < Grid.tailBinades else { return distribution.quantile(u) }
        let cell = Int(truncatingIfNeeded: bits >> 46) & (Grid.cellsPerBinade - 1)
        let s = Double(bits & ((1 << 46) - 1)) * 0x1p-46
        if upper {
            let index = Grid.tailCells + Grid.bodyCells + binade * Grid.cellsPerBinade + Grid.cellsPerBinade - 1 - cell
            return value(inCell: index, at: 1 - s, u)
        }
        return value(inCell: (Grid.tailBinades - 1 - binade) * Grid.cellsPerBinade + cell, at: s, u)
    }

    @inline(__always)
    private func value(inCell index: Int, at s: Double, _ u: Double) -> Double {
        let cell = cells[index]
        return cell.isTabulated ? cell.value(at: s) : distribution.quantile(u)
    }

    /// The cells' ends on the probability axis: both tails and the body.
    private enum Grid {
        static let bodyResolution = 1024.0
        static let bodyStart = 64.0
        static let bodyEnd = 960.0
        static let bodyCells = Int(bodyEnd - bodyStart)
        static let tailBinades = 16
        static let cellsPerBinade = 64
        static let tailCells = tailBinades * cellsPerBinade
        /// The biased exponent of the binade [2⁻⁵, 2⁻⁴) next to the body.
        static let firstTailExponent = 1018

        /// Ascending: the lower tail from 2⁻²⁰, the body, the upper tail to 1 − 2⁻²⁰ (all exact).
        static let knots: [Double] = {
            let lowerTail = (0..<tailCells).map { m -> Double in
                let binade = tailBinades - 1 - m / cellsPerBinade
                let cell = Double(m % cellsPerBinade)
                return Double(sign: .plus, exponent: -5 - binade, significand: 1 + cell / Double(cellsPerBinade))
            }
            let body = (Int(bodyStart)...Int(bodyEnd)).map { Double($0) / bodyResolution }
            return lowerTail + body + lowerTail.reversed().map { 1 - $0 }
        }()
    }
}

extension QuantileTable {
    /// The table of `distribution`, built on first use and then shared by every sampler of
    /// that shape on every thread (samplers are compiled per replication, one per rep).
    static func shared(_ distribution: StandardDistribution) -> QuantileTable {
        sharedTables.table(for: distribution)
    }
}

/// The exact quantile at one end of a cell.
private struct Knot {
    let u: Double
    let x: Double
    /// dQ/du = 1/pdf(x).
    let slope: Double
}

/// The cubic Hermite interpolant of one cell, in the cell's coordinate s ∈ [0, 1].
private struct HermiteCell {
    /// The exact quantiles at the cell's ends (NaN: the cell is evaluated exactly).
    let low: Double
    let high: Double
    /// p(s) = low + s·(Δ + (1 − s)·(a + b·s)) with Δ = high − low and end slopes d₀, d₁ per
    /// unit s: a = d₀ − Δ, b = 2Δ − d₀ − d₁.
    let a: Double
    let b: Double

    static let exact = HermiteCell(low: .nan, high: .nan, a: 0, b: 0)

    var isTabulated: Bool { !low.isNaN }

    /// The interpolant, clamped to the cell's end values.
    @inline(__always)
    func value(at s: Double) -> Double {
        let p = low + s * ((high - low) + (1 - s) * (a + b * s))
        return min(max(p, low), high)
    }

    private init(low: Double, high: Double, a: Double, b: Double) {
        self.low = low
        self.high = high
        self.a = a
        self.b = b
    }

    /// The interpolant from `start` to `end`, or `.exact` where it is not finite, not
    /// monotone, or not within half the tolerance of `distribution`'s exact quantile.
    init(from start: Knot, to end: Knot, of distribution: StandardDistribution) {
        let width = end.u - start.u
        let rise = end.x - start.x
        let d0 = start.slope * width
        let d1 = end.slope * width
        guard rise > 0 && rise.isFinite && d0 > 0 && d1 > 0 && d0 <= 3 * rise && d1 <= 3 * rise else {
            self = .exact
            return
        }
        self.init(low: start.x, high: end.x, a: d0 - rise, b: 2 * rise - d0 - d1)
        for s in [0.25, 0.5, 0.75] {
            let exact = distribution.quantile(start.u + s * width)
            if !(abs(value(at: s) - exact) <= QuantileTable.tolerance / 2 * abs(exact)) {
                self = .exact
                return
            }
        }
    }
}

/// Tables by distribution. At most 64 are kept; past that the cache starts afresh (samplers
/// keep the tables they hold).
private final class TableCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [StandardDistribution: QuantileTable] = [:]

    func table(for distribution: StandardDistribution) -> QuantileTable {
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[distribution] { return table }
        if tables.count >= 64 { tables.removeAll() }
        let table = QuantileTable(distribution)
        tables[distribution] = table
        return table
    }
}

private let sharedTables = TableCache()
