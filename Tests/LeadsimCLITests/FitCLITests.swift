import Foundation
import Testing

/// `leadsim fit` end to end: a history in, a scenario `validate` accepts out; exit codes.
struct FitCLITests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Two weeks of weekday leads, two reps touching them 10–40 minutes later, one untouched.
        var rows = ["created_at,source,owner,team,first_touch_at,region"]
        let formatter = ISO8601DateFormatter()
        let monday = formatter.date(from: "2026-10-05T13:00:00Z")!.timeIntervalSince1970
        for i in 0..<400 {
            let day = Double(i / 40 + (i / 200) * 2), minute = Double((i % 40) * 12)
            let created = monday + day * 86_400 + minute * 60
            let touched = i == 399 ? "" : formatter.string(from: Date(timeIntervalSince1970: created + Double(600 + (i * 37) % 1800)))
            rows.append("\(formatter.string(from: Date(timeIntervalSince1970: created))),\(i % 4 == 0 ? "partner" : "web"),"
                        + "\(i % 2 == 0 ? "ann" : "bob")@acme.example,sdr,\(touched),\(i % 3 == 0 ? "EMEA" : "NA")")
        }
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("history.csv"), atomically: true, encoding: .utf8)
    }

    @Test func fitWritesAScenarioThatValidates() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fit = try Leadsim.run(["fit", "history.csv", "--timezone", "America/New_York", "--out", "fit"], in: folder)
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("source web: 300 leads"), "\(fit.stdout)")
        #expect(fit.stdout.contains("team sdr: 2 reps"))
        #expect(fit.stdout.contains("Wrote scenario.yaml, fit.md, fit.html, fit.json to fit"))
        let validate = try Leadsim.run(["validate", "fit/scenario.yaml"], in: folder)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }

    @Test func badInputExitsOneWithTheReason() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let zone = try Leadsim.run(["fit", "history.csv", "--timezone", "America/NewYork"], in: folder)
        #expect(zone.status == 1)
        #expect(zone.stderr.contains("America/New_York"), "\(zone.stderr)")
        let missing = try Leadsim.run(["fit", "nothing.csv"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nothing.csv") && missing.stderr.contains("no such file"), "\(missing.stderr)")
        let format = try Leadsim.run(["fit", "history.csv", "--format", "csv"], in: folder)
        #expect(format.status == 2)
    }
}
