import FuzzSupport
import Shards

/// Records files (`replications.jsonl`) as `merge` reads them: decode, check, merge, and
/// rebuild the inputs from the embedded files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecords(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let text = fuzzText(bytes, count), let records = try? StudyRecords.decode(text, file: "replications.jsonl") else { return 0 }
    _ = try? ShardMerge.merge([("replications.jsonl", records)])
    _ = try? records.header.loadInputs()
    return 0
}
