import Fit
import Foundation
import LeadsimStudy
import ScenarioFile
import SimulationModel
import Testing

/// `leadsim fit` as a use case: files in, scenario and reports out, errors as a planner reads them.
@Suite struct FitStudyTests {
    /// A fresh directory for one test (tests run in parallel: never the working directory).
    func directory(_ name: String) throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("leadsim-fit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func writesAScenarioThatLoadsAndTheThreeReports() throws {
        let dir = try directory("files")
        let history = try write(try FitRecoveryTests.world.get().csv, "history.csv", in: dir)
        let out = (dir as NSString).appendingPathComponent("fit")
        let outcome = try FitStudy(.init(history: history, timeZone: "America/New_York", directory: out)).run()
        #expect(outcome.written == ["scenario.yaml", "fit.md", "fit.html", "fit.json"])
        let scenario = try ScenarioLoader.load(path: (out as NSString).appendingPathComponent("scenario.yaml")).scenario
        #expect(scenario.sources.map(\.name).sorted() == ["content", "web-demo"])
        #expect(scenario.reps.count == 10)
        let markdown = try String(contentsOfFile: (out as NSString).appendingPathComponent("fit.md"), encoding: .utf8)
        #expect(markdown.contains("## What the history could not tell"))
        #expect(markdown.contains("Patience (leads going cold)"))
        let html = try String(contentsOfFile: (out as NSString).appendingPathComponent("fit.html"), encoding: .utf8)
        #expect(html.contains("Kaplan–Meier") && html.contains("<svg"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: (out as NSString)
            .appendingPathComponent("fit.json")))) as? [String: Any]
        #expect((json?["sources"] as? [Any])?.count == 2)
    }

    /// Salesforce API names through the map file `import salesforce` reads; owners as e-mails;
    /// closed leads give handle time and the open-lead cap.
    @Test func salesforceColumnsThroughTheMapWithHandleTimeAndCap() throws {
        let dir = try directory("salesforce")
        var rows = ["Id,CreatedDate,LeadSource,Owner.Email,Owner_Team__c,First_Touch__c,ClosedDate,Industry"]
        let start = try ValueSyntaxShim.instant("2026-10-05T09:00:00Z")
        for i in 0..<400 {
            let created = start + Double(i / 40) * 86_400 + Double(i % 40) * 600
            let touch = created + 300 + Double((i * 7919) % 1800)
            let closed = touch + 3600 * Double(1 + (i * 104_729) % 5)
            let owner = ["ann@acme.example", "bob@acme.example"][i % 2]
            rows.append("00Q\(1000 + i),\(iso(created)),Web,\(owner),sdr,\(iso(touch)),\(i % 10 == 9 ? "" : iso(closed)),"
                        + ["Tech", "Retail", "Health"][i % 3])
        }
        let history = try write(rows.joined(separator: "\n") + "\n", "leads.csv", in: dir)
        let map = try write("""
            columns: {created_at: CreatedDate, source: LeadSource, owner: Owner.Email, team: Owner_Team__c,
                      first_touch_at: First_Touch__c, closed_at: ClosedDate}
            fields: {Industry: industry}
            """, "map.yaml", in: dir)
        let (fit, text, _) = try FitStudy(.init(history: history, map: map, directory: dir)).fit()
        #expect(fit.reps.map(\.rep.name) == ["ann", "bob"])
        #expect(fit.reps.allSatisfy { $0.rep.team == "sdr" && $0.handleTimeOrigin == .own && $0.mostOpen != nil })
        #expect(fit.leftOut.contains { $0.column == "Id" }, "the id column is left out: \(fit.leftOut)")
        #expect(text.contains("industry: {"))
        #expect(text.contains("# the most leads it held open at once"))
        let scenario = try ScenarioLoader.load(yaml: text, file: "scenario.yaml").scenario
        #expect(scenario.reps.allSatisfy { $0.capacityOpen >= 1 && $0.capacityOpen < 400 })
    }

    /// A report export's US dates are read with `--date-format us`, and refused naming it without.
    @Test func usDatesWithDateFormat() throws {
        let dir = try directory("us-dates")
        var rows = ["created_at,owner,first_touch_at"]
        for i in 0..<60 {
            let day = 5 + i / 12, minute = (i % 12) * 5
            rows.append("10/\(String(format: "%02d", day))/2026 9:\(String(format: "%02d", minute)) AM,ann,10/\(String(format: "%02d", day))/2026 1:\(String(format: "%02d", minute)) PM")
        }
        let history = try write(rows.joined(separator: "\n") + "\n", "h.csv", in: dir)
        var options = FitStudy.Options(history: history, timeZone: "UTC", directory: dir)
        options.dateFormat = .us
        let (fit, _, _) = try FitStudy(options).fit()
        #expect(fit.reps.map(\.rep.name) == ["ann"])
        #expect {
            try FitStudy(.init(history: history, timeZone: "UTC", directory: dir)).fit()
        } throws: { error in
            "\(error)".contains("is ambiguous") && "\(error)".contains("--date-format us or --date-format eu")
        }
    }

    @Test func aMissingColumnIsNamedWithDidYouMean() throws {
        let dir = try directory("missing")
        let history = try write("created,owner\n2026-10-05T09:00Z,ann\n", "h.csv", in: dir)
        #expect {
            try FitStudy(.init(history: history, directory: dir)).fit()
        } throws: { error in
            let text = "\(error)"
            return text.contains("created_at") && text.contains("created")
        }
    }

    @Test func aHeaderWithoutLeadsIsRefusedPlainly() throws {
        let dir = try directory("empty")
        let history = try write("created_at,owner\n", "h.csv", in: dir)
        #expect {
            try FitStudy(.init(history: history, directory: dir)).fit()
        } throws: { error in "\(error)".contains("has a header but no leads") }
    }

    /// Too little history is said, and the scenario still loads.
    @Test func aShortHistorySaysWhatItCannotTell() throws {
        let dir = try directory("short")
        var rows = ["created_at,source,owner,first_touch_at"]
        for i in 0..<20 { rows.append("2026-10-0\(5 + i % 3)T1\(i % 8):00Z,partner,ann,2026-10-0\(5 + i % 3)T1\(i % 8):20Z") }
        let history = try write(rows.joined(separator: "\n") + "\n", "h.csv", in: dir)
        let (fit, text, _) = try FitStudy(.init(history: history, directory: dir)).fit()
        #expect(fit.assumptions.contains { $0.contains("less than a week") })
        #expect(fit.assumptions.contains { $0.contains("Source partner: 20 leads") })
        // 20 touches: fewer than 30 of its own, so the (one-rep) team's pooled fit.
        #expect(fit.reps.first?.touchDelayOrigin == .team)
        _ = try ScenarioLoader.load(yaml: text, file: "scenario.yaml")
    }

    func iso(_ t: Double) -> String { WorldHistory.iso(t) }
}

/// Timestamps for fixtures.
enum ValueSyntaxShim {
    static func instant(_ text: String) throws -> Double {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { throw CocoaError(.formatting) }
        return date.timeIntervalSince1970
    }
}
