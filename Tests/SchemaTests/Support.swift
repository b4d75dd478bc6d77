import ChildProcess
import Foundation
import ScenarioFile
import Testing

/// The package root, found from this file's path (Tests/SchemaTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// `python3` on the PATH, if any.
let python3: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Validates YAML texts against the committed schemas with Python's `jsonschema`, an
/// implementation independent of leadsim, reading YAML as editors do (YAML 1.2 core: `no`,
/// dates and `9:30` stay text).
enum PythonValidator {
    /// One document to check: which schema, a name for messages, and its YAML text.
    struct Document: Encodable {
        var schema: String
        var name: String
        var yaml: String
    }

    /// Schema errors per document name (empty list: valid).
    static func errors(_ documents: [Document]) throws -> [String: [String]] {
        guard let python3 else { throw ValidatorError.noPython }
        try ensureJSONSchema(python3)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("validate.py"), input = folder.appendingPathComponent("input.json")
        try Data(Self.script.utf8).write(to: script)
        try JSONEncoder().encode(documents).write(to: input)
        let (status, out, err) = try run(python3, [script.path, packageRoot.appendingPathComponent("Schemas").path, input.path])
        guard status == 0 else { throw ValidatorError.failed(err + out) }
        return try JSONDecoder().decode([String: [String]].self, from: Data(out.utf8))
    }

    enum ValidatorError: Error, CustomStringConvertible {
        case noPython, noJSONSchema(String), failed(String)

        var description: String {
            switch self {
            case .noPython: return "python3 not found"
            case .noJSONSchema(let why): return "Python jsonschema is missing and could not be installed: \(why)"
            case .failed(let why): return "the validator failed: \(why)"
            }
        }
    }

    /// Installs `jsonschema` from PyPI when it is missing (it usually is preinstalled).
    private static func ensureJSONSchema(_ python: String) throws {
        if try run(python, ["-c", "import jsonschema, yaml"]).status == 0 { return }
        let install = try run(python, ["-m", "pip", "install", "--quiet", "--user", "jsonschema", "pyyaml"])
        if install.status != 0, try run(python, ["-c", "import jsonschema, yaml"]).status != 0 {
            throw ValidatorError.noJSONSchema(install.err)
        }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try runChildProcess(URL(fileURLWithPath: executable), arguments)
        return (result.status, result.stdout, result.stderr)
    }

    static let script = #"""
        import json, re, sys
        import yaml
        from jsonschema import Draft202012Validator

        class Loader(yaml.SafeLoader):
            """YAML 1.2 core schema, as the YAML language server reads files."""

        dropped = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                   "tag:yaml.org,2002:timestamp"}
        Loader.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag not in dropped]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
            re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        Loader.add_implicit_resolver("tag:yaml.org,2002:int",
            re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
        Loader.add_implicit_resolver("tag:yaml.org,2002:float",
            re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
            list("-+0123456789."))

        def to_int(loader, node):
            text = loader.construct_scalar(node)
            if text.startswith("0o"): return int(text[2:], 8)
            if text.startswith("0x"): return int(text[2:], 16)
            return int(text, 10)
        Loader.add_constructor("tag:yaml.org,2002:int", to_int)

        def as_json(value):
            """Keys become text, as in the JSON an editor validates."""
            if isinstance(value, dict): return {str(k).lower() if isinstance(k, bool) else str(k): as_json(v) for k, v in value.items()}
            if isinstance(value, list): return [as_json(v) for v in value]
            return value

        folder, documents = sys.argv[1], json.load(open(sys.argv[2]))
        validators = {}
        result = {}
        for doc in documents:
            if doc["schema"] not in validators:
                schema = json.load(open(f"{folder}/{doc['schema']}.schema.json"))
                Draft202012Validator.check_schema(schema)
                validators[doc["schema"]] = Draft202012Validator(schema)
            try:
                instance = as_json(yaml.load(doc["yaml"], Loader=Loader))
            except yaml.YAMLError as error:
                result[doc["name"]] = [f"YAML: {error}"]
                continue
            result[doc["name"]] = [
                "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300]
                for e in validators[doc["schema"]].iter_errors(instance)]
        print(json.dumps(result))
        """#
}

/// Every bundled YAML file: (schema kind, path relative to the package root).
func bundledFiles() throws -> [(FileFormat.Kind, String)] {
    var result: [(FileFormat.Kind, String)] = []
    let folder = packageRoot.appendingPathComponent("Scenarios")
    for world in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let dir = folder.appendingPathComponent(world)
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".yaml") {
            let kind: FileFormat.Kind = file == "scenario.yaml" ? .scenario : file == "shifts.yaml" ? .shifts : .rules
            result.append((kind, "Scenarios/\(world)/\(file)"))
        }
    }
    return result
}
