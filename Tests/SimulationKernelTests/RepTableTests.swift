@testable import SimulationKernel
import RandomStreams
import RoutingRules
import SimulationModel
import Testing

/// Why the rep table rules a rep out, in SPEC §2 order.
@Suite struct RepTableTests {
    private static let day: Instant = 86_400

    /// One rep on shift 9:00–17:00 on days 0 and 1, with the given absence, hire date and caps.
    private func table(capacity: Int = 2, perDay: Int? = nil, daysOff: [Interval] = [],
                       activeFrom: Instant = 0) -> RepTable {
        let shifts = [Interval(start: 9 * 3600, end: 17 * 3600), Interval(start: Self.day + 9 * 3600, end: Self.day + 17 * 3600)]
        let calendar = RepCalendar(shifts: shifts, daysOff: daysOff, activeFrom: activeFrom, midnights: [0, Self.day, 2 * Self.day])
        let rep = Rep(name: "ana", team: "t", timeZone: "UTC", schedule: WeeklySchedule(windows: []),
                      capacityOpen: capacity, capacityPerDay: perDay)
        return RepTable(reps: [rep], calendars: [calendar], touchDelay: [Sampler(rep.touchDelay)],
                        handleTime: [Sampler(rep.handleTime)], start: 0)
    }

    @Test func onShiftAndUnderItsCapsARepIsEligible() {
        #expect(table().ineligibility(0, at: 10 * 3600, offShiftAllowed: false) == nil)
    }

    @Test func offShiftUnlessTheQueueAssignsOffShift() {
        let reps = table()
        #expect(reps.ineligibility(0, at: 8 * 3600, offShiftAllowed: false) == .offShift)
        #expect(reps.ineligibility(0, at: 8 * 3600, offShiftAllowed: true) == nil)
        #expect(reps.ineligibility(0, at: 17 * 3600, offShiftAllowed: false) == .offShift)
    }

    @Test func atItsOpenCapUntilASlotFrees() {
        let reps = table(capacity: 2)
        reps.noteAssignment(0, at: 10 * 3600)
        #expect(reps.ineligibility(0, at: 10 * 3600, offShiftAllowed: false) == nil)
        reps.noteAssignment(0, at: 10 * 3600)
        #expect(reps.ineligibility(0, at: 10 * 3600, offShiftAllowed: false) == .atOpenCap)
        reps.open[0] -= 1
        #expect(reps.ineligibility(0, at: 10 * 3600, offShiftAllowed: false) == nil)
    }

    @Test func atItsDailyCapUntilTheNextLocalDay() {
        let reps = table(capacity: 10, perDay: 1)
        reps.noteAssignment(0, at: 10 * 3600)
        reps.open[0] -= 1
        #expect(reps.ineligibility(0, at: 11 * 3600, offShiftAllowed: false) == .atDailyCap)
        #expect(reps.ineligibility(0, at: Self.day + 10 * 3600, offShiftAllowed: false) == nil)
    }

    @Test func absentOnADayOffEvenWhereOffShiftIsAllowed() {
        let reps = table(daysOff: [Interval(start: 0, end: Self.day)])
        #expect(reps.ineligibility(0, at: 10 * 3600, offShiftAllowed: true) == .absent)
        #expect(reps.ineligibility(0, at: Self.day + 10 * 3600, offShiftAllowed: false) == nil)
    }

    @Test func inactiveBeforeTheHireDateThenEligible() {
        let reps = table(activeFrom: Self.day)
        #expect(reps.ineligibility(0, at: 10 * 3600, offShiftAllowed: true) == .inactive)
        #expect(reps.ineligibility(0, at: Self.day + 10 * 3600, offShiftAllowed: false) == nil)
    }

    @Test func calendarReasonsComeBeforeCaps() {
        let reps = table(capacity: 1)
        reps.noteAssignment(0, at: 10 * 3600)
        #expect(reps.ineligibility(0, at: 10 * 3600, offShiftAllowed: false) == .atOpenCap)
        #expect(reps.ineligibility(0, at: 18 * 3600, offShiftAllowed: false) == .offShift)
    }
}
