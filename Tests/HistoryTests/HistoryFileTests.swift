import History
import ScenarioFile
import SimulationModel
import Testing
import TextFormats

/// Reading history files (SPEC §8): roles, the map, as-of, censoring, id-like columns, errors.
@Suite struct HistoryFileTests {
    static let zone = "America/New_York"

    func read(_ text: String, map: ImportMap = ImportMap(), asOf: Instant? = nil) throws(LoadFailure) -> History {
        try HistoryFile.read(text: text, file: "history.csv", map: map, timeZone: Self.zone, asOf: asOf)
    }

    func instant(_ text: String) throws -> Instant { try ValueSyntax.recordedTimestamp(text, zone: Self.zone) }

    /// The failure's messages, for expectations on every problem found.
    func failureOf(_ text: String, map: ImportMap = ImportMap(), asOf: Instant? = nil) -> LoadFailure? {
        do {
            _ = try read(text, map: map, asOf: asOf)
            return nil
        } catch {
            return error
        }
    }

    static let export = """
    Id,Email,created_at,source,owner,team,assigned_at,first_touch_at,closed_at,account,region,employees,demo
    00Q1,a@x.example,2026-01-05 09:00,demo,jane.doe@acme.example,na,2026-01-05 09:02,2026-01-05 09:30,2026-01-06 10:00,ACME,NA,120,true
    00Q2,b@x.example,2026-01-05T10:00:00.000Z,web,bob,na,,2026-01-05 10:15,,,EMEA,02139,false
    00Q3,c@x.example,2026-01-06,demo,,,,,,ACME,NA,,true
    00Q4,d@x.example,2026-01-07 08:00-05:00,,Jane.Doe@Acme.example,na,2026-01-07 08:00,,,,"NA",120,TRUE
    """

    @Test func everyRoleIsRead() throws {
        let history = try read(Self.export)
        #expect(history.leads.count == 4)
        #expect(history.leads.map(\.row) == [1, 2, 3, 4])
        let first = history.leads[0], second = history.leads[1], third = history.leads[2], fourth = history.leads[3]
        #expect(first.createdAt == (try instant("2026-01-05T09:00")))
        #expect(history.sourceName(of: first) == "demo")
        #expect(history.sourceName(of: fourth) == HistoryFile.defaultSource, "a blank source cell is the default source")
        #expect(history.ownerName(of: first) == "jane.doe", "an e-mail names the rep by its local part")
        #expect(history.ownerName(of: fourth) == "jane.doe", "e-mails compare without case")
        #expect(history.ownerName(of: second) == "bob")
        #expect(third.owner == nil && third.assignedAt == nil, "blank owner: never owned")
        #expect(first.assignedAt == (try instant("2026-01-05T09:02")))
        #expect(second.assignedAt == second.createdAt, "assigned_at defaults to created_at")
        #expect(second.createdAt == (try instant("2026-01-05T10:00Z")))
        #expect(first.firstTouchAt == (try instant("2026-01-05T09:30")) && !first.firstTouchCensored)
        #expect(fourth.firstTouchAt == nil && fourth.firstTouchCensored, "untouched: censored at the export time")
        #expect(first.closedAt == (try instant("2026-01-06T10:00")) && second.closedAt == nil)
        #expect(first.account.map { history.accounts[$0] } == "ACME" && second.account == nil)
        #expect(first.team.map { history.teams[$0] } == "na" && third.team == nil)
        #expect(history.asOf == (try instant("2026-01-07T13:00Z")), "as-of defaults to the latest timestamp")
        #expect(history.warnings.isEmpty)
    }

    @Test func fieldsAreTypedLikeReplayCellsAndIdsAreLeftOut() throws {
        let history = try read(Self.export)
        #expect(history.fields.map(\.name) == ["region", "employees", "demo"])
        #expect(history.leftOut.map(\.column) == ["Id", "Email"])
        #expect(history.leftOut.allSatisfy { $0.reason.contains("id-like") && $0.reason.contains("4 values") })
        let employees = (0..<4).map { history.value(field: 1, lead: $0) }
        #expect(employees == [.number(120), .text("02139"), nil, .number(120)])
        #expect(history.fields[2].values == [.bool(true), .bool(false)], "true and TRUE are one value")
        #expect((0..<4).map { history.value(field: 2, lead: $0) } == [.bool(true), .bool(false), .bool(true), .bool(true)])
        #expect(history.value(field: 0, lead: 3) == .text("NA"), "quoted cells read like plain ones")
    }

    @Test func withoutASourceColumnEveryLeadComesFromOneSource() throws {
        let history = try read("created_at,region\n2026-01-05 09:00,NA\n2026-01-05 10:00,EMEA\n")
        #expect(history.sources == ["history"])
        #expect(history.leads.allSatisfy { $0.owner == nil && $0.firstTouchCensored })
    }

    // MARK: The map

    static let mapYAML = """
    columns:
      created_at: CreatedDate
      owner: Owner.Email
      first_touch_at: First_Touch__c
      source: LeadSource
    fields:
      Lead.CountryCode: country
      numberofemployees: employees
    users:
      maria.lopez@acme.example: maria
    queues:
      EMEA_Queue: emea
    strategy: least-loaded
    """

    @Test func aMapRenamesRolesAndFieldsAndAcceptsTheImportKeys() throws {
        let map = try ImportMap.load(yaml: Self.mapYAML, file: "map.yaml")
        #expect(map.strategy == .leastLoaded && map.queues.count == 1)
        let history = try read("""
        CreatedDate,LeadSource,Owner.Email,First_Touch__c,CountryCode,NumberOfEmployees
        2026-01-05 09:00,Web,maria.lopez@acme.example,2026-01-05 09:10,US,50
        2026-01-05 09:30,Web,sam@acme.example,,US,50
        """, map: map)
        #expect(history.fields.map(\.name) == ["country", "employees"])
        #expect(history.fields.map(\.column) == ["CountryCode", "NumberOfEmployees"])
        #expect(history.sources == ["Web"])
        #expect(history.owners == ["maria", "sam"], "users: of the map names the rep; otherwise the e-mail's local part")
        #expect(history.leads[0].firstTouchAt == (try instant("2026-01-05T09:10")))
    }

    /// `fields: {Lead.LeadSource: source}` (an import map) makes that column the source.
    @Test func aFieldMappedToSourceIsTheSourceColumn() throws {
        let map = ImportMap(fields: ["Lead.LeadSource": "source"])
        let history = try read("CreatedDate,LeadSource\n2026-01-05 09:00,Web\n", map: map.with(createdAt: "CreatedDate"))
        #expect(history.sources == ["Web"] && history.fields.isEmpty)
    }

    @Test func mapErrorsNameLineColumnKeyAndSuggestion() throws {
        do {
            _ = try ImportMap.load(yaml: "columns:\n  create_at: CreatedDate\n  owner: [a]\n", file: "map.yaml")
            Issue.record("expected a failure")
        } catch {
            let unknown = try #require(error.diagnostics.first { $0.keyPath == "columns.create_at" })
            #expect(unknown.line == 2 && unknown.column == 3)
            #expect(unknown.suggestion == "created_at")
            #expect(unknown.valid?.contains("first_touch_at") == true)
            #expect(error.diagnostics.contains { $0.keyPath == "columns.owner" && $0.line == 3 })
        }
    }

    @Test func aMissingColumnIsNamedWithDidYouMean() throws {
        let missing = try #require(failureOf("Created_At,region\n2026-01-05 09:00,NA\n"))
        let d = try #require(missing.diagnostics.first)
        #expect(d.message.contains("no column 'created_at'"))
        #expect(d.suggestion == "Created_At")
        #expect(d.line == 1 && d.file == "history.csv")
        let mapped = try #require(failureOf("CreatedDate,First_Touch_c\n2026-01-05 09:00,\n",
                                          map: try ImportMap.load(yaml: Self.mapYAML, file: "map.yaml")))
        #expect(mapped.diagnostics.contains {
            $0.message.contains("no column 'First_Touch__c' for first_touch_at (the map's columns.first_touch_at)")
                && $0.suggestion == "First_Touch_c"
        })
        #expect(mapped.diagnostics.contains { $0.message.contains("'Owner.Email'") }, "every missing column is named")
    }

    // MARK: Errors

    @Test func everyBadRowIsReportedInOnePass() throws {
        let text = """
        created_at,owner,assigned_at,first_touch_at,closed_at,note
        2026-01-05 09:00,ann,,2026-01-05 09:10,,fine
        yesterday,ann,,,,bad time
        2026-01-05 09:00,ann,2026-01-05 10:00,2026-01-05 09:00,,touch an hour before assignment
        2026-01-05 09:00,,,2026-01-05 09:30,,touched by nobody
        2026-01-05 09:00,ann,,,,too,many
        2026-01-05 09:00,ann,,,2026-01-05 08:00,closed before created
        "2026-01-05 09:00"x,ann,,,,after a quote
        ,ann,,,,no creation time
        2026-01-05 09:00,ann,,,,"open quote
        2026-01-05 10:00,ann,,,,read again: the scan resumes after the unclosed quote's line
        10/08/2025 13:05,ann,,,,a numeric date without --date-format
        """
        let failure = try #require(failureOf(text))
        let rows = failure.diagnostics.map(\.keyPath)
        #expect(rows == ["row 2", "row 3", "row 4", "row 5", "row 6", "row 7", "row 8", "row 9", "row 11"])
        #expect(failure.diagnostics.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10, 12])
        let messages = failure.diagnostics.map(\.message)
        #expect(messages[0].hasPrefix("created_at 'yesterday' is not a timestamp"))
        #expect(messages[1] == "first_touch_at '2026-01-05 09:00' is 1h before assigned_at '2026-01-05 10:00'")
        #expect(messages[2] == "a first_touch_at but no owner")
        #expect(messages[3] == "7 cells, the header has 6")
        #expect(messages[4].contains("closed_at '2026-01-05 08:00' is 1h before created_at"))
        #expect(messages[5].contains("text after a closing quote"))
        #expect(messages[6] == "no created_at")
        #expect(messages[7] == "a quoted cell is never closed", "reported on the line its quote opens")
        #expect(messages[8] == "created_at '10/08/2025 13:05' is ambiguous: October 8, 2025 as MM/DD/YYYY, August 10, 2025 as DD/MM/YYYY")
        #expect(failure.diagnostics[8].valid?.hasPrefix("--date-format us or --date-format eu") == true)
        #expect(failure.diagnostics.allSatisfy { !$0.description.contains("\($0.keyPath): \($0.keyPath)") }, "each row named once")
        #expect(failure.diagnostics[1].sourceLine == "2026-01-05 09:00,ann,2026-01-05 10:00,2026-01-05 09:00,,touch an hour before assignment")
        #expect(failure.diagnostics.allSatisfy { $0.file == "history.csv" && $0.isError })
    }

    @Test func timestampsAfterTheExportTimeAreErrors() throws {
        let asOf = try instant("2026-01-05T12:00")
        let failure = try #require(failureOf("""
        created_at,owner,first_touch_at,closed_at
        2026-01-05 09:00,ann,2026-01-05 11:00,2026-01-05 13:00
        2026-01-05 09:00,ann,2026-01-05 12:30,
        2026-01-05 09:00,ann,,
        """, asOf: asOf))
        #expect(failure.diagnostics.map(\.keyPath) == ["row 1", "row 2"])
        #expect(failure.diagnostics[0].message == "closed_at '2026-01-05 13:00' is after the export time (--as-of)")
        let history = try read("created_at,owner,first_touch_at\n2026-01-05 09:00,ann,\n", asOf: asOf)
        #expect(history.asOf == asOf && history.leads[0].firstTouchCensored)
    }

    /// `--date-format us|eu` reads the numeric dates of report exports; ISO cells still read.
    @Test func dateFormatReadsReportExports() throws {
        let us = try HistoryFile.read(text: """
            created_at,owner,first_touch_at
            10/08/2025 1:05 PM,ann,10/08/2025 1:35:30 PM
            10/08/2025 12:10 AM,ann,2025-10-08T09:00
            """, file: "history.csv", timeZone: Self.zone, dateFormat: .us)
        let eu = try HistoryFile.read(text: """
            created_at,owner,first_touch_at
            08.10.2025 13:05,ann,08/10/2025 13:35:30
            08/10/2025 00:10,ann,2025-10-08T09:00
            """, file: "history.csv", timeZone: Self.zone, dateFormat: .eu)
        for history in [us, eu] {
            #expect(history.leads.map(\.createdAt) == [try instant("2025-10-08T13:05"), try instant("2025-10-08T00:10")])
            #expect(history.leads.map(\.firstTouchAt) == [try instant("2025-10-08T13:35:30"), try instant("2025-10-08T09:00")])
        }
        do {
            _ = try HistoryFile.read(text: "created_at\n13/08/2025 09:00\n", file: "h.csv", timeZone: Self.zone, dateFormat: .us)
            Issue.record("13/08/2025 is not MM/DD/YYYY")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["created_at '13/08/2025 09:00' is not MM/DD/YYYY (there is no month 13); as DD/MM/YYYY it is August 13, 2025"])
            #expect(error.diagnostics.map(\.valid) == ["--date-format eu"])
        }
    }

    /// Up to `HistoryFile.clockSkew` early is clock skew: the step is moved, with one warning per kind.
    @Test func secondsOfClockSkewAreAWarning() throws {
        let history = try read("""
        created_at,owner,assigned_at,first_touch_at
        2026-01-05 09:00:30,ann,2026-01-05 09:00:00,2026-01-05 09:00:10
        2026-01-05 09:00:00,ann,2026-01-05 09:01:00,2026-01-05 09:00:20
        2026-01-05 09:00:00,ann,2026-01-05 09:01:00,2026-01-05 09:00:50
        """)
        #expect(history.leads[0].assignedAt == history.leads[0].createdAt)
        #expect(history.leads[0].firstTouchAt == history.leads[0].createdAt)
        #expect(history.leads[1].firstTouchAt == history.leads[1].assignedAt)
        let messages = history.warnings.map(\.message)
        #expect(messages == [
            "1 row with assigned_at before created_at by up to 5m (clock skew): taken as the same instant (rows 1)",
            "3 rows with first_touch_at before assigned_at by up to 5m (clock skew): taken as the same instant (rows 1, 2, 3)",
        ])
    }

    @Test func beyondTheCapErrorsAreCountedNotDropped() throws {
        let rows = (0..<80).map { _ in "never" }.joined(separator: "\n")
        let failure = try #require(failureOf("created_at\n" + rows + "\n"))
        #expect(failure.diagnostics.count == LoadFailure.cap)
        #expect(failure.omitted == 80 - LoadFailure.cap)
    }

    @Test func emptyFilesAndDuplicateColumnsAreErrors() throws {
        #expect(failureOf("")?.diagnostics.first?.message == "'history.csv' is empty")
        #expect(failureOf("created_at,x\n")?.diagnostics.first?.message == "'history.csv' has a header but no leads")
        #expect(failureOf("created_at,x,x\n2026-01-05,1,2\n")?.diagnostics.first?.message == "column 'x' appears twice in the header")
        #expect(failureOf("created_at,source,src\n2026-01-05,a,b\n", map: ImportMap(fields: ["src": "source"]))?
            .diagnostics.first?.message.contains("built in") == true)
    }

    // MARK: Size

    /// 100,000 rows read back exactly (the timing of a million rows is measured by hand).
    @Test func aLargeExportReadsBackExactly() throws {
        let start = try instant("2026-01-05T00:00")
        var text = "Id,created_at,source,owner,team,first_touch_at,region,employees\n"
        let n = 100_000
        for i in 0..<n {
            let created = start + Double(i * 37)
            let stamp = { (t: Double) in Self.local(t) }
            let touched = i % 10 == 0 ? "" : stamp(created + Double(60 * (i % 50)))
            text += "00Q\(i),\(stamp(created)),src-\(i % 3),rep-\(i % 40)@acme.example,team-\(i % 4),\(touched),"
                + "\(["NA", "EMEA", "APAC"][i % 3]),\(i % 500)\n"
        }
        let history = try read(text)
        #expect(history.leads.count == n)
        #expect(history.sources.count == 3 && history.owners.count == 40 && history.teams.count == 4)
        #expect(history.leftOut.map(\.column) == ["Id"])
        #expect(history.fields.map(\.values.count) == [3, 500])
        #expect(history.leads.filter(\.firstTouchCensored).count == n / 10)
        for i in stride(from: 0, to: n, by: 997) {
            let lead = history.leads[i]
            #expect(lead.createdAt == start + Double(i * 37))
            #expect(history.ownerName(of: lead) == "rep-\(i % 40)")
            #expect(history.value(field: 1, lead: i) == .number(Double(i % 500)))
            if i % 10 != 0 { #expect(lead.firstTouchAt == lead.createdAt + Double(60 * (i % 50))) }
        }
    }

    /// `2026-01-05 09:00:00` in the test zone (UTC−5 in January).
    static func local(_ t: Instant) -> String {
        let local = t - 5 * 3600
        let day = CalendarDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
        let seconds = Int(local) - day.daysSinceEpoch * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

extension ImportMap {
    func with(createdAt column: String) -> ImportMap {
        var map = self
        map.columns[.createdAt] = column
        return map
    }
}

/// History columns resolve by the rules' field aliases, and a tested field without a column is named.
@Test func historyColumnsResolveByTheRulesAliases() throws {
    let aliases = FieldAliases([FieldAliases.Entry(field: "country", aliases: ["Lead.CountryCode", "CountryCode"]),
                                FieldAliases.Entry(field: "source", aliases: ["LeadSource"])])
    let history = try HistoryFile.read(text: """
        created_at,owner,CountryCode,LeadSource,Industry
        2026-01-05 09:00,ann,US,web,Retail
        2026-01-05 10:00,ann,DE,demo,Retail
        2026-01-05 11:00,ann,US,web,Retail
        """, file: "history.csv", timeZone: "UTC", aliases: aliases)
    #expect(history.fields.map(\.name) == ["country", "Industry"])
    #expect(history.fields.map(\.column) == ["CountryCode", "Industry"])
    #expect(history.sources == ["web", "demo"], "an alias of source names the source column")
    let rules = RuleSet(name: "r", routes: [
        Route(name: "us", when: .all([.field("country", .equals(.text("US"))), .field("industry", .equals(.text("Retail")))]),
              destination: .queue("q")),
    ], queues: [Queue(name: "q", kind: .automated)], fields: FieldAliases([FieldAliases.Entry(field: "industry", aliases: ["Lead.Industry"])]))
    #expect(history.missingFields(testedBy: rules).map(\.message) == [
        "no column is the field 'industry' that the rules test (looked for 'industry' or 'Lead.Industry'): every lead lacks it, "
            + "so its tests fail; did you mean 'Industry'?",
    ])
}
