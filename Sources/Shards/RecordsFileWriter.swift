import Foundation
import SimulationKernel

/// Writes a records file as its records come: the header line first, then one line per
/// record, into a temporary file beside the target that is renamed over it by ``finish()``,
/// so readers never see half a file and a study never holds its whole text.
public final class RecordsFileWriter {
    public let path: String
    private let temporary: String
    private let handle: FileHandle
    /// The first failure (reported by ``finish()``: ``append(_:)`` is called where errors cannot be thrown).
    private var failure: MergeError?

    /// Creates `directory` when needed and starts the file `name` in it with `header`.
    public init(header: StudyHeader, directory: String, name: String) throws(MergeError) {
        path = (directory as NSString).appendingPathComponent(name)
        temporary = (directory as NSString).appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw MergeError("\(directory): cannot create the directory (\(error.localizedDescription))")
        }
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw MergeError("\(path): cannot write: cannot create \(temporary)")
        }
        self.handle = handle
        write { try StudyRecords.line(header) }
    }

    /// Appends one record's line.
    public func append(_ record: ReplicationRecord) {
        write { try StudyRecords.line(record) }
    }

    /// Closes the file and moves it into place (or removes it and throws the first failure).
    public func finish() throws(MergeError) {
        try? handle.close()
        if failure == nil && rename(temporary, path) != 0 {
            failure = MergeError("\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        if let failure {
            try? FileManager.default.removeItem(atPath: temporary)
            throw failure
        }
    }

    private func write(_ line: () throws -> String) {
        guard failure == nil else { return }
        do {
            try handle.write(contentsOf: Data(try line().utf8))
        } catch {
            failure = MergeError("\(path): cannot write: \(error)")
        }
    }
}
