/// The time average of a step function (queue length, occupied slots) over [t0, t].
///
/// The level holds from each change to the next; `integral(upTo:)` adds the open segment.
public struct TimeWeightedAverage: Codable, Hashable, Sendable {
    /// Start of the averaging window.
    public private(set) var start: Double
    /// Time of the latest change.
    public private(set) var lastTime: Double
    /// Current level.
    public private(set) var value: Double
    /// ∫ level dt over [start, lastTime].
    public private(set) var area: Double = 0

    public init(start: Double, value: Double = 0) {
        self.start = start
        self.lastTime = start
        self.value = value
    }

    /// The level changes to `newValue` at `time`.
    ///
    /// - Precondition: `time` is not before the previous change.
    public mutating func update(to newValue: Double, at time: Double) {
        precondition(time >= lastTime, "time went back: \(time) < \(lastTime)")
        area += value * (time - lastTime)
        lastTime = time
        value = newValue
    }

    /// Forgets the past and starts a new window at `time`, keeping the current level
    /// (for example at the end of the warm-up).
    public mutating func restart(at time: Double) {
        precondition(time >= lastTime, "time went back: \(time) < \(lastTime)")
        start = time
        lastTime = time
        area = 0
    }

    /// ∫ level dt over [start, end].
    public func integral(upTo end: Double) -> Double {
        precondition(end >= lastTime, "end \(end) is before the latest change \(lastTime)")
        return area + value * (end - lastTime)
    }

    /// The average level over [start, end]; the current level when the window is empty.
    public func average(upTo end: Double) -> Double {
        end > start ? integral(upTo: end) / (end - start) : value
    }
}
