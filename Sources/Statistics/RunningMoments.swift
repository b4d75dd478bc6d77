/// Count, mean and variance in one pass (Welford), mergeable (Chan et al.).
public struct RunningMoments: Codable, Hashable, Sendable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    /// Sum of squared deviations from the mean.
    public private(set) var m2: Double = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity

    public init() {}

    public init<Values: Sequence>(_ values: Values) where Values.Element == Double {
        for value in values { add(value) }
    }

    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Combines the moments of two disjoint samples; exact up to rounding.
    public mutating func merge(_ other: RunningMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        mean += delta * Double(other.count) / n
        count += other.count
        if other.min < min { min = other.min }
        if other.max > max { max = other.max }
    }

    /// Sample variance (n − 1 denominator); 0 when n < 2.
    public var variance: Double { count < 2 ? 0 : m2 / Double(count - 1) }
    /// Population variance (n denominator); 0 when empty.
    public var populationVariance: Double { count == 0 ? 0 : m2 / Double(count) }
    public var standardDeviation: Double { variance.squareRoot() }
    public var sum: Double { mean * Double(count) }
}
