/// One shift a team can hire for (`leadsim shifts --templates SHIFTS.yaml`, SPEC §9): a weekly
/// schedule in a zone and what a rep on it costs per week.
public struct ShiftTemplate: Hashable, Sendable {
    public var name: String
    public var schedule: WeeklySchedule
    /// IANA zone of the schedule (nil: the team's).
    public var timeZone: String?
    /// Cost per rep per week (default: the paid hours, `schedule.weeklyHours`).
    public var cost: Double

    public init(name: String, schedule: WeeklySchedule, timeZone: String? = nil, cost: Double? = nil) {
        self.name = name
        self.schedule = schedule
        self.timeZone = timeZone
        self.cost = cost ?? schedule.weeklyHours
    }
}
