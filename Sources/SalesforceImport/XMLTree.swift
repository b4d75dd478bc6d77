import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read with Foundation's `XMLParser`, keeping each element's line and column.
///
/// Assignment-rule exports are a few hundred kilobytes at most, so a tree is simpler than
/// streaming, and the positions let every warning point at the `ruleEntry` it is about.
struct XMLElement: Sendable {
    /// Local name (namespace prefix removed).
    var name: String
    var namespace: String?
    var children: [XMLElement] = []
    /// Concatenated character data directly inside this element.
    var text: String = ""
    var line: Int
    var column: Int

    func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    /// The trimmed text of the first child called `name` (nil when absent).
    func value(_ name: String) -> String? { child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } }
}

/// Why an XML text could not be read: the parser's message and where.
struct XMLReadError: Error {
    var message: String
    var line: Int
    var column: Int
}

enum XMLTree {
    /// Parses `text` into its root element.
    static func parse(_ text: String) throws(XMLReadError) -> XMLElement {
        if let pi = processingInstruction(in: text) { throw pi }
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder(parser: parser)
        parser.delegate = builder
        let ok = parser.parse()
        if let deep = builder.tooDeep {
            throw XMLReadError(message: "elements nested more than \(TreeBuilder.maximumDepth) deep", line: deep.line, column: deep.column)
        }
        if !ok || builder.root == nil {
            let message = parser.parserError.map { Self.describe($0) } ?? "not an XML document"
            throw XMLReadError(message: message, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber))
        }
        return builder.root!
    }

    /// The first processing instruction other than the leading XML declaration, as an error.
    /// Salesforce metadata has none, and Foundation's XMLParser on Linux crashes on some
    /// (`<?xm?>`, a target without data), so they are refused before parsing. Comments and
    /// CDATA sections are skipped.
    static func processingInstruction(in text: String) -> XMLReadError? {
        let bytes = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        func starts(_ s: String, at k: Int) -> Bool {
            let p = Array(s.utf8)
            return k + p.count <= bytes.count && Array(bytes[k..<(k + p.count)]) == p
        }
        func skip(past end: String) {
            while i < bytes.count, !starts(end, at: i) {
                if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
                i += 1
            }
            i += end.utf8.count
        }
        let leading = bytes.prefix { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.count
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1; i += 1; continue }
            if starts("<!--", at: i) { skip(past: "-->"); continue }
            if starts("<![CDATA[", at: i) { skip(past: "]]>"); continue }
            if starts("<?", at: i) {
                let isDeclaration = i == leading && starts("<?xml ", at: i)
                if !isDeclaration {
                    let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")).map { min($0 + 1, i + 40) } ?? min(bytes.count, i + 40)
                    let shown = String(decoding: bytes[i..<end], as: UTF8.self)
                    return XMLReadError(message: "processing instruction '\(shown)' is not part of Salesforce metadata; remove it",
                                        line: line, column: i - lineStart + 1)
                }
            }
            i += 1
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let reason = ns.userInfo[NSLocalizedDescriptionKey] as? String, !reason.isEmpty { return "malformed XML: \(reason)" }
        return "malformed XML (parser error \(ns.code))"
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    /// Salesforce metadata nests about 6 deep; the bound keeps a hostile file from building
    /// a tree whose recursive walk (or release) exhausts the stack.
    static let maximumDepth = 64

    weak var parser: XMLParser?
    var stack: [XMLElement] = []
    var root: XMLElement?
    /// Where the first element beyond `maximumDepth` starts (parsing stops there).
    var tooDeep: (line: Int, column: Int)?

    init(parser: XMLParser) { self.parser = parser }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stack.count < Self.maximumDepth else {
            tooDeep = (parser.lineNumber, parser.columnNumber)
            parser.abortParsing()
            return
        }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(XMLElement(name: local, namespace: namespaceURI?.isEmpty == false ? namespaceURI : nil,
                                line: parser.lineNumber, column: parser.columnNumber))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
    }
}
