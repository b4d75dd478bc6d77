import ArgumentParser

/// The `leadsim` command line: subcommands wire the modules together.
@main
struct Leadsim: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "leadsim",
        abstract: "Lead-routing simulator and what-if analyzer.",
        discussion: "Try a routing rule change on a simulated lead stream before rolling it out.",
        version: version,
        subcommands: [InitCommand.self, ValidateCommand.self, RouteCommand.self, RunCommand.self, CompareCommand.self,
                      StaffCommand.self, MergeCommand.self, ImportCommand.self, LintCommand.self, SchemaCommand.self,
                      ValidateTheoryCommand.self]
    )
}
