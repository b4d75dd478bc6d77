import ScenarioFile
import SimulationModel

/// A CRM export read and checked (SPEC §8): one `HistoryLead` per row, the names they refer
/// to stored once, field values interned per column, and the export time `asOf`.
public struct History: Sendable {
    /// The file as named in diagnostics.
    public var file: String
    /// The export time: `--as-of`, or the latest timestamp in the file.
    public var asOf: Instant
    /// Leads in file order.
    public var leads: [HistoryLead]
    /// Source names (`HistoryLead.source` indexes them); `history` when the file has no source column.
    public var sources: [String]
    /// Rep names (`HistoryLead.owner`): the `owner` cell, or an e-mail's local part.
    public var owners: [String]
    public var teams: [String]
    /// Account ids (`HistoryLead.account`).
    public var accounts: [String]
    /// The lead fields, one per field column, in header order.
    public var fields: [HistoryField]
    /// Columns that are neither a role nor a field, and why.
    public var leftOut: [LeftOutColumn]
    /// What was tolerated (clock skew), each naming the rows.
    public var warnings: [Diagnostic]
    /// Field value codes per field, one per lead: 0 when blank, else 1 + the index into its `values`.
    let fieldCodes: [[UInt32]]

    /// The value of field `field` (an index into `fields`) of lead `lead` (an index into `leads`); nil when blank.
    public func value(field: Int, lead: Int) -> FieldValue? {
        let code = fieldCodes[field][lead]
        return code == 0 ? nil : fields[field].values[Int(code) - 1]
    }

    /// The name of `lead`'s owner; nil when never owned.
    public func ownerName(of lead: HistoryLead) -> String? { lead.owner.map { owners[$0] } }

    /// The name of `lead`'s source.
    public func sourceName(of lead: HistoryLead) -> String { sources[lead.source] }

    /// A warning for each field `ruleSet` tests that no column of the file holds (by name, the
    /// map or the rule set's aliases, as `HistoryFile.read` resolved them), with did-you-mean
    /// against the field columns: every replayed lead would lack it.
    public func missingFields(testedBy ruleSet: RuleSet) -> [Diagnostic] {
        let columns = fields.map(\.column) + leftOut.map(\.column)
        let names = fields.map(\.name) + leftOut.map(\.column)
        let tested = ruleSet.testedFields.filter { $0 != "source" || sources == [HistoryFile.defaultSource] }
        return FieldColumns.missingFields(tested, columns: columns, fields: names, aliases: ruleSet.fields).map {
            Diagnostic(severity: .warning, file: file, line: 1, column: 0, keyPath: "", message: $0)
        }
    }
}

/// One row of a history file. Names are indices into the `History` tables; stored in 56 bytes
/// (32-bit indices, NaN for a missing instant) so that a million rows stay small.
public struct HistoryLead: Sendable {
    private var rowNumber: Int32, lineNumber: Int32
    private var sourceIndex: Int32, ownerIndex: Int32, teamIndex: Int32, accountIndex: Int32
    public var createdAt: Instant
    private var assigned: Double, touched: Double, closed: Double

    init(row: Int, line: Int, createdAt: Instant, source: Int, owner: Int?, team: Int?, assignedAt: Instant?,
         firstTouchAt: Instant?, closedAt: Instant?, account: Int?) {
        rowNumber = Int32(row)
        lineNumber = Int32(line)
        self.createdAt = createdAt
        sourceIndex = Int32(source)
        ownerIndex = owner.map(Int32.init) ?? -1
        teamIndex = team.map(Int32.init) ?? -1
        accountIndex = account.map(Int32.init) ?? -1
        assigned = assignedAt ?? .nan
        touched = firstTouchAt ?? .nan
        closed = closedAt ?? .nan
    }

    /// 1-based data row (the header is row 0), for messages.
    public var row: Int { Int(rowNumber) }
    /// The line of the file the row starts on.
    public var line: Int { Int(lineNumber) }
    /// Index into `History.sources`.
    public var source: Int { Int(sourceIndex) }
    /// Index into `History.owners`; nil: never owned.
    public var owner: Int? { ownerIndex < 0 ? nil : Int(ownerIndex) }
    /// Index into `History.teams`.
    public var team: Int? { teamIndex < 0 ? nil : Int(teamIndex) }
    /// Index into `History.accounts`; nil: no account.
    public var account: Int? { accountIndex < 0 ? nil : Int(accountIndex) }
    /// When the owner got the lead (`created_at` unless the file says); nil without an owner.
    public var assignedAt: Instant? {
        get { assigned.isNaN ? nil : assigned }
        set { assigned = newValue ?? .nan }
    }
    /// The owner's first activity; nil: untouched by `asOf` (right-censored there).
    public var firstTouchAt: Instant? {
        get { touched.isNaN ? nil : touched }
        set { touched = newValue ?? .nan }
    }
    /// When the lead stopped occupying its owner.
    public var closedAt: Instant? {
        get { closed.isNaN ? nil : closed }
        set { closed = newValue ?? .nan }
    }

    /// Whether the first touch is right-censored at `History.asOf` (not touched by then).
    public var firstTouchCensored: Bool { touched.isNaN }
}

/// A lead field read from one column.
public struct HistoryField: Sendable {
    /// The field name (the column, or its name under the map's `fields:`).
    public var name: String
    /// The column as in the header.
    public var column: String
    /// The distinct values, typed like `replay:` cells; a lead's code indexes them from 1.
    public var values: [FieldValue]
}

/// A column the reader did not make a field, and why (for the fit report).
public struct LeftOutColumn: Sendable, Equatable {
    public var column: String
    public var reason: String
}
