import RoutingRules
import SimulationModel

extension Replication {
    /// Routes a lead (SPEC §2): to a queue (or straight to a rep), to its account owner, to an
    /// automated queue, or nowhere.
    func routeLead(_ slot: Int32) {
        let decision = rules.route(leads.values(slot))
        switch decision {
        case .unrouted:
            noteRoute(.unrouted, of: slot)
            end(slot, as: .unrouted)
        case .queue(let route, let queue):
            noteRoute(route.map(RouteTaken.route) ?? .fallback, of: slot)
            if traits[queue].isAutomated {
                leads[slot].humanBound = false
                leads[slot].setQueue(queues.ruleQueue(queue))
                end(slot, as: .automated)
            } else {
                enterQueueOrAssign(slot, queues.ruleQueue(queue))
            }
        case .accountOwner(let route, let elseQueue):
            noteRoute(.route(route), of: slot)
            routeToOwner(slot, elseQueue: elseQueue.map(queues.ruleQueue))
        }
    }

    @inline(__always)
    private func noteRoute(_ route: RouteTaken, of slot: Int32) {
        leads[slot].route = route
        metrics.routed(route, counted: leads[slot].counted)
    }

    /// `account-owner`: the owner gets the lead (even off shift: the touch waits for the shift),
    /// unless the owner is inactive, absent or at a cap and the route has an `else` queue.
    /// Without `else`, a lead of an owner who has left is held by that owner (stale ownership),
    /// and a lead of an absent, capped or not-yet-hired owner waits for that owner. A lead
    /// without an account, or whose account has no owner, goes to `else` or is unrouted.
    private func routeToOwner(_ slot: Int32, elseQueue: QueueRef?) {
        var owner = -1
        var hasAccount = false
        if case .number(let id) = leads.values(slot)[plan.accountField] {
            let account = Int(id)
            if account >= 0 && account < accountOwner.count && accountOwner[account] != Self.noOwner {
                owner = accountOwner[account]
                hasAccount = true
            }
        }
        leads[slot].setElseQueue(elseQueue)
        if owner >= 0 {
            let unavailable = reps.ineligibility(owner, at: now, offShiftAllowed: true) != nil
            if unavailable, let elseQueue { return enterQueueOrAssign(slot, elseQueue) }
            return enterQueueOrAssign(slot, queues.ownerQueue(of: owner))
        }
        if let elseQueue { return enterQueueOrAssign(slot, elseQueue) }
        if hasAccount {
            leads[slot].state = .stale
            metrics.enterUnowned()
        } else {
            end(slot, as: .unrouted)
        }
    }

    /// A newly routed lead: straight to a rep when dispatch would take it at once, else into `queue`.
    ///
    /// When nobody is waiting anywhere and no other regular event remains at this instant, the
    /// dispatch that follows would find this lead alone and pick for it in the state it sees
    /// now; so the pick happens here and the lead skips the waiting line. When the pick finds
    /// nobody, the lead's line is blocked, as that dispatch would have found (same single pick).
    func enterQueueOrAssign(_ slot: Int32, _ queue: QueueRef) {
        guard !referenceDispatch, board.activeQueues.isEmpty, !leads[slot].hasExclusions,
              !events.hasRegularEvent(by: now) else { return enterQueue(slot, queue) }
        guard let rep = pickRep(for: slot, in: queue) else {
            enterQueue(slot, queue)
            return board.markBlocked(Int(leads[slot].line))
        }
        // As if it had entered the queue and left it at once.
        leads[slot].setQueue(queue)
        leads[slot].queueEntry += 1
        assign(slot, to: rep)
    }

    func enterQueue(_ slot: Int32, _ queue: QueueRef) {
        var lead = leads[slot]
        lead.setQueue(queue)
        lead.queueEntry += 1
        lead.state = .waiting
        leads[slot] = lead
        let ruleQueue = queue.ruleQueue
        let key = ruleQueue.map { traits[$0].orderByScore } == true ? -lead.score : lead.arrival
        let skill = ruleQueue.map { traits[$0].skillField } ?? -1
        let group = skill >= 0 ? leads.values(slot)[skill] : .missing
        let line = board.line(queue: queue.index, group: group)
        leads[slot].line = Int32(line)
        board.insert(WaitingLine.Entry(key: key, sequence: lead.sequence, slot: slot,
                                       generation: lead.generation, entry: lead.queueEntry), line: line)
        metrics.enterWaiting()
        needsDispatch = true
        guard let ruleQueue else { return }
        let info = traits[ruleQueue]
        if let maxWait = info.maxWait {
            scheduleDeadline(.maxWait, at: now + maxWait, slot: slot, aux: lead.queueEntry)
        }
        if let after = info.overflowAfter, info.overflowTarget >= 0 {
            scheduleDeadline(.overflow, at: now + after, slot: slot, aux: lead.queueEntry)
        }
    }

    /// Takes a waiting lead out of its queue's count (its line entry goes stale).
    func leaveQueue(_ slot: Int32) {
        board.noteRemoved(line: Int(leads[slot].line))
        metrics.leaveWaiting()
    }

    /// Whether a line entry still stands for its lead waiting in that line.
    func isLive(_ entry: WaitingLine.Entry, line: Int) -> Bool {
        let lead = leads[entry.slot]
        return lead.generation == entry.generation && lead.state == .waiting
            && lead.line == Int32(line) && lead.queueEntry == entry.entry
    }

    /// The team a lead in (or last in) `queue` counts towards: the queue's team, or for a queue
    /// spanning several teams the team of the lead's latest owner (−1: none, no queue, or a
    /// spanning queue's lead that was never owned).
    @inline(__always)
    func team(of queue: QueueRef?, latestOwner: Int32) -> Int {
        guard let queue else { return -1 }
        let team = queueTeams[queue.index]
        guard team == SimulationPlan.teamOfOwner else { return team }
        return latestOwner >= 0 ? queueTeams[queues.ownerQueue(of: Int(latestOwner)).index] : -1
    }

    func queueName(_ queue: QueueRef?) -> String {
        guard let queue else { return "" }
        if let rep = queue.ownerRep { return "owner:" + plan.scenario.reps[rep].name }
        return rules.queues[queue.index].name
    }
}
