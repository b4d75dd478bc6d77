import SimulationModel

extension Replication {
    /// The lead in `slot` goes to `rep`: its touch (and, with an SLA, its breach deadline) is
    /// scheduled, or it is touched now.
    func assign(_ slot: Int32, to rep: Int) {
        settleUnownedCheck(slot)
        // The record is read once and written back whole: reading it again right after writing
        // some of its fields would wait for those stores (no store-to-load forwarding).
        var lead = leads[slot]
        lead.state = .owned
        lead.owner = Int32(rep)
        lead.assignments += 1
        lead.lastAssigned = now
        if lead.firstAssigned == .infinity {
            lead.firstAssigned = now
            metrics.firstAssignment(arrival: lead.arrival, at: now, counted: lead.counted)
            backtest?.firstAssigned(slot: slot, rep: rep)
        }
        leads[slot] = lead
        metrics.occupancy(rep: rep, before: reps.open[rep], change: 1, at: now)
        reps.noteAssignment(rep, at: now)
        if reps.open[rep] >= reps.capacity[rep] { candidates.repReachedOpenCap(rep) }
        metrics.assignment(of: lead, to: rep)
        trace?.assigned(slot: slot, rep: rep, at: now)

        let delay = reps.touchDelay[rep].quantile(lead.luck.uniform(LeadFactory.Draw.touchDelay(Int(lead.assignments))))
        let touchAt = reps.instant(rep, after: now, onShiftSeconds: max(0, delay))
        if touchAt > now {
            events.schedule(.touch, at: touchAt, subject: slot, generation: lead.generation, aux: lead.assignments)
        }
        if let sla = sla(of: lead) { scheduleBreach(of: slot, lead: lead, sla: sla, touchAt: touchAt) }
        // A touch due now happens now (a heap round trip would land at this same instant).
        if touchAt == now { touch(slot) }
    }

    /// The first touch: the lead is settled, and its close is scheduled after its handle time.
    func touch(_ slot: Int32) {
        let lead = leads[slot]
        let rep = Int(lead.owner)
        if checkInvariants {
            if !reps.calendars[rep].containsOnShift(now) { violation("lead \(lead.sequence) touched off shift at \(now)") }
            if now < lead.lastAssigned { violation("lead \(lead.sequence) touched before assignment") }
        }
        leads[slot].state = .touched
        leads[slot].touchedAt = now
        if lead.counted { unsettledCounted -= 1 }
        // `lead`, read before those writes, has what the metrics read (arrival, counted, human-bound).
        metrics.touched(lead: lead, rep: rep, queueTeam: team(of: lead.queue(in: queues), latestOwner: lead.owner), at: now,
                        policy: policy(of: lead))
        trace?.touched(slot: slot, at: now)
        let handle = reps.handleTime[rep].quantile(lead.luck.uniform(LeadFactory.Draw.handleTime))
        events.schedule(.close, at: now + max(0, handle), subject: slot, generation: lead.generation)
    }

    /// `rep` gives back one open slot (a close, a breach, a lead gone cold).
    func freeSlot(of rep: Int) {
        metrics.occupancy(rep: rep, before: reps.open[rep], change: -1, at: now)
        reps.open[rep] -= 1
        reps.lastFreed[rep] = now
        repBecameMoreAvailable(rep)
    }

    /// A freed slot or a wake-up: `rep` may take leads again, so its queues' blocked lines and
    /// its members' candidate bits reopen, and dispatch runs.
    func repBecameMoreAvailable(_ rep: Int) {
        for position in repQueues.positions(of: rep) { board.invalidate(queue: repQueues[position], rep: rep) }
        candidates.repBecameMoreAvailable(rep)
        needsDispatch = true
    }

    /// Ends a lead's life: its outcome is final and its slot is reused.
    func end(_ slot: Int32, as state: LeadState) {
        settleUnownedCheck(slot)
        var lead = leads[slot]
        if lead.counted && !lead.state.isSettled && lead.state != .free { unsettledCounted -= 1 }
        lead.state = state
        leads[slot].state = state
        let outcome: LeadOutcome
        switch state {
        case .closed: outcome = .closed
        case .dropped: outcome = .dropped
        case .cold: outcome = .cold
        case .unrouted: outcome = .unrouted
        case .automated: outcome = .automated
        default: preconditionFailure("not a terminal state: \(state)")
        }
        record(lead, slot: slot, outcome: outcome, owned: state == .closed)
        if lead.hasExclusions { exclusions[slot] = nil }
        leads.release(slot)
    }

    /// A lead still in the system when the run stops: censored, never dropped.
    func finishOpen(_ slot: Int32) {
        let lead = leads[slot]
        let outcome: LeadOutcome
        switch lead.state {
        case .enriching, .waiting: outcome = .waiting
        case .owned, .touched: outcome = .open
        case .stale: outcome = .stale
        default: return
        }
        record(lead, slot: slot, outcome: outcome, owned: lead.state.hasOwner)
    }

    /// Counts the outcome of `lead`, the record in `slot` (passed in: see ``assign(_:to:)``).
    @inline(__always)
    private func record(_ lead: LeadRecord, slot: Int32, outcome: LeadOutcome, owned: Bool) {
        let queue = lead.queue(in: queues)
        metrics.finished(lead: lead, outcome: outcome, ownedNow: owned, team: team(of: queue, latestOwner: lead.owner))
        trace?.finished(slot: slot, lead: lead, outcome: outcome, queueName: queueName(queue), at: now)
        backtest?.finished(slot: slot, lead: lead)
    }
}
