import Foundation
import ScenarioFile
import Testing

@Test func starterFilesLoadAndCrossCheckCleanly() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-init-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = try StarterProject.write(into: folder.path)
    #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent }
            == ["scenario.yaml", "baseline.yaml", "candidate.yaml", "scenario.schema.json", "rules.schema.json"])
    let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent("scenario.yaml").path)
    #expect(scenario.warnings.isEmpty, "\(scenario.warnings)")
    var names: [String] = []
    for file in StarterProject.ruleSetFiles {
        let rules = try RuleSetLoader.load(path: folder.appendingPathComponent(file).path)
        #expect(rules.warnings.isEmpty, "\(file): \(rules.warnings)")
        #expect(crossCheck(scenario: scenario, ruleSet: rules).isEmpty, "\(file)")
        names.append(rules.ruleSet.name)
    }
    #expect(names == ["baseline", "candidate"])
    // The editor line of each YAML points at a schema written next to it.
    for file in [StarterProject.scenarioFile] + StarterProject.ruleSetFiles {
        let firstLine = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let schema = firstLine.components(separatedBy: "$schema=").last ?? ""
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(schema).path), "\(file): \(firstLine)")
    }
}

@Test func starterRefusesToOverwrite() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-init-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let mine = folder.appendingPathComponent("baseline.yaml")
    try Data("name: mine\n".utf8).write(to: mine)
    do {
        try StarterProject.write(into: folder.path)
        Issue.record("init overwrote baseline.yaml")
    } catch {
        guard case .existing(let paths) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(paths == [mine.path])
        #expect(error.description.contains("baseline.yaml"))
    }
    // Nothing was written, and the user's file is untouched.
    #expect(try String(contentsOf: mine, encoding: .utf8) == "name: mine\n")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.yaml").path))
}
