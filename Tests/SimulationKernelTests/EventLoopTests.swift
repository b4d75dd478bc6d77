@_spi(Engine) @testable import SimulationKernel
import SimulationModel
import Testing

/// The event loop's contract: at each instant the regular events, then dispatch, then the
/// deadlines, then dispatch again, repeated until nothing is left at that instant.
@Suite struct EventLoopTests {
    /// Records what the loop asks, and schedules follow-ups as a world would.
    final class Recorder: EventLoopModel {
        let loop = EventLoop()
        var log: [String] = []
        /// Regular events to schedule when a deadline (by subject) is applied.
        var onDeadline: [Int32: (Instant, Int32)] = [:]
        var stopAt: Instant = .infinity

        func willAdvance(to t: Instant) -> Bool {
            guard t < stopAt else { return false }
            log.append("t=\(Int(t))")
            return true
        }

        func apply(_ event: Event) {
            log.append("\(event.kind) \(event.subject)")
        }

        func dispatchIfNeeded() { log.append("dispatch") }

        func applyDeadline(_ event: Event) {
            log.append("\(event.kind) \(event.subject)")
            if let (time, subject) = onDeadline[event.subject] { loop.schedule(.touch, at: time, subject: subject) }
        }

        func didFinish(instant t: Instant) { log.append("done") }
    }

    @Test func anInstantRunsRegularEventsDispatchDeadlinesDispatch() {
        let world = Recorder()
        world.loop.scheduleDeadline(.patience, at: 5, slot: 9, generation: 0, leadSequence: 1)
        world.loop.schedule(.touch, at: 5, subject: 1)
        world.loop.schedule(.arrival, at: 5, subject: 2)
        world.loop.schedule(.close, at: 5, subject: 3)
        world.loop.run(world)
        // Regular events in scheduling order over both heaps (arrivals have a heap of their own).
        #expect(world.log == ["t=5", "touch 1", "arrival 2", "close 3", "dispatch", "patience 9", "dispatch", "done"])
        #expect(world.loop.eventCount == 4)
    }

    @Test func eventsScheduledAtTheInstantByADeadlineRunAnotherRound() {
        let world = Recorder()
        world.loop.scheduleDeadline(.maxWait, at: 2, slot: 7, generation: 0, leadSequence: 1)
        world.onDeadline[7] = (2, 4)
        world.loop.schedule(.repWake, at: 3, subject: 0)
        world.loop.run(world)
        #expect(world.log == ["t=2", "dispatch", "maxWait 7", "dispatch", "touch 4", "dispatch", "dispatch", "done",
                              "t=3", "repWake 0", "dispatch", "dispatch", "done"])
    }

    @Test func deadlinesOfOneInstantGoInLeadArrivalOrderThenKindOrder() {
        let world = Recorder()
        world.loop.scheduleDeadline(.overflow, at: 1, slot: 1, generation: 0, leadSequence: 2)
        world.loop.scheduleDeadline(.slaBreach, at: 1, slot: 2, generation: 0, leadSequence: 3)
        world.loop.scheduleDeadline(.patience, at: 1, slot: 3, generation: 0, leadSequence: 2)
        world.loop.run(world)
        #expect(world.log == ["t=1", "dispatch", "patience 3", "overflow 1", "slaBreach 2", "dispatch", "done"])
    }

    @Test func theModelEndsTheRunBeforeAnInstant() {
        let world = Recorder()
        world.stopAt = 10
        world.loop.schedule(.touch, at: 4, subject: 1)
        world.loop.schedule(.touch, at: 10, subject: 2)
        world.loop.run(world)
        #expect(world.log == ["t=4", "touch 1", "dispatch", "dispatch", "done"])
        #expect(world.loop.nextTime == 10)
    }

    @Test func infiniteTimesAreNotScheduled() {
        let loop = EventLoop()
        loop.schedule(.touch, at: .infinity, subject: 1)
        loop.scheduleDeadline(.patience, at: .infinity, slot: 1, generation: 0, leadSequence: 1)
        #expect(loop.nextTime == nil)
        #expect(!loop.hasRegularEvent(by: .greatestFiniteMagnitude))
    }
}
