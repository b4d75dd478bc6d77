import ArgumentParser
import ScenarioFile

/// `leadsim schema scenario|rules|shifts`: prints the JSON Schema of a kind of file, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of scenario, rule-set or shift-templates files.",
        discussion: """
            The schema is generated from the same key table the loader uses. Point your editor at it \
            with a first line such as '# yaml-language-server: $schema=../../Schemas/scenario.schema.json' \
            to get completion, hover help and errors as you type.
            """
    )

    @Argument(help: "Which file kind: scenario, rules or shifts.")
    var kind: FileFormat.Kind

    func run() throws {
        print(FileFormat.jsonSchema(kind), terminator: "")
    }
}

extension FileFormat.Kind: ExpressibleByArgument {}
