import SimulationModel
import TextFormats
import Yams

/// Loads `SHIFTS.yaml` (`templates: [{name, schedule, timezone?, cost?}]`, SPEC §9) with
/// `file:line:col` diagnostics, from the `FileFormat.shifts` table like the other files.
public enum ShiftTemplateLoader {
    /// Reads and loads the file at `path`.
    /// - Throws: `LoadFailure` with every problem found, each with its line.
    public static func load(path: String) throws(LoadFailure) -> [ShiftTemplate] {
        try load(yaml: ScenarioLoader.readFile(path), file: path)
    }

    /// Loads templates from YAML text; `file` names it in diagnostics.
    public static func load(yaml: String, file: String) throws(LoadFailure) -> [ShiftTemplate] {
        let r = DocumentReader(file: file, yaml: yaml)
        let templates = read(r, yaml)
        guard let templates, !r.hasErrors else { throw r.failure(what: "shift templates file") }
        return templates
    }

    static func read(_ r: DocumentReader, _ yaml: String) -> [ShiftTemplate]? {
        guard let root = r.root(yaml, expecting: "shift templates (templates: [{name, schedule}])"),
              let top = r.map(root, "", FileFormat.shifts), let list = top["templates"],
              let items = r.list(list, "templates", what: "shift templates") else { return nil }
        if items.isEmpty { r.error(list, "templates", "no shift template", valid: "at least one {name, schedule}") }
        var templates: [ShiftTemplate] = []
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let path = "templates[\(i)]"
            guard let m = r.map(item, path, FileFormat.shiftTemplate) else { continue }
            let name = m["name"].flatMap { r.text($0, m.path("name")) }
            if let name, !seen.insert(name).inserted, let node = m["name"] {
                r.error(node, m.path("name"), "duplicate shift template '\(name)'", valid: "unique template names")
            }
            let schedule = m["schedule"].flatMap { r.parse($0, m.path("schedule"), what: "a schedule", ValueSyntax.schedule) }
            let zone = m["timezone"].flatMap { r.parse($0, m.path("timezone"), what: "a time zone", ValueSyntax.timeZone) }
            if m.has("timezone") && zone == nil { continue }
            var cost: Double?
            if let node = m["cost"] {
                guard let value = r.number(node, m.path("cost"), minimum: 0, what: "a cost per week") else { continue }
                cost = value
            }
            if let name, let schedule {
                if schedule.weeklyHours == 0, let node = m["schedule"] {
                    r.error(node, m.path("schedule"), "the schedule has no working hours", valid: ValueSyntax.Kind.schedule.valid)
                }
                templates.append(ShiftTemplate(name: name, schedule: schedule, timeZone: zone, cost: cost))
            }
        }
        return templates
    }
}
