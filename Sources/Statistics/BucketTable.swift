import Foundation

/// ``StreamingQuantiles``' bucket of a value without a logarithm.
///
/// The buckets are ⌈log_γ x⌉ (``StreamingQuantiles/logIndex(of:)``), a non-decreasing step
/// function of x; this table holds, per bucket, the largest double that is still in it, found
/// once by bisection over the doubles with that very formula. A value's bucket is the first
/// whose largest double is ≥ it. To find that without a search, the doubles in
/// (zeroThreshold, maximumTracked] are cut into cells by exponent and the top `cellBits`
/// bits of the mantissa; a cell is narrower than a bucket (ratio 1 + 2⁻⁷ < γ), so it holds at
/// most one bucket edge, and its first bucket, tabulated, is right or one short.
struct BucketTable: Sendable {
    static let shared = BucketTable()

    private static let cellBits = 7
    private static let firstExponent = StreamingQuantiles.zeroThreshold.exponent
    private static let lastExponent = StreamingQuantiles.maximumTracked.exponent

    /// Per bucket offset: the largest double in the bucket (+∞ for the top bucket).
    private let largest: [Double]
    /// Per cell: the offset of the bucket holding the cell's smallest double.
    private let firstOffset: [Int32]

    private init() {
        let low = StreamingQuantiles.zeroThreshold.nextUp, high = StreamingQuantiles.maximumTracked
        var largest: [Double] = []
        for index in StreamingQuantiles.minIndex..<StreamingQuantiles.maxIndex {
            // The largest x in [low, high] with logIndex(x) ≤ index, by bisection on the bit
            // patterns: between two doubles a little either side of γ^index when they bracket
            // it, as they should, else over the whole range.
            if StreamingQuantiles.logIndex(of: low) > index {
                largest.append(low.nextDown)
                continue
            }
            let edge = exp(Double(index) * StreamingQuantiles.logGamma)
            let (near, far) = (max(low, edge * (1 - 1e-9)), min(high, edge * (1 + 1e-9)))
            let bracketed = StreamingQuantiles.logIndex(of: near) <= index && StreamingQuantiles.logIndex(of: far) > index
            var below = (bracketed ? near : low).bitPattern, above = (bracketed ? far : high).bitPattern
            while above - below > 1 {
                let middle = below + (above - below) / 2
                if StreamingQuantiles.logIndex(of: Double(bitPattern: middle)) <= index { below = middle } else { above = middle }
            }
            largest.append(Double(bitPattern: below))
        }
        largest.append(.infinity)
        self.largest = largest

        let cellsPerExponent = 1 << Self.cellBits
        var firstOffset: [Int32] = []
        var offset = 0
        for exponent in Self.firstExponent...Self.lastExponent {
            for cell in 0..<cellsPerExponent {
                let smallest = Double(sign: .plus, exponent: exponent, significand: 1 + Double(cell) / Double(cellsPerExponent))
                while smallest > largest[offset] { offset += 1 }
                firstOffset.append(Int32(offset))
            }
        }
        self.firstOffset = firstOffset
    }

    /// The bucket offset (index − minIndex) of x in (zeroThreshold, maximumTracked].
    @inline(__always)
    func offset(of x: Double) -> Int {
        let bits = x.bitPattern
        let exponent = Int(bits >> 52) - 1023
        let cell = (exponent - Self.firstExponent) << Self.cellBits | Int(bits >> (52 - UInt64(Self.cellBits)) & ((1 << UInt64(Self.cellBits)) - 1))
        var offset = Int(firstOffset[cell])
        while x > largest[offset] { offset += 1 }
        return offset
    }
}
