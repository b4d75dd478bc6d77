import TextFormats

extension FileFormat {
    /// A shift template of `SHIFTS.yaml`.
    static let shiftTemplate = ObjectFormat("a shift template", [
        KeyFormat("name", .text, "The template's name (unique), e.g. early or weekend.", required: true),
        KeyFormat("schedule", .syntax(.schedule), "When a rep on this shift works, e.g. 'Mon-Fri 08:00-16:00'.", required: true),
        KeyFormat("timezone", .syntax(.timeZone), "The zone of the schedule (default: the team's)."),
        KeyFormat("cost", .number(minimum: 0), "Cost of one rep on this shift per week (default: its paid hours per week)."),
    ])

    /// The root of `SHIFTS.yaml` (SPEC §9).
    static let shifts = ObjectFormat("a shift templates file", [
        KeyFormat("templates", .list(.object(shiftTemplate), minimum: 1), "The shifts reps can be hired on.", required: true),
    ])
}
