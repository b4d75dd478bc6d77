import SimulationModel

/// The leads waiting in one queue, in service order: oldest arrival first, or highest score
/// first with `order: score` (missing scores last, then oldest first).
///
/// Entries are removed lazily: an entry whose lead has left (assigned, dropped, gone cold,
/// overflowed) stays until a scan or compaction meets it. Insertion is a binary search, and
/// nearly always an append, since leads mostly enter in arrival order.
struct WaitingLine {
    struct Entry {
        /// Primary key: arrival time, or −score for score order.
        var key: Double
        /// Lead arrival sequence: the secondary key (arrival time, then arrival order).
        var sequence: Int
        var slot: Int32
        var generation: UInt32
        var entry: Int32
    }

    private(set) var entries: [Entry] = []
    private var head = 0
    /// Entries known to be live.
    private(set) var liveCount = 0

    mutating func insert(_ new: Entry) {
        liveCount += 1
        if let last = entries.last, (last.key, last.sequence) > (new.key, new.sequence) {
            var lo = head, hi = entries.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if (entries[mid].key, entries[mid].sequence) <= (new.key, new.sequence) { lo = mid + 1 } else { hi = mid }
            }
            entries.insert(new, at: lo)
        } else {
            entries.append(new)
        }
    }

    /// Records that one live entry left (the kernel tracks which).
    mutating func noteRemoved() {
        liveCount -= 1
        if liveCount == 0 {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// Calls `body` on entries in service order until it returns false; `isLive` filters stale ones.
    /// Dead entries at the front are dropped for good.
    mutating func scan(isLive: (Entry) -> Bool, _ body: (Entry) -> Bool) {
        var i = head
        while i < entries.count {
            let entry = entries[i]
            if !isLive(entry) {
                if i == head { head += 1 }
                i += 1
                continue
            }
            if !body(entry) { return }
            i += 1
        }
    }
}
