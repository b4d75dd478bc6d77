import RandomStreams
import RoutingRules
import SimulationModel
import Statistics

/// One rule set in one replication: the discrete-event simulation of SPEC §2–§3.
///
/// The ``EventLoop`` holds the future and the order of each instant; this class is the world it
/// runs, split by concern over its extensions: arrivals, routing and queues, dispatch,
/// assignment (assign, touch, close), deadlines and SLA, invariants.
final class Replication {
    let plan: SimulationPlan
    let rules: CompiledRuleSet
    let ruleIndex: Int
    let replication: Int
    /// The SLAs leads of this rule set run under (see ``sla(of:)``).
    let slas: [SLA]
    /// The scenario's `metrics.unowned_after`.
    let unownedAfter: Seconds
    let trace: TraceRecorder?
    /// The backtest's lead tally (`leadsim backtest` only).
    let backtest: BacktestRecorder?
    let checkInvariants: Bool
    /// Queue every routed lead and never trust remembered blocked lines (tests compare this
    /// against the fast path).
    let referenceDispatch: Bool

    let events = EventLoop()
    @exclusivity(unchecked) var now: Instant
    @exclusivity(unchecked) var leadSequence = 0

    let leads: LeadTable
    /// Previous owners per lead, for the few leads that had a breach.
    @exclusivity(unchecked) var exclusions: [Int32: ExcludedReps] = [:]
    let reps: RepTable
    let board: QueueBoard
    let queues: QueueNumbering
    /// Per rep: the board indices of the queues it is a member of (its own owner queue included).
    let repQueues: RaggedColumn<Int>
    /// Per queue (board index): its team index (−1: none).
    let queueTeams: Column<Int>
    /// Per queue (board index): the business clock and SLA of the leads first routed there.
    let routedQueuePolicies: Column<RoutedQueuePolicy>
    @exclusivity(unchecked) var assignment: AssignmentState
    /// When queues with `fairness.reset` clear their strategy state.
    @exclusivity(unchecked) var fairnessResets: FairnessResets
    @exclusivity(unchecked) var queueStreams: [StreamUniforms]
    let candidates: MemberCandidates
    /// Per rule queue: what the hot path reads about it.
    let traits: [QueueTraits]

    /// Per source: its arrival process, advanced in place.
    let arrivals: Column<ArrivalProcess>
    /// Per source: its arrival stream (owned by its arrival process) and lead factory (owned by
    /// the plan), so that an arrival does no reference counting.
    let arrivalStreams: Column<Unretained<RandomStream>>
    let factories: Column<Unretained<LeadFactory>>
    @exclusivity(unchecked) var bursts: [[BurstArrivals]]
    let burstStreams: [[RandomStream]]
    /// Per source: recorded arrivals when it replays a file (see ReplayArrivals.swift).
    @exclusivity(unchecked) var replays: [ReplayArrivals?]
    @exclusivity(unchecked) var pendingArrivalProcesses = 0
    @exclusivity(unchecked) var unsettledCounted = 0
    @exclusivity(unchecked) var needsDispatch = false
    /// Broken invariants found with `checkInvariants` (at most 20).
    var violations: [String] = []

    /// Per account: its owner's rep index (``departedOwner``: a stale owner, who has left;
    /// ``noOwner``: the account has none).
    let accountOwner: [Int]
    static let departedOwner = -1
    static let noOwner = -2
    /// The seed of this replication's account-fields stream (see ``AccountFields``).
    let accountFieldSeed: UInt64
    let metrics: MetricsCollector

    init(plan: SimulationPlan, ruleIndex: Int, replication: Int, trace: Bool, checkInvariants: Bool,
         referenceDispatch: Bool = false, backtest: BacktestDefinition? = nil) {
        self.referenceDispatch = referenceDispatch
        self.plan = plan
        self.ruleIndex = ruleIndex
        self.replication = replication
        self.checkInvariants = checkInvariants
        let scenario = plan.scenario
        let rules = plan.compiled[ruleIndex]
        self.rules = rules
        slas = plan.slas[ruleIndex]
        unownedAfter = scenario.metrics.unownedAfter
        now = plan.warmupStart
        leads = LeadTable(fieldCount: plan.schema.fieldCount)

        let calendars = Self.repCalendars(plan: plan, replication: replication)
        reps = RepTable(reps: scenario.reps, calendars: calendars, touchDelay: plan.touchDelays,
                        handleTime: plan.handleTimes, start: plan.warmupStart)

        queues = QueueNumbering(ruleQueueCount: rules.queues.count)
        traits = rules.queues.map(QueueTraits.init)
        board = QueueBoard(queueCount: rules.queues.count + scenario.reps.count)
        repQueues = RaggedColumn(Self.memberships(rules: rules, repCount: scenario.reps.count, queues: queues))
        queueTeams = Column(plan.queueTeam[ruleIndex] + plan.repTeam)
        routedQueuePolicies = Column(zip(plan.queueClock[ruleIndex], plan.queueSLA[ruleIndex]).map {
            RoutedQueuePolicy(businessClock: $0, sla: $1, in: plan.slas[ruleIndex], unownedAfter: scenario.metrics.unownedAfter)
        })
        assignment = rules.makeAssignmentState()
        fairnessResets = FairnessResets(rules: rules, timeZone: scenario.timeZone, from: plan.warmupStart,
                                        to: plan.drainEnd)
        candidates = MemberCandidates(rules: rules, repCount: scenario.reps.count)
        queueStreams = rules.queues.map { queue in
            StreamUniforms(stream: queue.strategy == .random
                ? RandomStream(seed: scenario.seed, replication: replication, name: "queue:" + queue.name) : nil)
        }

        let sources = Self.sourceProcesses(plan: plan, replication: replication)
        arrivals = Column(sources.arrivals)
        arrivalStreams = Column(sources.gaps.map(Unretained.init))
        factories = Column(plan.factories.map(Unretained.init))
        bursts = sources.bursts
        burstStreams = sources.burstStreams
        replays = plan.replays.map { $0.map { ReplayArrivals(plan: $0, seed: scenario.seed, replication: replication) } }
        accountFieldSeed = AccountFields.streamSeed(seed: scenario.seed, replication: replication)
        accountOwner = Self.accountOwners(plan: plan, replication: replication, accountFieldSeed: accountFieldSeed)

        metrics = MetricsCollector(plan: plan, ruleIndex: ruleIndex, replication: replication,
                                   repCalendars: calendars)
        self.trace = trace ? TraceRecorder(plan: plan, ruleIndex: ruleIndex, replication: replication) : nil
        self.backtest = backtest.map(BacktestRecorder.init)
    }

    /// Rep calendars with this replication's random days off (each rep's own stream) and shrunk
    /// blocks (block number *n* is shrunk by uniform *n* of the rep's `shrinkage:NAME` counter stream).
    private static func repCalendars(plan: SimulationPlan, replication: Int) -> [RepCalendar] {
        let scenario = plan.scenario
        return scenario.reps.indices.map { r -> RepCalendar in
            let template = plan.repTemplates[r]
            var off = Set<Int>()
            if template.absenceRate > 0 {
                let stream = RandomStream(seed: scenario.seed, replication: replication, name: "rep:" + scenario.reps[r].name)
                for day in template.days where stream.uniform() < template.absenceRate { off.insert(day) }
            }
            var isShrunk: ((Int) -> Bool)?
            if template.shrinkage > 0 {
                let uniforms = CounterUniforms(seed: StreamSeed.derive(seed: scenario.seed, replication: replication,
                                                                       name: "shrinkage:" + scenario.reps[r].name))
                isShrunk = { uniforms.uniform($0) < template.shrinkage }
            }
            return template.calendar(randomDaysOff: off, isShrunk: isShrunk, from: plan.warmupStart,
                                     to: plan.drainEnd + 86_400)
        }
    }

    /// Per rep: the board indices of its owner queue and of the rule queues it is a member of.
    private static func memberships(rules: CompiledRuleSet, repCount: Int, queues: QueueNumbering) -> [[Int]] {
        var memberships = (0..<repCount).map { [queues.ownerQueue(of: $0).index] }
        for (q, queue) in rules.queues.enumerated() { for rep in queue.members { memberships[rep].append(q) } }
        return memberships
    }

    /// Per source: its arrival process and gap stream, and its bursts with their streams.
    private static func sourceProcesses(plan: SimulationPlan, replication: Int)
        -> (arrivals: [ArrivalProcess], gaps: [RandomStream], bursts: [[BurstArrivals]], burstStreams: [[RandomStream]]) {
        let scenario = plan.scenario
        var arrivals: [ArrivalProcess] = [], gaps: [RandomStream] = []
        var bursts: [[BurstArrivals]] = [], burstStreams: [[RandomStream]] = []
        for (s, source) in scenario.sources.enumerated() {
            let gapStream = RandomStream(seed: scenario.seed, replication: replication, name: "source:" + source.name)
            let days = RandomStream(seed: scenario.seed, replication: replication, name: "source-days:" + source.name)
            arrivals.append(ArrivalProcess(segments: plan.segments[s], dispersion: source.dispersion, gaps: gapStream, days: days))
            gaps.append(gapStream)
            let streams = source.bursts.indices.map {
                RandomStream(seed: scenario.seed, replication: replication, name: "burst:\(source.name):\($0)")
            }
            bursts.append(zip(source.bursts, streams).map {
                BurstArrivals(burst: $0, stream: $1, from: plan.warmupStart, to: plan.arrivalsEnd)
            })
            burstStreams.append(streams)
        }
        return (arrivals, gaps, bursts, burstStreams)
    }

    /// Account ownership: each account's owner team (by its value of the `owners.by` field, or
    /// the one owner team) deals its accounts round-robin over its reps in account order; stale
    /// owners are drawn per account from the `accounts` stream. A team without reps leaves its
    /// accounts with departed owners.
    private static func accountOwners(plan: SimulationPlan, replication: Int, accountFieldSeed: UInt64) -> [Int] {
        let scenario = plan.scenario
        guard let accounts = scenario.accounts else { return [] }
        let ownership = plan.accountOwnership
        if ownership.field == nil && ownership.teamReps[0].isEmpty {
            return Array(repeating: departedOwner, count: accounts.count)
        }
        let stream = RandomStream(seed: scenario.seed, replication: replication, name: "accounts")
        var dealt = Array(repeating: 0, count: ownership.teamReps.count)
        let values = UnsafeMutableBufferPointer<LeadValue>.allocate(capacity: max(1, plan.schema.fieldCount))
        values.initialize(repeating: .missing)
        defer { values.deallocate() }
        return (0..<accounts.count).map { i in
            let stale = stream.uniform() < accounts.staleOwner
            var team = 0
            if let field = ownership.field {
                plan.accountFields?.write(account: i, streamSeed: accountFieldSeed, into: values)
                guard let owning = ownership.teamByValue[values[field]] else { return noOwner }
                team = owning
            }
            let reps = ownership.teamReps[team]
            guard !reps.isEmpty else { return departedOwner }
            defer { dealt[team] += 1 }
            return stale ? departedOwner : reps[dealt[team] % reps.count]
        }
    }

    // MARK: Running

    /// Runs to the end of the drain (or until every counted lead is settled).
    func run() -> (ReplicationMetrics, [TraceRow]) {
        scheduleFirstArrivals()
        for r in 0..<reps.count { scheduleWake(rep: r) }
        events.run(self)
        // With nothing left to happen, the state holds to the end of the drain.
        let end = min(max(now, events.nextTime ?? plan.drainEnd), plan.drainEnd)
        metrics.advance(to: max(now, min(end, plan.arrivalsEnd)))
        for slot in leads.occupiedSlots { finishOpen(slot) }
        var result = metrics.finish(reps: reps, endTime: now)
        result.events = events.eventCount
        result.invariantViolations = violations
        result.backtest = backtest?.figures()
        return (result, trace?.rows ?? [])
    }

    func scheduleDeadline(_ kind: EventKind, at time: Instant, slot: Int32, aux: Int32 = 0) {
        let lead = leads[slot]
        events.scheduleDeadline(kind, at: time, slot: slot, generation: lead.generation, leadSequence: lead.sequence,
                                aux: aux)
    }

    func scheduleWake(rep r: Int) {
        let end = reps.wakeUps.positions(of: r).upperBound
        while reps.wakeCursor[r] < end && reps.wakeUps[reps.wakeCursor[r]] < now { reps.wakeCursor[r] += 1 }
        guard reps.wakeCursor[r] < end else { return }
        events.schedule(.repWake, at: reps.wakeUps[reps.wakeCursor[r]], subject: Int32(r))
        reps.wakeCursor[r] += 1
    }

    /// The business clock and SLA of a lead that has been in a queue: those of the queue it was
    /// first routed to.
    @inline(__always)
    func policy(of lead: LeadRecord) -> RoutedQueuePolicy {
        assert(lead.hasQueue, "lead \(lead.sequence) has not been in a queue")
        return routedQueuePolicies[Int(lead.routedQueueIndex)]
    }

    /// The SLA of a lead that has been in a queue (nil: none).
    @inline(__always)
    func sla(of lead: LeadRecord) -> SLA? {
        let index = policy(of: lead).sla
        return index >= 0 ? slas[index] : nil
    }

    /// The slot of a lead event that still concerns the lead it was scheduled for (nil: stale).
    func valid(_ event: Event) -> Int32? {
        let slot = event.subject
        return leads[slot].generation == event.generation && leads[slot].state != .free ? slot : nil
    }
}

extension Replication: EventLoopModel {
    @inline(__always)
    func willAdvance(to t: Instant) -> Bool {
        if t > plan.drainEnd { return false }
        if pendingArrivalProcesses == 0 && unsettledCounted == 0 && t >= plan.arrivalsEnd { return false }
        if checkInvariants && t < now { clockWentBack(to: t) }
        metrics.advance(to: t)
        now = t
        return true
    }

    func apply(_ event: Event) {
        switch event.kind {
        case .arrival:
            pendingArrivalProcesses -= 1
            arrive(source: Int(event.subject), from: ArrivalStream(aux: event.aux))
        case .repWake:
            repBecameMoreAvailable(Int(event.subject))
            scheduleWake(rep: Int(event.subject))
        case .enrichmentDone:
            guard let slot = valid(event), leads[slot].state == .enriching else { return }
            enrichmentDone(slot)
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

    @inline(__always)
    func dispatchIfNeeded() {
        if needsDispatch { dispatch() }
    }

    func didFinish(instant t: Instant) {
        if checkInvariants { verifyInvariants() }
    }
}
