import SimulationKernel
import Testing

/// SPEC §7 `source`: a built-in field of every lead, the name of its source (replay sources too).
@Suite struct SourceFieldTests {
    static let scenario = """
        sources:
          - name: demo-request
            replay: {file: demo.csv, align: recorded}
          - name: content
            replay: {file: content.csv, align: recorded}
            fields: {region: NA}
        teams: [{name: ae}, {name: sdr}]
        reps:
          - {name: ana, team: ae, schedule: always, touch_delay: 5m, handle_time: 1h}
          - {name: sam, team: sdr, schedule: always, touch_delay: 5m, handle_time: 1h}
        """
    static let rules = """
        name: by-source
        routes:
          - name: demos
            when: {source: demo-request}
            to: ae
        fallback: sdr
        queues:
          ae: {team: ae}
          sdr: {team: sdr}
        """
    static let files = ["demo.csv": "created_at,n\n2026-01-05T10:00,1\n",
                        "content.csv": "created_at,n\n2026-01-05T10:30,1\n2026-01-05T11:00,2\n"]

    /// Each lead is routed by its source's name; generated fields stay beside it.
    @Test func routesTestTheLeadsSource() throws {
        let run = try KernelWorld.run(scenario: Self.scenario, rules: Self.rules, files: Self.files)
        #expect(run.leads.count == 3)
        #expect(run[1].route == "demos" && run[1].owners == ["ana"], "\(run[1])")
        #expect(run[1].fields["source"] == "demo-request" && run[2].fields["source"] == "content")
        #expect(run[2].fields["region"] == "NA")
        #expect(run[2].route == "(fallback)" && run[2].owners == ["sam"], "\(run[2])")
        #expect(run[3].route == "(fallback)" && run[3].owners == ["sam"], "\(run[3])")
    }

    /// A test of `source` against a name no source has never holds (and the cross-check warns).
    @Test func anUnknownSourceNameMatchesNoLead() throws {
        let rules = Self.rules.replacingOccurrences(of: "{source: demo-request}", with: "{source: demo}")
        let run = try KernelWorld.run(scenario: Self.scenario, rules: rules, files: Self.files)
        #expect(run.leads.allSatisfy { $0.route == "(fallback)" })
    }
}
