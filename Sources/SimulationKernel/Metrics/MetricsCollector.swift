import Foundation
import SimulationModel
import Statistics

/// Collects one replication's metrics as the simulation runs, in memory bounded by the
/// number of reps, teams, routes and hours (never by the number of leads).
///
/// The counters touched for every lead live in ``Column``s (no copy-on-write checks) and are
/// written into the result by ``finish(reps:endTime:)``.
final class MetricsCollector {
    private let countedStart: Instant
    private let countedEnd: Instant
    private let conversion: Conversion?
    /// The plan's business clocks (read in place: no reference counting per touch).
    private let businessClocks: Column<BusinessClock>
    /// Per business clock: the positions of the arrival and of the touch of the latest lead
    /// touched under it.
    private let arrivalCursors: Column<BusinessClock.Cursor>
    private let touchCursors: Column<BusinessClock.Cursor>
    @exclusivity(unchecked) private var result: ReplicationMetrics
    /// Outcome counts by `LeadOutcome` index (all leads, counted leads); dictionaries at the end.
    private let allOutcomeCounts = Column(repeating: 0, count: LeadOutcome.allCases.count)
    private let outcomeCounts = Column(repeating: 0, count: LeadOutcome.allCases.count)
    /// Per route: counted leads it routed (`result.routeHits` at the end).
    private let routeHits: Column<Int>
    /// Per hour: counted arrivals (`result.hourly[h].arrivals` at the end).
    private let hourArrivals: Column<Int>
    /// Per rep: counted assignments, counted touches and their TTFT sum (`result.reps` at the end).
    private let repAssignments: Column<Int>
    private let repTouched: Column<Int>
    private let repTTFTSum: Column<Double>
    /// Per hour: counted leads that waited on arrival (`result.hourly[h].waitedOnArrival`).
    private let hourWaitedOnArrival: Column<Int>
    /// Per team: the counters of `result.teams` (written there at the end).
    private let teamLeads: Column<Int>
    private let teamTouched: Column<Int>
    private let teamSLAMet: Column<Int>
    private let teamUnowned: Column<Int>
    private let teamNeverOwned: Column<Int>
    /// TTFT sketches (`result.ttft`, `result.ttftBusiness`, `result.teams[t].ttft` at the end).
    private let ttft = QuantileAccumulator()
    private let ttftBusiness = QuantileAccumulator()
    private let teamTTFT: Column<QuantileAccumulator>
    /// How the board numbers queues, to tell the rule queue routing sent a lead to.
    private let queueNumbering: QueueNumbering
    /// Lead counts per source and routed rule queue, `cellStride` cells per source: the first for
    /// leads routed to no rule queue, then one per rule queue; summed into `result.queues` and
    /// `result.sources` at the end (one cell per lead keeps the per-lead cost small).
    private let cellCounts: Column<GroupCounts>
    private let cellStride: Int
    /// Per rule queue: whether it is automated (its leads are not human-bound).
    private let queueIsAutomated: [Bool]
    /// Per rule queue and per source: TTFT sketches, wall-clock and business time (`result.queues`,
    /// `result.sources` at the end).
    private let queueTTFT: Column<QuantileAccumulator>
    private let queueTTFTBusiness: Column<QuantileAccumulator>
    private let sourceTTFT: Column<QuantileAccumulator>
    private let sourceTTFTBusiness: Column<QuantileAccumulator>
    /// The rule queue whose TTFT sketch is the overall one, not kept apart (−1: none): the rule
    /// set's only human queue when no route goes to account owners, so every touched lead was
    /// routed there.
    private let queueSharingTTFT: Int
    /// One source: its sketches are the overall ones, not kept apart.
    private let oneSource: Bool
    /// One source, and one queue that holds every touched lead (`queueSharingTTFT`): their touch
    /// counts and sketches are the overall ones, filled in at the end, so a touch costs no more.
    private let touchesFollowOverall: Bool
    /// Per rule queue, then per rep: counted assignments made from that queue.
    private let queueRepAssignments: Column<Int>
    /// Per rule queue: its members (rep indices, in the queue's order).
    private let queueMembers: [[Int]]

    // Step levels integrated over time.
    @exclusivity(unchecked) private var clock: Instant
    /// Levels are integrated up to here.
    @exclusivity(unchecked) private var lastTime: Instant
    @exclusivity(unchecked) private var occupied = 0
    @exclusivity(unchecked) private var waiting = 0
    @exclusivity(unchecked) private var unownedLive = 0
    @exclusivity(unchecked) private var occupiedIntegral = 0.0
    private let repOpenIntegral: Column<Double>
    private let repLastChange: Column<Instant>
    /// Level-time sums of the hour being integrated (`levelsHour`, −1: none yet), added to the
    /// hourly rows when the next hour starts (see ``flushHourLevels(next:)``).
    @exclusivity(unchecked) private var levelsHour = -1
    /// The hours of the latest level integration, of the latest counted arrival, and of the
    /// arrival of the latest lead that was first assigned or ended.
    @exclusivity(unchecked) private var levelsHourCursor: HourCursor
    @exclusivity(unchecked) private var arrivalHourCursor: HourCursor
    @exclusivity(unchecked) private var leadHourCursor: HourCursor
    @exclusivity(unchecked) private var hourWaiting = 0.0
    @exclusivity(unchecked) private var hourUnowned = 0.0
    @exclusivity(unchecked) private var hourOccupied = 0.0

    init(plan: SimulationPlan, ruleIndex: Int, replication: Int, repCalendars: [RepCalendar]) {
        countedStart = plan.countedStart
        countedEnd = plan.arrivalsEnd
        conversion = plan.scenario.metrics.conversion
        businessClocks = Column(plan.businessClocks)
        arrivalCursors = Column(repeating: BusinessClock.Cursor(), count: plan.businessClocks.count)
        touchCursors = Column(repeating: BusinessClock.Cursor(), count: plan.businessClocks.count)
        lastTime = plan.warmupStart
        clock = plan.warmupStart
        result = ReplicationMetrics(replication: replication)
        routeHits = Column(repeating: 0, count: plan.compiled[ruleIndex].routeNames.count)
        result.reps = repCalendars.map { calendar in
            var rep = RepMetrics()
            rep.onShiftHours = calendar.onShiftSeconds(from: plan.countedStart, to: plan.arrivalsEnd) / 3600
            return rep
        }
        result.teams = Array(repeating: TeamMetrics(), count: plan.teamIndex.count)
        let hours = Int(((plan.arrivalsEnd - plan.countedStart) / 3600).rounded(.up))
        result.hourly = Array(repeating: HourMetrics(), count: max(0, hours))
        levelsHourCursor = HourCursor(start: plan.countedStart, end: plan.arrivalsEnd, count: max(0, hours))
        arrivalHourCursor = levelsHourCursor
        leadHourCursor = levelsHourCursor
        hourArrivals = Column(repeating: 0, count: max(0, hours))
        repOpenIntegral = Column(repeating: 0, count: repCalendars.count)
        repLastChange = Column(repeating: plan.warmupStart, count: repCalendars.count)
        repAssignments = Column(repeating: 0, count: repCalendars.count)
        repTouched = Column(repeating: 0, count: repCalendars.count)
        repTTFTSum = Column(repeating: 0, count: repCalendars.count)
        hourWaitedOnArrival = Column(repeating: 0, count: max(0, hours))
        let teams = plan.teamIndex.count
        teamLeads = Column(repeating: 0, count: teams)
        teamTouched = Column(repeating: 0, count: teams)
        teamSLAMet = Column(repeating: 0, count: teams)
        teamUnowned = Column(repeating: 0, count: teams)
        teamNeverOwned = Column(repeating: 0, count: teams)
        teamTTFT = Column((0..<teams).map { _ in QuantileAccumulator() })
        let ruleQueues = plan.compiled[ruleIndex].queues
        queueNumbering = QueueNumbering(ruleQueueCount: ruleQueues.count)
        queueTTFT = Column(ruleQueues.map { _ in QuantileAccumulator() })
        queueTTFTBusiness = Column(ruleQueues.map { _ in QuantileAccumulator() })
        let sources = plan.scenario.sources.count
        cellStride = ruleQueues.count + 1
        cellCounts = Column(repeating: GroupCounts(), count: sources * cellStride)
        queueIsAutomated = ruleQueues.map(\.isAutomated)
        sourceTTFT = Column((0..<sources).map { _ in QuantileAccumulator() })
        sourceTTFTBusiness = Column((0..<sources).map { _ in QuantileAccumulator() })
        let humanQueues = ruleQueues.indices.filter { !ruleQueues[$0].isAutomated }
        let toAccountOwners = plan.ruleSets[ruleIndex].routes.contains { $0.destination == .accountOwner }
        queueSharingTTFT = humanQueues.count == 1 && !toAccountOwners ? humanQueues[0] : -1
        oneSource = sources == 1
        touchesFollowOverall = oneSource && queueSharingTTFT >= 0
        queueRepAssignments = Column(repeating: 0, count: ruleQueues.count * repCalendars.count)
        queueMembers = ruleQueues.map(\.members)
    }

    /// The hour of a lead's arrival, for leads counted when they are first assigned or end.
    private func hour(of t: Instant) -> Int? {
        leadHourCursor.locate(t)
    }

    /// The simulation clock moved to `t`. Levels are integrated lazily, when one of them is about
    /// to change (and at the end), so instants at which no level changes leave no trace in the
    /// sums: the figures do not depend on how many events the kernel happens to schedule.
    func advance(to t: Instant) { clock = max(clock, t) }

    /// Integrates the step levels from the last integration up to the clock.
    private func integrateLevels() {
        guard clock > lastTime else { return }
        // Mostly the step stays within the hour being integrated: the loop below in one piece.
        if levelsHour >= 0 && levelsHourCursor.hour == levelsHour && lastTime >= levelsHourCursor.hourStart
            && clock < levelsHourCursor.hourEnd {
            let span = clock - lastTime
            lastTime = clock
            occupiedIntegral += Double(occupied) * span
            addHourLevels(share: span / 3600)
            return
        }
        let from = max(lastTime, countedStart), to = min(clock, countedEnd)
        lastTime = clock
        guard to > from else { return }
        occupiedIntegral += Double(occupied) * (to - from)
        guard occupied > 0 || waiting > 0 || unownedLive > 0 else { return }
        var a = from
        while a < to {
            guard let h = levelsHourCursor.locate(a) else { break }
            if h != levelsHour { flushHourLevels(next: h) }
            let b = min(to, levelsHourCursor.hourEnd)
            addHourLevels(share: (b - a) / 3600)
            a = b
        }
    }

    /// Adds the current levels held for `share` of an hour to the hour being integrated.
    @inline(__always)
    private func addHourLevels(share: Double) {
        hourWaiting += Double(waiting) * share
        hourUnowned += Double(unownedLive) * share
        hourOccupied += Double(occupied) * share
    }

    /// Adds the current hour's level sums to its row and starts hour `next` (hours come in order,
    /// so each row receives one sum, equal to adding its pieces there one by one).
    private func flushHourLevels(next: Int) {
        if levelsHour >= 0 {
            result.hourly[levelsHour].meanWaiting += hourWaiting
            result.hourly[levelsHour].meanUnowned += hourUnowned
            result.hourly[levelsHour].meanOccupied += hourOccupied
        }
        (levelsHour, hourWaiting, hourUnowned, hourOccupied) = (next, 0, 0, 0)
    }

    func arrival(at t: Instant, counted: Bool) {
        result.arrivals += 1
        guard counted else { return }
        result.counted += 1
        if let h = arrivalHourCursor.locate(t) { hourArrivals[h] += 1 }
    }

    func routed(_ route: RouteTaken, counted: Bool) {
        guard counted else { return }
        switch route {
        case .unrouted: result.unroutedHits += 1
        case .fallback: result.fallbackHits += 1
        case .route(let index): routeHits[index] += 1
        case .notYet: preconditionFailure("routed without a route")
        }
    }

    func enterWaiting() { integrateLevels(); waiting += 1; unownedLive += 1 }
    func leaveWaiting() { integrateLevels(); waiting -= 1; unownedLive -= 1 }
    func enterUnowned() { integrateLevels(); unownedLive += 1 }
    func leaveUnowned() { integrateLevels(); unownedLive -= 1 }

    func firstAssignment(arrival: Instant, at t: Instant, counted: Bool) {
        if counted && t > arrival, let h = hour(of: arrival) { hourWaitedOnArrival[h] += 1 }
    }

    /// A rep's open count changes from `before` by `change` at `t`.
    func occupancy(rep: Int, before: Int, change: Int, at t: Instant) {
        let from = max(repLastChange[rep], countedStart), to = min(t, countedEnd)
        if to > from { repOpenIntegral[rep] += Double(before) * (to - from) }
        repLastChange[rep] = t
        if change != 0 {
            integrateLevels()
            occupied += change
        }
    }

    /// `lead`, in the queue it is assigned from, goes to `rep`.
    @inline(__always)
    func assignment(of lead: LeadRecord, to rep: Int) {
        guard lead.counted else { return }
        repAssignments[rep] += 1
        if let queue = lead.queue(in: queueNumbering)?.ruleQueue {
            queueRepAssignments[queue * repAssignments.count + rep] += 1
        }
    }

    /// A first touch at `t`, under the business clock and SLA of the queue the lead was first routed to.
    func touched(lead: LeadRecord, rep: Int, queueTeam: Int, at t: Instant, policy: RoutedQueuePolicy) {
        guard lead.counted && lead.humanBound else { return }
        let ttft = t - lead.arrival
        let clock = policy.businessClock
        let business = businessClocks[clock].seconds(from: lead.arrival, cursor: &arrivalCursors[clock], to: t,
                                                     cursor: &touchCursors[clock])
        result.touched += 1
        let ttftValue = StreamingQuantiles.Value(min(max(0, ttft), StreamingQuantiles.maximumTracked))
        self.ttft.add(ttftValue)
        let businessValue = business == ttft ? ttftValue
            : StreamingQuantiles.Value(min(max(0, business), StreamingQuantiles.maximumTracked))
        ttftBusiness.add(businessValue)
        let met = policy.slaMet(ttft: ttft, business: business)
        if met { result.slaMet += 1 }
        if !touchesFollowOverall { groupTouched(lead: lead, ttft: ttftValue, business: businessValue, met: met) }
        repTouched[rep] += 1
        repTTFTSum[rep] += ttft
        if queueTeam >= 0 {
            teamTouched[queueTeam] += 1
            teamTTFT[queueTeam].add(ttftValue)
            if met { teamSLAMet[queueTeam] += 1 }
        }
        if let conversion {
            result.expectedMeetings += conversion.base * pow(0.5, ttft / conversion.halfLife)
        }
    }

    /// A touch counted for the lead's source and routed queue (see ``touchesFollowOverall``).
    private func groupTouched(lead: LeadRecord, ttft: StreamingQuantiles.Value, business: StreamingQuantiles.Value, met: Bool) {
        let source = Int(lead.source)
        let queue = routedRuleQueue(of: lead)
        cellCounts[source * cellStride + queue + 1].noteTouch(met: met)
        if queue >= 0 && queue != queueSharingTTFT {
            queueTTFT[queue].add(ttft)
            queueTTFTBusiness[queue].add(business)
        }
        if !oneSource {
            sourceTTFT[source].add(ttft)
            sourceTTFTBusiness[source].add(business)
        }
    }

    func breached(counted: Bool) { if counted { result.slaBreaches += 1 } }
    func reassigned(counted: Bool) { if counted { result.reassignments += 1 } }
    func overflowed(counted: Bool) { if counted { result.overflows += 1 } }

    /// A lead's final outcome (or its state when the run stopped).
    func finished(lead: LeadRecord, outcome: LeadOutcome, ownedNow: Bool, team: Int) {
        let index = outcome.ordinal
        allOutcomeCounts[index] += 1
        guard lead.counted else { return }
        outcomeCounts[index] += 1
        let cell = Int(lead.source) * cellStride + routedRuleQueue(of: lead) + 1
        cellCounts[cell].leads &+= 1
        guard lead.humanBound else { return }
        result.humanBound += 1
        let neverOwned = lead.assignments == 0
        if neverOwned { result.neverOwned += 1 }
        if lead.firstAssigned == .infinity && lead.hasQueue, let h = hour(of: lead.arrival) {
            hourWaitedOnArrival[h] += 1
        }
        // Ended before the unowned check: a closed lead was owned; one that ended otherwise was not.
        let unowned = lead.unownedDecided ? lead.unownedAtCheck : !ownedNow
        if unowned { result.unowned += 1 }
        cellCounts[cell].noteEnd(unowned: unowned, cold: index == LeadOutcome.cold.ordinal)
        if team >= 0 {
            teamLeads[team] += 1
            if neverOwned { teamNeverOwned[team] += 1 }
            if unowned { teamUnowned[team] += 1 }
        }
    }

    /// The rule queue routing sent `lead` to (−1: none, or an account owner's line).
    @inline(__always)
    private func routedRuleQueue(of lead: LeadRecord) -> Int {
        lead.routedQueue(in: queueNumbering)?.ruleQueue ?? -1
    }

    /// The counts of rule queue `queue` (−1: leads routed to none) from source `source`; the
    /// leads of a human queue (or of none) are all human-bound, an automated queue's none.
    private func cell(source: Int, queue: Int) -> GroupCounts {
        var counts = cellCounts[source * cellStride + queue + 1]
        counts.humanBound = queue >= 0 && queueIsAutomated[queue] ? 0 : counts.leads
        return counts
    }

    /// Closes the books at the end of the run.
    func finish(reps: RepTable, endTime: Instant) -> ReplicationMetrics {
        integrateLevels()
        flushHourLevels(next: -1)
        let window = countedEnd - countedStart
        let totalCapacity = (0..<reps.count).reduce(0) { $0 + reps.capacity[$1] }
        result.utilization = window > 0 && totalCapacity > 0 ? occupiedIntegral / (window * Double(totalCapacity)) : 0
        for rep in 0..<reps.count {
            occupancy(rep: rep, before: reps.open[rep], change: 0, at: max(endTime, countedEnd))
            result.reps[rep].meanOpen = window > 0 ? repOpenIntegral[rep] / window : 0
        }
        result.endTime = endTime
        result.routeHits = (0..<routeHits.count).map { routeHits[$0] }
        for h in 0..<hourArrivals.count {
            result.hourly[h].arrivals = hourArrivals[h]
            result.hourly[h].waitedOnArrival = hourWaitedOnArrival[h]
        }
        result.ttft = ttft.sketch
        result.ttftBusiness = ttftBusiness.sketch
        for t in 0..<teamLeads.count {
            result.teams[t].leads = teamLeads[t]
            result.teams[t].touched = teamTouched[t]
            result.teams[t].ttft = teamTTFT[t].sketch
            result.teams[t].slaMet = teamSLAMet[t]
            result.teams[t].unowned = teamUnowned[t]
            result.teams[t].neverOwned = teamNeverOwned[t]
        }
        let sources = cellCounts.count / cellStride
        if touchesFollowOverall {
            let cell = queueSharingTTFT + 1
            assert(cellCounts[cell].touched == 0, "touches counted twice")
            (cellCounts[cell].touched, cellCounts[cell].slaMet) = (result.touched, result.slaMet)
        }
        result.queues = queueMembers.enumerated().map { q, members in
            var queue = QueueMetrics()
            let counts = (0..<sources).reduce(GroupCounts()) { $0 + cell(source: $1, queue: q) }
            (queue.leads, queue.humanBound, queue.slaMet, queue.unowned) = (counts.leads, counts.humanBound, counts.slaMet, counts.unowned)
            assert(q != queueSharingTTFT || counts.touched == result.touched, "the shared queue sketch misses touched leads")
            queue.ttft = q == queueSharingTTFT ? result.ttft : queueTTFT[q].sketch
            queue.ttftBusiness = q == queueSharingTTFT ? result.ttftBusiness : queueTTFTBusiness[q].sketch
            queue.memberAssignments = members.map { queueRepAssignments[q * repAssignments.count + $0] }
            return queue
        }
        result.sources = (0..<sources).map { s in
            var source = SourceMetrics()
            let counts = (-1..<queueMembers.count).reduce(GroupCounts()) { $0 + cell(source: s, queue: $1) }
            (source.leads, source.humanBound, source.touched) = (counts.leads, counts.humanBound, counts.touched)
            (source.slaMet, source.unowned, source.cold) = (counts.slaMet, counts.unowned, counts.cold)
            source.ttft = oneSource ? result.ttft : sourceTTFT[s].sketch
            source.ttftBusiness = oneSource ? result.ttftBusiness : sourceTTFTBusiness[s].sketch
            return source
        }
        for rep in 0..<reps.count {
            result.reps[rep].assignments = repAssignments[rep]
            result.reps[rep].touched = repTouched[rep]
            result.reps[rep].ttftSum = repTTFTSum[rep]
        }
        for (i, outcome) in LeadOutcome.allCases.enumerated() {
            if allOutcomeCounts[i] > 0 { result.allOutcomes[outcome.rawValue] = allOutcomeCounts[i] }
            if outcomeCounts[i] > 0 { result.outcomes[outcome.rawValue] = outcomeCounts[i] }
        }
        return result
    }
}

/// Counted leads of a group (a source's leads routed to one queue; summed: a queue, a source),
/// counted where the overall figures are decided.
private struct GroupCounts {
    var leads = 0
    /// Not counted per lead: derived from `leads` when the group is read (see `cell(source:queue:)`).
    var humanBound = 0
    var touched = 0
    var slaMet = 0
    var unowned = 0
    var cold = 0

    @inline(__always)
    mutating func noteTouch(met: Bool) {
        touched &+= 1
        if met { slaMet &+= 1 }
    }

    /// A human-bound lead's end (or its state when the run stopped).
    @inline(__always)
    mutating func noteEnd(unowned: Bool, cold: Bool) {
        if unowned { self.unowned &+= 1 }
        if cold { self.cold &+= 1 }
    }

    static func + (a: GroupCounts, b: GroupCounts) -> GroupCounts {
        GroupCounts(leads: a.leads + b.leads, humanBound: a.humanBound + b.humanBound, touched: a.touched + b.touched,
                    slaMet: a.slaMet + b.slaMet, unowned: a.unowned + b.unowned, cold: a.cold + b.cold)
    }
}

/// The hour of the counted window that holds an instant, remembered: instants that come in time
/// order mostly fall in the hour of the one before, which is then found without a division.
private struct HourCursor {
    /// The counted window, and its number of hours (the last one may be partial).
    let start: Instant
    let end: Instant
    let count: Int
    /// The latest hour found, and where it starts and ends (an empty range before the first).
    private(set) var hour = -1
    private(set) var hourStart = Instant.infinity
    private(set) var hourEnd = -Instant.infinity

    init(start: Instant, end: Instant, count: Int) {
        (self.start, self.end, self.count) = (start, end, count)
    }

    /// The hour holding `t` (nil outside the window), remembered for the next call.
    @inline(__always)
    mutating func locate(_ t: Instant) -> Int? {
        if t >= hourStart && t < hourEnd { return hour }
        guard let h = Self.hour(of: t, start: start, end: end, count: count) else { return nil }
        hour = h
        hourStart = start + Double(h) * 3600
        hourEnd = min(start + Double(h + 1) * 3600, end)
        return h
    }

    /// The hour of [start, end) holding `t` (nil outside), stepped past a boundary that the
    /// division's rounding put at or before `t`, so that `t` is always before the hour's end.
    static func hour(of t: Instant, start: Instant, end: Instant, count: Int) -> Int? {
        guard t >= start && t < end else { return nil }
        var h = Int((t - start) / 3600)
        while t >= start + Double(h + 1) * 3600 { h += 1 }
        return h < count ? h : nil
    }
}

private extension LeadOutcome {
    /// The outcome's position in `allCases` (a switch: `allCases.firstIndex` builds an array).
    var ordinal: Int {
        let ordinal: Int
        switch self {
        case .closed: ordinal = 0
        case .open: ordinal = 1
        case .waiting: ordinal = 2
        case .dropped: ordinal = 3
        case .cold: ordinal = 4
        case .automated: ordinal = 5
        case .unrouted: ordinal = 6
        case .stale: ordinal = 7
        }
        assert(LeadOutcome.allCases[ordinal] == self, "LeadOutcome.ordinal out of step with allCases")
        return ordinal
    }
}
