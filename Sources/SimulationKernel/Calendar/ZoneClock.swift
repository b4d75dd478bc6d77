import Foundation
import SimulationModel

/// Converts between UTC instants and local wall-clock time in one IANA zone, DST-correct.
///
/// Used only while laying out calendars (shifts, business hours, arrival segments), never
/// per event: the simulation works on precomputed UTC intervals.
struct ZoneClock: Sendable {
    let zone: TimeZone

    init(identifier: String) {
        // The loader has validated the identifier; UTC is a safe fallback for tests.
        zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
    }

    /// Offset from UTC in seconds at `instant`.
    func offset(at instant: Instant) -> Double {
        Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
    }

    /// The UTC instant of a local wall-clock time given as seconds since local 1970-01-01 00:00.
    ///
    /// In a spring-forward gap the time is read with the offset before the change (so 02:30
    /// becomes 03:30); in a fall-back overlap the earlier instant is used.
    func instant(localSeconds local: Double) -> Instant {
        let before = offset(at: local - 86_400 / 2)
        let after = offset(at: local + 86_400 / 2)
        if before == after { return local - before }
        // Around a transition: try the earlier offset first (earlier instant in an overlap).
        let first = local - max(before, after)
        if offset(at: first) == max(before, after) { return first }
        let second = local - min(before, after)
        if offset(at: second) == min(before, after) { return second }
        return local - before
    }

    /// The UTC instant of local `time` on `date`.
    func instant(date: CalendarDate, minutes: Int) -> Instant {
        instant(localSeconds: Double(date.daysSinceEpoch) * 86_400 + Double(minutes) * 60)
    }

    /// The local calendar date at `instant`.
    func date(at instant: Instant) -> CalendarDate {
        let local = instant + offset(at: instant)
        return CalendarDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }
}

/// A half-open interval of UTC instants.
struct Interval: Hashable, Sendable {
    var start: Instant
    var end: Instant
}

/// One on-shift piece of a local day (a window split at local midnight).
struct DayPiece: Sendable {
    /// Local day (days since 1970-01-01 in the zone) the piece belongs to.
    var day: Int
    var interval: Interval
}

extension WeeklySchedule {
    /// The on-shift pieces of this schedule in `clock`'s zone overlapping [from, to), split at
    /// local midnights and tagged with their local day, skipping days for which `offDay` holds.
    func pieces(clock: ZoneClock, from: Instant, to: Instant, offDay: (Int) -> Bool) -> [DayPiece] {
        let firstDay = clock.date(at: from).daysSinceEpoch - 1
        let lastDay = clock.date(at: to).daysSinceEpoch + 1
        var pieces: [DayPiece] = []
        for day in firstDay...lastDay {
            let date = CalendarDate(daysSinceEpoch: day)
            if always {
                if !offDay(day) {
                    pieces.append(DayPiece(day: day, interval: Interval(
                        start: clock.instant(date: date, minutes: 0), end: clock.instant(date: date, minutes: 1440))))
                }
                continue
            }
            for window in windows where window.weekdays.contains(date.weekday) {
                let endMinutes = window.start.minutes + window.lengthMinutes
                var segStart = window.start.minutes
                // Overnight windows are split at local midnight: each piece follows its own day.
                while segStart < endMinutes {
                    let segEnd = min(endMinutes, (segStart / 1440 + 1) * 1440)
                    let pieceDay = day + segStart / 1440
                    if !offDay(pieceDay) {
                        pieces.append(DayPiece(day: pieceDay, interval: Interval(
                            start: clock.instant(date: date, minutes: segStart),
                            end: clock.instant(date: date, minutes: segEnd))))
                    }
                    segStart = segEnd
                }
            }
        }
        return pieces.filter { $0.interval.end > from && $0.interval.start < to }
    }
}

/// Sorts, merges touching or overlapping intervals, and clips them to [from, to).
func mergedAndClipped(_ pieces: [Interval], from: Instant, to: Instant) -> [Interval] {
    let sorted = pieces.filter { $0.end > $0.start }.sorted { $0.start < $1.start }
    var merged: [Interval] = []
    for piece in sorted {
        if let last = merged.last, piece.start <= last.end {
            merged[merged.count - 1].end = max(last.end, piece.end)
        } else {
            merged.append(piece)
        }
    }
    return merged.compactMap { interval in
        let s = max(interval.start, from), e = min(interval.end, to)
        return e > s ? Interval(start: s, end: e) : nil
    }
}
