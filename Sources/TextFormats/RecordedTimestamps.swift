import SimulationModel

/// `ValueSyntax.recordedTimestamp` for many cells of one file: the same instants, read from
/// UTF-8 bytes without a `String` per cell, and the zone's UTC offset looked up once per local day.
///
/// The usual CRM forms (`2025-10-01`, `2025-10-01T14:23`, `2025-10-01 14:23:11.000Z`,
/// `…+02:00`, `…+0200`) are read here; anything else, including every malformed cell,
/// goes to `ValueSyntax.recordedTimestamp`, which gives its instant or its error.
public struct RecordedTimestamps {
    /// Zone for timestamps without an offset.
    public let zone: String
    /// How numeric dates (`10/08/2025 1:05 PM`) are read.
    public let format: DateFormat
    /// How a refused date names the format to use.
    public let setting: DateFormat.Setting
    /// Local day → the zone's offset on that day (local − UTC), nil when it changes that day.
    private var offsets: [Int: Double?] = [:]

    public init(zone: String, format: DateFormat = .iso, setting: DateFormat.Setting = .key) {
        self.zone = zone
        self.format = format
        self.setting = setting
    }

    /// The instant of the timestamp in `bytes`.
    /// - Throws: `ValueError` as `ValueSyntax.recordedTimestamp` does.
    public mutating func instant(_ bytes: UnsafeBufferPointer<UInt8>) throws(ValueError) -> Instant {
        if let parsed = Self.parse(bytes) {
            if let offset = parsed.offset { return parsed.localSeconds - offset }
            return local(parsed.localSeconds, day: parsed.day)
        }
        if let numeric = format.localTime(bytes) { return local(numeric.localSeconds, day: numeric.day) }
        return try instant(String(decoding: bytes, as: UTF8.self))
    }

    /// The instant of `text` (a cell that is not verbatim bytes), read as `instant(_:)` reads bytes.
    public func instant(_ text: String) throws(ValueError) -> Instant {
        try ValueSyntax.recordedTimestamp(text, zone: zone, format: format, setting: setting)
    }

    private mutating func local(_ seconds: Double, day: Int) -> Instant {
        let offset: Double?
        if let known = offsets[day] {
            offset = known
        } else {
            let start = Double(day) * 86_400, end = start + 86_399
            let first = start - ValueSyntax.instant(localSeconds: start, in: zone)
            let last = end - ValueSyntax.instant(localSeconds: end, in: zone)
            offset = first == last ? first : nil
            offsets[day] = offset
        }
        if let offset { return seconds - offset }
        return ValueSyntax.instant(localSeconds: seconds, in: zone)
    }

    private struct Parsed {
        var localSeconds: Double
        var day: Int
        /// Seconds east of UTC, when the text gives them.
        var offset: Double?
    }

    /// The common forms, or nil to leave the text to `ValueSyntax.recordedTimestamp`.
    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var value = 0
            for i in at..<(at + count) {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        func byte(_ at: Int) -> UInt8? { at < b.count ? b[at] : nil }
        guard let year = digits(0, 4), byte(4) == UInt8(ascii: "-"), let month = digits(5, 2), byte(7) == UInt8(ascii: "-"),
              let dayOfMonth = digits(8, 2), (1900...2999).contains(year) else { return nil }
        let date = CalendarDate(year: year, month: month, day: dayOfMonth)
        let day = date.daysSinceEpoch
        guard (1...12).contains(month), dayOfMonth >= 1, CalendarDate(daysSinceEpoch: day) == date else { return nil }
        if b.count == 10 { return Parsed(localSeconds: Double(day) * 86_400, day: day) }
        guard let separator = byte(10), separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
              let hour = digits(11, 2), byte(13) == UInt8(ascii: ":"), let minute = digits(14, 2), hour < 24, minute < 60 else { return nil }
        var at = 16, second = 0
        if byte(at) == UInt8(ascii: ":") {
            guard let s = digits(at + 1, 2), s < 60 else { return nil }
            second = s
            at += 3
            if byte(at) == UInt8(ascii: ".") {
                at += 1
                while let c = byte(at), c >= 48, c <= 57 { at += 1 }
            }
        }
        let localSeconds = Double(day * 86_400 + hour * 3600 + minute * 60 + second)
        guard let sign = byte(at) else { return Parsed(localSeconds: localSeconds, day: day) }
        if (sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z")), at + 1 == b.count {
            return Parsed(localSeconds: localSeconds, day: day, offset: 0)
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let h = digits(at + 1, 2), h <= 14 else { return nil }
        var m = 0
        switch b.count - at {
        case 3: break
        case 5: guard let mm = digits(at + 3, 2) else { return nil }; m = mm
        case 6: guard byte(at + 3) == UInt8(ascii: ":"), let mm = digits(at + 4, 2) else { return nil }; m = mm
        default: return nil
        }
        guard m < 60 else { return nil }
        let offset = Double(h * 3600 + m * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return Parsed(localSeconds: localSeconds, day: day, offset: offset)
    }
}
