import SimulationModel

/// How a CRM export writes the date of its timestamps.
///
/// ISO dates (`2025-10-08`, `2025-10-08T13:05`) are read under every format: they cannot be
/// misread. The numeric forms report exports use are read only under the format that says
/// which number is the month, because `10/08/2025` is 8 October in the US and 10 August in
/// Europe; under `iso` such a date is refused with the format that reads it (or "ambiguous").
public enum DateFormat: String, CaseIterable, Sendable {
    /// `YYYY-MM-DD`, with `T` or a space before `HH:mm[:ss[.fff]]` and an optional offset.
    case iso
    /// `MM/DD/YYYY`, optionally followed by `h:mm[:ss]`, 12-hour with `AM`/`PM` or 24-hour.
    case us
    /// `DD/MM/YYYY` or `DD.MM.YYYY`, optionally followed by `HH:mm[:ss]` (24-hour; `AM`/`PM` also read).
    case eu

    /// The form as people write it, for `valid:` lines.
    public var pattern: String {
        switch self {
        case .iso: return "YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss] (e.g. 2025-10-08T13:05)"
        case .us: return "MM/DD/YYYY [h:mm[:ss] [AM|PM]] (e.g. 10/08/2025 1:05 PM)"
        case .eu: return "DD/MM/YYYY or DD.MM.YYYY [HH:mm[:ss]] (e.g. 08/10/2025 13:05)"
        }
    }

    /// How the setting is written where the format is chosen: `date_format: us` in a
    /// scenario's `replay:`, `--date-format us` on the command line.
    public enum Setting: Sendable {
        case key, flag

        /// `date_format: us` or `--date-format us`.
        public func naming(_ format: DateFormat) -> String {
            switch self {
            case .key: return "date_format: \(format.rawValue)"
            case .flag: return "--date-format \(format.rawValue)"
            }
        }
    }

    /// A local wall-clock time read from a numeric date (`10/08/2025 1:05 PM`).
    struct LocalTime {
        /// Days since 1970-01-01.
        var day: Int
        /// Seconds since 1970-01-01 as if local time were UTC.
        var localSeconds: Double
    }

    /// What a scan of `A/B/YYYY[ time]` or `A.B.YYYY[ time]` found.
    enum Scan {
        /// Not that shape: ISO or something else.
        case notNumeric
        /// The date part has that shape but the rest is not a time (the reason).
        case badTime(String)
        /// The two leading numbers, the year, the separator and the seconds into the day.
        case numeric(first: Int, second: Int, year: Int, separator: UInt8, secondsOfDay: Int)
    }

    /// The instant's local time when `bytes` is a numeric date this format reads; nil otherwise
    /// (ISO text, a malformed one, or a date that another format reads: `explainRefusal` says why).
    func localTime(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalTime? {
        guard self != .iso, case .numeric(let a, let b, let year, let separator, let seconds) = Self.scan(bytes),
              separator == UInt8(ascii: "/") || self == .eu,
              let date = self == .us ? Self.date(year: year, month: a, day: b) : Self.date(year: year, month: b, day: a)
        else { return nil }
        let day = date.daysSinceEpoch
        return LocalTime(day: day, localSeconds: Double(day * 86_400 + seconds))
    }

    /// Why `text`, a numeric date or not, is not read under this format; nil when it is ISO-shaped
    /// (the ISO reader then says what is wrong with it).
    func refusal(_ text: String, setting: Setting) -> ValueError? {
        var copy = text
        let scan = copy.withUTF8 { Self.scan($0) }
        let quoted = "'\(text)'"
        switch scan {
        case .notNumeric:
            return nil
        case .badTime(let reason):
            return ValueError("\(quoted) \(reason)", valid: (self == .iso ? DateFormat.us : self).pattern)
        case .numeric(let a, let b, let year, let separator, _):
            let slash = separator == UInt8(ascii: "/")
            let asUS = slash ? Self.date(year: year, month: a, day: b) : nil
            let asEU = Self.date(year: year, month: b, day: a)
            func reading(_ d: CalendarDate) -> String { "\(Self.monthNames[d.month - 1]) \(d.day), \(d.year)" }
            switch self {
            case .iso:
                switch (asUS, asEU) {
                case let (us?, eu?) where us != eu:
                    return ValueError("\(quoted) is ambiguous: \(reading(us)) as MM/DD/YYYY, \(reading(eu)) as DD/MM/YYYY",
                                      valid: "\(setting.naming(.us)) or \(setting.naming(.eu)) to say which, or ISO dates such as 2025-10-08T13:05")
                case (let us?, _):
                    if asEU != nil {
                        return ValueError("\(quoted) is a numeric date (MM/DD/YYYY or DD/MM/YYYY), not ISO",
                                          valid: "\(setting.naming(.us)) or \(setting.naming(.eu)) (both read it as \(reading(us)))")
                    }
                    return ValueError("\(quoted) is a US date (MM/DD/YYYY: \(reading(us))), not ISO", valid: setting.naming(.us))
                case (nil, let eu?):
                    return ValueError("\(quoted) is a day-first date (\(slash ? "DD/MM/YYYY" : "DD.MM.YYYY"): \(reading(eu))), not ISO",
                                      valid: setting.naming(.eu))
                case (nil, nil):
                    return ValueError("\(quoted) is not a calendar date as MM/DD/YYYY or as DD/MM/YYYY",
                                      valid: "\(DateFormat.us.pattern) with \(setting.naming(.us)), or \(DateFormat.eu.pattern) with \(setting.naming(.eu))")
                }
            case .us:
                if !slash {
                    return ValueError("\(quoted) is a DD.MM.YYYY date, not MM/DD/YYYY",
                                      valid: asEU == nil ? DateFormat.us.pattern : setting.naming(.eu))
                }
                if asUS != nil { return nil }
                if let eu = asEU {
                    return ValueError("\(quoted) is not MM/DD/YYYY (there is no month \(a)); as DD/MM/YYYY it is \(reading(eu))",
                                      valid: setting.naming(.eu))
                }
                return ValueError("\(quoted) is not a calendar date as MM/DD/YYYY", valid: DateFormat.us.pattern)
            case .eu:
                if asEU != nil { return nil }
                if let us = asUS {
                    return ValueError("\(quoted) is not DD/MM/YYYY (there is no month \(b)); as MM/DD/YYYY it is \(reading(us))",
                                      valid: setting.naming(.us))
                }
                return ValueError("\(quoted) is not a calendar date as DD/MM/YYYY", valid: DateFormat.eu.pattern)
            }
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    static func date(year: Int, month: Int, day: Int) -> CalendarDate? {
        guard (1900...2999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let date = CalendarDate(year: year, month: month, day: day)
        return CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date ? date : nil
    }

    /// Reads `A/B/YYYY` or `A.B.YYYY` (1 or 2 digits each for A and B), then optionally a comma,
    /// spaces and `h:mm[:ss[.fff]]` with an optional `AM`/`PM`.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Scan {
        var at = 0
        func number(maxDigits: Int) -> (value: Int, digits: Int)? {
            var value = 0, count = 0
            while at < b.count, count < maxDigits, b[at] >= 48, b[at] <= 57 {
                value = value * 10 + Int(b[at] - 48)
                at += 1
                count += 1
            }
            return count == 0 ? nil : (value, count)
        }
        func skip(_ byte: UInt8) -> Bool {
            guard at < b.count, b[at] == byte else { return false }
            at += 1
            return true
        }
        guard let first = number(maxDigits: 2), at < b.count else { return .notNumeric }
        let separator = b[at]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: "."), skip(separator),
              let middle = number(maxDigits: 2), skip(separator),
              let year = number(maxDigits: 4), year.digits == 4, at == b.count || !(b[at] >= 48 && b[at] <= 57)
        else { return .notNumeric }
        let date = Scan.numeric(first: first.value, second: middle.value, year: year.value, separator: separator, secondsOfDay: 0)
        if at == b.count { return date }
        _ = skip(UInt8(ascii: ","))
        var spaces = 0
        while skip(UInt8(ascii: " ")) { spaces += 1 }
        if spaces == 0, !skip(UInt8(ascii: "T")) { return .badTime("has text after the date that is not a time") }
        if at == b.count { return date }
        guard let hour = number(maxDigits: 2), skip(UInt8(ascii: ":")), let minute = number(maxDigits: 2), minute.digits == 2 else {
            return .badTime("has a malformed time (expected h:mm, h:mm:ss or h:mm AM/PM after the date)")
        }
        var second = 0
        if skip(UInt8(ascii: ":")) {
            guard let s = number(maxDigits: 2), s.digits == 2 else { return .badTime("has malformed seconds") }
            second = s.value
            if skip(UInt8(ascii: ".")) { while at < b.count, b[at] >= 48, b[at] <= 57 { at += 1 } }
        }
        while skip(UInt8(ascii: " ")) {}
        var hour24 = hour.value
        if at < b.count {
            let rest = String(decoding: UnsafeBufferPointer(rebasing: b[at...]), as: UTF8.self).uppercased()
            guard rest == "AM" || rest == "PM" else {
                return .badTime("has '\(String(decoding: UnsafeBufferPointer(rebasing: b[at...]), as: UTF8.self))' after the time (expected AM, PM or nothing)")
            }
            guard (1...12).contains(hour.value) else {
                return .badTime("has the hour \(hour.value) with \(rest) (a 12-hour clock runs 1…12)")
            }
            // 12 AM is midnight, 12 PM noon.
            hour24 = hour.value % 12 + (rest == "PM" ? 12 : 0)
        }
        guard hour24 < 24, minute.value < 60, second < 60 else { return .badTime("has a time outside 00:00–23:59:59") }
        return .numeric(first: first.value, second: middle.value, year: year.value, separator: separator,
                        secondsOfDay: hour24 * 3600 + minute.value * 60 + second)
    }
}
