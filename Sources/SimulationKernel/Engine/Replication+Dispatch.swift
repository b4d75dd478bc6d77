import RoutingRules
import SimulationModel

extension Replication {
    /// SPEC §2 dispatch: repeatedly, the oldest waiting lead (over all queues) that has an
    /// eligible rep in its queue goes to the rep its queue's strategy picks. A lead with no
    /// eligible rep keeps its place and blocks nobody.
    ///
    /// Each queue's candidate is the best (in the queue's order) of its lines' first leads that a
    /// rep can take; a line whose first lead without previous owners finds nobody is blocked
    /// until a member of the queue becomes more available (see ``QueueBoard``).
    func dispatch() {
        needsDispatch = false
        while !board.activeQueues.isEmpty {
            // One waiting line in all: its first lead that gets a rep goes, so pick directly (a
            // pick only looks at candidate members, so no cheaper pre-check is needed).
            if board.activeQueues.count == 1 && board.queueLines[board.activeQueues[0]].count == 1 {
                let queue = queues.queue(at: board.activeQueues[0]), line = board.queueLines[queue.index][0]
                if case .blocked = board.status(line), !referenceDispatch { return }
                guard let (slot, rep) = firstAssignable(in: line, queue: queue, picking: true) else { return }
                leaveQueue(slot)
                assign(slot, to: rep)
                continue
            }
            guard let best = oldestAssignableLead(), let rep = pickRep(for: best.slot, in: best.queue) else { return }
            leaveQueue(best.slot)
            assign(best.slot, to: rep)
        }
    }

    /// The oldest waiting lead over all queues that some rep can take now, and its queue.
    private func oldestAssignableLead() -> (slot: Int32, queue: QueueRef)? {
        var best: (slot: Int32, queue: QueueRef)?
        var bestKey = (Double.infinity, Int.max)
        // Index loops: iterating the arrays themselves would retain them on every pass.
        for activeIndex in 0..<board.activeQueues.count {
            let queue = queues.queue(at: board.activeQueues[activeIndex])
            if !referenceDispatch && board.isBlocked(queue: queue.index) { continue }
            guard let candidate = queueCandidate(queue) else { continue }
            let lead = leads[candidate]
            if (lead.arrival, lead.sequence) < bestKey {
                bestKey = (lead.arrival, lead.sequence)
                best = (candidate, queue)
            }
        }
        return best
    }

    /// The best lead of `queue` (in its order) among its lines' first leads a rep can take now.
    @inline(__always)
    private func queueCandidate(_ queue: QueueRef) -> Int32? {
        let byScore = queue.ruleQueue.map { traits[$0].orderByScore } == true
        var queueBest: (slot: Int32, key: (Double, Int))?
        for lineIndex in 0..<board.queueLines[queue.index].count {
            let line = board.queueLines[queue.index][lineIndex]
            guard board.lines[line].liveCount > 0 && mayMove(line, queue: queue) else { continue }
            guard let (slot, _) = firstAssignable(in: line, queue: queue, picking: false) else { continue }
            let lead = leads[slot]
            let key = (byScore ? -lead.score : lead.arrival, lead.sequence)
            if queueBest == nil || key < queueBest!.key { queueBest = (slot, key) }
        }
        return queueBest?.slot
    }

    /// Whether `line` may have a lead some rep can take: not known blocked, or blocked before
    /// members changed and one of those members can now take its leads (they share a skill value,
    /// and a lead with previous owners can take no more reps than one without).
    private func mayMove(_ line: Int, queue: QueueRef) -> Bool {
        if referenceDispatch { return true }
        switch board.status(line) {
        case .open: return true
        case .blocked: return false
        case .blockedUnless(let changed):
            var anyLead: Int32?
            board.scan(line: line, isLive: { isLive($0, line: line) }) { entry in
                anyLead = entry.slot
                return false
            }
            guard let slot = anyLead else { return false }
            let movable = changed.contains { changedMemberCanTake(slot, queue: queue, epoch: $0) }
            if !movable { board.markBlocked(line) }
            return movable
        }
    }

    /// Whether the member of `queue` behind `epoch` can now take the lead in `slot` (ignoring
    /// previous owners).
    private func changedMemberCanTake(_ slot: Int32, queue: QueueRef, epoch: Int) -> Bool {
        let member = board.member(queue: queue.index, epoch: epoch)
        if queue.isOwnerQueue { return reps.ineligibility(member, at: now, offShiftAllowed: true) == nil }
        return rules.isEligible(rep: member, queue: queue.index, lead: leads.values(slot), excluded: .none,
                                view: view(for: queue.index))
    }

    /// The first lead of `line` that some rep can take now; marks the line blocked when its first
    /// lead without previous owners finds nobody (then nobody without previous owners can).
    ///
    /// With `picking`, the lead's rep is picked by the queue's strategy (its state advances: use
    /// it only when this lead goes next); otherwise `rep` is −1.
    private func firstAssignable(in line: Int, queue: QueueRef, picking: Bool) -> (slot: Int32, rep: Int)? {
        var found: (slot: Int32, rep: Int)?
        var blocked = false
        board.scan(line: line, isLive: { isLive($0, line: line) }) { entry in
            if let rep = picking ? pickRep(for: entry.slot, in: queue) : canAssign(entry.slot, in: queue) ? -1 : nil {
                found = (entry.slot, rep)
                return false
            }
            if !leads[entry.slot].hasExclusions {
                blocked = true
                return false
            }
            return true
        }
        if blocked { board.markBlocked(line) }
        return found
    }

    /// The routing core's view of the reps for rule queue `queue`.
    private func view(for queue: Int) -> RepView {
        RepView(table: Unretained(reps), now: now, offShiftAllowed: traits[queue].assignOffShift,
                needsIdleSince: traits[queue].needsIdleSince,
                candidateWords: referenceDispatch ? nil : candidates.words.baseAddress)
    }

    /// The reps a lead may no longer go to (previous owners after a breach).
    func excluded(_ slot: Int32) -> ExcludedReps {
        leads[slot].hasExclusions ? exclusions[slot, default: ExcludedReps()] : ExcludedReps()
    }

    private func canAssign(_ slot: Int32, in queue: QueueRef) -> Bool {
        if let rep = queue.ownerRep {
            return !excluded(slot).contains(rep) && reps.ineligibility(rep, at: now, offShiftAllowed: true) == nil
        }
        let view = view(for: queue.index)
        let excluded = excluded(slot)
        return rules.hasEligibleRep(queue: queue.index, lead: leads.values(slot), excluded: excluded, view: view)
    }

    /// The rep `queue`'s strategy picks for the lead in `slot` (nil: nobody eligible).
    func pickRep(for slot: Int32, in queue: QueueRef) -> Int? {
        if let rep = queue.ownerRep { return canAssign(slot, in: queue) ? rep : nil }
        if now >= fairnessResets.nextInstant { applyFairnessResets() }
        let view = view(for: queue.index)
        let excluded = excluded(slot)
        return rules.pick(queue: queue.index, lead: leads.values(slot), excluded: excluded, view: view,
                          state: &assignment, random: &queueStreams[queue.index])
    }

    /// Clears the fairness state of the queues whose `fairness.reset` instant has come.
    @inline(never)
    private func applyFairnessResets() {
        fairnessResets.due(at: now) { rules.resetFairness(queue: $0, state: &assignment) }
    }
}
