import RoutingRules
import SimulationModel

/// What the kernel reads about a rule queue on the hot path, as plain values: reading a field
/// of `CompiledQueue` (which holds a name and a member list) would copy and retain it.
struct QueueTraits {
    let isAutomated: Bool
    let orderByScore: Bool
    let assignOffShift: Bool
    /// `next-available` reads idle times; other strategies skip computing them.
    let needsIdleSince: Bool
    /// The skill field (−1: none).
    let skillField: Int
    let maxWait: Seconds?
    let overflowAfter: Seconds?
    /// Queue index of `overflow.to` (−1: none).
    let overflowTarget: Int

    init(_ queue: CompiledQueue) {
        isAutomated = queue.isAutomated
        orderByScore = queue.orderByScore
        assignOffShift = queue.assignOffShift
        needsIdleSince = queue.strategy == .nextAvailable
        skillField = queue.skillField ?? -1
        maxWait = queue.maxWait
        overflowAfter = queue.overflowAfter
        overflowTarget = queue.overflowTarget ?? -1
    }
}
