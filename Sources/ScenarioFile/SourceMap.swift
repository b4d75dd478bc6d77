import Yams

/// Where the parts of a loaded file are, so checks made after loading can point at them.
struct SourceMap: Sendable {
    let file: String
    let lines: [String]
    /// Locations by key path (`queues.general.reps[1]`, `routes[0].to`).
    let marks: [String: Location]

    static let empty = SourceMap(file: "", lines: [], marks: [:])

    func diagnostic(_ severity: Diagnostic.Severity, _ path: String, _ message: String, found: String? = nil,
                    valid: String? = nil, suggestion: String? = nil) -> Diagnostic {
        let mark = marks[path] ?? Self.nearest(path, in: marks)
        let line = mark?.line ?? 0
        return Diagnostic(severity: severity, file: file, line: line, column: mark?.column ?? 0, keyPath: path,
                          message: message, found: found, valid: valid, suggestion: suggestion,
                          sourceLine: line >= 1 && line <= lines.count ? lines[line - 1] : nil)
    }

    /// The mark of the closest recorded parent path (`queues.x` for `queues.x.reps[2]`).
    private static func nearest(_ path: String, in marks: [String: Location]) -> Location? {
        var p = Substring(path)
        while let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) {
            p = p[..<cut]
            if let mark = marks[String(p)] { return mark }
        }
        return nil
    }
}

extension DocumentReader {
    func remember(_ path: String, _ node: Node?) {
        if let mark = Location(node?.mark) { marks[path] = mark }
    }

    var sourceMap: SourceMap {
        SourceMap(file: file, lines: lines.map { String($0).trimmingTrailingCR }, marks: marks)
    }
}
