import FuzzSupport
import Shards

/// Records files (`replications.jsonl`) as `merge` reads them: decode, check, merge, and
/// rebuild the inputs from the embedded files.
@main enum FuzzRecords {
    static func main() {
        runFuzzer { text in
            guard let records = try? StudyRecords.decode(text, file: "replications.jsonl") else { return }
            _ = try? ShardMerge.merge([("replications.jsonl", records)])
            _ = try? records.header.loadInputs()
        }
    }
}
