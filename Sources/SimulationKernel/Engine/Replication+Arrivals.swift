import RandomStreams
import SimulationModel

/// Which arrival process of a source an arrival event comes from (kept in the event's `aux`).
enum ArrivalStream: Equatable {
    /// The source's generated arrivals (its rate segments).
    case generated
    /// The source's burst with this index.
    case burst(Int)
    /// The source's recorded leads (`replay`).
    case replay

    init(aux: Int32) {
        switch aux {
        case -1: self = .generated
        case -2: self = .replay
        default: self = .burst(Int(aux))
        }
    }

    var aux: Int32 {
        switch self {
        case .generated: return -1
        case .replay: return -2
        case .burst(let index): return Int32(index)
        }
    }
}

extension Replication {
    /// The first arrival of every source's processes.
    func scheduleFirstArrivals() {
        for s in 0..<arrivals.count { scheduleNextArrival(source: s, from: .generated) }
        for s in bursts.indices { for b in bursts[s].indices { scheduleNextArrival(source: s, from: .burst(b)) } }
        for s in replays.indices where replays[s] != nil { scheduleNextArrival(source: s, from: .replay) }
    }

    func scheduleNextArrival(source s: Int, from stream: ArrivalStream) {
        let time: Instant?
        switch stream {
        case .generated: time = arrivals[s].next()
        case .burst(let b): time = bursts[s][b].pop()
        case .replay: time = replays[s]?.nextTime
        }
        guard let time, time < plan.arrivalsEnd else { return }
        pendingArrivalProcesses += 1
        events.schedule(.arrival, at: time, subject: Int32(s), aux: stream.aux)
    }

    /// A new lead from source `s`: drawn (or replayed), then enriched or routed.
    func arrive(source s: Int, from stream: ArrivalStream) {
        let replayed = stream == .replay ? replays[s]?.take() : nil
        let seed: UInt64
        switch stream {
        case .generated: seed = arrivalStreams[s].use { $0.nextSeed() }
        case .burst(let b): seed = burstStreams[s][b].nextSeed()
        case .replay: seed = replayed!.seed
        }
        scheduleNextArrival(source: s, from: stream)

        let slot = newLead(source: s, seed: seed)
        let luck = leads[slot].luck
        let (anyMissing, patience) = factories[s].use { factory in
            (factory.fill(leads.mutableValues(slot), luck: luck, revealMissing: false, accountSeed: accountFieldSeed),
             factory.patience?.quantile(luck.uniform(LeadFactory.Draw.patience)))
        }
        if let replayed {
            plan.replays[s]!.write(replayed.lead, into: leads.mutableValues(slot))
            // A matched account's attributes replace recorded values too.
            if let accountFields = plan.accountFields, case .number(let account) = leads.values(slot)[plan.accountField] {
                accountFields.write(account: Int(account), streamSeed: accountFieldSeed, into: leads.mutableValues(slot))
            }
        }
        leads[slot].anyMissing = anyMissing
        if let field = plan.scoreField, case .number(let score) = leads.values(slot)[field] {
            leads[slot].score = score
        } else {
            leads[slot].score = -.infinity
        }
        metrics.arrival(at: now, counted: leads[slot].counted)
        trace?.arrived(slot: slot, lead: leads[slot], values: Array(leads.values(slot)))

        if let patience { scheduleDeadline(.patience, at: now + patience, slot: slot) }
        if anyMissing, let enrichment = plan.scenario.enrichment, enrichment.wait, let sampler = plan.enrichmentDelay {
            leads[slot].state = .enriching
            metrics.enterUnowned()
            let delay = sampler.quantile(luck.uniform(LeadFactory.Draw.enrichmentDelay))
            events.schedule(.enrichmentDone, at: now + delay, subject: slot, generation: leads[slot].generation)
        } else {
            routeLead(slot)
        }
    }

    /// A fresh record for a lead arriving now from source `s`, in state `routing`.
    @inline(__always)
    private func newLead(source s: Int, seed: UInt64) -> Int32 {
        let slot = leads.allocate()
        leadSequence += 1
        let counted = now >= plan.countedStart
        var record = LeadRecord()
        record.sequence = leadSequence
        record.arrival = now
        record.luck = CounterUniforms(seed: seed)
        record.source = Int32(s)
        record.counted = counted
        record.generation = leads[slot].generation
        leads[slot] = record
        leads[slot].state = .routing
        if counted { unsettledCounted += 1 }
        return slot
    }

    /// Enrichment ended: missing fields may be revealed, then the lead is routed.
    func enrichmentDone(_ slot: Int32) {
        let lead = leads[slot]
        let enrichment = plan.scenario.enrichment!
        if lead.luck.uniform(LeadFactory.Draw.enrichmentSuccess) < enrichment.success {
            factories[Int(lead.source)].use { factory in
                _ = factory.fill(leads.mutableValues(slot), luck: lead.luck, revealMissing: true, accountSeed: accountFieldSeed)
            }
        }
        metrics.leaveUnowned()
        routeLead(slot)
    }
}
