@_spi(Engine) import SimulationKernel
import SimulationModel
import Testing

/// The event queue pops events in `Event`'s (time, order) order, so a replication sees them as
/// it did with `Heap<Event>`: checked against a sorted reference.
@Suite struct EventQueueTests {
    /// An event whose other fields are derived from its order, so that a mixed-up entry shows.
    static func event(_ time: Instant, _ order: UInt64) -> Event {
        Event(time: time, order: order, kind: EventKind(rawValue: UInt8(order % 9))!, subject: Int32(truncatingIfNeeded: order &* 3),
              generation: UInt32(truncatingIfNeeded: order &* 5), aux: Int32(truncatingIfNeeded: order &* 7 &+ 1))
    }

    static func expectSame(_ popped: Event, _ expected: Event, _ note: String) {
        #expect(popped.time == expected.time && popped.order == expected.order && popped.kind == expected.kind
                    && popped.subject == expected.subject && popped.generation == expected.generation && popped.aux == expected.aux,
                "\(note): popped \(popped), expected \(expected)")
    }

    @Test func anEmptyQueueHasNoMinimum() {
        var queue = EventQueue()
        #expect(queue.min == nil && queue.count == 0 && queue.minTime == .infinity)
        #expect(queue.firstKey == EventQueue.emptyKey)
        queue.insert(Self.event(1_772_409_600, 1))
        #expect(queue.count == 1 && queue.min?.order == 1 && queue.minTime == 1_772_409_600)
        #expect(queue.firstKey == EventQueue.key(1_772_409_600) && EventQueue.instant(queue.firstKey) == 1_772_409_600)
        Self.expectSame(queue.removeMin(), Self.event(1_772_409_600, 1), "single event")
        #expect(queue.min == nil && queue.count == 0 && queue.firstKey == EventQueue.emptyKey)
        #expect(EventQueue.key(.infinity) < EventQueue.emptyKey)
        // Empty again, it still works.
        queue.insert(Self.event(2, 9))
        queue.insert(Self.event(1, 8))
        #expect(queue.removeMin().order == 8 && queue.removeMin().order == 9 && queue.min == nil)
    }

    @Test func equalTimesGoInOrderOfTheirOrder() {
        var queue = EventQueue()
        for order: UInt64 in [7, 3, 9, 1, 5, 8, 2, 6, 4, 10, 0] { queue.insert(Self.event(100, order)) }
        queue.insert(Self.event(99.5, 11))
        #expect(queue.removeMin().order == 11)
        for order: UInt64 in 0...10 { #expect(queue.removeMin().order == order) }
        #expect(queue.min == nil)
    }

    @Test func timesOfEverySignAndSize() {
        let times: [Instant] = [-.infinity, -.greatestFiniteMagnitude, -1e300, -1_772_409_600, -1, -.leastNonzeroMagnitude, -0.0,
                                0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 1, 1_772_409_600, 1_772_409_600.000_001,
                                1e300, .greatestFiniteMagnitude, .infinity]
        var queue = EventQueue()
        var random = TestRandom(seed: 42)
        var events = times.enumerated().map { Self.event($0.element, UInt64($0.offset)) }
        for i in events.indices.reversed() { events.swapAt(i, random.int(0...i)) }
        for event in events { queue.insert(event) }
        for (order, time) in times.enumerated() {
            Self.expectSame(queue.removeMin(), Self.event(time, UInt64(order)), "time \(time)")
        }
    }

    @Test func minusZeroAndZeroAreTheSameTime() {
        var queue = EventQueue()
        queue.insert(Self.event(0, 2))
        queue.insert(Self.event(-0.0, 3))
        queue.insert(Self.event(-0.0, 1))
        #expect([queue.removeMin().order, queue.removeMin().order, queue.removeMin().order] == [1, 2, 3])
    }

    /// Random inserts and pops against a reference kept sorted by (time, order).
    @Test(arguments: 0..<24)
    func randomInterleavingsMatchASortedReference(seed: Int) {
        var random = TestRandom(seed: UInt64(seed))
        // Few distinct times (many ties), or spread ones; small or large queues.
        let distinctTimes = [3, 50, 1 << 40][seed % 3]
        let targetSize = [10, 300, 3_000][seed / 3 % 3]
        var queue = EventQueue()
        var reference: [Event] = []
        var order: UInt64 = 0
        var now: Instant = 1_772_409_600
        for step in 0..<20_000 {
            if reference.isEmpty || random.int(1...(2 * targetSize)) > reference.count {
                order += 1
                let event = Self.event(now + Double(random.int(0...(distinctTimes - 1))) * 0.25, order)
                queue.insert(event)
                reference.insert(event, at: reference.firstIndex { event < $0 } ?? reference.endIndex)
            } else {
                let expected = reference.removeFirst()
                Self.expectSame(queue.min!, expected, "seed \(seed), step \(step), min")
                #expect(queue.minTime == expected.time, "seed \(seed), step \(step), minTime")
                #expect(queue.firstKey == EventQueue.key(expected.time), "seed \(seed), step \(step), firstKey")
                Self.expectSame(queue.removeMin(), expected, "seed \(seed), step \(step)")
                now = expected.time
            }
            #expect(queue.count == reference.count)
        }
        for expected in reference { Self.expectSame(queue.removeMin(), expected, "seed \(seed), draining") }
        #expect(queue.min == nil)
    }

    /// Events equal in both time and order (which a replication never schedules) all come out.
    @Test func exactDuplicatesAllComeOut() {
        var queue = EventQueue()
        var random = TestRandom(seed: 7)
        var inserted: [UInt64: Int] = [:]
        for _ in 0..<5_000 {
            let order = UInt64(random.int(0...39))
            queue.insert(Self.event(Double(order % 4), order))
            inserted[order, default: 0] += 1
        }
        var previous = queue.min!
        var popped: [UInt64: Int] = [:]
        while let event = queue.min {
            queue.removeMin()
            #expect(!(event < previous), "\(event) after \(previous)")
            Self.expectSame(event, Self.event(Double(event.order % 4), event.order), "duplicate")
            popped[event.order, default: 0] += 1
            previous = event
        }
        #expect(popped == inserted)
    }

    @Test func aLargeQueueEmptiesInSortedOrder() {
        var random = TestRandom(seed: 2026)
        var events: [Event] = []
        for order in 0..<300_000 {
            let time = 1_772_409_600 + Double(random.int(0...99_999)) * 0.5
            events.append(Self.event(time, UInt64(order)))
        }
        var queue = EventQueue()
        for event in events { queue.insert(event) }
        #expect(queue.count == events.count)
        var mismatches = 0
        for expected in events.sorted(by: <) {
            let popped = queue.removeMin()
            if popped.order != expected.order || popped.time != expected.time || popped.aux != expected.aux { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(queue.min == nil)
    }
}
