import RandomStreams
import RoutingRules
import SimulationModel
import Statistics

/// One rule set in one replication: the discrete-event simulation of SPEC §2–§3.
///
/// Heaps hold the future: regular events (arrivals, enrichment, touches, closes, rep
/// wake-ups) keyed by (time, scheduling order), and deadlines (patience, SLA breach,
/// `max_wait`, overflow) keyed by (time, lead arrival order, kind). Regular events are split
/// over two heaps, merged by the same key when they are taken: arrivals (one pending per
/// source, so a small heap) and the rest; an arrival then costs no sift through the big heap.
/// At each instant the regular events are applied, then dispatch runs, then the deadlines, then
/// dispatch again, until nothing is left at that instant.
final class Replication {
    let plan: SimulationPlan
    let rules: CompiledRuleSet
    let ruleIndex: Int
    let replication: Int
    private let sla: SLA?
    /// The scenario's `metrics.unowned_after`.
    private let unownedAfter: Seconds
    private let trace: TraceRecorder?
    private let checkInvariants: Bool
    /// Queue every routed lead and never trust remembered blocked lines (tests compare this
    /// against the fast path).
    private let referenceDispatch: Bool

    @exclusivity(unchecked) private var now: Instant
    @exclusivity(unchecked) private var regular = EventQueue()
    /// The regular events of kind `arrival` (see the type's notes).
    @exclusivity(unchecked) private var arrivalEvents = EventQueue()
    @exclusivity(unchecked) private var deadlines = EventQueue()
    @exclusivity(unchecked) private var sequence: UInt64 = 0
    @exclusivity(unchecked) private var leadSequence = 0

    private let leads: LeadTable
    /// Previous owners per lead, for the few leads that had a breach.
    @exclusivity(unchecked) private var exclusions: [Int32: ExcludedReps] = [:]
    private let reps: RepTable
    private let board: QueueBoard
    /// Per rep: the queues it is a member of (its own owner queue included).
    private let repQueues: RaggedColumn<Int>
    /// Per queue (rule queues, then owner queues): its team index (−1: none).
    private let queueTeams: Column<Int>
    /// Queues with live waiting leads, and each queue's position in it (−1: absent).
    @exclusivity(unchecked) private var assignment: AssignmentState
    @exclusivity(unchecked) private var queueStreams: [StreamUniforms]
    private let candidates: MemberCandidates
    private let ruleQueueCount: Int
    private let traits: [QueueTraits]

    /// Per source: its arrival process, advanced in place.
    private let arrivals: Column<ArrivalProcess>
    /// Per source: its arrival stream and lead factory, unretained (this replication and the plan
    /// own them), so that an arrival does no reference counting.
    private let arrivalStreams: Column<Unmanaged<RandomStream>>
    private let factories: Column<Unmanaged<LeadFactory>>
    @exclusivity(unchecked) private var bursts: [[BurstArrivals]]
    private let burstStreams: [[RandomStream]]
    /// Per source: recorded arrivals when it replays a file (see ReplayArrivals.swift).
    @exclusivity(unchecked) private var replays: [ReplayArrivals?]
    @exclusivity(unchecked) private var pendingArrivalProcesses = 0
    @exclusivity(unchecked) private var unsettledCounted = 0
    @exclusivity(unchecked) private var needsDispatch = false

    private let accountOwner: [Int]
    private let metrics: MetricsCollector

    init(plan: SimulationPlan, ruleIndex: Int, replication: Int, trace: Bool, checkInvariants: Bool,
         referenceDispatch: Bool = false) {
        self.referenceDispatch = referenceDispatch
        self.plan = plan
        self.ruleIndex = ruleIndex
        self.replication = replication
        self.checkInvariants = checkInvariants
        let scenario = plan.scenario
        rules = plan.compiled[ruleIndex]
        sla = plan.ruleSets[ruleIndex].sla
        unownedAfter = scenario.metrics.unownedAfter
        now = plan.warmupStart
        leads = LeadTable(fieldCount: plan.schema.fieldCount)

        // Rep calendars with this replication's random days off (each rep's own stream).
        let calendars = scenario.reps.indices.map { r -> RepCalendar in
            let template = plan.repTemplates[r]
            var off = Set<Int>()
            if template.absenceRate > 0 {
                let stream = RandomStream(seed: scenario.seed, replication: replication, name: "rep:" + scenario.reps[r].name)
                for day in template.days where stream.uniform() < template.absenceRate { off.insert(day) }
            }
            return template.calendar(randomDaysOff: off, from: plan.warmupStart, to: plan.drainEnd + 86_400)
        }
        reps = RepTable(reps: scenario.reps, calendars: calendars, touchDelay: plan.touchDelays,
                        handleTime: plan.handleTimes, start: plan.warmupStart)

        ruleQueueCount = rules.queues.count
        traits = rules.queues.map(QueueTraits.init)
        let queueCount = ruleQueueCount + scenario.reps.count
        board = QueueBoard(queueCount: queueCount)
        let ownerQueueBase = ruleQueueCount
        var memberships = (0..<scenario.reps.count).map { [ownerQueueBase + $0] }
        for (q, queue) in rules.queues.enumerated() { for rep in queue.members { memberships[rep].append(q) } }
        repQueues = RaggedColumn(memberships)
        queueTeams = Column(plan.queueTeam[ruleIndex] + plan.repTeam)
        assignment = rules.makeAssignmentState()
        candidates = MemberCandidates(rules: rules, repCount: scenario.reps.count)
        queueStreams = rules.queues.map { queue in
            StreamUniforms(stream: queue.strategy == .random
                ? RandomStream(seed: scenario.seed, replication: replication, name: "queue:" + queue.name) : nil)
        }

        var sourceArrivals: [ArrivalProcess] = []
        bursts = []
        var sourceStreams: [RandomStream] = []
        var sourceBurstStreams: [[RandomStream]] = []
        for (s, source) in scenario.sources.enumerated() {
            let gaps = RandomStream(seed: scenario.seed, replication: replication, name: "source:" + source.name)
            let days = RandomStream(seed: scenario.seed, replication: replication, name: "source-days:" + source.name)
            sourceArrivals.append(ArrivalProcess(segments: plan.segments[s], dispersion: source.dispersion, gaps: gaps, days: days))
            sourceStreams.append(gaps)
            var sourceBursts: [BurstArrivals] = []
            var streams: [RandomStream] = []
            for (b, burst) in source.bursts.enumerated() {
                let stream = RandomStream(seed: scenario.seed, replication: replication, name: "burst:\(source.name):\(b)")
                sourceBursts.append(BurstArrivals(burst: burst, stream: stream, from: plan.warmupStart, to: plan.arrivalsEnd))
                streams.append(stream)
            }
            bursts.append(sourceBursts)
            sourceBurstStreams.append(streams)
        }
        arrivals = Column(sourceArrivals)
        arrivalStreams = Column(sourceStreams.map { Unmanaged.passRetained($0) })
        factories = Column(plan.factories.map { Unmanaged.passUnretained($0) })
        burstStreams = sourceBurstStreams

        replays = plan.replays.map { $0.map { ReplayArrivals(plan: $0, seed: scenario.seed, replication: replication) } }

        // Account ownership: spread round-robin over the owner team; stale owners drawn per account.
        if let accounts = scenario.accounts, !plan.accountOwnerReps.isEmpty {
            let stream = RandomStream(seed: scenario.seed, replication: replication, name: "accounts")
            accountOwner = (0..<accounts.count).map { i in
                stream.uniform() < accounts.staleOwner ? -1 : plan.accountOwnerReps[i % plan.accountOwnerReps.count]
            }
        } else {
            accountOwner = Array(repeating: -1, count: scenario.accounts?.count ?? 0)
        }

        metrics = MetricsCollector(plan: plan, ruleIndex: ruleIndex, replication: replication,
                                   repCalendars: calendars)
        self.trace = trace ? TraceRecorder(plan: plan, ruleIndex: ruleIndex, replication: replication) : nil
    }

    deinit {
        for s in 0..<arrivalStreams.count { arrivalStreams[s].release() }
        arrivals.deallocate()
        arrivalStreams.deallocate()
        factories.deallocate()
        repQueues.deallocate()
        queueTeams.deallocate()
    }

    // MARK: Running

    /// Runs to the end of the drain (or until every counted lead is settled).
    func run() -> (ReplicationMetrics, [TraceRow]) {
        for s in 0..<arrivals.count { scheduleNextArrival(source: s, burst: -1) }
        for s in bursts.indices { for b in bursts[s].indices { scheduleNextArrival(source: s, burst: b) } }
        for s in replays.indices where replays[s] != nil { scheduleNextArrival(source: s, burst: Int(ReplayPlan.eventMarker)) }
        for r in 0..<reps.count { scheduleWake(rep: r) }

        var events = 0
        // Instants are compared as the queues' keys (equal keys, equal times).
        while case let key = min(regular.firstKey, arrivalEvents.firstKey, deadlines.firstKey), key != EventQueue.emptyKey {
            let t = EventQueue.instant(key)
            if t > plan.drainEnd { break }
            if pendingArrivalProcesses == 0 && unsettledCounted == 0 && t >= plan.arrivalsEnd { break }
            if checkInvariants && t < now { violation("clock went back from \(now) to \(t)") }
            metrics.advance(to: t)
            now = t
            repeat {
                while let event = nextRegularEvent(at: key) {
                    events += 1
                    apply(event)
                }
                if needsDispatch { dispatch() }
                while deadlines.firstKey == key {
                    events += 1
                    applyDeadline(deadlines.removeMin())
                }
                if needsDispatch { dispatch() }
            } while regular.firstKey == key || arrivalEvents.firstKey == key || deadlines.firstKey == key
            if checkInvariants { verifyInvariants() }
        }
        // With nothing left to happen, the state holds to the end of the drain.
        let end = min(max(now, nextTime() ?? plan.drainEnd), plan.drainEnd)
        metrics.advance(to: max(now, min(end, plan.arrivalsEnd)))
        for slot in leads.occupiedSlots { finishOpen(slot) }
        var result = metrics.finish(reps: reps, endTime: now)
        result.events = events
        result.invariantViolations = violations
        return (result, trace?.rows ?? [])
    }

    /// Takes the first regular event at the instant of `key` (from either heap, by scheduling
    /// order), or nil when none is left there.
    @inline(__always)
    private func nextRegularEvent(at key: UInt64) -> Event? {
        let arrivalDue = arrivalEvents.firstKey == key
        if regular.firstKey == key {
            return arrivalDue && arrivalEvents.firstOrder < regular.firstOrder ? arrivalEvents.removeMin() : regular.removeMin()
        }
        return arrivalDue ? arrivalEvents.removeMin() : nil
    }

    private func nextTime() -> Instant? {
        let next = min(regular.minTime, arrivalEvents.minTime, deadlines.minTime)
        return next.isFinite ? next : nil
    }

    private func schedule(_ kind: EventKind, at time: Instant, subject: Int32, generation: UInt32 = 0, aux: Int32 = 0) {
        guard time.isFinite else { return }
        sequence &+= 1
        let event = Event(time: time, order: sequence, kind: kind, subject: subject, generation: generation, aux: aux)
        if kind == .arrival { arrivalEvents.insert(event) } else { regular.insert(event) }
    }

    private func scheduleDeadline(_ kind: EventKind, at time: Instant, slot: Int32, aux: Int32 = 0) {
        guard time.isFinite else { return }
        let lead = leads[slot]
        // Deadlines of one instant go in lead arrival order, then in kind order.
        let order = UInt64(lead.sequence) << 8 | UInt64(kind.rawValue)
        deadlines.insert(Event(time: time, order: order, kind: kind, subject: slot, generation: lead.generation, aux: aux))
    }

    private func scheduleNextArrival(source s: Int, burst b: Int) {
        let time = b == Int(ReplayPlan.eventMarker) ? replays[s]?.nextTime : b < 0 ? arrivals[s].next() : bursts[s][b].pop()
        guard let time, time < plan.arrivalsEnd else { return }
        pendingArrivalProcesses += 1
        schedule(.arrival, at: time, subject: Int32(s), aux: Int32(b))
    }

    private func scheduleWake(rep r: Int) {
        let end = reps.wakeUps.positions(of: r).upperBound
        while reps.wakeCursor[r] < end && reps.wakeUps[reps.wakeCursor[r]] < now { reps.wakeCursor[r] += 1 }
        guard reps.wakeCursor[r] < end else { return }
        schedule(.repWake, at: reps.wakeUps[reps.wakeCursor[r]], subject: Int32(r))
        reps.wakeCursor[r] += 1
    }

    // MARK: Regular events

    private func apply(_ event: Event) {
        switch event.kind {
        case .arrival:
            pendingArrivalProcesses -= 1
            arrive(source: Int(event.subject), burst: Int(event.aux))
        case .repWake:
            repBecameMoreAvailable(Int(event.subject))
            scheduleWake(rep: Int(event.subject))
        case .enrichmentDone:
            guard let slot = valid(event), leads[slot].state == .enriching else { return }
            let lead = leads[slot]
            let enrichment = plan.scenario.enrichment!
            if lead.luck.uniform(LeadFactory.Draw.enrichmentSuccess) < enrichment.success {
                let factory = factories[Int(lead.source)].takeUnretainedValue()
                factory.fill(leads.mutableValues(slot), luck: lead.luck, revealMissing: true)
            }
            metrics.leaveUnowned()
            routeLead(slot)
        case .touch:
            guard let slot = valid(event), leads[slot].state == .owned, leads[slot].assignments == event.aux else { return }
            touch(slot)
        case .close:
            guard let slot = valid(event), leads[slot].state == .touched else { return }
            freeSlot(of: Int(leads[slot].owner))
            end(slot, as: .closed)
        default:
            preconditionFailure("deadline kind in the regular heap")
        }
    }

    private func valid(_ event: Event) -> Int32? {
        let slot = event.subject
        return leads[slot].generation == event.generation && leads[slot].state != .free ? slot : nil
    }

    private func arrive(source s: Int, burst b: Int) {
        let replayed = b == Int(ReplayPlan.eventMarker) ? replays[s]?.take() : nil
        let seed = replayed?.seed
            ?? (b < 0 ? arrivalStreams[s]._withUnsafeGuaranteedRef { $0.nextSeed() } : burstStreams[s][b].nextSeed())
        scheduleNextArrival(source: s, burst: b)

        let slot = leads.allocate()
        leadSequence += 1
        let luck = CounterUniforms(seed: seed)
        let counted = now >= plan.countedStart
        var record = LeadRecord()
        record.sequence = leadSequence
        record.arrival = now
        record.luck = luck
        record.source = Int32(s)
        record.counted = counted
        record.generation = leads[slot].generation
        leads[slot] = record
        leads[slot].state = .routing
        let (anyMissing, patience) = factories[s]._withUnsafeGuaranteedRef { factory in
            (factory.fill(leads.mutableValues(slot), luck: luck, revealMissing: false),
             factory.patience?.quantile(luck.uniform(LeadFactory.Draw.patience)))
        }
        if let replayed { plan.replays[s]!.write(replayed.lead, into: leads.mutableValues(slot)) }
        leads[slot].anyMissing = anyMissing
        if let field = plan.scoreField, case .number(let score) = leads.values(slot)[field] {
            leads[slot].score = score
        } else {
            leads[slot].score = -.infinity
        }
        if counted { unsettledCounted += 1 }
        metrics.arrival(at: now, counted: counted)
        trace?.arrived(slot: slot, lead: leads[slot], values: Array(leads.values(slot)))

        if let patience { scheduleDeadline(.patience, at: now + patience, slot: slot) }
        if anyMissing, let enrichment = plan.scenario.enrichment, enrichment.wait, let sampler = plan.enrichmentDelay {
            leads[slot].state = .enriching
            metrics.enterUnowned()
            let delay = sampler.quantile(luck.uniform(LeadFactory.Draw.enrichmentDelay))
            schedule(.enrichmentDone, at: now + delay, subject: slot, generation: leads[slot].generation)
        } else {
            routeLead(slot)
        }
    }

    // MARK: Routing and queues

    private func routeLead(_ slot: Int32) {
        let decision = rules.route(leads.values(slot))
        switch decision {
        case .unrouted:
            leads[slot].route = -2
            metrics.routed(route: -2, counted: leads[slot].counted)
            end(slot, as: .unrouted)
        case .queue(let route, let queue):
            leads[slot].route = Int32(route ?? -1)
            metrics.routed(route: route ?? -1, counted: leads[slot].counted)
            if traits[queue].isAutomated {
                leads[slot].humanBound = false
                leads[slot].queue = Int32(queue)
                end(slot, as: .automated)
            } else {
                enterQueueOrAssign(slot, queue)
            }
        case .accountOwner(let route, let elseQueue):
            leads[slot].route = Int32(route)
            metrics.routed(route: route, counted: leads[slot].counted)
            routeToOwner(slot, elseQueue: elseQueue)
        }
    }

    /// `account-owner`: the owner gets the lead (even off shift: the touch waits for the shift),
    /// unless the owner is inactive, absent or at a cap and the route has an `else` queue.
    /// Without `else`, a lead of an owner who has left is held by that owner (stale ownership),
    /// and a lead of an absent, capped or not-yet-hired owner waits for that owner.
    private func routeToOwner(_ slot: Int32, elseQueue: Int?) {
        var owner = -1
        var hasAccount = false
        if case .number(let id) = leads.values(slot)[plan.accountField] {
            let account = Int(id)
            if account >= 0 && account < accountOwner.count {
                owner = accountOwner[account]
                hasAccount = true
            }
        }
        leads[slot].elseQueue = Int32(elseQueue ?? -1)
        if owner >= 0 {
            let unavailable = reps.ineligibility(owner, at: now, offShiftAllowed: true) != nil
            if unavailable, let elseQueue { return enterQueueOrAssign(slot, elseQueue) }
            return enterQueueOrAssign(slot, ruleQueueCount + owner)
        }
        if let elseQueue { return enterQueueOrAssign(slot, elseQueue) }
        if hasAccount {
            leads[slot].state = .stale
            metrics.enterUnowned()
        } else {
            end(slot, as: .unrouted)
        }
    }

    private func isOwnerQueue(_ queue: Int) -> Bool { queue >= ruleQueueCount }

    /// A newly routed lead: straight to a rep when dispatch would take it at once, else into `queue`.
    ///
    /// When nobody is waiting anywhere and no other regular event remains at this instant, the
    /// dispatch that follows would find this lead alone and pick for it in the state it sees
    /// now; so the pick happens here and the lead skips the waiting line. When the pick finds
    /// nobody, the lead's line is blocked, as that dispatch would have found (same single pick).
    private func enterQueueOrAssign(_ slot: Int32, _ queue: Int) {
        guard !referenceDispatch, board.activeQueues.isEmpty, !leads[slot].hasExclusions,
              regular.minTime > now, arrivalEvents.minTime > now else { return enterQueue(slot, queue) }
        guard let rep = pickRep(for: slot, in: queue) else {
            enterQueue(slot, queue)
            return board.markBlocked(Int(leads[slot].line))
        }
        // As if it had entered the queue and left it at once.
        leads[slot].queue = Int32(queue)
        leads[slot].queueEntry += 1
        assign(slot, to: rep)
    }

    private func enterQueue(_ slot: Int32, _ queue: Int) {
        var lead = leads[slot]
        lead.queue = Int32(queue)
        lead.queueEntry += 1
        lead.state = .waiting
        leads[slot] = lead
        let ruleQueue = !isOwnerQueue(queue)
        let key = ruleQueue && traits[queue].orderByScore ? -lead.score : lead.arrival
        let skill = ruleQueue ? traits[queue].skillField : -1
        let group = skill >= 0 ? leads.values(slot)[skill] : .missing
        let line = board.line(queue: queue, group: group)
        leads[slot].line = Int32(line)
        board.insert(WaitingLine.Entry(key: key, sequence: lead.sequence, slot: slot,
                                       generation: lead.generation, entry: lead.queueEntry), line: line)
        metrics.enterWaiting()
        needsDispatch = true
        guard ruleQueue else { return }
        let info = traits[queue]
        if let maxWait = info.maxWait {
            scheduleDeadline(.maxWait, at: now + maxWait, slot: slot, aux: lead.queueEntry)
        }
        if let after = info.overflowAfter, info.overflowTarget >= 0 {
            scheduleDeadline(.overflow, at: now + after, slot: slot, aux: lead.queueEntry)
        }
    }

    /// Takes a waiting lead out of its queue's count (its line entry goes stale).
    private func leaveQueue(_ slot: Int32) {
        board.noteRemoved(line: Int(leads[slot].line))
        metrics.leaveWaiting()
    }

    private func isLive(_ entry: WaitingLine.Entry, line: Int) -> Bool {
        let lead = leads[entry.slot]
        return lead.generation == entry.generation && lead.state == .waiting
            && lead.line == Int32(line) && lead.queueEntry == entry.entry
    }

    // MARK: Dispatch

    /// SPEC §2 dispatch: repeatedly, the oldest waiting lead (over all queues) that has an
    /// eligible rep in its queue goes to the rep its queue's strategy picks. A lead with no
    /// eligible rep keeps its place and blocks nobody.
    ///
    /// Each queue's candidate is the best (in the queue's order) of its lines' first leads that a
    /// rep can take; a line whose first lead without previous owners finds nobody is blocked
    /// until a member of the queue becomes more available (see ``QueueBoard``).
    private func dispatch() {
        needsDispatch = false
        while true {
            // One waiting line in all: its first lead that gets a rep goes, so pick directly (a
            // pick only looks at candidate members, so no cheaper pre-check is needed).
            if board.activeQueues.count == 1 && board.queueLines[board.activeQueues[0]].count == 1 {
                let queue = board.activeQueues[0], line = board.queueLines[queue][0]
                if case .blocked = board.status(line), !referenceDispatch { return }
                guard let (slot, rep) = firstAssignable(in: line, queue: queue, picking: true) else { return }
                leaveQueue(slot)
                assign(slot, to: rep)
                continue
            }
            var best: (slot: Int32, queue: Int, line: Int)?
            var bestKey = (Double.infinity, Int.max)
            // Index loops: iterating the arrays themselves would retain them on every pass.
            for activeIndex in 0..<board.activeQueues.count {
                let queue = board.activeQueues[activeIndex]
                if !referenceDispatch && board.isBlocked(queue: queue) { continue }
                var queueBest: (slot: Int32, key: (Double, Int))?
                for lineIndex in 0..<board.queueLines[queue].count {
                    let line = board.queueLines[queue][lineIndex]
                    guard board.lines[line].liveCount > 0 && mayMove(line, queue: queue) else { continue }
                    guard let (slot, _) = firstAssignable(in: line, queue: queue, picking: false) else { continue }
                    let lead = leads[slot]
                    let key = (!isOwnerQueue(queue) && traits[queue].orderByScore ? -lead.score : lead.arrival, lead.sequence)
                    if queueBest == nil || key < queueBest!.key { queueBest = (slot, key) }
                }
                guard let candidate = queueBest?.slot else { continue }
                let lead = leads[candidate]
                if (lead.arrival, lead.sequence) < bestKey {
                    bestKey = (lead.arrival, lead.sequence)
                    best = (candidate, queue, Int(lead.line))
                }
            }
            guard let best, let rep = pickRep(for: best.slot, in: best.queue) else { return }
            leaveQueue(best.slot)
            assign(best.slot, to: rep)
        }
    }

    /// Whether `line` may have a lead some rep can take: not known blocked, or blocked before
    /// members changed and one of those members can now take its leads (they share a skill value,
    /// and a lead with previous owners can take no more reps than one without).
    private func mayMove(_ line: Int, queue: Int) -> Bool {
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
            var movable = false
            if isOwnerQueue(queue) {
                for e in changed where reps.ineligibility(board.member(queue: queue, epoch: e), at: now, offShiftAllowed: true) == nil {
                    movable = true
                    break
                }
            } else {
                let view = view(for: queue)
                for e in changed where rules.isEligible(rep: board.member(queue: queue, epoch: e), queue: queue,
                                                        lead: leads.values(slot), excluded: .none, view: view) {
                    movable = true
                    break
                }
            }
            if !movable { board.markBlocked(line) }
            return movable
        }
    }

    /// The first lead of `line` that some rep can take now; marks the line blocked when its first
    /// lead without previous owners finds nobody (then nobody without previous owners can).
    ///
    /// With `picking`, the lead's rep is picked by the queue's strategy (its state advances: use
    /// it only when this lead goes next); otherwise `rep` is −1.
    private func firstAssignable(in line: Int, queue: Int, picking: Bool) -> (slot: Int32, rep: Int)? {
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

    private func view(for queue: Int) -> RepView {
        RepView(table: Unmanaged.passUnretained(reps), now: now, offShiftAllowed: traits[queue].assignOffShift,
                needsIdleSince: traits[queue].needsIdleSince,
                candidateWords: referenceDispatch ? nil : candidates.words)
    }

    /// The reps a lead may no longer go to (previous owners after a breach).
    private func excluded(_ slot: Int32) -> ExcludedReps {
        leads[slot].hasExclusions ? exclusions[slot, default: ExcludedReps()] : ExcludedReps()
    }

    private func canAssign(_ slot: Int32, in queue: Int) -> Bool {
        if isOwnerQueue(queue) {
            let rep = queue - ruleQueueCount
            return !excluded(slot).contains(rep)
                && reps.ineligibility(rep, at: now, offShiftAllowed: true) == nil
        }
        let view = view(for: queue)
        let excluded = excluded(slot)
        return rules.hasEligibleRep(queue: queue, lead: leads.values(slot), excluded: excluded, view: view)
    }

    private func pickRep(for slot: Int32, in queue: Int) -> Int? {
        if isOwnerQueue(queue) { return canAssign(slot, in: queue) ? queue - ruleQueueCount : nil }
        let view = view(for: queue)
        let excluded = excluded(slot)
        return rules.pick(queue: queue, lead: leads.values(slot), excluded: excluded, view: view,
                          state: &assignment, random: &queueStreams[queue])
    }

    // MARK: Assignment, touch, close

    private func assign(_ slot: Int32, to rep: Int) {
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
        }
        leads[slot] = lead
        metrics.occupancy(rep: rep, before: reps.open[rep], change: 1, at: now)
        reps.noteAssignment(rep, at: now)
        if reps.open[rep] >= reps.capacity[rep] { candidates.repReachedOpenCap(rep) }
        metrics.assignment(rep: rep, counted: lead.counted)
        trace?.assigned(slot: slot, rep: rep, at: now)

        let delay = reps.touchDelay[rep].quantile(lead.luck.uniform(LeadFactory.Draw.touchDelay(Int(lead.assignments))))
        let touchAt = reps.instant(rep, after: now, onShiftSeconds: max(0, delay))
        if touchAt > now {
            schedule(.touch, at: touchAt, subject: slot, generation: lead.generation, aux: lead.assignments)
        }

        if let sla = sla {
            // A breach needs the lead still untouched by this owner at the deadline. Only the
            // breach itself can take the lead from its owner before the touch (going cold ends
            // it), and a touch at the deadline's instant comes first: when the touch is due by
            // then, the deadline is moot and stays out of the queue.
            let deadline = lead.breaches == 0 ? slaDeadline(sla, from: lead.arrival) : slaDeadline(sla, from: now)
            if (lead.breaches > 0 || now < deadline) && touchAt > deadline {
                scheduleDeadline(.slaBreach, at: deadline, slot: slot, aux: lead.assignments)
            }
        }
        // A touch due now happens now (a heap round trip would land at this same instant).
        if touchAt == now { touch(slot) }
    }

    private func slaDeadline(_ sla: SLA, from start: Instant) -> Instant {
        switch sla.clock {
        case .wall: return start + sla.firstTouch
        case .business: return plan.businessClock.instant(after: start, businessSeconds: sla.firstTouch)
        }
    }

    private func touch(_ slot: Int32) {
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
        metrics.touched(lead: lead, rep: rep, queueTeam: team(ofQueue: Int(lead.queue)), at: now, sla: sla)
        trace?.touched(slot: slot, at: now)
        let handle = reps.handleTime[rep].quantile(lead.luck.uniform(LeadFactory.Draw.handleTime))
        schedule(.close, at: now + max(0, handle), subject: slot, generation: lead.generation)
    }

    private func freeSlot(of rep: Int) {
        metrics.occupancy(rep: rep, before: reps.open[rep], change: -1, at: now)
        reps.open[rep] -= 1
        reps.lastFreed[rep] = now
        repBecameMoreAvailable(rep)
    }

    /// A freed slot or a wake-up: `rep` may take leads again, so its queues' blocked lines and
    /// its members' candidate bits reopen, and dispatch runs.
    private func repBecameMoreAvailable(_ rep: Int) {
        for position in repQueues.positions(of: rep) { board.invalidate(queue: repQueues[position], rep: rep) }
        candidates.repBecameMoreAvailable(rep)
        needsDispatch = true
    }

    /// The team a queue belongs to (−1: none, or no queue).
    func team(ofQueue queue: Int) -> Int { queue >= 0 ? queueTeams[queue] : -1 }

    /// Ends a lead's life: its outcome is final and its slot is reused.
    private func end(_ slot: Int32, as state: LeadState) {
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
    private func finishOpen(_ slot: Int32) {
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
    private func record(_ lead: LeadRecord, slot: Int32, outcome: LeadOutcome, owned: Bool) {
        metrics.finished(lead: lead, outcome: outcome, ownedNow: owned, team: team(ofQueue: Int(lead.queue)))
        trace?.finished(slot: slot, lead: lead, outcome: outcome, queueName: queueName(Int(lead.queue)))
    }

    func queueName(_ queue: Int) -> String {
        guard queue >= 0 else { return "" }
        return isOwnerQueue(queue) ? "owner:" + plan.scenario.reps[queue - ruleQueueCount].name : rules.queues[queue].name
    }

    // MARK: Deadlines

    /// SPEC `unowned_after`: whether a counted lead had no owner `unowned_after` after it arrived.
    ///
    /// That moment comes after everything else at its instant, and a lead's ownership changes
    /// only when it is assigned, taken away on a breach, or ends. So instead of a timer per
    /// lead, the answer is settled at the first such change after the moment, from the state
    /// the lead held until then. A lead that ends by then is judged by how it ended (see
    /// ``MetricsCollector/finished(lead:outcome:ownedNow:team:)``).
    private func settleUnownedCheck(_ slot: Int32) {
        let lead = leads[slot]
        guard lead.counted, !lead.unownedDecided, now > lead.arrival + unownedAfter else { return }
        leads[slot].unownedDecided = true
        leads[slot].unownedAtCheck = !lead.state.hasOwner
    }

    private func applyDeadline(_ event: Event) {
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
                  case let target = traits[Int(lead.queue)].overflowTarget, target >= 0 else { return }
            leaveQueue(slot)
            metrics.overflowed(counted: lead.counted)
            enterQueue(slot, target)
        default:
            preconditionFailure("regular kind in the deadline heap")
        }
    }

    /// SLA breach: the owner has not touched the lead in time (SPEC §3 "SLA").
    private func breach(_ slot: Int32) {
        guard let sla else { return }
        settleUnownedCheck(slot)
        leads[slot].breaches += 1
        let lead = leads[slot]
        metrics.breached(counted: lead.counted)
        guard sla.onBreach != .none else { return }
        if let limit = sla.maxReassignments, Int(lead.reassignments) >= limit { return }
        let owner = Int(lead.owner)
        let queue = Int(lead.queue)

        var target: Int
        switch sla.onBreach {
        case .reassign:
            target = isOwnerQueue(queue) && lead.elseQueue >= 0 ? Int(lead.elseQueue) : queue
        case .escalate:
            if let name = sla.escalateTo, let escalation = rules.queueIndex(named: name) {
                target = escalation
            } else {
                let teamIndex = team(ofQueue: queue)
                let manager = teamIndex >= 0 ? plan.teamManager[teamIndex] : -1
                guard manager >= 0, manager != owner, !excluded(slot).contains(manager) else { return }
                target = ruleQueueCount + manager
            }
        case .none:
            return
        }
        // Take the lead from its owner, for good.
        freeSlot(of: owner)
        exclusions[slot, default: ExcludedReps()].insert(owner)
        leads[slot].hasExclusions = true
        leads[slot].owner = -1
        leads[slot].reassignments += 1
        metrics.reassigned(counted: lead.counted)
        trace?.breached(slot: slot)
        if sla.onBreach == .reassign && !isOwnerQueue(target) {
            leads[slot].queue = Int32(target)
            if let rep = pickRep(for: slot, in: target) {
                assign(slot, to: rep)
                return
            }
        }
        enterQueue(slot, target)
    }

    // MARK: Invariants (tests)

    private var violations: [String] = []

    private func violation(_ message: String) {
        if violations.count < 20 { violations.append(message) }
    }

    /// Checked after every instant when `checkInvariants` is on.
    private func verifyInvariants() {
        for r in 0..<reps.count where reps.open[r] < 0 || reps.open[r] > reps.capacity[r] {
            violation("rep \(r) holds \(reps.open[r]) leads at \(now), capacity \(reps.capacity[r])")
        }
    }
}
