// The floor of the peer comparison: M/M/c FIFO with nothing but a binary heap of events and
// GSL exponential draws (through RandomStreams' thin wrapper). No routing, no calendars, no
// metrics beyond the mean wait — what any discrete-event simulator of this model must at
// least do. Usage: mmc-floor [LEADS [REPLICATIONS]]; prints one line like leadsim's.
import Foundation
import HeapModule
import RandomStreams
import Statistics

struct Event: Comparable {
    var time: Double
    var sequence: Int
    var isArrival: Bool

    static func < (a: Event, b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}

/// One replication: `leads` arrivals from empty; returns the mean wait in seconds.
func replicate(leads: Int, servers c: Int, lambda: Double, mu: Double, seed: UInt64) -> Double {
    let arrivals = RandomStream(seed: seed)
    let services = RandomStream(seed: seed &+ 0x9E37_79B9)
    var heap = Heap<Event>()
    var sequence = 0
    var waiting: [Double] = []   // FIFO of arrival times; `head` is the oldest
    waiting.reserveCapacity(1024)
    var head = 0
    var busy = 0
    var arrived = 0
    var waitSum = 0.0
    heap.insert(Event(time: arrivals.exponential(mean: 1 / lambda), sequence: 0, isArrival: true))
    while let event = heap.popMin() {
        let now = event.time
        if event.isArrival {
            arrived += 1
            if arrived < leads {
                sequence += 1
                heap.insert(Event(time: now + arrivals.exponential(mean: 1 / lambda), sequence: sequence, isArrival: true))
            }
            if busy < c {
                busy += 1
                sequence += 1
                heap.insert(Event(time: now + services.exponential(mean: 1 / mu), sequence: sequence, isArrival: false))
            } else {
                waiting.append(now)
            }
        } else if head < waiting.count {
            waitSum += now - waiting[head]
            head += 1
            if head > 4096 && head * 2 > waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            sequence += 1
            heap.insert(Event(time: now + services.exponential(mean: 1 / mu), sequence: sequence, isArrival: false))
        } else {
            busy -= 1
        }
    }
    return waitSum / Double(leads)
}

let arguments = CommandLine.arguments
let leads = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let replications = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let c = 50, lambda = 45.0 / 60, mu = 1.0 / 60
var waits: [Double] = []
var best = 0.0
let clock = ContinuousClock()
for k in 0..<replications {
    let began = clock.now
    waits.append(replicate(leads: leads, servers: c, lambda: lambda, mu: mu, seed: 1000 + UInt64(k)))
    let elapsed = clock.now - began
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    best = max(best, Double(leads) / seconds)
}
let ci = ConfidenceInterval(waits)
let exact = ErlangC(arrivalRate: lambda, serviceRate: mu, servers: c).meanWait
print(String(format: "floor leads_per_s=%.0f mean_wait_s=%.4f ci_low=%.4f ci_high=%.4f replications=%d leads=%d exact=%.4f",
             best, ci.mean, ci.lower, ci.upper, replications, leads, exact))
