import RoutingRules

/// Every queue's waiting leads, split into lines by the value of the queue's `skill` field
/// (one line for a queue without one), with what dispatch knows about which lines are blocked.
///
/// Leads of one line are interchangeable for eligibility (same skill value), so when the oldest
/// lead of a line without previous owners finds no eligible rep, no lead of that line does. That
/// stays true until one of the queue's members becomes more available — a freed slot or a rep
/// waking up (shift start, end of a day off, hire date, daily-cap reset) — which bumps the
/// queue's epoch. So dispatch never rescans a blocked backlog on every event; and when only a
/// few members changed since a line was found blocked, only those members need a look.
final class QueueBoard {
    @exclusivity(unchecked) private(set) var lines: [WaitingLine] = []
    @exclusivity(unchecked) private(set) var lineQueue: [Int] = []
    /// Per queue: its lines by skill value, and in creation order.
    @exclusivity(unchecked) private var lineByGroup: [[LeadValue: Int]]
    /// Per queue: its line for group `.missing` (the only line of a queue without a skill field).
    @exclusivity(unchecked) private var missingGroupLine: [Int?]
    @exclusivity(unchecked) private(set) var queueLines: [[Int]]
    /// Per queue: live waiting leads.
    let waiting: Column<Int>
    /// Queues with waiting leads, and each queue's position in that list (−1: absent).
    @exclusivity(unchecked) private(set) var activeQueues: [Int] = []
    private let activePosition: Column<Int>
    private let epoch: Column<Int>
    /// Per line: the queue epoch at which it was found blocked (−1: not known blocked).
    @exclusivity(unchecked) private var blockedAt: [Int] = []
    /// Per queue: its lines found blocked at the queue's current epoch.
    private let blockedLines: Column<Int>
    /// Per queue, a ring of the members behind its latest `recentLimit` epochs: the member that
    /// made epoch e is at `recent[queue * recentLimit + (e − 1) % recentLimit]`.
    private let recent: Column<Int>
    static let recentLimit = 16

    /// What dispatch knows about a line.
    enum LineStatus {
        /// Nobody can take its leads.
        case blocked
        /// Blocked until the members behind these epochs of its queue changed (``member(queue:epoch:)``);
        /// nobody else can take its leads.
        case blockedUnless(Range<Int>)
        /// Unknown: look.
        case open
    }

    init(queueCount: Int) {
        lineByGroup = Array(repeating: [:], count: queueCount)
        missingGroupLine = Array(repeating: nil, count: queueCount)
        queueLines = Array(repeating: [], count: queueCount)
        waiting = Column(repeating: 0, count: queueCount)
        activePosition = Column(repeating: -1, count: queueCount)
        epoch = Column(repeating: 0, count: queueCount)
        blockedLines = Column(repeating: 0, count: queueCount)
        recent = Column(repeating: 0, count: queueCount * Self.recentLimit)
    }

    /// The line of `queue` for skill value `group` (created on first use). A queue without a
    /// skill field has one line, group `.missing`, found without hashing.
    func line(queue: Int, group: LeadValue) -> Int {
        if case .missing = group, let line = missingGroupLine[queue] { return line }
        if let line = lineByGroup[queue][group] { return line }
        let line = lines.count
        lines.append(WaitingLine())
        lineQueue.append(queue)
        blockedAt.append(-1)
        lineByGroup[queue][group] = line
        if case .missing = group { missingGroupLine[queue] = line }
        queueLines[queue].append(line)
        return line
    }

    func insert(_ entry: WaitingLine.Entry, line: Int) {
        lines[line].insert(entry)
        let queue = lineQueue[line]
        waiting[queue] += 1
        if activePosition[queue] < 0 {
            activePosition[queue] = activeQueues.count
            activeQueues.append(queue)
        }
    }

    /// One live lead left `line`.
    func noteRemoved(line: Int) {
        lines[line].noteRemoved()
        let queue = lineQueue[line]
        waiting[queue] -= 1
        if waiting[queue] == 0 {
            let position = activePosition[queue]
            let last = activeQueues.removeLast()
            if last != queue {
                activeQueues[position] = last
                activePosition[last] = position
            }
            activePosition[queue] = -1
        }
    }

    func scan(line: Int, isLive: (WaitingLine.Entry) -> Bool, _ body: (WaitingLine.Entry) -> Bool) {
        lines[line].scan(isLive: isLive, body)
    }

    func status(_ line: Int) -> LineStatus {
        let queue = lineQueue[line]
        let since = blockedAt[line]
        guard since >= 0 else { return .open }
        let changes = epoch[queue] - since
        if changes == 0 { return .blocked }
        guard changes <= Self.recentLimit else { return .open }
        return .blockedUnless(since..<epoch[queue])
    }

    /// The member whose change made epoch `e + 1` of `queue` (valid for the latest `recentLimit` epochs).
    func member(queue: Int, epoch e: Int) -> Int { recent[queue * Self.recentLimit + e % Self.recentLimit] }

    func markBlocked(_ line: Int) {
        let queue = lineQueue[line]
        if blockedAt[line] != epoch[queue] { blockedLines[queue] += 1 }
        blockedAt[line] = epoch[queue]
    }

    /// Whether every line of `queue` is `.blocked`: nobody can take any of its leads.
    func isBlocked(queue: Int) -> Bool { blockedLines[queue] == queueLines[queue].count }

    /// Member `rep` of `queue` became more available: the queue's lines may move again.
    func invalidate(queue: Int, rep: Int) {
        recent[queue * Self.recentLimit + epoch[queue] % Self.recentLimit] = rep
        epoch[queue] += 1
        blockedLines[queue] = 0
    }
}
