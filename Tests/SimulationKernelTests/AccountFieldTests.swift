import Foundation
import SimulationKernel
import Testing

/// SPEC §7 accounts with attributes (docs/SEMANTICS.md "Accounts with attributes"): every `web`
/// lead matches the one account (unless said otherwise) and takes its fields; `events` leads
/// match none. Reps are always on, touch after 10m and hold a lead 1h; p1 works the pool.
@Suite struct AccountFieldTests {
    static func scenario(accountFields: String = "{region: EMEA, employees: 5000}", count: Int = 1,
                         owners: String = "{by: region, NA: {team: na}, EMEA: {team: emea}}", stale: String = "0",
                         webFields: String = "{region: {NA: 1}, country: {by: region, NA: {US: 1}, EMEA: {UK: 1}}}",
                         extra: String = "") -> String {
        """
        sources:
          - name: web
            replay: {file: leads.csv, align: recorded}
            account_match: 1
            fields: \(webFields)
        \(extra)
          - name: events
            replay: {file: events.csv, align: recorded}
            fields: \(webFields)
        \(extra)
        accounts:
          count: \(count)
          fields: \(accountFields)
          owners: \(owners)
          stale_owner: \(stale)
        teams: [{name: na}, {name: emea}, {name: pool}]
        reps:
          - {name: a1, team: na, schedule: always, touch_delay: 10m, handle_time: 1h}
          - {name: a2, team: na, schedule: always, touch_delay: 10m, handle_time: 1h}
          - {name: e1, team: emea, schedule: always, touch_delay: 10m, handle_time: 1h}
          - {name: p1, team: pool, schedule: always, touch_delay: 10m, handle_time: 1h}
        """
    }

    static func rules(when: String = "{employees: \">= 1000\"}", else elseQueue: Bool = true) -> String {
        """
        name: r
        routes:
          - name: named
            when: \(when)
            to: account-owner
        \(elseQueue ? "    else: pool" : "")
        fallback: pool
        queues:
          pool: {team: pool}
        """
    }

    /// One `web` lead at 10:00 and one `events` lead at 10:30, both recorded with 10 employees.
    static func run(_ scenario: String, _ rules: String = rules(), web: Int = 1) throws -> KernelRun {
        let rows = (0..<web).map { "2026-01-05T10:\(String(format: "%02d", $0 % 30)),10" }.joined(separator: "\n")
        return try KernelWorld.run(scenario: scenario, rules: rules, csv: "created_at,employees\n\(rows)\n",
                                   files: ["events.csv": "created_at,employees\n2026-01-05T10:30,10\n"])
    }

    /// The web lead takes the EMEA account's fields (its recorded 10 employees become 5000, its
    /// own region NA becomes EMEA, and its country follows the account's region), so the route
    /// condition holds and the EMEA owner gets it; the events lead keeps its own values.
    @Test func aLeadMatchingAnEMEAAccountGoesToTheEMEAOwnerWithTheAccountsFields() throws {
        let run = try Self.run(Self.scenario())
        #expect(run[1].source == "web" && run[1].route == "named" && run[1].owners == ["e1"], "\(run[1])")
        #expect(run[1].fields["employees"] == "5000" && run[1].fields["region"] == "EMEA" && run[1].fields["country"] == "UK",
                "\(run[1].fields)")
        #expect(run[2].source == "events" && run[2].route == "(fallback)" && run[2].owners == ["p1"], "\(run[2])")
        #expect(run[2].fields["employees"] == "10" && run[2].fields["region"] == "NA" && run[2].fields["country"] == "US")
    }

    /// An account whose `owners.by` value is not listed has no owner: the lead goes to `else`,
    /// and without `else` it is unrouted (as a lead without an account), not held as stale.
    @Test(arguments: [true, false])
    func anAccountWithAnUnlistedValueHasNoOwner(withElse: Bool) throws {
        let run = try Self.run(Self.scenario(accountFields: "{region: APAC, employees: 5000}"),
                               Self.rules(else: withElse))
        #expect(run[1].route == "named", "\(run[1])")
        if withElse {
            #expect(run[1].owners == ["p1"] && run[1].queue == "pool", "\(run[1])")
        } else {
            #expect(run[1].owners.isEmpty && run[1].outcome == .unrouted, "\(run[1])")
        }
    }

    /// `stale_owner` is still drawn per account: with 1, the EMEA owner has left and holds the lead.
    @Test func aStaleOwnerStillHoldsTheLeadOfAnAccountOwnedByField() throws {
        let run = try Self.run(Self.scenario(stale: "1"), Self.rules(else: false))
        #expect(run[1].owners.isEmpty && run[1].outcome == .stale, "\(run[1])")
    }

    /// The CRM has the account's data: an account field is never missing, so a matched lead whose
    /// own `employees` arrived missing is routed at once; the events lead waits for enrichment.
    @Test func aMatchedLeadNeverMissesAnAccountField() throws {
        let scenario = Self.scenario(webFields: "{employees: 10}", extra: "    missing: {employees: 1}")
            .replacingOccurrences(of: "replay: {file: leads.csv, align: recorded}", with: "replay: {file: web.csv, align: recorded}")
            + "\nenrichment: {delay: 1h, success: 1}"
        let run = try KernelWorld.run(scenario: scenario, rules: Self.rules(),
                                      files: ["web.csv": "created_at\n2026-01-05T10:00\n",
                                              "events.csv": "created_at\n2026-01-05T10:30\n"])
        #expect(run[1].owners == ["e1"] && run[1].assigned == at("10:00") && run[1].fields["employees"] == "5000", "\(run[1])")
        // The trace records the fields as they arrived: the events lead's employees were missing.
        #expect(run[2].owners == ["p1"] && run[2].assigned == at("11:30") && run[2].fields["employees"] == nil, "\(run[2])")
    }

    /// Ownership by field and the lead's fields come from the same accounts: over 40 accounts
    /// with random regions, every lead goes to a rep of its (account's) region's team, and
    /// both teams own some.
    @Test func ownersFollowTheAccountsRegion() throws {
        let run = try Self.run(Self.scenario(accountFields: "{region: {NA: 1, EMEA: 1}, employees: 5000}", count: 40),
                               Self.rules(else: false), web: 60)
        let web = run.leads.filter { $0.source == "web" }
        #expect(web.count == 60)
        for lead in web {
            let expected = lead.fields["region"] == "EMEA" ? ["e1"] : ["a1", "a2"]
            #expect(lead.owners.count == 1 && expected.contains(lead.owners[0]), "\(lead) \(lead.fields)")
        }
        #expect(Set(web.map { $0.fields["region"] }) == ["NA", "EMEA"])
    }
}
