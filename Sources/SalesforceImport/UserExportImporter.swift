import ScenarioFile
import SimulationModel
import TextFormats

/// A Salesforce User export (Data Loader API names or a report's labels) as reps to paste into a
/// scenario: what `leadsim import salesforce-users` writes.
public struct ImportedUsers: Sendable {
    /// `teams:` and `reps:` YAML.
    public var yaml: String
    /// The active users' reps, in file order.
    public var reps: [(name: String, team: String, timezone: String?)]
    /// Inactive users left out, by the name they would have had.
    public var inactive: [String]
    /// Unreadable time zones, a missing team column, users left out … (never errors).
    public var warnings: [Diagnostic]
}

/// Reads a User export: a rep per active user, named by the e-mail's local part as `import
/// salesforce` names users (`jane.doe@…` → `jane-doe`), `timezone` from `TimeZoneSidKey`, `team`
/// from the role (or `teamColumn`); inactive users are left out and listed.
public enum UserExportImporter {
    /// Columns by role: the API name first, then the labels report exports use (compared without case).
    static let columns: [(role: String, names: [String])] = [
        ("email", ["Email", "E-mail"]),
        ("username", ["Username", "User Name"]),
        ("timezone", ["TimeZoneSidKey", "Time Zone"]),
        ("active", ["IsActive", "Active"]),
        ("role", ["UserRole.Name", "Role", "UserRole", "Role Name"]),
    ]

    /// Reads `csv` (named `file` in diagnostics).
    /// - Parameter teamColumn: the column whose value is each rep's team (default: the role).
    /// - Throws: `LoadFailure` with every problem: no e-mail or user-name column, a named team
    ///   column that is not there (did-you-mean), a bad CSV record, a row without an e-mail or user name.
    public static func importUsers(csv: String, file: String, teamColumn: String? = nil) throws(LoadFailure) -> ImportedUsers {
        var problems: [Diagnostic] = [], warnings: [Diagnostic] = []
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        func diagnostic(_ severity: Diagnostic.Severity, _ line: Int, _ row: Int?, _ message: String, valid: String? = nil,
                        suggestion: String? = nil) -> Diagnostic {
            Diagnostic(severity: severity, file: file, line: line, column: 0, keyPath: row.map { "row \($0)" } ?? "", message: message,
                       valid: valid, suggestion: suggestion,
                       sourceLine: line >= 1 && line <= lines.count ? String(lines[line - 1]).trimmingTrailingCR : nil)
        }
        let records = CSV.records(csv)
        guard case .success(let headerRow)? = records.first else {
            let problem = records.first.flatMap { if case .failure(let p) = $0 { return p } else { return nil } }
            throw LoadFailure(diagnostics: [diagnostic(.error, problem?.line ?? 1, nil, problem.map { "header: \($0.message)" } ?? "'\(file)' is empty",
                                                       valid: "a User export with Email (or Username), TimeZoneSidKey, IsActive and UserRole.Name")])
        }
        let header = headerRow.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        func index(_ role: String) -> Int? {
            let names = columns.first { $0.role == role }!.names.map { $0.lowercased() }
            return header.firstIndex { names.contains($0.lowercased()) }
        }
        let email = index("email"), username = index("username"), zone = index("timezone"), active = index("active")
        if email == nil, username == nil {
            problems.append(diagnostic(.error, 1, nil, "'\(file)' has no Email or Username column", valid: "one of " + Suggestions.list(header, quoted: true)
                + " named Email or Username", suggestion: Suggestions.closest(to: "Email", in: header)))
        }
        var team: Int?
        if let teamColumn {
            team = header.firstIndex(of: teamColumn) ?? header.firstIndex { $0.lowercased() == teamColumn.lowercased() }
            if team == nil {
                problems.append(diagnostic(.error, 1, nil, "'\(file)' has no column '\(teamColumn)' (--team-column)",
                                           valid: Suggestions.list(header, quoted: true), suggestion: Suggestions.closest(to: teamColumn, in: header)))
            }
        } else {
            team = index("role")
            if team == nil {
                warnings.append(diagnostic(.warning, 1, nil, "no role column (UserRole.Name, Role): every rep is in team '\(ImportSession.usersTeam)'",
                                           valid: "--team-column COLUMN"))
            }
        }
        if zone == nil { warnings.append(diagnostic(.warning, 1, nil, "no TimeZoneSidKey column: the reps keep the scenario's time zone")) }
        if active == nil { warnings.append(diagnostic(.warning, 1, nil, "no IsActive column: every user is taken as active")) }
        guard problems.isEmpty else { throw LoadFailure(diagnostics: problems) }

        var reps: [(name: String, team: String, timezone: String?)] = [], notes: [String] = [], inactive: [String] = []
        for (number, record) in records.dropFirst().enumerated() {
            let row = number + 1
            let cells: [String], line: Int
            switch record {
            case .failure(let problem):
                problems.append(diagnostic(.error, problem.line, row, problem.message))
                continue
            case .success(let read):
                (cells, line) = (read.cells.map { $0.trimmingCharacters(in: .whitespaces) }, read.line)
            }
            guard cells.count == header.count else {
                problems.append(diagnostic(.error, line, row, "\(cells.count) cells, the header has \(header.count)"))
                continue
            }
            let user = [email, username].compactMap { $0.map { cells[$0] } }.first { !$0.isEmpty }
            guard let user else {
                problems.append(diagnostic(.error, line, row, "no e-mail or user name", valid: "an Email or Username in every row"))
                continue
            }
            let name = ImportSession.slug(String(user.split(separator: "@").first ?? Substring(user)))
            if let active, ["false", "0", "no"].contains(cells[active].lowercased()) {
                inactive.append(name)
                continue
            }
            if reps.contains(where: { $0.name == name }) {
                warnings.append(diagnostic(.warning, line, row, "'\(user)' would be the rep '\(name)' again; left out", valid: "distinct e-mail local parts"))
                continue
            }
            var timezone: String?
            if let zone, !cells[zone].isEmpty {
                timezone = Self.zone(cells[zone])
                if timezone == nil {
                    warnings.append(diagnostic(.warning, line, row, "time zone '\(cells[zone])' of '\(user)' is not an IANA zone; the rep keeps the scenario's"))
                }
            }
            let teamName = team.map { ImportSession.slug(cells[$0]) }.flatMap { $0.isEmpty ? nil : $0 } ?? ImportSession.usersTeam
            reps.append((name, teamName, timezone))
            notes.append(user + (team.map { cells[$0].isEmpty ? "" : ", \(header[$0]) \(cells[$0])" } ?? ""))
        }
        guard problems.isEmpty else { throw LoadFailure(diagnostics: problems) }
        if !inactive.isEmpty {
            warnings.append(diagnostic(.warning, 0, nil, "\(inactive.count) inactive user\(inactive.count == 1 ? "" : "s") left out: "
                                       + Suggestions.sample(inactive, shown: 20)))
        }
        return ImportedUsers(yaml: yaml(reps, notes: notes, inactive: inactive, file: file), reps: reps, inactive: inactive, warnings: warnings)
    }

    /// An IANA zone from `TimeZoneSidKey` (`America/Los_Angeles`) or a report's label
    /// (`(GMT-08:00) Pacific Standard Time (America/Los_Angeles)`); nil when neither.
    static func zone(_ text: String) -> String? {
        var candidate = text
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            candidate = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        }
        return try? ValueSyntax.timeZone(candidate)
    }

    static func yaml(_ reps: [(name: String, team: String, timezone: String?)], notes: [String], inactive: [String], file: String) -> String {
        var teams: [String] = []
        for rep in reps where !teams.contains(rep.team) { teams.append(rep.team) }
        var out = ["# Reps from the Salesforce User export \(file): one per active user (name from the e-mail),",
                   "# timezone from TimeZoneSidKey, team from the role. Paste into a scenario and give each a schedule."]
        if !inactive.isEmpty { out.append("# Inactive users left out: " + inactive.joined(separator: ", ") + ".") }
        out.append("teams:")
        out += teams.map { "  - name: \(YAMLText.name($0))" }
        out.append("reps:")
        for (rep, note) in zip(reps, notes) {
            var entries: [(String, YAMLText.Value)] = [("name", .scalar(YAMLText.name(rep.name))), ("team", .scalar(YAMLText.name(rep.team)))]
            if let zone = rep.timezone { entries.append(("timezone", .scalar(zone))) }
            out.append("  - " + YAMLText.flow(.map(entries)) + "  # " + note)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
