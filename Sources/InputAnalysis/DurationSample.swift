/// Durations for a lifetime fit: values seen to end, and right-censored values known only to
/// exceed what was seen (a lead still untouched at the export time).
///
/// A duration of exactly 0 (a lead touched at the instant it was assigned) has no density
/// under any of the fitted families, and a point mass at 0 is not modelled: zeros are moved to
/// `zeroFloor` (1 s by default) and counted in `shiftedZeros`, so the report can say how many.
public struct DurationSample: Sendable {
    /// The observed durations (zeros moved to the floor), in input order.
    public let observed: [Double]
    /// The right-censored durations (zeros moved to the floor), in input order.
    public let censored: [Double]
    /// How many observed or censored zeros were moved to the floor.
    public let shiftedZeros: Int
    /// The value zeros were moved to.
    public let zeroFloor: Double

    /// - Precondition: every value is finite and ≥ 0 (the history reader rejects other rows);
    ///   `zeroFloor > 0`.
    public init(observed: [Double], censored: [Double] = [], zeroFloor: Double = 1) {
        precondition(zeroFloor > 0 && zeroFloor.isFinite, "zeroFloor must be positive, got \(zeroFloor)")
        var zeros = 0
        func floored(_ values: [Double]) -> [Double] {
            values.map { value in
                precondition(value >= 0 && value.isFinite, "durations must be finite and ≥ 0, got \(value)")
                if value == 0 {
                    zeros += 1
                    return zeroFloor
                }
                return value
            }
        }
        self.observed = floored(observed)
        self.censored = floored(censored)
        self.shiftedZeros = zeros
        self.zeroFloor = zeroFloor
    }

    /// Observed and censored values together.
    public var count: Int { observed.count + censored.count }

    /// The share of the sample that is censored (0 for an empty sample).
    public var censoredShare: Double {
        count == 0 ? 0 : Double(censored.count) / Double(count)
    }

    /// Every `stride`-th value of each part, in input order: a deterministic thinning that
    /// keeps the censored share.
    func thinned(stride: Int) -> DurationSample {
        DurationSample(
            exactly: Swift.stride(from: 0, to: observed.count, by: stride).map { observed[$0] },
            censored: Swift.stride(from: 0, to: censored.count, by: stride).map { censored[$0] },
            zeroFloor: zeroFloor
        )
    }

    /// Values taken as they are, without the zero floor or the sign check (thinned samples,
    /// numeric fields: the positive families refuse values ≤ 0 themselves).
    init(exactly observed: [Double], censored: [Double] = [], zeroFloor: Double = 1) {
        self.observed = observed
        self.censored = censored
        self.shiftedZeros = 0
        self.zeroFloor = zeroFloor
    }
}
