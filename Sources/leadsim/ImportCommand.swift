import ArgumentParser
import Foundation
import SalesforceImport
import ScenarioFile

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
        do {
            let mapping = try map.map { path throws(LoadFailure) in try ImportMap.load(yaml: try readText(path), file: path) }
                ?? ImportMap()
            let imported = try SalesforceImporter.importRules(xml: try readText(file), file: file, map: mapping, rule: rule)
            // The output must load: check it before writing.
            let check = try RuleSetLoader.load(yaml: imported.yaml, file: out ?? "<output>")
            for warning in imported.warnings { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
            if let out {
                try Data(imported.yaml.utf8).write(to: URL(fileURLWithPath: out))
                let routes = imported.ruleSet.routes.count
                FileHandle.standardError.write(Data(("wrote \(out): rule '\(imported.ruleName)', \(routes) route\(routes == 1 ? "" : "s"), "
                    + "\(imported.ruleSet.queues.count) queue\(imported.ruleSet.queues.count == 1 ? "" : "s")"
                    + (imported.ruleSet.fallback.map { ", fallback \($0)" } ?? ", no fallback")
                    + ", \(imported.warnings.count) warning\(imported.warnings.count == 1 ? "" : "s")\n").utf8))
            } else {
                print(imported.yaml, terminator: "")
            }
            _ = check
        } catch let failure as LoadFailure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// The UTF-8 text of the file at `path`, or a diagnostic.
func readText(_ path: String) throws(LoadFailure) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: 0, column: 0, keyPath: "",
                                                   message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: path, line: 0, column: 0, keyPath: "",
                                                   message: "the file is not UTF-8 text")])
    }
    return text
}
