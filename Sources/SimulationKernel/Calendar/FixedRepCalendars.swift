import RoutingRules
import SimulationModel

/// Each rep's calendar as the scenario fixes it (schedule, holidays, `absent`, hire date), over
/// a span of time and without any replication's random days off: whether a rep could take a
/// lead created at a given instant. `leadsim route --scenario` asks it for each lead's `created_at`.
public struct FixedRepCalendars: Sendable {
    private let calendars: [RepCalendar]

    /// Calendars of `reps` (in this order) covering [from, to].
    public init(scenario: Scenario, reps: [Rep], from: Instant, to: Instant) {
        let (start, end) = (from - 86_400, to + 86_400)
        calendars = reps.map {
            RepCalendarTemplate(rep: $0, holidays: scenario.holidays(ofTeam: $0.team), from: start, to: end)
                .calendar(randomDaysOff: [], from: start, to: end)
        }
    }

    /// On-shift seconds of rep `rep` inside [from, to): the clock its touch delay runs on.
    public func onShiftSeconds(ofRep rep: Int, from: Instant, to: Instant) -> Double {
        calendars[rep].onShiftSeconds(from: from, to: to)
    }

    /// Why rep `rep` could not take a lead at `t` for reasons of time (nil: it is on shift).
    public func ineligibility(ofRep rep: Int, at t: Instant) -> Ineligibility? {
        let calendar = calendars[rep]
        if t < calendar.activeFrom { return .inactive }
        if calendar.daysOff.contains(where: { $0.start <= t && t < $0.end }) { return .absent }
        return calendar.shiftStart(containing: t) == nil ? .offShift : nil
    }
}
