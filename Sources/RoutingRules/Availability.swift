import SimulationModel

/// A rep as assignment sees it: reps in scenario order, so roster indices are rep ids.
public struct RosterEntry: Sendable, Hashable {
    public var name: String
    public var team: String
    public var weight: Double
    public var skills: [String]

    public init(name: String, team: String, weight: Double = 1, skills: [String] = []) {
        self.name = name
        self.team = team
        self.weight = weight
        self.skills = skills
    }

    /// The roster of a scenario: every rep, in declaration order.
    public static func roster(of scenario: Scenario) -> [RosterEntry] {
        scenario.reps.map { RosterEntry(name: $0.name, team: $0.team, weight: $0.weight, skills: $0.skills) }
    }
}

/// Why a rep cannot take a lead now.
public enum Ineligibility: String, CaseIterable, Sendable, BitwiseCopyable {
    case offShift = "off shift"
    case absent
    case inactive
    case atOpenCap = "at open cap"
    case atDailyCap = "at daily cap"
    case lacksSkill = "lacks skill"
    case excluded = "previous owner"
}

/// What the kernel knows about a rep at the instant of a pick.
public struct RepAvailability: Sendable, Hashable {
    /// nil: eligible. The kernel has already applied the queue's `assign_off_shift`.
    public var ineligibility: Ineligibility?
    /// Leads held now (least-loaded, load-ratio).
    public var open: Int
    /// The rep's `capacity.open` (load-ratio).
    public var capacity: Int
    /// Latest of last assignment, last freed slot and current shift start (next-available).
    public var idleSince: Double

    public init(ineligibility: Ineligibility? = nil, open: Int = 0, capacity: Int = 1, idleSince: Double = 0) {
        self.ineligibility = ineligibility
        self.open = open
        self.capacity = capacity
        self.idleSince = idleSince
    }
}

/// The kernel's view of its reps; called once or twice per member per pick, so keep it cheap.
///
/// A view may also narrow the members worth asking about: ``candidates(word:)`` gives, as bits
/// over the rule set's member slots, a superset of the members whose `availability` could be
/// eligible now. Members whose bit is clear are skipped without a call. When a member turns out
/// unavailable, the core calls ``memberUnavailable(slot:)`` so the view may clear its bit until
/// the rep becomes more available. The defaults ask about every member and remember nothing.
public protocol AvailabilityView {
    func availability(of rep: Int) -> RepAvailability
    /// Bits `slot % 64` of word `slot / 64`: member slots (positions in the rule set's member
    /// list) that may be eligible. A clear bit promises `availability` would report a reason.
    func candidates(word: Int) -> UInt64
    /// Member `slot` was just reported unavailable by `availability` (not for skill or exclusion).
    func memberUnavailable(slot: Int)
}

extension AvailabilityView {
    @inlinable @inline(__always)
    public func candidates(word: Int) -> UInt64 { ~0 }

    @inlinable @inline(__always)
    public func memberUnavailable(slot: Int) {}
}

/// Uniform draws in (0, 1) for the `random` strategy: the queue's own stream.
public protocol UniformSource {
    mutating func nextUniform() -> Double
}

/// Reps that may not take a lead (its previous owners): a tiny set with inline storage.
///
/// Up to four reps are stored inline, so the usual empty or short set never allocates.
public struct ExcludedReps: Sendable, Hashable, ExpressibleByArrayLiteral {
    @usableFromInline var inline: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    /// Beyond four (nil until then, so copying a short set retains nothing).
    @usableFromInline var spill: [Int32]? = nil
    public private(set) var count = 0

    public init() {}

    public init(arrayLiteral reps: Int...) {
        for rep in reps { insert(rep) }
    }

    public static let none = ExcludedReps()

    public var isEmpty: Bool { count == 0 }

    public mutating func insert(_ rep: Int) {
        guard !contains(rep) else { return }
        let value = Int32(rep)
        switch count {
        case 0: inline.0 = value
        case 1: inline.1 = value
        case 2: inline.2 = value
        case 3: inline.3 = value
        default: spill = (spill ?? []) + [value]
        }
        count += 1
    }

    @inlinable @inline(__always)
    public func contains(_ rep: Int) -> Bool {
        if count == 0 { return false }
        let value = Int32(rep)
        if inline.0 == value || inline.1 == value || inline.2 == value || inline.3 == value { return true }
        return count > 4 && spill!.contains(value)
    }

    public static func == (a: ExcludedReps, b: ExcludedReps) -> Bool {
        a.count == b.count && a.members.allSatisfy(b.contains)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.sorted())
    }

    /// The reps in insertion order.
    public var members: [Int] {
        let head = [inline.0, inline.1, inline.2, inline.3].prefix(min(count, 4))
        return (head + (spill ?? [])).map(Int.init)
    }
}
