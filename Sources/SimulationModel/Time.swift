/// Simulated time and calendar values shared by scenarios and rule sets.
///
/// Durations and instants are plain seconds (`Double`): instants count real (UTC) seconds
/// since the Unix epoch, so that every local time is converted through an IANA zone once,
/// when the model is built or when a calendar is laid out, never on the hot path.

/// A span of time in seconds.
public typealias Seconds = Double

/// An instant, in UTC seconds since 1970-01-01T00:00:00Z.
public typealias Instant = Double

/// A calendar date without a time zone (`2026-01-05`).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO weekday: 0 = Monday … 6 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (ISO index 3).
        let w = (daysSinceEpoch + 3) % 7
        return w < 0 ? w + 7 : w
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A local wall-clock time of day, in minutes since midnight (0…1440; 1440 is `24:00`).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }
    public init(hour: Int, minute: Int) { self.minutes = hour * 60 + minute }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

/// A weekly working pattern in local time, e.g. `Mon-Thu 08:00-16:00, Fri 08:00-12:00`.
public struct WeeklySchedule: Hashable, Sendable {
    /// One window: on each listed ISO weekday (0 = Monday) from `start` to `end`.
    /// When `end <= start` the window ends on the next day (overnight shift).
    public struct Window: Hashable, Sendable {
        public var weekdays: [Int]
        public var start: TimeOfDay
        public var end: TimeOfDay

        public init(weekdays: [Int], start: TimeOfDay, end: TimeOfDay) {
            self.weekdays = weekdays
            self.start = start
            self.end = end
        }

        /// Length of one occurrence of the window in local minutes.
        public var lengthMinutes: Int {
            end.minutes > start.minutes ? end.minutes - start.minutes : end.minutes + 1440 - start.minutes
        }
    }

    /// `true` for `always`: on every minute of every day (holidays and absences still apply).
    public var always: Bool
    public var windows: [Window]

    public init(always: Bool = false, windows: [Window] = []) {
        self.always = always
        self.windows = windows
    }

    public static let alwaysOn = WeeklySchedule(always: true)

    /// The default business hours: Monday–Friday 09:00–18:00.
    public static let defaultBusinessHours = WeeklySchedule(windows: [
        Window(weekdays: [0, 1, 2, 3, 4], start: TimeOfDay(hour: 9, minute: 0), end: TimeOfDay(hour: 18, minute: 0)),
    ])

    /// Nominal on-shift hours in a week (ignoring DST, holidays and absences).
    public var weeklyHours: Double {
        if always { return 168 }
        return windows.reduce(0.0) { $0 + Double($1.weekdays.count * $1.lengthMinutes) / 60 }
    }
}

/// An inclusive range of calendar dates, in the rep's own time zone.
public struct DateRange: Hashable, Sendable {
    public var from: CalendarDate
    public var to: CalendarDate

    public init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: CalendarDate) -> Bool { from <= date && date <= to }
}
