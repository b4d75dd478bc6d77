import ArgumentParser
import LeadsimStudy

/// `leadsim import salesforce FILE|DIR [--map MAP.yaml] [--rule NAME] [--out RULES.yaml] [--reps REPS.yaml]`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn rules kept elsewhere into leadsim rule sets.",
        subcommands: [SalesforceImportCommand.self, SalesforceUsersImportCommand.self]
    )
}

struct SalesforceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce",
        abstract: "Convert Salesforce lead assignment rules (Metadata API XML) into a rule set.",
        discussion: """
            FILE is Lead.assignmentRules-meta.xml (source format) or Lead.assignmentRules (older \
            format), or a metadata folder holding it: then queues/*.queue-meta.xml give Queue \
            targets their member users as reps, queueRoutingConfigs/* their Omni-Channel routing \
            (LEAST_ACTIVE least-loaded, MOST_AVAILABLE load-ratio, pushTimeout reassignment, \
            queueOverflowAssignee overflow) and presenceUserConfigs/* the reps' capacity, and a \
            reps fragment to paste into a scenario is written (--reps). The active rule is imported \
            unless --rule names another. MAP.yaml maps \
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

    @Option(help: "With a metadata folder: write the reps fragment here (default: beside --out as NAME-reps.yaml, else stderr).")
    var reps: String?

    func run() throws {
        let imported = try ImportStudy.salesforce(file: file, map: map, rule: rule, output: out ?? "<output>")
        for warning in imported.warnings { printError(warning.description) }
        if let out {
            printError(try ImportStudy.write(imported, to: out))
        } else {
            print(imported.yaml, terminator: "")
        }
        if let path = reps ?? out.map(ImportStudy.repsPath(besides:)) {
            if let line = try ImportStudy.writeReps(imported, to: path) { printError(line) }
        } else if let fragment = imported.reps {
            printError("reps fragment (paste into a scenario):\n" + fragment)
        }
    }
}

/// `leadsim import salesforce-users USERS.csv [--team-column COLUMN] [--out REPS.yaml]`.
struct SalesforceUsersImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce-users",
        abstract: "Turn a Salesforce User export into reps to paste into a scenario.",
        discussion: """
            USERS.csv is a User export (Data Loader: Email, Username, TimeZoneSidKey, IsActive, \
            UserRole.Name; a report's labels work too). Each active user becomes a rep named by \
            the e-mail's local part (as import salesforce names users), with its time zone and \
            its role as team (or --team-column); inactive users are left out and listed. Warnings \
            go to stderr; the reps go to --out or standard output. Exit 1 on unreadable input.
            """
    )

    @Argument(help: "The User export CSV file.")
    var file: String

    @Option(help: "The column that holds each rep's team (default: the role).")
    var teamColumn: String?

    @Option(help: "Write the reps here instead of standard output.")
    var out: String?

    func run() throws {
        let users = try ImportStudy.salesforceUsers(file: file, teamColumn: teamColumn)
        for warning in users.warnings { printError(warning.description) }
        if let out {
            printError(try ImportStudy.write(users, to: out))
        } else {
            print(users.yaml, terminator: "")
        }
    }
}
