@testable import SimulationKernel
import RoutingRules
import Testing

/// The queue board's waiting lines and what it remembers about blocked ones.
@Suite struct QueueBoardTests {
    private func entry(slot: Int32, sequence: Int) -> WaitingLine.Entry {
        WaitingLine.Entry(key: Double(sequence), sequence: sequence, slot: slot, generation: 0, entry: 1)
    }

    @Test func linesAreSplitBySkillValueAndQueuesWithLeadsAreActive() {
        let board = QueueBoard(queueCount: 3)
        let missing = board.line(queue: 1, group: .missing)
        let emea = board.line(queue: 1, group: .symbol(4))
        #expect(board.line(queue: 1, group: .missing) == missing)
        #expect(board.line(queue: 1, group: .symbol(4)) == emea)
        #expect(board.queueLines[1] == [missing, emea])
        board.insert(entry(slot: 0, sequence: 1), line: emea)
        board.insert(entry(slot: 1, sequence: 2), line: emea)
        #expect(board.activeQueues == [1])
        #expect(board.waiting[1] == 2)
        board.noteRemoved(line: emea)
        board.noteRemoved(line: emea)
        #expect(board.activeQueues.isEmpty)
        #expect(board.waiting[1] == 0)
    }

    @Test func aLineIsOpenUntilMarkedBlocked() {
        let board = QueueBoard(queueCount: 1)
        let line = board.line(queue: 0, group: .missing)
        guard case .open = board.status(line) else { Issue.record("a new line is open"); return }
        #expect(!board.isBlocked(queue: 0))
        board.markBlocked(line)
        guard case .blocked = board.status(line) else { Issue.record("a marked line is blocked"); return }
        #expect(board.isBlocked(queue: 0))
    }

    @Test func aQueueIsBlockedOnlyWhenEveryLineIs() {
        let board = QueueBoard(queueCount: 1)
        let first = board.line(queue: 0, group: .number(1))
        _ = board.line(queue: 0, group: .number(2))
        board.markBlocked(first)
        board.markBlocked(first)  // counted once
        #expect(!board.isBlocked(queue: 0))
    }

    @Test func invalidatingNamesTheMembersThatChangedSinceTheLineWasBlocked() {
        let board = QueueBoard(queueCount: 2)
        let line = board.line(queue: 0, group: .missing)
        board.markBlocked(line)
        board.invalidate(queue: 0, rep: 7)
        board.invalidate(queue: 0, rep: 3)
        board.invalidate(queue: 1, rep: 5)  // another queue: no effect on this line
        #expect(!board.isBlocked(queue: 0))
        guard case .blockedUnless(let changed) = board.status(line) else {
            Issue.record("a blocked line after member changes is blocked unless one of them can take it")
            return
        }
        #expect(changed.map { board.member(queue: 0, epoch: $0) } == [7, 3])
        board.markBlocked(line)
        guard case .blocked = board.status(line) else { Issue.record("marked again: blocked"); return }
    }

    @Test func tooManyChangesSinceBlockingReopenTheLine() {
        let board = QueueBoard(queueCount: 1)
        let line = board.line(queue: 0, group: .missing)
        board.markBlocked(line)
        for rep in 0...QueueBoard.recentLimit { board.invalidate(queue: 0, rep: rep) }
        guard case .open = board.status(line) else {
            Issue.record("more changes than the board remembers: open")
            return
        }
    }
}
