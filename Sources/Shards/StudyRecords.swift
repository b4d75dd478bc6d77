import Foundation
import ScenarioFile
import SimulationKernel

/// A file a study was made from, embedded in its records so that `merge` needs nothing else.
public struct StudyFile: Codable, Hashable, Sendable {
    /// `scenario`, `rules` (in rule-set order) or `replay` (a CSV a `replay:` source reads).
    public var role: String
    /// The path as given on the command line (`replay`: as written in the scenario).
    public var path: String
    /// SHA-256 of the text (UTF-8), lowercase hex.
    public var sha256: String
    public var text: String

    public init(role: String, path: String, text: String) {
        self.role = role
        self.path = path
        self.text = text
        sha256 = SHA256.hex(text)
    }
}

/// What `staff` was asked (so `merge` can redo the search).
public struct StaffQuestion: Codable, Hashable, Sendable {
    public var team: String
    /// The headcount range, lower and upper bound inclusive.
    public var headcounts: [Int]
    public var targets: [String]
    public var hire: String?

    public init(team: String, headcounts: ClosedRange<Int>, targets: [String], hire: String?) {
        self.team = team
        self.headcounts = [headcounts.lowerBound, headcounts.upperBound]
        self.targets = targets
        self.hire = hire
    }

    public var range: ClosedRange<Int> { headcounts[0]...headcounts[1] }

    /// The largest headcount `staff` searches (its `--reps` bound).
    public static let maximumHeadcount = 10_000

    enum CodingKeys: String, CodingKey { case team, headcounts, targets, hire }
}

/// The first line of a records file: which study, which shard.
public struct StudyHeader: Codable, Hashable, Sendable {
    public static let currentFormat = "leadsim-replications/4"
    public var format: String
    public var leadsimVersion: String
    /// `run`, `compare` or `staff`.
    public var command: String
    /// The scenario's name.
    public var scenario: String
    /// The seed and replication count the study ran with (command-line overrides applied).
    public var seed: UInt64
    public var replications: Int
    public var ruleSets: [String]
    public var shard: Shard
    /// The scenario, the rule sets (in order) and any replay CSVs, with their SHA-256.
    public var files: [StudyFile]
    /// The names and settings the summary needs (for `staff`: at the lowest headcount).
    public var study: StudyDescription
    public var staff: StaffQuestion?

    public init(leadsimVersion: String, command: String, scenario: String, seed: UInt64, replications: Int,
                ruleSets: [String], shard: Shard, files: [StudyFile], study: StudyDescription, staff: StaffQuestion? = nil) {
        format = Self.currentFormat
        self.leadsimVersion = leadsimVersion
        self.command = command
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.ruleSets = ruleSets
        self.shard = shard
        self.files = files
        self.study = study
        self.staff = staff
    }

    enum CodingKeys: String, CodingKey {
        case format, leadsimVersion = "leadsim_version", command, scenario, seed, replications, ruleSets = "rule_sets", shard,
             files, study, staff
    }

    public var scenarioFile: StudyFile? { files.first { $0.role == "scenario" } }
    public var ruleFiles: [StudyFile] { files.filter { $0.role == "rules" } }
    /// Replay CSV texts keyed by the name written in the scenario.
    public var replayTexts: [String: String] {
        Dictionary(files.filter { $0.role == "replay" }.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
    }

    /// What makes this header impossible for leadsim to have written (nil: nothing), checked
    /// before `merge` sizes anything by it: a replication count outside the loader's bounds,
    /// a staff range that is not two ordered headcounts.
    var corruption: String? {
        guard replications >= 1, replications <= ScenarioLoader.maximumReplications else {
            return "replications \(replications), leadsim runs 1…\(ScenarioLoader.maximumReplications)"
        }
        if ruleSets.isEmpty { return "no rule sets" }
        if let staff {
            guard staff.headcounts.count == 2, staff.headcounts[0] >= 0, staff.headcounts[0] <= staff.headcounts[1],
                  staff.headcounts[1] <= StaffQuestion.maximumHeadcount else {
                return "staff headcounts \(staff.headcounts), expected [low, high] with 0 ≤ low ≤ high ≤ \(StaffQuestion.maximumHeadcount)"
            }
        }
        return nil
    }

    /// The headcounts every replication is run at (staff), or `[nil]`.
    public var headcounts: [Int?] { staff.map { $0.range.map { Optional($0) } } ?? [nil] }
}

/// One rule set's raw results in one replication (at one headcount for `staff`).
public struct ReplicationRecord: Codable, Sendable {
    public var ruleSet: String
    public var ruleSetIndex: Int
    public var replication: Int
    public var headcount: Int?
    public var metrics: ReplicationMetrics

    public init(ruleSet: String, ruleSetIndex: Int, replication: Int, headcount: Int? = nil, metrics: ReplicationMetrics) {
        self.ruleSet = ruleSet
        self.ruleSetIndex = ruleSetIndex
        self.replication = replication
        self.headcount = headcount
        self.metrics = metrics
    }

    /// The record of rule set `r`'s run `metrics` in the study of `header`.
    public init(_ metrics: ReplicationMetrics, ruleSet r: Int, of header: StudyHeader, headcount: Int? = nil) {
        self.init(ruleSet: header.ruleSets[r], ruleSetIndex: r, replication: metrics.replication, headcount: headcount,
                  metrics: metrics)
    }

    enum CodingKeys: String, CodingKey {
        case ruleSet = "rule_set", ruleSetIndex = "rule_set_index", replication, headcount, metrics
    }
}

/// A records file (`replications.jsonl`): the header line, then one line per record.
///
/// Doubles are written in Swift's shortest round-trip form and read back bit for bit;
/// NaN and ±infinity (empty sketches' extremes, undefined rates) as the strings `"nan"`,
/// `"inf"` and `"-inf"`.
public struct StudyRecords: Sendable {
    public var header: StudyHeader
    public var records: [ReplicationRecord]

    public init(header: StudyHeader, records: [ReplicationRecord]) {
        self.header = header
        self.records = records
    }

    /// The records of an experiment's runs (`runs[r][k]` for `replications[k]`).
    public init(header: StudyHeader, runs: [[ReplicationMetrics]], headcount: Int? = nil) {
        self.header = header
        records = runs.enumerated().flatMap { r, metrics in
            metrics.map { ReplicationRecord($0, ruleSet: r, of: header, headcount: headcount) }
        }
    }

    /// The file name a shard writes (`replications.jsonl` for the whole study).
    public static func fileName(for shard: Shard) -> String {
        shard.count == 1 ? "replications.jsonl" : "replications-shard-\(shard.index)-of-\(shard.count).jsonl"
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The file's text: one JSON object per line, header first.
    public func encoded() throws -> String {
        var text = try Self.line(header)
        for record in records { text += try Self.line(record) }
        return text
    }

    /// One line of a records file (the header or a record), newline included.
    public static func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self) + "\n"
    }

    /// Reads a records file's text; `file` names it in errors.
    public static func decode(_ text: String, file: String) throws(MergeError) -> StudyRecords {
        let decoder = Self.decoder()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else { throw MergeError("\(file): empty file, not leadsim records") }
        let header: StudyHeader
        do {
            header = try decoder.decode(StudyHeader.self, from: Data(first.utf8))
        } catch {
            throw MergeError("\(file):1: not a leadsim records header (\(Self.reason(error)))")
        }
        guard header.format == StudyHeader.currentFormat else {
            throw MergeError("\(file):1: records format '\(header.format)', this leadsim reads '\(StudyHeader.currentFormat)'")
        }
        if let problem = header.corruption {
            throw MergeError("\(file):1: corrupted records header: \(problem)")
        }
        var records: [ReplicationRecord] = []
        records.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.enumerated().dropFirst() {
            do {
                records.append(try decoder.decode(ReplicationRecord.self, from: Data(line.utf8)))
            } catch {
                throw MergeError("\(file):\(offset + 1): unreadable record (\(Self.reason(error))); the file may be truncated")
            }
        }
        return StudyRecords(header: header, records: records)
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// Shards that do not make one study, or an unreadable records file.
public struct MergeError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
