import Foundation
import StudyFixtures

/// A fresh directory with a small scenario and two rule sets (the CLI tests' world).
struct Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write(StudyFixtures.scenario, "scenario.yaml")
        try write(StudyFixtures.baseline, "baseline.yaml")
        try write(StudyFixtures.pooled, "pooled.yaml")
    }

    /// The path of `name` in the workspace.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ text: String, _ name: String) throws {
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
