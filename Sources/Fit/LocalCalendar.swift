import Foundation
import SimulationModel

/// Local calendar days and hours of one IANA zone over a span of instants, DST-correct.
///
/// The zone's UTC offsets over the span are read once (its transitions), so that a million
/// instants are placed on the local calendar by a binary search each, not a Foundation call.
struct LocalCalendar {
    /// Offsets from UTC and the instants from which they hold, ascending.
    private let changes: [(from: Instant, offset: Double)]

    init(zone identifier: String, from: Instant, to: Instant) {
        let zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        let start = from - 2 * 86_400, end = to + 2 * 86_400
        var changes = [(from: -Double.infinity, offset: Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: start))))]
        var cursor = Date(timeIntervalSince1970: start)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < end {
            changes.append((next.timeIntervalSince1970, Double(zone.secondsFromGMT(for: next))))
            cursor = next
        }
        self.changes = changes
    }

    /// The zone's offset from UTC at `t`, in seconds.
    func offset(at t: Instant) -> Double {
        var lo = 0, hi = changes.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if changes[mid].from <= t { lo = mid } else { hi = mid - 1 }
        }
        return changes[lo].offset
    }

    /// The local day (days since 1970-01-01) and the local seconds since that day's midnight.
    func local(_ t: Instant) -> (day: Int, seconds: Double) {
        let local = t + offset(at: t)
        let day = (local / 86_400).rounded(.down)
        return (Int(day), local - day * 86_400)
    }

    /// The ISO weekday (0 = Monday) of a day counted from 1970-01-01 (a Thursday).
    static func weekday(ofDay day: Int) -> Int {
        let w = (day + 3) % 7
        return w < 0 ? w + 7 : w
    }

    /// Whether the zone's offset from `other`'s changes between `from` and `to` (their DST
    /// rules differ there): only then can a schedule fit one zone better than the other.
    func offsetDifferenceChanges(against other: LocalCalendar, from: Instant, to: Instant) -> Bool {
        let instants = (changes + other.changes).map(\.from).filter { $0 > from && $0 < to } + [from, to]
        let differences = Set(instants.map { offset(at: $0) - other.offset(at: $0) })
        return differences.count > 1
    }

    /// The instant of local midnight starting the local day that contains `t`.
    func midnight(before t: Instant) -> Instant {
        let (_, seconds) = local(t)
        let guess = t - seconds
        // Midnight may fall on the other side of a DST change: read the offset there.
        let day = Double(local(t).day) * 86_400
        let exact = day - offset(at: guess)
        return exact <= t ? exact : guess
    }

    /// Hours of exposure per local day and hour between `from` and `to`: 1 normally, 0 for the
    /// hour a DST change skips, 2 for the hour it repeats, a fraction at the ends.
    func exposure(from: Instant, to: Instant) -> [Int: [Double]] {
        var hours: [Int: [Double]] = [:]
        // Zone offsets are whole quarter-hours: a quarter-hour never straddles a local hour.
        let step = 900.0
        var t = from
        while t < to {
            let length = min(step, to - t)
            let (day, seconds) = local(t)
            hours[day, default: Array(repeating: 0, count: 24)][min(23, Int(seconds / 3600))] += length / 3600
            t += step
        }
        return hours
    }
}
