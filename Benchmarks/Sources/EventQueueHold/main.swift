// The simulation's EventQueue against swift-collections' Heap<Event> in the hold model, the
// classic benchmark of a discrete-event simulator's event list: fill a queue with N events,
// then repeatedly pop the first and insert it again at its time + Exp(1). Prints CPU
// nanoseconds per hold (one pop and one insert), the best of several rounds, per size, and
// checks that both queues popped the same events in the same order.
// Usage: EventQueueHold [SIZES [HOLDS [ROUNDS]]], e.g. EventQueueHold 64,10000 2000000 5.
// (The M/M/50 peer model keeps ~50 events queued; saas-inbound scaled to 500 reps ~10,000.)
import Foundation
import HeapModule
import RandomStreams
@_spi(Engine) import SimulationKernel

protocol HoldQueue: ~Copyable {
    init()
    mutating func insert(_ event: Event)
    mutating func removeMin() -> Event
}

extension Heap: HoldQueue where Element == Event {}
extension EventQueue: HoldQueue {}

/// CPU time of this thread, so that other processes on the machine count less.
func threadNanoseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) * 1e9 + Double(now.tv_nsec)
}

/// Nanoseconds per hold, and a hash of the popped orders in pop order.
func hold<Queue: HoldQueue & ~Copyable>(_: Queue.Type, size: Int, holds: Int, increments: [Double]) -> (Double, UInt64) {
    var queue = Queue()
    var order: UInt64 = 0
    for i in 0..<size {
        order += 1
        queue.insert(Event(time: increments[i % increments.count], order: order, kind: .touch, subject: Int32(truncatingIfNeeded: i),
                           generation: 0, aux: 0))
    }
    var hash: UInt64 = 0
    let began = threadNanoseconds()
    for i in 0..<holds {
        var event = queue.removeMin()
        hash = hash &* 31 &+ event.order
        order += 1
        event.time += increments[i & (increments.count - 1)]
        event.order = order
        queue.insert(event)
    }
    return ((threadNanoseconds() - began) / Double(holds), hash)
}

let arguments = CommandLine.arguments
let sizes = arguments.count > 1 ? arguments[1].split(separator: ",").compactMap { Int($0) } : [64, 1_000, 10_000, 100_000, 1_000_000]
let holds = arguments.count > 2 ? Int(arguments[2]) ?? 2_000_000 : 2_000_000
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
let stream = RandomStream(seed: 1)
let increments = (0..<(1 << 16)).map { _ in stream.exponential(mean: 1) }

print("size        Heap ns/hold  EventQueue ns/hold  speed-up")
for size in sizes {
    var heap = Double.infinity, queue = Double.infinity
    var samePops = true
    for _ in 0..<rounds {
        let (heapTime, heapHash) = hold(Heap<Event>.self, size: size, holds: holds, increments: increments)
        let (queueTime, queueHash) = hold(EventQueue.self, size: size, holds: holds, increments: increments)
        heap = min(heap, heapTime)
        queue = min(queue, queueTime)
        samePops = samePops && heapHash == queueHash
    }
    print(String(format: "%-10d  %12.1f  %18.1f  %7.2f×%@", size, heap, queue, heap / queue, samePops ? "" : "  DIFFERENT POP ORDER"))
}
