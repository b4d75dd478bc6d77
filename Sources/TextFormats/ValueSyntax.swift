import Foundation
import SimulationModel

/// Why a value's text was rejected, with what would be valid and a close alternative.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var valid: String?
    public var suggestion: String?

    public init(_ message: String, valid: String? = nil, suggestion: String? = nil) {
        self.message = message
        self.valid = valid
        self.suggestion = suggestion
    }

    public var description: String { message }
}

/// Parsers for the value syntax of SPEC §1 (durations, rates, shares, times, dates,
/// timestamps, time zones, schedules), usable without a YAML file.
public enum ValueSyntax {
    /// The longest duration accepted anywhere (100 years), so that arithmetic never overflows.
    public static let maximumDuration: Seconds = 100 * 365 * 86_400

    static let durationUnits: [(String, Seconds)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
    public static let durationValid = "a duration such as 0s, 90s, 15m, 4h, 2d, 1w or 1h30m"
    private static let unitWords: [String: String] = [
        "sec": "s", "secs": "s", "second": "s", "seconds": "s", "min": "m", "mins": "m", "minute": "m",
        "minutes": "m", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "day": "d", "days": "d",
        "wk": "w", "week": "w", "weeks": "w",
    ]

    /// `0s`, `90s`, `15m`, `4h`, `2d`, `1w`, `1h30m` (decimals allowed: `1.5h`). No bare numbers.
    public static func duration(_ text: String) throws(ValueError) -> Seconds {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let n = Double(s), isPlainNumber(s) {
            throw ValueError("a duration needs a unit", valid: durationValid,
                             suggestion: n == 0 ? "0s" : "\(s)m")
        }
        if s.hasPrefix("-") { throw ValueError("a duration cannot be negative", valid: durationValid) }
        var total: Seconds = 0
        var number = ""
        var sawPart = false
        var index = s.startIndex
        while index < s.endIndex {
            let c = s[index]
            if c.isASCII, c.isNumber || c == "." {
                number.append(c)
                index = s.index(after: index)
                continue
            }
            var unit = ""
            while index < s.endIndex, !(s[index].isASCII && (s[index].isNumber || s[index] == ".")) {
                unit.append(s[index])
                index = s.index(after: index)
            }
            let trimmedUnit = unit.trimmingCharacters(in: .whitespaces).lowercased()
            guard let value = Double(number), !number.isEmpty else {
                throw ValueError("'\(text)' is not a duration", valid: durationValid)
            }
            guard let factor = durationUnits.first(where: { $0.0 == trimmedUnit })?.1 else {
                let suggestion = unitWords[trimmedUnit].map { number + $0 }
                throw ValueError("'\(unit.trimmingCharacters(in: .whitespaces))' is not a duration unit (use w, d, h, m, s)",
                                 valid: durationValid, suggestion: suggestion)
            }
            total += value * factor
            number = ""
            sawPart = true
        }
        guard sawPart, number.isEmpty else {
            throw ValueError(s.isEmpty ? "empty duration" : "'\(text)' is not a duration", valid: durationValid,
                             suggestion: number.isEmpty ? nil : "\(s)m")
        }
        guard total.isFinite, total <= maximumDuration else {
            throw ValueError("duration '\(text)' is too long (at most 100 years)", valid: durationValid)
        }
        return total
    }

    static let rateValid = "a rate such as 45/min, 300/h, 1200/day, 5000/week or 6000/month"

    /// Days in a month (365.25 / 12), for `/month` rates.
    static let daysPerMonth = 30.4375

    /// `45/min`, `300/h`, `1200/day`, `5000/week`, `6000/month`, converted to a weekly total
    /// (a month is 365.25/12 days).
    public static func weeklyRate(_ text: String) throws(ValueError) -> Double {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            let suggestion = isPlainNumber(text.trimmingCharacters(in: .whitespaces)) ? "\(text)/week" : nil
            throw ValueError("'\(text)' is not a rate", valid: rateValid, suggestion: suggestion)
        }
        let numberText = parts[0].trimmingCharacters(in: .whitespaces)
        guard isPlainNumber(numberText), let value = Double(numberText), value.isFinite else {
            throw ValueError("'\(numberText)' is not a number", valid: rateValid)
        }
        guard value >= 0 else { throw ValueError("a rate cannot be negative", valid: rateValid) }
        let unit = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
        let factors: [String: Double] = [
            "min": 10_080, "minute": 10_080, "m": 10_080, "h": 168, "hour": 168, "hr": 168,
            "day": 7, "d": 7, "week": 1, "w": 1, "wk": 1, "month": 7 / daysPerMonth, "mo": 7 / daysPerMonth,
        ]
        guard let factor = factors[unit] else {
            let known = ["min", "h", "day", "week", "month"]
            let suggestion = Suggestions.closest(to: unit, in: known).map { "\(numberText)/\($0)" }
            throw ValueError("'\(parts[1])' is not a rate unit", valid: rateValid, suggestion: suggestion)
        }
        let weekly = value * factor
        guard weekly <= 1e9 else { throw ValueError("rate '\(text)' is too high (at most 1e9 per week)") }
        return weekly
    }

    static let shareValid = "a fraction between 0 and 1 such as 0.15, or a percentage such as 15%"

    /// A share: a fraction `0.15` or a percentage `15%`, within 0…1.
    public static func share(_ text: String) throws(ValueError) -> Double {
        let s = text.trimmingCharacters(in: .whitespaces)
        var value: Double
        if s.hasSuffix("%") {
            let n = String(s.dropLast()).trimmingCharacters(in: .whitespaces)
            guard isPlainNumber(n), let v = Double(n) else { throw ValueError("'\(text)' is not a share", valid: shareValid) }
            value = v / 100
        } else {
            guard isPlainNumber(s), let v = Double(s) else { throw ValueError("'\(text)' is not a share", valid: shareValid) }
            value = v
            if v > 1, v <= 100 { throw ValueError("share \(s) is above 1", valid: shareValid, suggestion: "\(s)%") }
        }
        guard value >= 0, value <= 1 else { throw ValueError("share '\(text)' is outside 0…1", valid: shareValid) }
        return value
    }

    static let timeValid = "a time of day HH:MM such as 09:00, 17:30 or 24:00"

    /// `09:00`, `9:30`, `24:00`.
    public static func timeOfDay(_ text: String) throws(ValueError) -> TimeOfDay {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]) else {
            throw ValueError("'\(text)' is not a time of day", valid: timeValid)
        }
        guard m < 60, h < 24 || (h == 24 && m == 0) else {
            throw ValueError("'\(text)' is not a time of day (hours 00–23, minutes 00–59, or 24:00)", valid: timeValid)
        }
        return TimeOfDay(hour: h, minute: m)
    }

    static let dateValid = "a date YYYY-MM-DD such as 2026-01-05"

    /// `2026-01-05`.
    public static func date(_ text: String) throws(ValueError) -> CalendarDate {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let mo = Int(parts[1]), let d = Int(parts[2]) else {
            throw ValueError("'\(text)' is not a date", valid: dateValid)
        }
        guard (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), y >= 1900, y <= 2999 else {
            throw ValueError("'\(text)' is not a calendar date", valid: dateValid)
        }
        return CalendarDate(year: y, month: mo, day: d)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let timestampValid = "a timestamp such as 2026-01-05T08:00 (scenario time zone), 2026-01-05T08:00Z or 2026-01-05T08:00+01:00"

    /// `2026-01-05T08:00[:SS]` in `timeZone`, unless an offset (`Z`, `+01:00`) is given.
    ///
    /// A local time that a DST change skips is moved forward by the gap; one that occurs twice
    /// means the first occurrence.
    public static func timestamp(_ text: String, timeZone: String) throws(ValueError) -> Instant {
        let s = text.trimmingCharacters(in: .whitespaces)
        let separator = s.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " })
        guard let separator else {
            if (try? date(s)) != nil {
                throw ValueError("'\(text)' is a date; a timestamp needs a time", valid: timestampValid, suggestion: "\(s)T00:00")
            }
            throw ValueError("'\(text)' is not a timestamp", valid: timestampValid)
        }
        let day: CalendarDate
        do { day = try date(String(s[..<separator])) } catch {
            throw ValueError("'\(text)' is not a timestamp: \(error.message)", valid: timestampValid)
        }
        var rest = String(s[s.index(after: separator)...])
        var offset: Int?
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest.removeLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: sign)...]
            let zoneParts = zone.split(separator: ":", omittingEmptySubsequences: false)
            guard zoneParts.count <= 2, zoneParts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let h = Int(zoneParts[0]), h <= 14, let m = zoneParts.count == 2 ? Int(zoneParts[1]) : 0, m < 60 else {
                throw ValueError("'\(text)' has a malformed UTC offset", valid: timestampValid)
            }
            offset = (h * 3600 + m * 60) * (rest[sign] == "-" ? -1 : 1)
            rest = String(rest[..<sign])
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3,
              clock.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(clock[0]), let mi = Int(clock[1]), let se = clock.count == 3 ? Int(clock[2]) : 0,
              h < 24, mi < 60, se < 60 else {
            throw ValueError("'\(text)' has a malformed time", valid: timestampValid)
        }
        let localSeconds = Double(day.daysSinceEpoch * 86_400 + h * 3600 + mi * 60 + se)
        if let offset { return localSeconds - Double(offset) }
        let zone = try self.timeZone(timeZone)
        return instant(localSeconds: localSeconds, in: zone)
    }

    public static let recordedTimestampValid = "2025-10-01T14:23, 2025-10-01 14:23:11, 2025-10-01T14:23:11.000Z or 2025-10-01T14:23+02:00 (scenario time zone unless an offset is given)"

    /// Timestamps as CRMs export them: ISO 8601 with `T` or a space, optional seconds,
    /// fractional seconds and offset (`Z`, `+02:00`, `+0200`); a bare date means local midnight.
    ///
    /// - Parameters:
    ///   - format: how numeric dates are read (`10/08/2025 1:05 PM` under `us`); ISO forms are
    ///     read under every format, and a numeric date under `iso` is refused naming the format
    ///     that reads it, or "ambiguous".
    ///   - setting: how the refusal names the format to use (`date_format: us`, `--date-format us`).
    public static func recordedTimestamp(_ text: String, zone: String, format: DateFormat = .iso,
                                         setting: DateFormat.Setting = .key) throws(ValueError) -> Instant {
        if let refusal = format.refusal(text, setting: setting) { throw refusal }
        if format != .iso {
            var copy = text
            if let local = copy.withUTF8({ format.localTime($0) }) { return instant(localSeconds: local.localSeconds, in: zone) }
        }
        do { return try isoRecordedTimestamp(text, zone: zone) } catch {
            throw ValueError(error.message, valid: format == .iso
                ? "\(recordedTimestampValid); MM/DD/YYYY or DD/MM/YYYY dates with \(setting.naming(.us)) or \(setting.naming(.eu))"
                : "\(format.pattern), or \(recordedTimestampValid)", suggestion: error.suggestion)
        }
    }

    /// The ISO forms of `recordedTimestamp`.
    private static func isoRecordedTimestamp(_ text: String, zone: String) throws(ValueError) -> Instant {
        if let day = try? date(text) {
            return instant(localSeconds: Double(day.daysSinceEpoch) * 86_400, in: zone)
        }
        var s = text
        // Drop fractional seconds: 14:23:11.000Z → 14:23:11Z.
        if let dot = s.firstIndex(of: "."), s[..<dot].filter({ $0 == ":" }).count == 2 {
            var end = s.index(after: dot)
            while end < s.endIndex, s[end].isASCII, s[end].isNumber { end = s.index(after: end) }
            s.removeSubrange(dot..<end)
        }
        // +0200 → +02:00.
        if s.count > 5 {
            let tail = s.suffix(5)
            if let sign = tail.first, sign == "+" || sign == "-", tail.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
               s.dropLast(5).contains(":") {
                s = String(s.dropLast(4)) + tail.dropFirst().prefix(2) + ":" + tail.suffix(2)
            }
        }
        return try timestamp(s, timeZone: zone)
    }

    /// The UTC instant of a local wall-clock time (seconds since epoch as if local were UTC).
    public static func instant(localSeconds: Double, in zoneID: String) -> Instant {
        guard let zone = TimeZone(identifier: zoneID) else { return localSeconds }
        func offset(_ t: Double) -> Double { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: t))) }
        // Two fixed-point steps settle the offset around a DST change.
        let first = localSeconds - offset(localSeconds)
        let second = localSeconds - offset(first)
        // In a skipped hour `second` lands before the gap; move past it like a clock would.
        if second + offset(second) != localSeconds { return localSeconds - offset(localSeconds - 86_400) }
        // In a repeated hour prefer the earlier instant.
        let earlier = second - 3600
        if earlier + offset(earlier) == localSeconds { return earlier }
        return second
    }

    static let knownZones: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    /// A validated IANA zone name (`Europe/London`, `UTC`).
    public static func timeZone(_ text: String) throws(ValueError) -> String {
        let s = text.trimmingCharacters(in: .whitespaces)
        if knownZones.contains(s) || ((s == "UTC" || s == "GMT") && TimeZone(identifier: s) != nil) { return s }
        var suggestion = Suggestions.closest(to: s, in: knownZones.sorted())
        if suggestion == nil {
            // `New_York` or `new york` for `America/New_York`.
            let city = s.replacingOccurrences(of: " ", with: "_").lowercased()
            suggestion = knownZones.sorted().first { $0.lowercased().hasSuffix("/" + city) }
        }
        throw ValueError("unknown time zone '\(text)'", valid: "an IANA time zone name such as America/New_York, Europe/London or Asia/Singapore",
                         suggestion: suggestion)
    }

    /// ISO weekday names as schedules spell them, Monday first.
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let scheduleValid = "always, or comma-separated 'DAYS HH:MM-HH:MM' windows with DAYS one of weekdays, weekends, daily, Mon…Sun or a range such as Mon-Thu (e.g. 'Mon-Thu 08:00-16:00, Fri 08:00-12:00')"

    /// `always`, `weekdays 09:00-17:00`, `Mon-Thu 08:00-16:00, Fri 08:00-12:00`, `weekends`, `daily 22:00-06:00`.
    ///
    /// A window whose end is at or before its start ends the next day (overnight); a day spec
    /// without hours means the whole day.
    public static func schedule(_ text: String) throws(ValueError) -> WeeklySchedule {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.lowercased() == "always" { return .alwaysOn }
        var windows: [WeeklySchedule.Window] = []
        for part in s.split(separator: ",", omittingEmptySubsequences: false) {
            let words = part.split(separator: " ", omittingEmptySubsequences: true)
            guard (1...2).contains(words.count) else {
                throw ValueError("'\(part.trimmingCharacters(in: .whitespaces))' is not a schedule window", valid: scheduleValid)
            }
            let days = try weekdays(String(words[0]))
            var start = TimeOfDay(minutes: 0), end = TimeOfDay(minutes: 1440)
            if words.count == 2 {
                let times = words[1].split(separator: "-", omittingEmptySubsequences: false)
                guard times.count == 2 else {
                    throw ValueError("'\(words[1])' is not a time range HH:MM-HH:MM", valid: scheduleValid)
                }
                start = try timeOfDay(String(times[0]))
                end = try timeOfDay(String(times[1]))
                if start.minutes == 1440 { throw ValueError("a window cannot start at 24:00", valid: scheduleValid, suggestion: "00:00") }
            }
            windows.append(WeeklySchedule.Window(weekdays: days, start: start, end: end))
        }
        return WeeklySchedule(windows: windows)
    }

    private static func weekdays(_ word: String) throws(ValueError) -> [Int] {
        switch word.lowercased() {
        case "weekdays": return [0, 1, 2, 3, 4]
        case "weekends", "weekend": return [5, 6]
        case "daily", "everyday": return Array(0...6)
        default: break
        }
        let ends = word.split(separator: "-", omittingEmptySubsequences: false)
        var indices: [Int] = []
        for end in ends {
            let key = String(end.lowercased().prefix(3))
            guard end.count >= 3, let i = dayNames.firstIndex(of: key),
                  ["mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
                   "fri", "friday", "sat", "saturday", "sun", "sunday"].contains(end.lowercased()) else {
                let known = ["weekdays", "weekends", "daily", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                throw ValueError("'\(word)' is not a day or day range", valid: scheduleValid,
                                 suggestion: Suggestions.closest(to: String(end), in: known))
            }
            indices.append(i)
        }
        switch indices.count {
        case 1: return indices
        case 2:
            // Ranges may wrap around the week (`Fri-Mon`).
            var days = [indices[0]]
            var d = indices[0]
            while d != indices[1] {
                d = (d + 1) % 7
                days.append(d)
            }
            return days
        default: throw ValueError("'\(word)' is not a day or day range", valid: scheduleValid)
        }
    }

    /// A lead field value as a user means a plain YAML scalar: `true`/`false` are booleans,
    /// decimal numbers (without a leading zero, so `02139` stays text) are numbers,
    /// anything else (including YAML 1.1's `yes`, `no`, `NO`, `on`, `off`) is text.
    public static func fieldValue(_ text: String) -> FieldValue {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if isPlainNumber(text), let v = Double(text), v.isFinite {
            let digits = text.drop { $0 == "-" || $0 == "+" }
            if digits.count > 1, digits.first == "0", digits.dropFirst().first != "." { return .text(text) }
            return .number(v)
        }
        return .text(text)
    }

    /// A decimal number as written by people: `12`, `-3.5`, `.5`, `1e6` (not `inf`, `0x1F`, `1_000`).
    public static func isPlainNumber(_ s: String) -> Bool {
        guard !s.isEmpty, s.count < 40 else { return false }
        var digits = 0
        for c in s.unicodeScalars {
            switch c {
            case "0"..."9": digits += 1
            case ".", "e", "E", "+", "-": break
            default: return false
            }
        }
        return digits > 0 && Double(s) != nil
    }
}
