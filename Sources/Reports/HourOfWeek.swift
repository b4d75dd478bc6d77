import Foundation
import SimulationModel

/// Folds UTC instants onto the 168 hours of a local week (Monday 00:00 = 0), DST-correct.
public struct HourOfWeek: Sendable {
    let zone: TimeZone

    public init(timeZone identifier: String) {
        zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
    }

    /// The local hour of the week at `instant`.
    public func index(of instant: Instant) -> Int {
        let local = instant + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
        let days = Int((local / 86_400).rounded(.down))
        let hour = Int(((local - Double(days) * 86_400) / 3600).rounded(.down))
        // 1970-01-01 was a Thursday (Monday-based weekday 3).
        let weekday = ((days + 3) % 7 + 7) % 7
        return weekday * 24 + min(23, max(0, hour))
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon 09:00` for hour-of-week 9.
    public static func label(_ index: Int) -> String {
        let hour = index % 24
        return dayNames[(index / 24) % 7] + " " + (hour < 10 ? "0" : "") + "\(hour):00"
    }

    /// `Mon 09:00–12:00` for hours 9..<12; a range crossing midnight names both days
    /// (`Fri 17:00–Mon 09:00`); a range ending at midnight of its own day ends at `24:00`.
    public static func rangeLabel(_ first: Int, _ endExclusive: Int) -> String {
        let sameDay = (endExclusive - 1) / 24 == first / 24
        if sameDay {
            let endHour = endExclusive - (first / 24) * 24
            return label(first) + "–" + (endHour < 10 ? "0" : "") + "\(endHour):00"
        }
        return label(first) + "–" + label(endExclusive % 168)
    }
}
