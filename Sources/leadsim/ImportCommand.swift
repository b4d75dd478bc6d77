import ArgumentParser
import LeadsimStudy

/// `leadsim import salesforce FILE [--map MAP.yaml] [--rule NAME] [--out RULES.yaml]`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn rules kept elsewhere into leadsim rule sets.",
        subcommands: [SalesforceImportCommand.self]
    )
}

struct SalesforceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce",
        abstract: "Convert Salesforce lead assignment rules (Metadata API XML) into a rule set.",
        discussion: """
            FILE is Lead.assignmentRules-meta.xml (source format) or Lead.assignmentRules (older \
            format). The active rule is imported unless --rule names another. MAP.yaml maps \
            Salesforce fields (Lead.CountryCode) to scenario fields and users and queues to reps \
            and teams; names it does not map are reported on stderr. Warnings go to stderr; the \
            rule set goes to --out or standard output. Exit 1 on unreadable input.
            """
    )

    @Argument(help: "The Salesforce assignment-rules XML file.")
    var file: String

    @Option(help: "A YAML map of fields, users and queues to scenario names.")
    var map: String?

    @Option(help: "The fullName of the assignment rule to import (default: the active one).")
    var rule: String?

    @Option(help: "Write the rule set here instead of standard output.")
    var out: String?

    func run() throws {
        let imported = try ImportStudy.salesforce(file: file, map: map, rule: rule, output: out ?? "<output>")
        for warning in imported.warnings { printError(warning.description) }
        if let out {
            printError(try ImportStudy.write(imported, to: out))
        } else {
            print(imported.yaml, terminator: "")
        }
    }
}
