import RoutingRules
import SimulationModel

extension Replication {
    /// SPEC `unowned_after`: whether a counted lead had no owner `unowned_after` after it arrived.
    ///
    /// That moment comes after everything else at its instant, and a lead's ownership changes
    /// only when it is assigned, taken away on a breach, or ends. So instead of a timer per
    /// lead, the answer is settled at the first such change after the moment, from the state
    /// the lead held until then. A lead that ends by then is judged by how it ended (see
    /// ``MetricsCollector/finished(lead:outcome:ownedNow:team:)``).
    func settleUnownedCheck(_ slot: Int32) {
        let lead = leads[slot]
        guard lead.counted, !lead.unownedDecided, now > lead.arrival + unownedAfter else { return }
        leads[slot].unownedDecided = true
        leads[slot].unownedAtCheck = !lead.state.hasOwner
    }

    func applyDeadline(_ event: Event) {
        guard let slot = valid(event) else { return }
        let lead = leads[slot]
        switch event.kind {
        case .patience:
            switch lead.state {
            case .waiting: leaveQueue(slot)
            case .owned: freeSlot(of: Int(lead.owner))
            case .enriching, .stale: metrics.leaveUnowned()
            default: return
            }
            end(slot, as: .cold)
        case .slaBreach:
            guard lead.state == .owned, lead.assignments == event.aux else { return }
            breach(slot)
        case .maxWait:
            guard lead.state == .waiting, lead.queueEntry == event.aux else { return }
            leaveQueue(slot)
            end(slot, as: .dropped)
        case .overflow:
            guard lead.state == .waiting, lead.queueEntry == event.aux,
                  let queue = lead.queue(in: queues)?.ruleQueue,
                  case let target = traits[queue].overflowTarget, target >= 0 else { return }
            leaveQueue(slot)
            metrics.overflowed(counted: lead.counted)
            enterQueue(slot, queues.ruleQueue(target))
        default:
            preconditionFailure("regular kind in the deadline heap")
        }
    }

    /// With an SLA, a lead just assigned gets a breach deadline unless its touch comes first.
    ///
    /// A breach needs the lead still untouched by this owner at the deadline. Only the breach
    /// itself can take the lead from its owner before the touch (going cold ends it), and a touch
    /// at the deadline's instant comes first: when the touch is due by then, the deadline is moot
    /// and stays out of the queue.
    func scheduleBreach(of slot: Int32, lead: LeadRecord, sla: SLA, touchAt: Instant) {
        let deadline = slaDeadline(sla, from: lead.breaches == 0 ? lead.arrival : now, clock: policy(of: lead).businessClock)
        if (lead.breaches > 0 || now < deadline) && touchAt > deadline {
            scheduleDeadline(.slaBreach, at: deadline, slot: slot, aux: lead.assignments)
        }
    }

    /// `first_touch` after `start` on the SLA's clock (a business clock: `plan.businessClocks[clock]`).
    private func slaDeadline(_ sla: SLA, from start: Instant, clock: Int) -> Instant {
        switch sla.clock {
        case .wall: return start + sla.firstTouch
        case .business: return plan.businessClocks[clock].instant(after: start, businessSeconds: sla.firstTouch)
        }
    }

    /// SLA breach: the owner has not touched the lead in time (SPEC §3 "SLA").
    private func breach(_ slot: Int32) {
        guard let sla = sla(of: leads[slot]) else { return }
        settleUnownedCheck(slot)
        leads[slot].breaches += 1
        let lead = leads[slot]
        metrics.breached(counted: lead.counted)
        guard sla.onBreach != .none else { return }
        if let limit = sla.maxReassignments, Int(lead.reassignments) >= limit { return }
        guard let target = breachTarget(of: lead, slot: slot, sla: sla) else { return }
        takeFromOwner(slot)
        metrics.reassigned(counted: lead.counted)
        trace?.breached(slot: slot)
        if sla.onBreach == .reassign && !target.isOwnerQueue {
            leads[slot].setQueue(target)
            if let rep = pickRep(for: slot, in: target) {
                assign(slot, to: rep)
                return
            }
        }
        enterQueue(slot, target)
    }

    /// Where a breached lead goes: back to its queue (`reassign`; an owner's lead to its route's
    /// `else` queue), or up (`escalate`: the named queue, else the owner queue of the manager of
    /// the lead's team, its owner's team for a queue spanning several teams).
    /// Nil: it stays with its owner.
    private func breachTarget(of lead: LeadRecord, slot: Int32, sla: SLA) -> QueueRef? {
        guard let queue = lead.queue(in: queues) else { return nil }
        switch sla.onBreach {
        case .reassign:
            return queue.isOwnerQueue ? lead.elseQueue(in: queues) ?? queue : queue
        case .escalate:
            if let name = sla.escalateTo, let escalation = rules.queueIndex(named: name) {
                return queues.ruleQueue(escalation)
            }
            let teamIndex = team(of: queue, latestOwner: lead.owner)
            let manager = teamIndex >= 0 ? plan.teamManager[teamIndex] : -1
            let owner = Int(lead.owner)
            guard manager >= 0, manager != owner, !excluded(slot).contains(manager) else { return nil }
            return queues.ownerQueue(of: manager)
        case .none:
            return nil
        }
    }

    /// Takes the lead from its owner, for good: the owner may not have it again.
    private func takeFromOwner(_ slot: Int32) {
        let owner = Int(leads[slot].owner)
        freeSlot(of: owner)
        exclusions[slot, default: ExcludedReps()].insert(owner)
        leads[slot].hasExclusions = true
        leads[slot].reassignments += 1
    }
}
