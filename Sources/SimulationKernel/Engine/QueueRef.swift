/// A queue of one replication, numbered as on the ``QueueBoard``: the rule set's queues first,
/// then one owner queue per rep (the `account-owner` leads waiting for that rep).
struct QueueRef: Equatable {
    /// The queue's index on the board.
    let index: Int
    /// The rep whose owner queue this is (−1: a rule queue).
    private let owner: Int

    fileprivate init(index: Int, owner: Int) {
        self.index = index
        self.owner = owner
    }

    var isOwnerQueue: Bool { owner >= 0 }
    /// The rep whose owner queue this is (nil: a rule queue).
    var ownerRep: Int? { owner >= 0 ? owner : nil }
    /// The rule queue's index in the rule set (nil: an owner queue).
    var ruleQueue: Int? { owner < 0 ? index : nil }
}

/// How board indices split into rule queues and owner queues.
struct QueueNumbering {
    let ruleQueueCount: Int

    @inline(__always)
    func queue(at index: Int) -> QueueRef {
        QueueRef(index: index, owner: index >= ruleQueueCount ? index - ruleQueueCount : -1)
    }

    func ruleQueue(_ queue: Int) -> QueueRef { QueueRef(index: queue, owner: -1) }

    func ownerQueue(of rep: Int) -> QueueRef { QueueRef(index: ruleQueueCount + rep, owner: rep) }
}
