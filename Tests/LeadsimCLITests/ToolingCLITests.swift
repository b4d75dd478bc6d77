import Foundation
import Testing

/// `leadsim init`, `schema` and `validate --format json` end to end.
struct ToolingCLITests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-tooling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func initThenValidateAsJSONThenRefuseToOverwrite() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Leadsim.run(["init", "starter"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("next: leadsim compare starter/scenario.yaml starter/baseline.yaml starter/candidate.yaml"))

        let check = try Leadsim.run(["validate", "--format", "json", "starter/scenario.yaml", "starter/baseline.yaml",
                                     "starter/candidate.yaml"], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == true && report["errors"] as? Int == 0)

        let again = try Leadsim.run(["init", "starter"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("starter/scenario.yaml") && again.stderr.contains("refusing to overwrite"))
    }

    @Test func validateJSONListsDiagnosticsAsObjects() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Leadsim.run(["init", "."], in: folder)
        let broken = try String(contentsOf: folder.appendingPathComponent("baseline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "strategy: round-robin}", with: "strategy: round-robbin}")
        try Data(broken.utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        let result = try Leadsim.run(["validate", "--format", "json", "scenario.yaml", "broken.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(Set(first.keys) == ["severity", "file", "line", "column", "path", "message", "found", "valid", "suggestion"])
        #expect(first["file"] as? String == "broken.yaml")
        #expect(first["path"] as? String == "queues.na.strategy")
        #expect(first["suggestion"] as? String == "round-robin")
        #expect(first["severity"] as? String == "error")
        #expect((first["line"] as? Int ?? 0) > 0 && (first["column"] as? Int ?? 0) > 0)
    }

    @Test func schemaCommandPrintsTheCommittedSchemas() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for kind in ["scenario", "rules"] {
            let result = try Leadsim.run(["schema", kind], in: folder)
            #expect(result.status == 0)
            let committed = try String(contentsOf: root.appendingPathComponent("Schemas/\(kind).schema.json"), encoding: .utf8)
            #expect(result.stdout == committed, "\(kind)")
        }
        #expect(try Leadsim.run(["schema", "rule"], in: folder).status != 0)
    }
}
