import Foundation
import SimulationModel

/// The 168 hours of a local week (Monday 00:00 = hour 0) in one zone: where schedules are
/// laid side by side, requirements counted and shift templates matched against them.
///
/// A schedule in another zone is moved by the difference of the two zones' UTC offsets at a
/// reference instant (the scenario's start): one fixed shift for the whole run, so a DST change
/// during the run moves it by an hour for part of the year (the simulation itself is exact).
public struct WeekGrid: Sendable {
    /// Hours in a week.
    public static let hours = 168
    /// The grid's zone (IANA identifier).
    public let timeZone: String
    /// The instant whose offsets align other zones.
    public let reference: Instant

    public init(timeZone: String, reference: Instant) {
        self.timeZone = timeZone
        self.reference = reference
    }

    /// Each minute of the grid's week (10,080) on which `schedule` (read in `zone`) is on.
    public func onMinutes(_ schedule: WeeklySchedule, zone: String) -> [Bool] {
        let week = Self.hours * 60
        if schedule.always { return Array(repeating: true, count: week) }
        var on = [Bool](repeating: false, count: week)
        let shift = Self.offsetMinutes(timeZone, at: reference) - Self.offsetMinutes(zone, at: reference)
        for window in schedule.windows {
            for day in window.weekdays {
                let first = day * 1440 + window.start.minutes + shift
                for k in 0..<window.lengthMinutes { on[((first + k) % week + week) % week] = true }
            }
        }
        return on
    }

    /// Minutes of each hour of the grid's week that `schedule` (read in `zone`) is on, 0…60.
    public func minutesOn(_ schedule: WeeklySchedule, zone: String) -> [Int] {
        let on = onMinutes(schedule, zone: zone)
        return (0..<Self.hours).map { h in (h * 60..<(h + 1) * 60).reduce(0) { $0 + (on[$1] ? 1 : 0) } }
    }

    /// The hours `schedule` covers whole (on shift all 60 minutes).
    public func coveredHours(_ schedule: WeeklySchedule, zone: String) -> [Bool] {
        minutesOn(schedule, zone: zone).map { $0 == 60 }
    }

    /// The grid's hour of the week at `instant`.
    public func hour(of instant: Instant) -> Int {
        let local = instant + Double(Self.offsetMinutes(timeZone, at: instant) * 60)
        let days = Int((local / 86_400).rounded(.down))
        let hour = Int(((local - Double(days) * 86_400) / 3600).rounded(.down))
        // 1970-01-01 was a Thursday (Monday-based weekday 3).
        let weekday = ((days + 3) % 7 + 7) % 7
        return weekday * 24 + min(23, max(0, hour))
    }

    /// A schedule on exactly the given hours of the week (in the grid's zone), one window per run
    /// of consecutive hours within a day.
    public static func schedule(onHours hours: [Bool]) -> WeeklySchedule {
        if hours.count == Self.hours && hours.allSatisfy({ $0 }) { return .alwaysOn }
        var windows: [WeeklySchedule.Window] = []
        for day in 0..<7 {
            var h = 0
            while h < 24 {
                guard hours[day * 24 + h] else { h += 1; continue }
                var end = h
                while end < 24 && hours[day * 24 + end] { end += 1 }
                windows.append(WeeklySchedule.Window(weekdays: [day], start: TimeOfDay(hour: h, minute: 0),
                                                     end: TimeOfDay(hour: end % 24, minute: 0)))
                h = end
            }
        }
        return WeeklySchedule(windows: windows)
    }

    /// Runs of consecutive hours (wrapping from Sunday to Monday) where `test` holds:
    /// `(first, endExclusive)` with `endExclusive` possibly past 168 for a run that wraps.
    public static func runs(_ test: [Bool]) -> [(first: Int, end: Int)] {
        guard test.contains(true) else { return [] }
        guard test.contains(false) else { return [(0, hours)] }
        // Start after an hour that fails, so no run is cut by the week's end.
        let start = (test.firstIndex(of: false)! + 1) % hours
        var runs: [(Int, Int)] = []
        var k = 0
        while k < hours {
            let h = (start + k) % hours
            guard test[h] else { k += 1; continue }
            var length = 0
            while length < hours && test[(h + length) % hours] { length += 1 }
            runs.append((h, h + length))
            k += length
        }
        return runs.sorted { $0.0 < $1.0 }
    }

    static func offsetMinutes(_ zone: String, at instant: Instant) -> Int {
        (TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!).secondsFromGMT(for: Date(timeIntervalSince1970: instant)) / 60
    }
}
