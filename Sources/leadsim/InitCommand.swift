import ArgumentParser
import LeadsimStudy

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
        for line in try InitStudy.write(into: directory) { print(line) }
    }
}
