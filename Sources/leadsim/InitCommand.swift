import ArgumentParser
import Foundation
import ScenarioFile

/// `leadsim init [DIR]`: writes a starter scenario and two rule sets to edit.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario and two rule sets (baseline, candidate) to edit.",
        discussion: """
            Writes DIR/scenario.yaml, DIR/baseline.yaml and DIR/candidate.yaml, plus the JSON Schemas \
            their first lines point at (DIR/schemas/) for completion in editors. Never overwrites: \
            when any of these files exists, nothing is written and the command exits 1.
            """
    )

    @Argument(help: "The directory to write into (created if missing).", completion: .directory)
    var directory: String = "."

    func run() throws {
        do {
            let written = try StarterProject.write(into: directory)
            print("created " + written.joined(separator: ", "))
            let files = ([StarterProject.scenarioFile] + StarterProject.ruleSetFiles).map { StarterProject.join(directory, $0) }
            print("next: leadsim compare " + files.map(Self.shellQuoted).joined(separator: " "))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// A path as typed in a POSIX shell.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@".unicodeScalars.contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
