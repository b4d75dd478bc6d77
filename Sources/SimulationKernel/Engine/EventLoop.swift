import SimulationModel

/// What the event loop asks of the simulated world at each instant (a ``Replication``).
protocol EventLoopModel: AnyObject {
    /// The clock is about to move to `t`; false ends the run before that instant.
    func willAdvance(to t: Instant) -> Bool
    /// A regular event: arrival, enrichment done, touch, close or rep wake-up.
    func apply(_ event: Event)
    /// Runs dispatch when something since the last one may let a waiting lead move.
    func dispatchIfNeeded()
    /// A deadline: patience, SLA breach, `max_wait` or overflow.
    func applyDeadline(_ event: Event)
    /// Every event at instant `t` has been applied.
    func didFinish(instant t: Instant)
}

/// The future event list and the order of the events at one instant.
///
/// Regular events are keyed by (time, scheduling order) and deadlines by (time, lead arrival
/// order, kind). Regular events are split over two heaps, merged by the same key when they are
/// taken: arrivals (one pending per source, so a small heap) and the rest; an arrival then costs
/// no sift through the big heap.
///
/// At each instant: the regular events, then dispatch, then the deadlines, then dispatch again,
/// repeated until nothing is left at that instant (the contract `EventLoopTests` checks).
final class EventLoop {
    @exclusivity(unchecked) private var regular = EventQueue()
    /// The regular events of kind `arrival`.
    @exclusivity(unchecked) private var arrivals = EventQueue()
    @exclusivity(unchecked) private var deadlines = EventQueue()
    @exclusivity(unchecked) private var sequence: UInt64 = 0
    /// Events applied so far (regular events and deadlines).
    @exclusivity(unchecked) private(set) var eventCount = 0

    /// Applies events instant by instant until none is left or the model stops the run.
    func run<Model: EventLoopModel>(_ model: Model) {
        // Instants are compared as the queues' keys (equal keys, equal times).
        while case let key = min(regular.firstKey, arrivals.firstKey, deadlines.firstKey), key != EventQueue.emptyKey {
            let t = EventQueue.instant(key)
            guard model.willAdvance(to: t) else { return }
            repeat {
                while let event = nextRegularEvent(at: key) {
                    eventCount += 1
                    model.apply(event)
                }
                model.dispatchIfNeeded()
                while deadlines.firstKey == key {
                    eventCount += 1
                    model.applyDeadline(deadlines.removeMin())
                }
                model.dispatchIfNeeded()
            } while regular.firstKey == key || arrivals.firstKey == key || deadlines.firstKey == key
            model.didFinish(instant: t)
        }
    }

    /// Takes the first regular event at the instant of `key` (from either heap, by scheduling
    /// order), or nil when none is left there.
    @inline(__always)
    private func nextRegularEvent(at key: UInt64) -> Event? {
        let arrivalDue = arrivals.firstKey == key
        if regular.firstKey == key {
            return arrivalDue && arrivals.firstOrder < regular.firstOrder ? arrivals.removeMin() : regular.removeMin()
        }
        return arrivalDue ? arrivals.removeMin() : nil
    }

    /// The time of the next event of any kind (nil: none).
    var nextTime: Instant? {
        let next = min(regular.minTime, arrivals.minTime, deadlines.minTime)
        return next.isFinite ? next : nil
    }

    /// Whether a regular event is due at or before `t`.
    @inline(__always)
    func hasRegularEvent(by t: Instant) -> Bool { regular.minTime <= t || arrivals.minTime <= t }

    /// Schedules a regular event (none at an infinite time); events of one instant go in
    /// scheduling order.
    func schedule(_ kind: EventKind, at time: Instant, subject: Int32, generation: UInt32 = 0, aux: Int32 = 0) {
        guard time.isFinite else { return }
        sequence &+= 1
        let event = Event(time: time, order: sequence, kind: kind, subject: subject, generation: generation, aux: aux)
        if kind == .arrival { arrivals.insert(event) } else { regular.insert(event) }
    }

    /// Schedules a deadline of the lead in `slot` (none at an infinite time); deadlines of one
    /// instant go in lead arrival order, then in kind order.
    func scheduleDeadline(_ kind: EventKind, at time: Instant, slot: Int32, generation: UInt32, leadSequence: Int,
                          aux: Int32 = 0) {
        guard time.isFinite else { return }
        let order = UInt64(leadSequence) << 8 | UInt64(kind.rawValue)
        deadlines.insert(Event(time: time, order: order, kind: kind, subject: slot, generation: generation, aux: aux))
    }
}
