import Foundation
import SimulationModel
import TextFormats
import Yams

/// Reads one YAML document into model values, collecting every diagnostic on the way.
///
/// Each `read…` function reports its own problem at the node's mark and returns nil, so callers
/// just skip what is missing and keep going: one pass finds every error of a file.
/// A 1-based line and column in a file.
struct Location: Hashable, Sendable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init?(_ mark: Mark?) {
        guard let mark else { return nil }
        self.init(line: mark.line, column: mark.column)
    }
}

final class DocumentReader {
    let file: String
    let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []
    /// Marks of selected key paths, for checks made after loading (cross-checks).
    var marks: [String: Location] = [:]
    /// Texts of files the document refers to (replay CSVs), by the name written in the
    /// document; a name found here is not read from disk (merging embedded studies).
    var providedFiles: [String: String] = [:]
    /// The queues of a rule set that did not load, for the checks that still apply.
    var partialQueues: [Queue] = []

    init(file: String, yaml: String) {
        self.file = file
        self.lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    }

    // MARK: Reporting

    func report(_ severity: Diagnostic.Severity, at mark: Location?, _ path: String, _ message: String,
                found: String? = nil, valid: String? = nil, suggestion: String? = nil) {
        let line = max(mark?.line ?? 1, 1), column = max(mark?.column ?? 1, 1)
        let source = line <= lines.count ? String(lines[line - 1]).trimmingTrailingCR : nil
        let diagnostic = Diagnostic(severity: severity, file: file, line: line, column: column, keyPath: path,
                                    message: message, found: found.map(Self.clip), valid: valid,
                                    suggestion: suggestion, sourceLine: source)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    func error(_ node: Node?, _ path: String, _ message: String, found: String? = nil, valid: String? = nil,
               suggestion: String? = nil) {
        report(.error, at: Location(node?.mark), path, message, found: found, valid: valid, suggestion: suggestion)
    }

    func warning(_ node: Node?, _ path: String, _ message: String, valid: String? = nil, suggestion: String? = nil) {
        report(.warning, at: Location(node?.mark), path, message, valid: valid, suggestion: suggestion)
    }

    func error(_ node: Node?, _ path: String, _ problem: ValueError, found: String? = nil) {
        error(node, path, problem.message, found: found, valid: problem.valid, suggestion: problem.suggestion)
    }

    var hasErrors: Bool { diagnostics.contains { $0.isError } }

    /// Adds a diagnostic about another file (a replay CSV).
    func add(_ diagnostic: Diagnostic) {
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    /// Errors first (in file order), then warnings; capped.
    func failure(what: String) -> LoadFailure {
        if !hasErrors {
            // Every rejection must be explained; this is a safety net for a missed report.
            report(.error, at: nil, "", "this \(what) could not be loaded", valid: "see the documentation of the file format")
        }
        let sorted = Self.ordered(diagnostics)
        return LoadFailure(diagnostics: Array(sorted.prefix(LoadFailure.cap)),
                           omitted: max(0, sorted.filter(\.isError).count - LoadFailure.cap))
    }

    var warnings: [Diagnostic] { Self.ordered(diagnostics.filter { !$0.isError }) }

    static func ordered(_ items: [Diagnostic]) -> [Diagnostic] {
        items.enumerated().sorted { a, b in
            let ka = (a.element.isError ? 0 : 1, a.element.line, a.element.column, a.offset)
            let kb = (b.element.isError ? 0 : 1, b.element.line, b.element.column, b.offset)
            return ka < kb
        }.map(\.element)
    }

    private static func clip(_ s: String) -> String { s.count > 60 ? String(s.prefix(57)) + "…" : s }

    // MARK: Parsing the document

    /// The root node, or nil after reporting a syntax error.
    func root(_ yaml: String, expecting what: String) -> Node? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, Resolver.basic)
        } catch let error as YamlError {
            syntaxError(error, yaml: yaml)
            return nil
        } catch {
            report(.error, at: nil, "", "cannot parse YAML: \(error)")
            return nil
        }
        guard let node else {
            report(.error, at: nil, "", "the file is empty", valid: "a YAML mapping describing \(what)")
            return nil
        }
        if YAMLSize.exceeds(node) {
            report(.error, at: Location(node.mark), "", YAMLSize.tooLarge, valid: YAMLSize.tooLargeHint)
            return nil
        }
        return node
    }

    private func syntaxError(_ error: YamlError, yaml: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            report(.error, at: Location(mark), "", message, valid: syntaxHint(problem))
        case let .reader(problem, offset, _, _):
            report(.error, at: offset.map { Self.mark(atUTF8Offset: $0, in: yaml) }, "",
                   "unreadable character: \(problem)", valid: "UTF-8 text without control characters")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let mark = secondOccurrence(of: key, after: context.mark) ?? Location(context.mark)
            report(.error, at: mark, "", "duplicate key '\(key)' in a mapping", found: key,
                   valid: "each key once per mapping (merge the two entries)")
        default:
            report(.error, at: nil, "", "YAML error: \(error)")
        }
    }

    private func syntaxHint(_ problem: String) -> String? {
        if problem.contains("tab") { return "indentation with spaces, not tabs" }
        if problem.contains("mapping values are not allowed") {
            return "quote values that contain ': ' and keep one key per line"
        }
        if problem.contains("block end") || problem.contains("indentation") {
            return "consistent indentation: nested keys indented more than their parent"
        }
        return nil
    }

    /// Yams points at the first of two duplicate keys; the second is the one to delete.
    private func secondOccurrence(of key: String, after mark: Mark) -> Location? {
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let first = lines[mark.line - 1]
        let indent = first.prefix { $0 == " " || $0 == "-" }.count
        for index in mark.line..<lines.count {
            let line = lines[index]
            let lineIndent = line.prefix { $0 == " " || $0 == "-" }.count
            if lineIndent < indent, !line.allSatisfy({ $0 == " " }), !line.hasPrefix("#") { break }
            let body = line.dropFirst(lineIndent)
            if lineIndent == indent, body.hasPrefix(key + ":") { return Location(line: index + 1, column: indent + 1) }
        }
        return nil
    }

    static func mark(atUTF8Offset offset: Int, in yaml: String) -> Location {
        var line = 1, column = 1
        for byte in yaml.utf8.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Location(line: line, column: column)
    }

    // MARK: Structure

    /// A mapping's entries with unknown and missing keys already reported.
    struct Map {
        let node: Node
        let path: String
        let entries: [(key: String, keyNode: Node, value: Node)]

        subscript(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        func has(_ key: String) -> Bool { entries.contains { $0.key == key } }
        func path(_ key: String) -> String { DocumentReader.join(path, key) }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Reads a mapping whose keys must be among `allowed`, reporting unknown and missing keys.
    func map(_ node: Node, _ path: String, allowed: [String]?, required: [String] = [], what: String) -> Map? {
        guard case .mapping(let mapping) = node else {
            error(node, path, "expected \(what) (a mapping of keys to values), found \(describe(node))",
                  valid: allowed.map { "keys " + Suggestions.list($0) })
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = scalarText(keyNode) else {
                error(keyNode, path, "a key must be a plain name, found \(describe(keyNode))")
                continue
            }
            if let allowed, !allowed.contains(key) {
                error(keyNode, Self.join(path, key), "unknown key '\(key)' in \(what)", found: key,
                      valid: Suggestions.list(allowed), suggestion: Suggestions.closest(to: key, in: allowed))
                continue
            }
            entries.append((key, keyNode, value))
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            // A misspelled required key was already reported as unknown; don't pile on.
            let misspelled = mapping.keys.contains { k in scalarText(k).map { Suggestions.closest(to: $0, in: [key]) != nil } ?? false }
            if !misspelled { error(node, path, "missing required key '\(key)' in \(what)") }
        }
        return Map(node: node, path: path, entries: entries)
    }

    /// Reads a mapping declared in `FileFormat`: its keys, required keys and name come from the table.
    func map(_ node: Node, _ path: String, _ format: ObjectFormat) -> Map? {
        map(node, path, allowed: format.allowed, required: format.required, what: format.what)
    }

    func list(_ node: Node, _ path: String, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(node, path, "expected a list of \(what), found \(describe(node))",
                  valid: "a YAML list: '- item' lines or [a, b]")
            return nil
        }
        return Array(sequence)
    }

    /// The text of a non-null scalar.
    func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        return scalar.string
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            if isNull(node) { return "nothing" }
            return "'\(s.string.count > 40 ? String(s.string.prefix(37)) + "…" : s.string)'"
        }
    }

    // MARK: Scalars

    func text(_ node: Node, _ path: String, what: String = "a name") -> String? {
        guard let s = scalarText(node) else {
            error(node, path, "expected \(what), found \(describe(node))")
            return nil
        }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(node, path, "expected \(what), found an empty text")
            return nil
        }
        return s
    }

    func parse<T>(_ node: Node, _ path: String, what: String, _ parser: (String) throws(ValueError) -> T) -> T? {
        guard let s = scalarText(node) else {
            error(node, path, "expected \(what), found \(describe(node))")
            return nil
        }
        do { return try parser(s) } catch {
            self.error(node, path, error, found: s)
            return nil
        }
    }

    func duration(_ node: Node, _ path: String, positive: Bool = false) -> Seconds? {
        guard let value = parse(node, path, what: "a duration", ValueSyntax.duration) else { return nil }
        if positive, value <= 0 {
            error(node, path, "must be longer than 0s", found: scalarText(node), valid: ValueSyntax.durationValid)
            return nil
        }
        return value
    }

    func share(_ node: Node, _ path: String) -> Double? {
        parse(node, path, what: "a share", ValueSyntax.share)
    }

    func number(_ node: Node, _ path: String, minimum: Double? = nil, exclusiveMinimum: Double? = nil,
                maximum: Double? = nil, what: String = "a number") -> Double? {
        guard let s = scalarText(node) else {
            error(node, path, "expected \(what), found \(describe(node))")
            return nil
        }
        guard ValueSyntax.isPlainNumber(s), let v = Double(s), v.isFinite, abs(v) < 1e15 else {
            var suggestion: String?
            if s.hasSuffix("%"), let p = Double(s.dropLast()) { suggestion = String(p / 100) }
            error(node, path, "expected \(what), found '\(s)'", found: s, suggestion: suggestion)
            return nil
        }
        if let minimum, v < minimum { error(node, path, "must be at least \(Self.format(minimum))", found: s); return nil }
        if let exclusiveMinimum, v <= exclusiveMinimum {
            error(node, path, "must be greater than \(Self.format(exclusiveMinimum))", found: s)
            return nil
        }
        if let maximum, v > maximum { error(node, path, "must be at most \(Self.format(maximum))", found: s); return nil }
        return v
    }

    func integer(_ node: Node, _ path: String, range: ClosedRange<Int>, what: String = "a whole number") -> Int? {
        guard let s = scalarText(node) else {
            error(node, path, "expected \(what), found \(describe(node))")
            return nil
        }
        let valid = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let v = Int(s.replacingOccurrences(of: "_", with: "")) else {
            if ValueSyntax.isPlainNumber(s), let d = Double(s), d.isFinite, d == d.rounded(), abs(d) < 1e15 {
                return check(Int(d), node, path, range, valid)
            }
            let huge = s.allSatisfy { $0.isASCII && $0.isNumber }
            error(node, path, huge ? "number '\(s)' is too large" : "expected \(what), found '\(s)'",
                  found: s, valid: valid)
            return nil
        }
        return check(v, node, path, range, valid)
    }

    private func check(_ v: Int, _ node: Node, _ path: String, _ range: ClosedRange<Int>, _ valid: String) -> Int? {
        guard range.contains(v) else {
            error(node, path, v < range.lowerBound ? "must be at least \(range.lowerBound)" : "must be at most \(range.upperBound)",
                  found: String(v), valid: valid)
            return nil
        }
        return v
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        switch scalarText(node) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            let s = scalarText(node)
            let suggestion: String? = switch s?.lowercased() {
            case "yes", "on", "y": "true"
            case "no", "off", "n": "false"
            default: nil
            }
            error(node, path, "expected true or false, found \(describe(node))", valid: "true or false",
                  suggestion: suggestion)
            return nil
        }
    }

    /// One of a fixed set of words (`round-robin`, `business`…), with a suggestion.
    func choice<T>(_ node: Node, _ path: String, _ options: [(String, T)], what: String) -> T? {
        guard let s = scalarText(node) else {
            error(node, path, "expected \(what), found \(describe(node))", valid: Suggestions.list(options.map(\.0)))
            return nil
        }
        if let hit = options.first(where: { $0.0 == s }) { return hit.1 }
        error(node, path, "unknown \(what) '\(s)'", found: s, valid: Suggestions.list(options.map(\.0)),
              suggestion: Suggestions.closest(to: s, in: options.map(\.0)))
        return nil
    }

    /// One of the words a key's `.choice` shape in `FileFormat` lists.
    func choice(_ node: Node, _ path: String, _ key: KeyFormat?) -> String? {
        guard let (words, what) = key?.shape.choice else {
            preconditionFailure("\(path) is not declared as a choice in FileFormat")
        }
        return choice(node, path, words.map { ($0, $0) }, what: what)
    }

    /// A field value as written: plain scalars typed as the user means them, quoted ones text.
    func fieldValue(_ node: Node, _ path: String) -> FieldValue? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error(node, path, "expected a single value (text, number, true or false), found \(describe(node))")
            return nil
        }
        return scalar.style == .plain ? ValueSyntax.fieldValue(scalar.string) : .text(scalar.string)
    }

    /// A mapping key read as a field value (keys are typed like plain scalars).
    func fieldValue(key: Node) -> FieldValue {
        guard case .scalar(let scalar) = key else { return .text("") }
        return scalar.style == .plain ? ValueSyntax.fieldValue(scalar.string) : .text(scalar.string)
    }

    static func format(_ v: Double) -> String { FieldValue.number(v).description }
}

/// An optional key's value: `.some(nil)` when the key is absent, nil when its value is invalid
/// (already reported), the value otherwise. Lets callers tell "not given" from "wrong".
func optional<T>(_ node: Node?, _ read: (Node) -> T?) -> T?? {
    guard let node else { return .some(nil) }
    guard let value = read(node) else { return nil }
    return .some(value)
}

extension String {
    var trimmingTrailingCR: String { hasSuffix("\r") ? String(dropLast()) : self }
}
