import RandomStreams
import RoutingRules
import SimulationModel

/// Where a lead is in its life cycle.
enum LeadState: UInt8 {
    /// Just arrived, being routed (transient within one instant).
    case routing
    /// Waiting for enrichment before routing (unowned).
    case enriching
    /// In a queue without an owner (unowned).
    case waiting
    /// Assigned, not yet touched.
    case owned
    /// First-touched, being handled (holds a slot until closed).
    case touched
    /// Held by an account owner who has left: unowned, never touched.
    case stale
    // Terminal states.
    case closed
    case dropped
    case cold
    case unrouted
    case automated
    /// The slot is free.
    case free

    var isTerminal: Bool { rawValue >= LeadState.closed.rawValue }
    /// Settled leads no longer keep the drain going: touched or ended.
    var isSettled: Bool { self == .touched || isTerminal }
}

/// One lead in flight. Leads live in a slab and their slots are reused, so memory follows
/// the number of leads in the system, not the number that arrived.
struct LeadRecord {
    var sequence = 0
    var arrival: Instant = 0
    var luck = CounterUniforms(seed: 0)
    var source: Int32 = 0
    var generation: UInt32 = 0
    var state = LeadState.free
    var counted = false
    var humanBound = true
    /// Set by the `unowned_after` check: whether the lead had no owner then.
    var unownedDecided = false
    var unownedAtCheck = false
    var anyMissing = false
    /// Route index, or −1 for the fallback, −2 when unrouted, −3 before routing.
    var route: Int32 = -3
    /// The queue the lead is in or was last in (−1: none yet).
    var queue: Int32 = -1
    /// The waiting line (within the queue) the lead is in while waiting.
    var line: Int32 = -1
    var owner: Int32 = -1
    var assignments: Int32 = 0
    var queueEntry: Int32 = 0
    var reassignments: Int32 = 0
    var breaches: Int32 = 0
    /// The `else` queue of the account-owner route that sent the lead to its owner (−1: none).
    var elseQueue: Int32 = -1
    /// Whether the lead has previous owners it may not go back to (kept beside the table).
    var hasExclusions = false
    var firstAssigned: Instant = .infinity
    var lastAssigned: Instant = .infinity
    var touchedAt: Instant = .infinity
    var score: Double = -.infinity
}

/// Slab storage for leads and their field values (`fieldCount` values per slot).
struct LeadTable {
    private(set) var records: [LeadRecord] = []
    private(set) var values: [LeadValue] = []
    private var freeSlots: [Int32] = []
    let fieldCount: Int
    private(set) var live = 0

    init(fieldCount: Int) {
        self.fieldCount = max(1, fieldCount)
    }

    /// A fresh slot (its generation advanced, its values all missing).
    mutating func allocate() -> Int32 {
        live += 1
        if let slot = freeSlots.popLast() {
            let base = Int(slot) * fieldCount
            for i in base..<(base + fieldCount) { values[i] = .missing }
            records[Int(slot)].generation &+= 1
            return slot
        }
        records.append(LeadRecord())
        values.append(contentsOf: repeatElement(LeadValue.missing, count: fieldCount))
        return Int32(records.count - 1)
    }

    mutating func release(_ slot: Int32) {
        live -= 1
        records[Int(slot)].state = .free
        freeSlots.append(slot)
    }

    subscript(slot: Int32) -> LeadRecord {
        _read { yield records[Int(slot)] }
        _modify { yield &records[Int(slot)] }
    }

    /// Calls `body` with the slot's field values.
    func withValues<R>(_ slot: Int32, _ body: (UnsafeBufferPointer<LeadValue>) -> R) -> R {
        values.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[(Int(slot) * fieldCount)..<(Int(slot) * fieldCount + fieldCount)]))
        }
    }

    mutating func withMutableValues<R>(_ slot: Int32, _ body: (UnsafeMutableBufferPointer<LeadValue>) -> R) -> R {
        let fieldCount = self.fieldCount
        return values.withUnsafeMutableBufferPointer { all in
            body(UnsafeMutableBufferPointer(rebasing: all[(Int(slot) * fieldCount)..<(Int(slot) * fieldCount + fieldCount)]))
        }
    }

    /// Slots currently holding a lead.
    var occupiedSlots: [Int32] {
        records.indices.filter { records[$0].state != .free }.map { Int32($0) }
    }
}
