import Foundation
import SimulationKernel

/// Which outputs to write (`--format md,html,json,csv`).
public struct OutputFormats: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let markdown = OutputFormats(rawValue: 1)
    public static let html = OutputFormats(rawValue: 2)
    public static let json = OutputFormats(rawValue: 4)
    public static let csv = OutputFormats(rawValue: 8)
    public static let all: OutputFormats = [.markdown, .html, .json, .csv]

    /// Parses a comma-separated list of `md`, `html`, `json`, `csv` (`markdown` also accepted).
    /// - Returns: nil when a name is unknown or the list is empty.
    public init?(list: String) {
        var formats: OutputFormats = []
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch name {
            case "md", "markdown": formats.insert(.markdown)
            case "html": formats.insert(.html)
            case "json": formats.insert(.json)
            case "csv": formats.insert(.csv)
            default: return nil
            }
        }
        guard !formats.isEmpty else { return nil }
        self = formats
    }
}

/// A file that could not be written.
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes the report files of a summary into a directory, each atomically.
public enum ReportWriter {
    /// Writes the chosen outputs (and `leads.csv` when `trace` is given) into `directory`,
    /// creating it when needed.
    /// - Returns: the paths written, in a fixed order.
    /// - Throws: `ReportWriteError`.
    @discardableResult
    public static func write(_ summary: Summary, formats: OutputFormats, to directory: String,
                             trace: [TraceRow]? = nil, fieldNames: [String] = []) throws(ReportWriteError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        var files: [(String, () -> String)] = []
        if formats.contains(.markdown) { files.append(("report.md", { MarkdownReport.render(summary) })) }
        if formats.contains(.html) { files.append(("report.html", { HTMLReport.render(summary) })) }
        if formats.contains(.json) { files.append(("summary.json", { summary.jsonText })) }
        if formats.contains(.csv) {
            files.append(("reps.csv", { summary.repsCSV }))
            files.append(("routes.csv", { summary.routesCSV }))
            files.append(("timeseries.csv", { summary.timeseriesCSV }))
            files.append(("queues.csv", { summary.queuesCSV }))
            files.append(("sources.csv", { summary.sourcesCSV }))
        }
        if let trace { files.append(("leads.csv", { LeadsCSV.render(trace, fieldNames: fieldNames) })) }
        var written: [String] = []
        for (name, render) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            try writeAtomically(render(), to: path)
            written.append(path)
        }
        return written
    }

    /// Writes `text` to a temporary file in the same directory, then renames it over `path`,
    /// so readers see the old file or the new one, never half of one.
    public static func writeAtomically(_ text: String, to path: String) throws(ReportWriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw ReportWriteError(path: path, reason: "cannot create \(temporary)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportWriteError(path: path, reason: reason)
        }
    }
}
