import Foundation
import Shards
import Testing

/// A records file edited or damaged by hand is refused with its line and the field at fault;
/// `merge` never traps on it (these headers once divided by zero or built negative arrays).
@Suite struct CorruptedRecordsTests {
    /// The whole study's records with the first occurrence of `old` in the header replaced.
    func corrupted(_ old: String, _ new: String) throws -> String {
        let text = try RecordsTests.shardRecords(.whole).encoded()
        let header = text.prefix { $0 != "\n" }
        #expect(header.contains(old), "the header has no \(old)")
        return header.replacingOccurrences(of: old, with: new) + text.drop { $0 != "\n" }
    }

    func refusal(_ text: String) -> String {
        do {
            let records = try StudyRecords.decode(text, file: "bad.jsonl")
            _ = try ShardMerge.merge([("bad.jsonl", records)])
            return ""
        } catch {
            return error.description
        }
    }

    @Test(arguments: [("\"count\":1,\"index\":0", "\"count\":0,\"index\":0", "shard count must be between 1"),
                      ("\"count\":1,\"index\":0", "\"count\":1,\"index\":-3", "shard index is 0-based"),
                      ("\"replications\":5", "\"replications\":-1", "replications -1, leadsim runs 1…10000"),
                      ("\"replications\":5", "\"replications\":900000000000", "replications 900000000000"),
                      ("\"replications\":5", "\"replications\":0", "replications 0"),
                      ("\"rule_sets\":[\"split\"]", "\"rule_sets\":[]", "no rule sets")])
    func impossibleHeadersAreRefusedOnLineOne(_ old: String, _ new: String, _ message: String) throws {
        let why = refusal(try corrupted(old, new))
        #expect(why.hasPrefix("bad.jsonl:1:"), "\(why)")
        #expect(why.contains(message), "\(why)")
    }

    @Test func aStaffRangeThatIsNotTwoOrderedHeadcountsIsRefused() throws {
        let text = try corrupted("\"seed\":3", "\"seed\":3,\"staff\":{\"team\":\"a\",\"headcounts\":[4],\"targets\":[]}")
        #expect(refusal(text).contains("staff headcounts [4]"))
        let reversed = try corrupted("\"seed\":3", "\"seed\":3,\"staff\":{\"team\":\"a\",\"headcounts\":[4,2],\"targets\":[]}")
        #expect(refusal(reversed).contains("staff headcounts [4, 2]"))
    }

    @Test func aSketchWithOverflowingCountsIsUnreadable() throws {
        let text = try RecordsTests.shardRecords(.whole).encoded()
        var lines = text.split(separator: "\n").map(String.init)
        guard let range = lines[1].range(of: "\"zeroCount\":") else {
            Issue.record("no sketch in the record")
            return
        }
        lines[1].replaceSubrange(range, with: "\"zeroCount\":9223372036854775807,\"x\":")
        let why = refusal(lines.joined(separator: "\n") + "\n")
        #expect(why.hasPrefix("bad.jsonl:2: unreadable record"), "\(why)")
    }
}
