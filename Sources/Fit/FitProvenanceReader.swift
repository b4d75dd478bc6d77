import Foundation
import SimulationModel

/// Reads back the evidence `FittedScenarioText` writes into a fitted `scenario.yaml`: its
/// header (the history, what it could not tell) and each commented value of its sources and
/// reps. The comments are the record that travels with the file, so a study run on a fitted
/// scenario can say what its numbers rest on without `fit.json` beside it.
///
/// Comments are read the way the writer places them: a trailing comment belongs to its line's
/// key; a whole-line comment `label: text` (`touch delay: n 615 …`) to the key of that name in
/// the same source or rep; any other whole-line comment to the next key at its indentation.
/// Notes on a value's layout (under `pattern:`) and the sections copied from a base scenario
/// are not evidence and are skipped.
public enum FitProvenanceReader {
    /// The header's first line, as the writer starts it.
    static let marker = "# Fitted by `leadsim fit` from "
    /// The header line that introduces the notes on what the history could not tell.
    static let notesHeading = "# What the history could not tell:"
    /// The prefix of each note line under it.
    static let notePrefix = "#   - "

    /// The provenance of a fitted scenario's text, or nil when `leadsim fit` did not write it.
    public static func read(_ text: String) -> FitProvenance? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, first.hasPrefix(marker) else { return nil }
        var history = String(first.dropFirst(marker.count))
        if history.hasSuffix(".") { history.removeLast() }
        var notes: [String] = []
        var reader = BodyReader()
        var inHeader = true
        for line in lines.dropFirst() {
            if inHeader && line.hasPrefix("#") {
                if line.hasPrefix(notePrefix) { notes.append(String(line.dropFirst(notePrefix.count))) }
                else if line.hasPrefix("# ") && !line.hasPrefix(notesHeading) && !line.hasPrefix("# Every fitted value") {
                    notes.append(String(line.dropFirst(2)))
                }
                continue
            }
            inHeader = false
            reader.read(line)
        }
        reader.finishOwner()
        return FitProvenance(history: history, notes: notes, values: reader.values)
    }

    /// The body's state: the section and source or rep being read, and comments waiting for a key.
    private struct BodyReader {
        var values: [FittedValue] = []
        var section = ""
        var owner = ""
        /// Keys above the current line within the owner, with their indentation.
        var parents: [(indent: Int, key: String)] = []
        /// Whole-line comments without a label, waiting for the next key at their indentation
        /// (keyed by it, so a key costs the number of indentations waiting, not of comments).
        var pending: [Int: [String]] = [:]
        /// Labelled comments of the current owner whose key has not been seen: key → index in `values`.
        var labelled: [String: Int] = [:]

        /// Sections whose comments `FittedScenarioText` writes (the others are copied from a base).
        static let fittedSections: Set<String> = ["sources", "reps"]
        /// Top-level keys whose trailing comment is fit's.
        static let fittedTopLevel: Set<String> = ["horizon"]
        static let ownerNames = ["sources": "source", "reps": "rep"]

        mutating func read(_ line: String) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.isEmpty { return }
            if body.hasPrefix("#") {
                guard Self.fittedSections.contains(section), indent > 0 else { return }
                comment(String(body.dropFirst().drop { $0 == " " }), indent: indent)
                return
            }
            let isItem = body.hasPrefix("- ")
            let content = isItem ? body.dropFirst(2) : body
            let keyIndent = isItem ? indent + 2 : indent
            guard let colon = content.firstIndex(of: ":") else { return }
            let key = String(content[..<colon])
            let (value, trailing) = Self.splitComment(String(content[content.index(after: colon)...]))
            if indent == 0 && !isItem {
                finishOwner()
                section = key
                parents = []
                if Self.fittedTopLevel.contains(key), let trailing {
                    values.append(FittedValue(owner: "scenario", key: key, value: value, evidence: trailing))
                }
                return
            }
            guard Self.fittedSections.contains(section) else { return }
            if isItem && key == "name" {
                finishOwner()
                owner = "\(Self.ownerNames[section] ?? section) \(Self.unquoted(value))"
                parents = []
                if let trailing { values.append(FittedValue(owner: owner, key: "name", value: Self.unquoted(value), evidence: trailing)) }
                return
            }
            while let last = parents.last, last.indent >= keyIndent { parents.removeLast() }
            let path = (parents.map(\.key) + [key]).joined(separator: ".")
            parents.append((keyIndent, key))
            // The layout of a pattern (its hours, one line per day) is not evidence.
            if path.hasPrefix("pattern.") { return }
            var evidence = pending[keyIndent] ?? []
            pending = pending.filter { $0.key < keyIndent }
            if let trailing, path != "pattern" { evidence.append(trailing) }
            if let index = labelled.removeValue(forKey: path) {
                values[index].value = value
                if !evidence.isEmpty { values[index].evidence += "; " + evidence.joined(separator: "; ") }
            } else if !evidence.isEmpty {
                values.append(FittedValue(owner: owner, key: path, value: value, evidence: evidence.joined(separator: "; ")))
            }
        }

        /// A whole-line comment inside a source or rep.
        mutating func comment(_ text: String, indent: Int) {
            if let label = Self.label(of: text) {
                let key = label.replacingOccurrences(of: " ", with: "_")
                labelled[key] = values.count
                values.append(FittedValue(owner: owner, key: key, value: "",
                                          evidence: String(text.dropFirst(label.count + 2))))
            } else {
                pending[indent, default: []].append(text)
            }
        }

        /// Ends the current source or rep: comments still waiting have no key to go to.
        mutating func finishOwner() {
            for indent in pending.keys.sorted() {
                for text in pending[indent] ?? [] { values.append(FittedValue(owner: owner, key: "", value: "", evidence: text)) }
            }
            pending = [:]
            labelled = [:]
        }

        /// `touch delay` of `touch delay: n 615 …`: a few lower-case words before `: `.
        static func label(of text: String) -> String? {
            guard let range = text.range(of: ": ") else { return nil }
            let label = text[..<range.lowerBound]
            guard let first = label.first, first.isLowercase, label.count <= 30,
                  label.allSatisfy({ $0.isLowercase || $0 == " " || $0 == "_" }) else { return nil }
            return String(label)
        }

        /// The value and the trailing comment of what follows a key's colon; a `#` inside
        /// quotes or not after a space is part of the value.
        static func splitComment(_ rest: String) -> (value: String, comment: String?) {
            var quote: Character?
            var previous: Character = " "
            for index in rest.indices {
                let c = rest[index]
                if let q = quote {
                    if c == q { quote = nil }
                } else if (c == "\"" || c == "'") && " {[,:".contains(previous) {
                    quote = c
                } else if c == "#" && previous == " " {
                    let value = rest[..<index].trimmingCharacters(in: .whitespaces)
                    let comment = rest[rest.index(after: index)...].trimmingCharacters(in: .whitespaces)
                    return (value, comment.isEmpty ? nil : comment)
                }
                previous = c
            }
            return (rest.trimmingCharacters(in: .whitespaces), nil)
        }

        static func unquoted(_ value: String) -> String {
            guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else { return value }
            return String(value.dropFirst().dropLast())
        }
    }
}
