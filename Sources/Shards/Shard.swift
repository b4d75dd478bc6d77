import Foundation

/// One shard of a study: replication `r` belongs to shard `r mod count`; `index` is 0-based
/// (as Kubernetes, AWS Batch and `r mod N` count), so `--shard 0/3`, `1/3`, `2/3` make a study.
public struct Shard: Codable, Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    /// The whole study in one piece.
    public static let whole = Shard(index: 0, count: 1)

    public var description: String { "\(index)/\(count)" }

    /// Reads a shard from a records header, refusing what `init(index:count:)` would trap on
    /// (a corrupted file with count 0 or an index outside the count).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let index = try container.decode(Int.self, forKey: .index), count = try container.decode(Int.self, forKey: .count)
        do {
            self = try Self.checked(index: index, count: count, what: "shard \(index)/\(count)")
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: error.description)
        }
    }

    private enum CodingKeys: String, CodingKey { case index, count }

    /// Whether replication `r` is this shard's.
    public func owns(_ replication: Int) -> Bool { replication % count == index }

    /// This shard's replications among `0..<total`.
    public func replications(of total: Int) -> [Int] { Array(stride(from: index, to: total, by: count)) }

    /// The most shards a study may be split into.
    public static let maximumCount = 100_000

    /// Parses `K/N` (0 ≤ K < N) or `auto` (from the job runner's environment, see `fromEnvironment`).
    public static func parse(_ text: String, environment: [String: String]) throws(ShardError) -> Shard {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "auto" { return try fromEnvironment(environment) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("--shard takes K/N (0-based shard K of N, e.g. 0/4) or auto; got '\(text)'")
        }
        return try checked(index: k, count: n, what: "--shard \(text)")
    }

    static func checked(index: Int, count: Int, what: String) throws(ShardError) -> Shard {
        guard count >= 1, count <= maximumCount else {
            throw ShardError("\(what): the shard count must be between 1 and \(maximumCount), got \(count)")
        }
        guard index >= 0, index < count else {
            throw ShardError("\(what): the shard index is 0-based and must be in 0…\(count - 1), got \(index)")
        }
        return Shard(index: index, count: count)
    }

    /// The variable that gives the shard count where the runner does not export one.
    public static let countVariable = "LEADSIM_SHARD_COUNT"

    /// The shard of an array job, from the first runner whose index variable is set:
    /// - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based), count from `LEADSIM_SHARD_COUNT`
    ///   (Kubernetes does not export `completions`; set it to the same number in the pod template).
    /// - Slurm job array: `SLURM_ARRAY_TASK_ID` minus `SLURM_ARRAY_TASK_MIN` (divided by
    ///   `SLURM_ARRAY_TASK_STEP` when set), count `SLURM_ARRAY_TASK_COUNT` (or `LEADSIM_SHARD_COUNT`).
    /// - AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX` (0-based), count `AWS_BATCH_JOB_ARRAY_SIZE`
    ///   (set it yourself: Batch does not export it) or `LEADSIM_SHARD_COUNT`.
    /// - Any other runner: `LEADSIM_SHARD_INDEX` (0-based) and `LEADSIM_SHARD_COUNT`.
    /// When the runner's count and `LEADSIM_SHARD_COUNT` are both set they must agree.
    public static func fromEnvironment(_ environment: [String: String]) throws(ShardError) -> Shard {
        func integer(_ name: String) throws(ShardError) -> Int? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let value = Int(raw) else { throw ShardError("--shard auto: \(name) is '\(raw)', not an integer") }
            return value
        }
        func count(_ own: String?, runner: String) throws(ShardError) -> Int {
            let fromRunner = try own.flatMap { name throws(ShardError) in try integer(name) }
            let fromLeadsim = try integer(countVariable)
            if let fromRunner, let fromLeadsim, fromRunner != fromLeadsim {
                throw ShardError("--shard auto: \(own!)=\(fromRunner) but \(countVariable)=\(fromLeadsim); they must agree")
            }
            guard let n = fromRunner ?? fromLeadsim else {
                let names = (own.map { [$0] } ?? []) + [countVariable]
                throw ShardError("--shard auto: \(runner) gives the shard index but not the count; set "
                                 + names.joined(separator: " or ") + " to the number of shards")
            }
            return n
        }
        if let index = try integer("JOB_COMPLETION_INDEX") {
            return try checked(index: index, count: try count(nil, runner: "Kubernetes (JOB_COMPLETION_INDEX)"),
                               what: "--shard auto (Kubernetes Indexed Job)")
        }
        if let id = try integer("SLURM_ARRAY_TASK_ID") {
            let minimum = try integer("SLURM_ARRAY_TASK_MIN") ?? 0
            let step = try integer("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step >= 1, (id - minimum) % step == 0 else {
                throw ShardError("--shard auto: SLURM_ARRAY_TASK_ID=\(id) is not SLURM_ARRAY_TASK_MIN=\(minimum) plus a multiple of "
                                 + "SLURM_ARRAY_TASK_STEP=\(step); use a plain range such as --array=0-9")
            }
            return try checked(index: (id - minimum) / step, count: try count("SLURM_ARRAY_TASK_COUNT", runner: "Slurm"),
                               what: "--shard auto (Slurm array task \(id), first task \(minimum))")
        }
        if let index = try integer("AWS_BATCH_JOB_ARRAY_INDEX") {
            return try checked(index: index, count: try count("AWS_BATCH_JOB_ARRAY_SIZE", runner: "AWS Batch"),
                               what: "--shard auto (AWS Batch array job)")
        }
        if let index = try integer("LEADSIM_SHARD_INDEX") {
            return try checked(index: index, count: try count(nil, runner: "LEADSIM_SHARD_INDEX"), what: "--shard auto")
        }
        throw ShardError("--shard auto: no array-job index in the environment; expected JOB_COMPLETION_INDEX (Kubernetes, with "
                         + "\(countVariable)), SLURM_ARRAY_TASK_ID (Slurm), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) or "
                         + "LEADSIM_SHARD_INDEX with \(countVariable); or give --shard K/N")
    }
}

/// A bad `--shard` value or environment.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
