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
    /// Assigned to a rep (touched or not).
    var hasOwner: Bool { self == .owned || self == .touched }
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
    /// Storage of ``route``: the route index, −1 fallback, −2 unrouted, −3 not routed yet.
    private var routeCode: Int32 = -3
    /// Storage of ``queue``: the board index of the lead's queue (−1: none yet).
    private var queueIndex: Int32 = -1
    /// Storage of ``routedQueue(in:)``: the board index of the first queue the lead was in (−1: none yet).
    private(set) var routedQueueIndex: Int32 = -1
    /// The waiting line (within the queue) the lead is in while waiting.
    var line: Int32 = -1
    /// The latest owner (−1: never assigned): the owner while the state has one, and after a
    /// breach took the lead, the rep it was taken from (team metrics of spanning queues).
    var owner: Int32 = -1
    var assignments: Int32 = 0
    var queueEntry: Int32 = 0
    var reassignments: Int32 = 0
    var breaches: Int32 = 0
    /// Storage of ``elseQueue(in:)``: its board index (−1: none).
    private var elseQueueIndex: Int32 = -1
    /// Whether the lead has previous owners it may not go back to (kept beside the table).
    var hasExclusions = false
    var firstAssigned: Instant = .infinity
    var lastAssigned: Instant = .infinity
    var touchedAt: Instant = .infinity
    var score: Double = -.infinity

    /// Which route took the lead.
    var route: RouteTaken {
        get {
            switch routeCode {
            case -3: return .notYet
            case -2: return .unrouted
            case -1: return .fallback
            default: return .route(Int(routeCode))
            }
        }
        set {
            switch newValue {
            case .notYet: routeCode = -3
            case .unrouted: routeCode = -2
            case .fallback: routeCode = -1
            case .route(let index): routeCode = Int32(index)
            }
        }
    }

    /// The queue the lead is in or was last in (nil: none yet).
    func queue(in queues: QueueNumbering) -> QueueRef? {
        queueIndex >= 0 ? queues.queue(at: Int(queueIndex)) : nil
    }

    /// Whether the lead has been in a queue.
    var hasQueue: Bool { queueIndex >= 0 }

    mutating func setQueue(_ queue: QueueRef) {
        queueIndex = Int32(queue.index)
        if routedQueueIndex < 0 { routedQueueIndex = queueIndex }
    }

    /// The queue routing sent the lead to, before any overflow, escalation or reassignment
    /// (nil: not routed to a queue). Queue-level SLAs, business clocks and per-queue results
    /// follow it.
    func routedQueue(in queues: QueueNumbering) -> QueueRef? {
        routedQueueIndex >= 0 ? queues.queue(at: Int(routedQueueIndex)) : nil
    }

    /// The `else` queue of the account-owner route that sent the lead to its owner (nil: none).
    func elseQueue(in queues: QueueNumbering) -> QueueRef? {
        elseQueueIndex >= 0 ? queues.queue(at: Int(elseQueueIndex)) : nil
    }

    mutating func setElseQueue(_ queue: QueueRef?) { elseQueueIndex = Int32(queue?.index ?? -1) }
}

/// Which route took a lead.
enum RouteTaken: Equatable {
    case notYet
    case unrouted
    case fallback
    /// The rule set's route with this index.
    case route(Int)
}

/// Slab storage for leads and their field values (`fieldCount` values per slot).
///
/// Records and values live in memory the table manages itself, so the hot path reads and
/// writes a lead's record in place (no copy-on-write check). Value buffers handed out by
/// ``values(_:)`` are valid until the next ``allocate()``.
final class LeadTable {
    @exclusivity(unchecked) private var records: UnsafeMutablePointer<LeadRecord>
    @exclusivity(unchecked) private var fieldValues: UnsafeMutablePointer<LeadValue>
    @exclusivity(unchecked) private var capacity = 64
    /// Slots ever handed out (occupied or free).
    @exclusivity(unchecked) private var slotCount = 0
    /// Released slots, the latest on top (`freeCount` of them; room for every slot).
    @exclusivity(unchecked) private var freeSlots: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var freeCount = 0
    let fieldCount: Int
    @exclusivity(unchecked) private(set) var live = 0

    init(fieldCount: Int) {
        self.fieldCount = max(1, fieldCount)
        records = .allocate(capacity: capacity)
        fieldValues = .allocate(capacity: capacity * self.fieldCount)
        freeSlots = .allocate(capacity: capacity)
    }

    deinit {
        records.deinitialize(count: slotCount)
        records.deallocate()
        fieldValues.deinitialize(count: slotCount * fieldCount)
        fieldValues.deallocate()
        freeSlots.deallocate()
    }

    /// A fresh slot (its generation advanced, its values all missing).
    func allocate() -> Int32 {
        live += 1
        if freeCount > 0 {
            freeCount -= 1
            let slot = freeSlots[freeCount]
            mutableValues(slot).update(repeating: .missing)
            records[Int(slot)].generation &+= 1
            return slot
        }
        if slotCount == capacity { grow() }
        (records + slotCount).initialize(to: LeadRecord())
        (fieldValues + slotCount * fieldCount).initialize(repeating: .missing, count: fieldCount)
        slotCount += 1
        return Int32(slotCount - 1)
    }

    private func grow() {
        capacity *= 2
        let newRecords = UnsafeMutablePointer<LeadRecord>.allocate(capacity: capacity)
        newRecords.moveInitialize(from: records, count: slotCount)
        records.deallocate()
        records = newRecords
        let newValues = UnsafeMutablePointer<LeadValue>.allocate(capacity: capacity * fieldCount)
        newValues.moveInitialize(from: fieldValues, count: slotCount * fieldCount)
        fieldValues.deallocate()
        fieldValues = newValues
        let newFreeSlots = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        newFreeSlots.moveInitialize(from: freeSlots, count: freeCount)
        freeSlots.deallocate()
        freeSlots = newFreeSlots
    }

    func release(_ slot: Int32) {
        live -= 1
        records[Int(slot)].state = .free
        freeSlots[freeCount] = slot
        freeCount += 1
    }

    subscript(slot: Int32) -> LeadRecord {
        unsafeAddress {
            assert(slot >= 0 && Int(slot) < slotCount, "lead slot \(slot) out of 0..<\(slotCount)")
            return UnsafePointer(records + Int(slot))
        }
        unsafeMutableAddress {
            assert(slot >= 0 && Int(slot) < slotCount, "lead slot \(slot) out of 0..<\(slotCount)")
            return records + Int(slot)
        }
    }

    /// The slot's field values (valid until the next `allocate()`).
    func values(_ slot: Int32) -> UnsafeBufferPointer<LeadValue> {
        UnsafeBufferPointer(mutableValues(slot))
    }

    /// The slot's field values, to write (valid until the next `allocate()`).
    func mutableValues(_ slot: Int32) -> UnsafeMutableBufferPointer<LeadValue> {
        assert(slot >= 0 && Int(slot) < slotCount, "lead slot \(slot) out of 0..<\(slotCount)")
        return UnsafeMutableBufferPointer(start: fieldValues + Int(slot) * fieldCount, count: fieldCount)
    }

    /// Slots currently holding a lead.
    var occupiedSlots: [Int32] {
        (0..<slotCount).filter { records[$0].state != .free }.map { Int32($0) }
    }
}
