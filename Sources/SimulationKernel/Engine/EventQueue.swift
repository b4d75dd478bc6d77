import CPrefetch
import SimulationModel

/// The future event list: a min-queue of events by (time, order), popping them in the order
/// `Heap<Event>` would, at about half its cost (`Benchmarks/Sources/EventQueueHold`).
///
/// A 4-ary implicit heap whose times live in an array of their own, as integers in the same
/// order, apart from the rest of each event: the least of four children is found in half a
/// cache line of times, by conditional moves rather than unpredictable branches, and orders
/// are read only when times tie. Sifting moves a hole instead of swapping, and in a large
/// queue asks for the next level's cache lines ahead. Noncopyable: the queue owns its buffers. Times must not be NaN; −0.0 comes back as +0.0 (an equal time).
@_spi(Engine) public struct EventQueue: ~Copyable {
    /// Slot of the root. Children of slot s fill slots 4(s − 2) ..< 4(s − 2) + 4, so with
    /// 64-byte aligned buffers the 16 grandchildren of a slot fill whole cache lines.
    private static let root = 3

    /// Per slot, the event's time as an order-preserving integer (see `key(_:)`).
    private var times: UnsafeMutablePointer<UInt64>
    /// Per slot, the rest of the event.
    private var entries: UnsafeMutablePointer<Entry>
    private var capacity: Int
    /// One past the last slot in use.
    private var end = root

    public init() {
        capacity = 64
        times = Self.allocate(UInt64.self, capacity)
        entries = Self.allocate(Entry.self, capacity)
        times[Self.root] = Self.emptyKey
    }

    deinit {
        times.deallocate()
        entries.deallocate()
    }

    public var count: Int { end - Self.root }

    /// The first event to pop, or nil when the queue is empty.
    public var min: Event? { end > Self.root ? event(at: Self.root) : nil }

    /// The time of the first event to pop (+∞ when the queue is empty), without reading the rest.
    public var minTime: Instant { end > Self.root ? Self.instant(times[Self.root]) : .infinity }

    /// The first event's time as a key (see ``key(_:)``), or ``emptyKey`` when the queue is
    /// empty: one load, for a loop that compares it with the key of the current instant.
    public var firstKey: UInt64 { times[Self.root] }

    /// Greater than the key of every time, +∞ included (it is a NaN's pattern).
    public static let emptyKey = UInt64.max

    /// The first event's order; the queue must not be empty.
    public var firstOrder: UInt64 { entries[Self.root].order }

    public mutating func insert(_ event: Event) {
        if end == capacity { grow() }
        let time = Self.key(event.time), entry = Entry(event)
        var hole = end
        end &+= 1
        while hole > Self.root {
            let parent = hole &>> 2 &+ 2
            guard precedes(time, entry.order, parent) else { break }
            move(parent, to: hole)
            hole = parent
        }
        times[hole] = time
        entries[hole] = entry
    }

    /// Removes and returns the first event; the queue must not be empty.
    @discardableResult
    public mutating func removeMin() -> Event {
        precondition(end > Self.root, "removeMin() on an empty EventQueue")
        let first = event(at: Self.root)
        end &-= 1
        if end > Self.root {
            siftDown(time: times[end], entry: entries[end])
        } else {
            times[Self.root] = Self.emptyKey
        }
        return first
    }

    /// Fills the hole at the root: least children move up until the given event fits. Out of
    /// line, so that it compiles to the same conditional moves wherever the queue is used.
    @inline(never)
    private func siftDown(time: UInt64, entry: Entry) {
        var hole = Self.root
        while true {
            let first = Self.firstChild(hole)
            guard first < end else { break }
            // Deep in a large queue the sift waits on memory: ask now for the next level's lines,
            // whichever child moves up. (The first ~1,400 slots stay in cache anyway.)
            let grandchildren = Self.firstChild(first)
            if grandchildren >= 1024 && grandchildren < end {
                let count = Swift.min(16, end &- grandchildren)
                Self.prefetch(times + grandchildren, count: count)
                Self.prefetch(entries + grandchildren, count: count)
            }
            // A full family is unrolled into conditional moves; only the last one can be partial.
            let child = first &+ 4 <= end ? leastChild(first, first &+ 4) : leastChild(first, end)
            guard times[child] < time || (times[child] == time && entries[child].order < entry.order) else { break }
            move(child, to: hole)
            hole = child
        }
        times[hole] = time
        entries[hole] = entry
    }

    /// The slot of the first event among `first..<end` (not empty).
    @inline(__always)
    private func leastChild(_ first: Int, _ end: Int) -> Int {
        var least = first, leastTime = times[first]
        var tied: UInt8 = 0
        var child = first &+ 1
        while child < end {
            let time = times[child]
            let earlier = time < leastTime
            tied |= unsafeBitCast(time == leastTime, to: UInt8.self)
            least = earlier ? child : least
            leastTime = earlier ? time : leastTime
            child &+= 1
        }
        guard tied != 0 else { return least }
        // Two children may share the least time: their orders decide (rare).
        least = first
        for child in first &+ 1 ..< end where precedes(times[child], entries[child].order, least) {
            least = child
        }
        return least
    }

    /// (time, order) before the event in `slot`.
    @inline(__always)
    private func precedes(_ time: UInt64, _ order: UInt64, _ slot: Int) -> Bool {
        time < times[slot] || (time == times[slot] && order < entries[slot].order)
    }

    @inline(__always)
    private func move(_ slot: Int, to hole: Int) {
        times[hole] = times[slot]
        entries[hole] = entries[slot]
    }

    private func event(at slot: Int) -> Event {
        let entry = entries[slot]
        return Event(time: Self.instant(times[slot]), order: entry.order, kind: entry.kind, subject: entry.subject,
                     generation: entry.generation, aux: entry.aux)
    }

    private mutating func grow() {
        let larger = capacity * 2
        let largerTimes = Self.allocate(UInt64.self, larger)
        largerTimes.moveInitialize(from: times, count: end)
        times.deallocate()
        times = largerTimes
        let largerEntries = Self.allocate(Entry.self, larger)
        largerEntries.moveInitialize(from: entries, count: end)
        entries.deallocate()
        entries = largerEntries
        capacity = larger
    }

    private static func firstChild(_ slot: Int) -> Int { (slot &- 2) &<< 2 }

    private static func allocate<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<T>.stride, alignment: 64).bindMemory(to: T.self, capacity: count)
    }

    /// Asks for the cache lines of `count` elements from `start` on.
    @inline(__always)
    private static func prefetch<T>(_ start: UnsafeMutablePointer<T>, count: Int) {
        for offset in stride(from: 0, to: count * MemoryLayout<T>.stride, by: 64) { leadsim_prefetch(UnsafeRawPointer(start) + offset) }
    }

    /// The time's bit pattern with the sign bit flipped (positive) or all bits flipped
    /// (negative): unsigned order is then the times' order, and equal keys are equal times.
    public static func key(_ time: Instant) -> UInt64 {
        let bits = (time + 0).bitPattern  // −0.0 + 0 is +0.0: equal times, equal keys
        return bits ^ (UInt64(bitPattern: Int64(bitPattern: bits) >> 63) | 1 << 63)
    }

    /// The time of a key (not ``emptyKey``).
    public static func instant(_ key: UInt64) -> Instant {
        Instant(bitPattern: key ^ (UInt64(bitPattern: Int64(bitPattern: ~key) >> 63) | 1 << 63))
    }
}

/// An event without its time (24 bytes).
private struct Entry {
    var order: UInt64
    var kind: EventKind
    var subject: Int32
    var generation: UInt32
    var aux: Int32

    init(_ event: Event) {
        order = event.order
        kind = event.kind
        subject = event.subject
        generation = event.generation
        aux = event.aux
    }
}
