import Foundation
import SimulationModel

/// When a queue's leads arrive with none of its reps on shift, derived from the week's
/// structure (rep schedules and zones, team and scenario holidays, the sources' arrival
/// patterns), not from a sampled run: a gap is reported once, as people say it
/// ("weekdays 17:00–09:00 and weekends"), whatever the seed.
enum CoverageGaps {
    /// Scenario-local hours of the week (Monday 00:00 = 0) in which some source can send leads.
    static func arrivalHours(_ scenario: Scenario) -> Set<Int> {
        var hours: Set<Int> = []
        let zone = TimeZone(identifier: scenario.timeZone) ?? TimeZone(identifier: "UTC")!
        for source in scenario.sources {
            if let replay = source.replay {
                for lead in replay.leads { hours.insert(RuleLinter.hourOfWeek(lead.createdAt, zone: zone)) }
                continue
            }
            guard source.weeklyVolume > 0 else { continue }
            switch source.pattern {
            case .flat: return Set(0..<168)
            case .businessHours: hours.formUnion(RuleLinter.scheduleHours(scenario.businessHours, shiftMinutes: 0))
            case .hourly(let hourly, let weekdays):
                for d in 0..<7 where weekdays[d] > 0 { for h in 0..<24 where hourly[h] > 0 { hours.insert(d * 24 + h) } }
            case .hourOfWeek(let weights):
                for h in weights.indices where weights[h] > 0 { hours.insert(h) }
            }
        }
        return hours
    }

    /// Days of the run on which every one of `reps` is off for a holiday, and leads can arrive
    /// (some arrival hour falls on that weekday).
    static func holidaysWithNobody(_ reps: [Rep], scenario: Scenario, arrivals: Set<Int>) -> [CalendarDate] {
        let teams = Dictionary(scenario.teams.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let holidaySets = reps.map { Set(teams[$0.team]?.holidays ?? scenario.holidays) }
        let first = Int((scenario.start / 86_400).rounded(.down))
        let last = Int(((scenario.start + scenario.warmup + scenario.horizon) / 86_400).rounded(.down))
        let candidates = Set(holidaySets.flatMap { $0 }).filter { (first...last).contains($0.daysSinceEpoch) }
        return candidates.filter { day in
            let weekday = ((day.daysSinceEpoch + 3) % 7 + 7) % 7
            guard (0..<24).contains(where: { arrivals.contains(weekday * 24 + $0) }) else { return false }
            return holidaySets.allSatisfy { $0.contains(day) }
        }.sorted { $0.daysSinceEpoch < $1.daysSinceEpoch }
    }

    /// `weekdays 17:00–09:00 and weekends`: hours of the week grouped by days that share the
    /// same hours, each group's hours as time-of-day ranges (wrapping past midnight).
    static func describe(_ hours: Set<Int>) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let perDay = (0..<7).map { d in Set((0..<24).filter { hours.contains(d * 24 + $0) }) }
        var groups: [(days: [Int], hours: Set<Int>)] = []
        for d in 0..<7 where !perDay[d].isEmpty {
            if let g = groups.firstIndex(where: { $0.hours == perDay[d] }) { groups[g].days.append(d) } else { groups.append(([d], perDay[d])) }
        }
        func dayNames(_ days: [Int]) -> String {
            switch days {
            case [0, 1, 2, 3, 4]: return "weekdays"
            case [5, 6]: return "weekends"
            case [0, 1, 2, 3, 4, 5, 6]: return "every day"
            default:
                // A run of three or more days, also across Sunday (Sun–Thu).
                let set = Set(days)
                if days.count > 2, let first = days.first(where: { !set.contains(($0 + 6) % 7) }),
                   (0..<days.count).allSatisfy({ set.contains((first + $0) % 7) }) {
                    return "\(names[first])–\(names[(first + days.count - 1) % 7])"
                }
                return days.map { names[$0] }.joined(separator: ", ")
            }
        }
        func ranges(_ set: Set<Int>) -> String {
            if set.count == 24 { return "" }
            // Start each range at an hour whose previous hour is not in the set (circularly).
            let starts = set.filter { !set.contains(($0 + 23) % 24) }.sorted()
            return starts.map { start in
                var end = start
                while set.contains((end + 1) % 24) { end = (end + 1) % 24 }
                return String(format: "%02d:00–%02d:00", start, (end + 1) % 24)
            }.joined(separator: ", ")
        }
        return groups.map { group in
            let when = ranges(group.hours)
            let days = dayNames(group.days)
            return when.isEmpty ? days + (["weekends", "every day"].contains(days) ? "" : " all day") : "\(days) \(when)"
        }.joined(separator: " and ")
    }
}
