import Foundation
import RandomStreams
import SimulationModel

/// The arrival times of one source in one replication, generated lazily one at a time.
///
/// A non-homogeneous Poisson process by time change: the next arrival is where the integrated
/// rate since the previous one reaches an Exp(1) draw, walking the piecewise-constant segments
/// exactly (no thinning, no discretisation). With `dispersion` every local day's rate is
/// multiplied by a Gamma(1/cv², cv²) draw (mean 1), drawn from the source's own day stream the
/// first time the day is entered.
struct ArrivalProcess {
    private let segments: [RateSegment]
    private let dispersion: Double?
    private let gaps: RandomStream
    private let days: RandomStream
    private var index = 0
    private var position: Instant
    private var multiplierDay = Int.min
    private var multiplier = 1.0

    init(segments: [RateSegment], dispersion: Double?, gaps: RandomStream, days: RandomStream) {
        self.segments = segments
        self.dispersion = dispersion
        self.gaps = gaps
        self.days = days
        position = segments.first?.start ?? .infinity
    }

    /// The next arrival time, or nil when the source has no more arrivals.
    mutating func next() -> Instant? {
        var mass = standardExponentialQuantile(gaps.uniform())
        while index < segments.count {
            let segment = segments[index]
            if position < segment.start { position = segment.start }
            let rate = segment.rate * dayMultiplier(segment.day)
            let available = rate * (segment.end - position)
            if rate > 0 && mass <= available {
                position += mass / rate
                return position
            }
            mass -= available
            index += 1
        }
        return nil
    }

    private mutating func dayMultiplier(_ day: Int) -> Double {
        guard let cv = dispersion, cv > 0 else { return 1 }
        if day != multiplierDay {
            multiplierDay = day
            let shape = 1 / (cv * cv)
            multiplier = days.gamma(shape: shape, scale: 1 / shape)
        }
        return multiplier
    }
}
