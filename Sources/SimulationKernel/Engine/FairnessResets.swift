import RoutingRules
import SimulationModel

/// When the fairness state of the queues with `fairness.reset` is cleared (SPEC §7): the
/// scenario-local midnights (daily), Mondays 00:00 (weekly) or first days of the month 00:00
/// (monthly) of the run.
///
/// The routing core knows no time; the replication asks ``due(at:_:)`` before each pick, which
/// costs one comparison until the next reset instant, and `+∞` when no queue resets.
struct FairnessResets {
    private struct Schedule {
        let queue: Int
        let instants: [Instant]
        var next = 0
    }

    private var schedules: [Schedule]
    /// The earliest reset instant not yet applied (+∞: none).
    private(set) var nextInstant: Instant = .infinity

    /// The reset instants of `rules`' queues over (from, to], in the scenario's zone.
    init(rules: CompiledRuleSet, timeZone: String, from: Instant, to: Instant) {
        let zone = ZoneClock(identifier: timeZone)
        let firstDay = zone.date(at: from).daysSinceEpoch, lastDay = zone.date(at: to).daysSinceEpoch
        schedules = rules.queues.indices.compactMap { q in
            let reset = rules.queues[q].fairnessReset
            guard reset != .never, !rules.queues[q].isAutomated else { return nil }
            let days = (firstDay...lastDay).map(CalendarDate.init(daysSinceEpoch:)).filter { date in
                switch reset {
                case .never: return false
                case .daily: return true
                case .weekly: return date.weekday == 0
                case .monthly: return date.day == 1
                }
            }
            let instants = days.map { zone.instant(date: $0, minutes: 0) }.filter { $0 > from && $0 <= to }
            return instants.isEmpty ? nil : Schedule(queue: q, instants: instants)
        }
        nextInstant = schedules.map { $0.instants[0] }.min() ?? .infinity
    }

    /// Calls `reset` with each queue whose next reset instant is at or before `now` (once per
    /// queue, however many instants passed), and moves past those instants.
    mutating func due(at now: Instant, _ reset: (Int) -> Void) {
        nextInstant = .infinity
        for i in schedules.indices {
            var schedule = schedules[i]
            if schedule.next < schedule.instants.count && schedule.instants[schedule.next] <= now {
                reset(schedule.queue)
                while schedule.next < schedule.instants.count && schedule.instants[schedule.next] <= now { schedule.next += 1 }
                schedules[i] = schedule
            }
            if schedule.next < schedule.instants.count { nextInstant = min(nextInstant, schedule.instants[schedule.next]) }
        }
    }
}
