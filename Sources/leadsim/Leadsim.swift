import ArgumentParser
import Foundation
import LeadsimStudy

/// The `leadsim` command line: each subcommand parses its arguments, calls LeadsimStudy and
/// prints what it returns; `main()` maps errors to the exit codes of SPEC §5.
@main
struct Leadsim: ParsableCommand {
    static let version = leadsimVersion

    static let configuration = CommandConfiguration(
        commandName: "leadsim",
        abstract: "Lead-routing simulator and what-if analyzer.",
        discussion: "Try a routing rule change on a simulated lead stream before rolling it out.",
        version: version,
        subcommands: [InitCommand.self, ValidateCommand.self, RouteCommand.self, RunCommand.self, CompareCommand.self,
                      StaffCommand.self, RequirementCommand.self, ShiftsCommand.self, FitCommand.self, BacktestCommand.self,
                      MergeCommand.self, ImportCommand.self, LintCommand.self, SchemaCommand.self, ValidateTheoryCommand.self]
    )

    /// Runs the command line. The one place errors become exit codes: invalid input
    /// (`StudyError`, its message on stderr) exits 1, a target not met exits 3 (the command has
    /// printed the answer), usage errors (unknown flags, missing arguments, bad values) exit 2
    /// instead of ArgumentParser's 64; `ExitCode`s are kept.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as StudyError {
            switch error.kind {
            case .invalidInput:
                if !error.message.isEmpty { printError(error.message) }
                Foundation.exit(1)
            case .targetNotMet:
                Foundation.exit(3)
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Writes `text` and a line end on stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
