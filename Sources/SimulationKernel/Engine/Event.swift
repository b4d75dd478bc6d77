import SimulationModel

/// What happens at an event. Deadline kinds are applied after the instant's dispatch,
/// in lead arrival order and, for one lead, in declaration order (SPEC §3 "Deadlines").
@_spi(Engine) public enum EventKind: UInt8 {
    // Regular events: applied first at their instant, in scheduling order.
    case arrival
    case enrichmentDone
    case touch
    case close
    case repWake
    // Deadlines, in the order they apply to one lead.
    case patience
    case slaBreach
    case maxWait
    case overflow
}

/// One scheduled event: 32 bytes, no allocation, no closure.
///
/// `order` breaks ties at one instant: the scheduling sequence for regular events, and
/// (lead arrival sequence, kind) for deadlines. `aux` carries the lead's assignment or queue
/// entry number at scheduling time, so a timer made stale by a later change is skipped.
/// Public only as SPI `Engine`, for `EventQueue`'s tests and benchmark.
@_spi(Engine) public struct Event: Comparable {
    public var time: Instant
    public var order: UInt64
    public var kind: EventKind
    /// Lead slot, rep index or source index, by kind.
    public var subject: Int32
    /// Slot generation for lead events (stale slots are skipped).
    public var generation: UInt32
    public var aux: Int32

    public init(time: Instant, order: UInt64, kind: EventKind, subject: Int32, generation: UInt32, aux: Int32) {
        self.time = time
        self.order = order
        self.kind = kind
        self.subject = subject
        self.generation = generation
        self.aux = aux
    }

    public static func < (lhs: Event, rhs: Event) -> Bool {
        lhs.time < rhs.time || (lhs.time == rhs.time && lhs.order < rhs.order)
    }

    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.time == rhs.time && lhs.order == rhs.order
    }
}
