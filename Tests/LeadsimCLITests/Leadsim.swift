import ChildProcess
import Foundation
import Testing

/// Runs the built `leadsim` binary.
enum Leadsim {
    typealias Result = ChildProcessResult

    /// The `leadsim` executable next to the test bundle (`.build/<config>/leadsim`).
    static let binary: URL? = {
        let starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("leadsim")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }()

    /// Runs `leadsim arguments…` in `directory` and collects its output.
    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let executable = try #require(binary, "leadsim binary not found near \(Bundle.main.bundleURL.path)")
        return try runChildProcess(executable, arguments, in: directory)
    }
}
