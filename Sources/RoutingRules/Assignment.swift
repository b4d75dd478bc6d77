import SimulationModel

/// The mutable strategy state of every queue of one compiled rule set, for one replication.
///
/// Round-robin keeps a pointer into the member list and, with `keep_turn`, the reps skipped
/// while ineligible (first in line once eligible again, longest-owed first); weighted
/// round-robin keeps one score per member; `fairness.absent: catch_up` keeps the leads owed to
/// each member. Storage is allocated once, so picks never allocate.
public struct AssignmentState: Sendable {
    @usableFromInline var pointer: [Int]
    @usableFromInline var scores: [Double]
    /// Per queue, from `memberStart`: member positions owed a turn, oldest first.
    @usableFromInline var owed: [Int]
    @usableFromInline var owedCount: [Int]
    @usableFromInline var isOwed: [Bool]
    /// Per member slot: leads owed by catch-up; per queue: their sum.
    @usableFromInline var owedLeads: [Int]
    @usableFromInline var owedLeadTotal: [Int]
    /// Per pick: the eligible member slots of the queue being picked for.
    @usableFromInline var scratch: [Int]

    init(pointer: [Int], scores: [Double], owed: [Int], owedCount: [Int], isOwed: [Bool], owedLeads: [Int],
         owedLeadTotal: [Int], scratch: [Int]) {
        (self.pointer, self.scores, self.owed, self.owedCount, self.isOwed, self.scratch) =
            (pointer, scores, owed, owedCount, isOwed, scratch)
        (self.owedLeads, self.owedLeadTotal) = (owedLeads, owedLeadTotal)
    }

    /// Leads owed by catch-up to the member in slot `memberSlot` (positions in the rule set's
    /// member list, queue by queue).
    public func owedLeads(memberSlot: Int) -> Int { owedLeads[memberSlot] }
}

/// What assignment reads, shared by every copy of a ``CompiledRuleSet``: queue members,
/// strategies and rep skills, flattened for the hot path.
///
/// The inlinable assignment code, which the kernel specializes for its own availability view
/// and random stream, runs on these tables: it reads one reference, not a copy of the rule set.
@usableFromInline
final class _AssignmentTables: Sendable {
    /// Per queue: its member slots, `memberStart[queue]..<memberEnd[queue]`.
    @usableFromInline let memberStart: [Int]
    @usableFromInline let memberEnd: [Int]
    /// Per member slot: the rep (roster index) and its weight.
    @usableFromInline let memberReps: [Int]
    @usableFromInline let memberWeights: [Double]
    /// Per queue: its skill field (-1: none), strategy, `keep_turn` and catch-up limit (0: skip).
    @usableFromInline let skillFields: [Int]
    @usableFromInline let strategies: [Strategy]
    @usableFromInline let keepTurns: [Bool]
    @usableFromInline let catchUpLimits: [Int]
    /// Per rep: its skills as symbols, as numbers (when a number's text form), and booleans.
    @usableFromInline let skillSymbols: [[Int32]]
    @usableFromInline let skillNumbers: [[Double]]
    @usableFromInline let skillYes: [Bool]
    @usableFromInline let skillNo: [Bool]

    /// Flattens `queues`, interning the skills of `roster` into `schema`.
    init(queues: [CompiledQueue], roster: [RosterEntry], schema: inout LeadSchema) {
        var start: [Int] = [], end: [Int] = [], reps: [Int] = []
        for queue in queues {
            start.append(reps.count)
            reps.append(contentsOf: queue.members)
            end.append(reps.count)
        }
        (memberStart, memberEnd, memberReps) = (start, end, reps)
        memberWeights = reps.map { roster[$0].weight }
        skillFields = queues.map { $0.skillField ?? -1 }
        strategies = queues.map(\.strategy)
        keepTurns = queues.map(\.keepTurn)
        catchUpLimits = queues.map(\.catchUpLimit)
        skillSymbols = roster.map { $0.skills.map { schema.symbol(for: $0) } }
        skillNumbers = roster.map { rep in
            rep.skills.compactMap { skill in Double(skill).flatMap { FieldValue.number($0).description == skill ? $0 : nil } }
        }
        skillYes = roster.map { $0.skills.contains("true") }
        skillNo = roster.map { $0.skills.contains("false") }
    }
}

extension CompiledRuleSet {
    /// Fresh strategy state: pointers at the first member, scores zero, nobody owed a turn.
    public func makeAssignmentState() -> AssignmentState {
        let tables = assignmentTables
        let largest = zip(tables.memberStart, tables.memberEnd).map { $1 - $0 }.max() ?? 0
        return AssignmentState(pointer: Array(repeating: 0, count: queues.count),
                               scores: Array(repeating: 0, count: tables.memberReps.count),
                               owed: Array(repeating: 0, count: tables.memberReps.count),
                               owedCount: Array(repeating: 0, count: queues.count),
                               isOwed: Array(repeating: false, count: tables.memberReps.count),
                               owedLeads: Array(repeating: 0, count: tables.memberReps.count),
                               owedLeadTotal: Array(repeating: 0, count: queues.count),
                               scratch: Array(repeating: 0, count: largest))
    }

    /// Clears `queue`'s fairness state (SPEC §7 `fairness.reset`): leads owed by catch-up,
    /// turns owed by `keep_turn` and weighted-round-robin scores. The round-robin pointer stays.
    public func resetFairness(queue: Int, state: inout AssignmentState) {
        let tables = assignmentTables
        for slot in tables.memberStart[queue]..<tables.memberEnd[queue] {
            (state.owedLeads[slot], state.isOwed[slot], state.scores[slot]) = (0, false, 0)
        }
        (state.owedLeadTotal[queue], state.owedCount[queue]) = (0, 0)
    }

    /// Picks the rep (roster index) that `queue`'s strategy gives `lead`, or nil when no member
    /// is eligible.
    ///
    /// A member is eligible when the view reports no ineligibility, it has the lead's skill
    /// (for a `skill:` queue) and it is not in `excluded`. Ties go to the member declared first.
    /// `random` draws once from `random` per successful pick (never when nobody is eligible).
    ///
    /// - Parameters:
    ///   - queue: A human queue's index.
    ///   - excluded: Reps that may not take this lead (its previous owners).
    ///   - state: Strategy state; changed only when a rep is returned.
    /// - Complexity: O(members); no allocation.
    @inlinable
    public func pick<View: AvailabilityView, Rng: UniformSource>(
        queue: Int, lead: LeadView, excluded: ExcludedReps, view: View,
        state: inout AssignmentState, random: inout Rng
    ) -> Int? {
        lead.withFields { pick(queue: queue, lead: $0, excluded: excluded, view: view, state: &state, random: &random) }
    }

    /// ``pick(queue:lead:excluded:view:state:random:)`` on values in memory the caller keeps
    /// valid: the simulation kernel's fast path.
    @inlinable
    package func pick<View: AvailabilityView, Rng: UniformSource>(
        queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View,
        state: inout AssignmentState, random: inout Rng
    ) -> Int? {
        assignmentTables.pick(queue: queue, lead: lead, excluded: excluded, view: view, state: &state,
                              random: &random)
    }
}

extension _AssignmentTables {
    /// See ``CompiledRuleSet/pick(queue:lead:excluded:view:state:random:)``.
    @inlinable
    func pick<View: AvailabilityView, Rng: UniformSource>(
        queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View,
        state: inout AssignmentState, random: inout Rng
    ) -> Int? {
        let start = memberStart[queue], end = memberEnd[queue]
        guard start < end else { return nil }
        let skill = skillValue(queue: queue, lead: lead)
        @inline(__always) func eligible(_ slot: Int) -> Bool {
            memberEligible(slot, skill: skill, excluded: excluded, view: view)
        }
        // Catch-up queues (round-robin strategies) pick out of line: the hot path stays as small.
        if catchUpLimits[queue] > 0 {
            return pickCatchingUp(queue: queue, start: start, end: end, skill: skill, excluded: excluded, view: view,
                                  state: &state)
        }
        switch strategies[queue] {
        case .roundRobin:
            return pickRoundRobin(queue: queue, start: start, end: end, state: &state, view: view, eligible: eligible)
        case .weightedRoundRobin:
            // Smooth weighted round-robin over the eligible members (the others keep their scores).
            var total = 0.0, best = -1, bestScore = -Double.infinity, eligibleCount = 0
            _ = forEachCandidate(in: start..<end, view: view) { slot in
                guard eligible(slot) else { return true }
                state.scratch[eligibleCount] = slot
                eligibleCount += 1
                total += memberWeights[slot]
                let score = state.scores[slot] + memberWeights[slot]
                if score > bestScore { (best, bestScore) = (slot, score) }
                return true
            }
            guard best >= 0 else { return nil }
            for k in 0..<eligibleCount { state.scores[state.scratch[k]] += memberWeights[state.scratch[k]] }
            state.scores[best] -= total
            return memberReps[best]
        case .leastLoaded, .loadRatio, .nextAvailable:
            var best = -1, bestKey = Double.infinity
            _ = forEachCandidate(in: start..<end, view: view) { slot in
                guard let availability = memberAvailability(slot, skill: skill, excluded: excluded, view: view)
                else { return true }
                let key = Self.key(strategies[queue], availability)
                if best < 0 || key < bestKey { (best, bestKey) = (slot, key) }
                return true
            }
            return best >= 0 ? memberReps[best] : nil
        case .random:
            var eligibleCount = 0
            _ = forEachCandidate(in: start..<end, view: view) { slot in
                if eligible(slot) {
                    state.scratch[eligibleCount] = slot
                    eligibleCount += 1
                }
                return true
            }
            guard eligibleCount > 0 else { return nil }
            let k = min(Int(random.nextUniform() * Double(eligibleCount)), eligibleCount - 1)
            return memberReps[state.scratch[k]]
        }
    }

    /// The ordering key of the load strategies: the smallest wins.
    @inlinable @inline(__always)
    static func key(_ strategy: Strategy, _ availability: RepAvailability) -> Double {
        switch strategy {
        case .leastLoaded: return Double(availability.open)
        case .loadRatio:
            return availability.capacity > 0 ? Double(availability.open) / Double(availability.capacity) : .infinity
        default: return availability.idleSince
        }
    }

    @inlinable @inline(__always)
    func pickRoundRobin<View: AvailabilityView>(queue: Int, start: Int, end: Int, state: inout AssignmentState,
                                                view: View, eligible: (Int) -> Bool) -> Int? {
        let count = end - start
        let keepTurn = keepTurns[queue]
        if keepTurn {
            let owedCount = state.owedCount[queue]
            for k in 0..<owedCount where eligible(start + state.owed[start + k]) {
                let position = state.owed[start + k]
                for j in k..<(owedCount - 1) { state.owed[start + j] = state.owed[start + j + 1] }
                state.owedCount[queue] = owedCount - 1
                state.isOwed[start + position] = false
                return memberReps[start + position]
            }
        }
        // The first eligible member at or after the pointer, cyclically.
        let first = state.pointer[queue]
        var chosen = -1
        let find = { (slot: Int) -> Bool in
            guard eligible(slot) else { return true }
            chosen = slot
            return false
        }
        if forEachCandidate(in: (start + first)..<end, view: view, find) {
            _ = forEachCandidate(in: start..<(start + first), view: view, find)
        }
        guard chosen >= 0 else { return nil }
        let position = chosen - start
        if keepTurn {
            // Every member passed over was ineligible: it is owed a turn.
            for skipped in 0..<((position - first + count) % count) {
                let passed = (first + skipped) % count
                if !state.isOwed[start + passed] {
                    state.isOwed[start + passed] = true
                    state.owed[start + state.owedCount[queue]] = passed
                    state.owedCount[queue] += 1
                }
            }
        }
        state.pointer[queue] = position + 1 == count ? 0 : position + 1  // (position + 1) % count, without a division
        return memberReps[chosen]
    }

    // MARK: Catch-up (SPEC §7 `fairness.absent: catch_up`)

    /// A pick for a catch-up queue: an eligible member owed leads first; otherwise the queue's
    /// rotation, owing one more lead to each member it passes over while off shift or absent.
    @inlinable @inline(never)
    func pickCatchingUp<View: AvailabilityView>(
        queue: Int, start: Int, end: Int, skill: LeadValue?, excluded: ExcludedReps, view: View,
        state: inout AssignmentState
    ) -> Int? {
        func eligible(_ slot: Int) -> Bool { memberEligible(slot, skill: skill, excluded: excluded, view: view) }
        if let slot = payOwedLead(queue: queue, start: start, end: end, state: &state, view: view, eligible: eligible) {
            return memberReps[slot]
        }
        if strategies[queue] == .weightedRoundRobin {
            return pickWeightedCatchingUp(queue: queue, start: start, end: end, skill: skill, excluded: excluded,
                                          state: &state, view: view)
        }
        let first = state.pointer[queue]
        guard let rep = pickRoundRobin(queue: queue, start: start, end: end, state: &state, view: view,
                                       eligible: eligible) else { return nil }
        owePassedOver(queue: queue, start: start, end: end, from: first, skill: skill, excluded: excluded,
                      state: &state, view: view)
        return rep
    }

    /// Round-robin catch-up after a rotation pick: every member passed over (between the pointer
    /// as it was, `from`, and the chosen member, now just before the pointer) while off shift or
    /// absent is owed one more lead. Catch-up queues have no `keep_turn`, so the pointer moved.
    @inlinable
    func owePassedOver<View: AvailabilityView>(
        queue: Int, start: Int, end: Int, from first: Int, skill: LeadValue?, excluded: ExcludedReps,
        state: inout AssignmentState, view: View
    ) {
        let count = end - start
        let chosen = state.pointer[queue] == 0 ? count - 1 : state.pointer[queue] - 1
        var position = first
        while position != chosen {
            if participation(start + position, skill: skill, excluded: excluded, view: view) == .passedOver {
                owe(start + position, queue: queue, state: &state)
            }
            position = position + 1 == count ? 0 : position + 1
        }
    }

    /// Weighted round-robin's rotation with catch-up: smooth weighted round-robin over the
    /// eligible members *and* those off shift or absent, round after round, until an eligible
    /// member wins. A round won by an absent member passes it over: it is owed one more lead
    /// (its score moves as if it had taken the lead).
    @inlinable
    func pickWeightedCatchingUp<View: AvailabilityView>(
        queue: Int, start: Int, end: Int, skill: LeadValue?, excluded: ExcludedReps, state: inout AssignmentState,
        view: View
    ) -> Int? {
        // Taking part: eligible members as their slot, passed-over ones as ~slot (negative).
        var count = 0, total = 0.0, anyEligible = false
        for slot in start..<end {
            switch participation(slot, skill: skill, excluded: excluded, view: view) {
            case .eligible:
                state.scratch[count] = slot
                anyEligible = true
            case .passedOver: state.scratch[count] = ~slot
            case .out: continue
            }
            count += 1
            total += memberWeights[slot]
        }
        guard anyEligible else { return nil }
        while true {
            var winner = 0, bestScore = -Double.infinity
            for k in 0..<count {
                let slot = state.scratch[k] < 0 ? ~state.scratch[k] : state.scratch[k]
                state.scores[slot] += memberWeights[slot]
                if state.scores[slot] > bestScore { (winner, bestScore) = (state.scratch[k], state.scores[slot]) }
            }
            let slot = winner < 0 ? ~winner : winner
            state.scores[slot] -= total
            if winner >= 0 { return memberReps[slot] }
            owe(slot, queue: queue, state: &state)
        }
    }

    /// The eligible member owed the most leads (ties: declared first), who pays one off; nil when
    /// no eligible member is owed any.
    @inlinable
    func payOwedLead<View: AvailabilityView>(queue: Int, start: Int, end: Int, state: inout AssignmentState,
                                             view: View, eligible: (Int) -> Bool) -> Int? {
        guard state.owedLeadTotal[queue] > 0 else { return nil }
        var best = -1, most = 0
        _ = forEachCandidate(in: start..<end, view: view) { slot in
            if state.owedLeads[slot] > most && eligible(slot) { (best, most) = (slot, state.owedLeads[slot]) }
            return true
        }
        guard best >= 0 else { return nil }
        state.owedLeads[best] -= 1
        state.owedLeadTotal[queue] -= 1
        return best
    }

    /// One more lead owed to member `slot`, up to the queue's `catch_up_limit`.
    @inlinable
    func owe(_ slot: Int, queue: Int, state: inout AssignmentState) {
        guard state.owedLeads[slot] < catchUpLimits[queue] else { return }
        state.owedLeads[slot] += 1
        state.owedLeadTotal[queue] += 1
    }

    /// How member `slot` stands at a catch-up pick: eligible, passed over (it has the skill, is
    /// not excluded, and is off shift or absent — a shrunk block reads as off shift), or out
    /// of it for another reason (a cap, not yet hired, the skill, a previous owner).
    @inlinable
    func participation<View: AvailabilityView>(_ slot: Int, skill: LeadValue?, excluded: ExcludedReps,
                                               view: View) -> CatchUpParticipation {
        let rep = memberReps[slot]
        guard !excluded.contains(rep) && hasSkill(rep, skill) else { return .out }
        switch view.availability(of: rep).ineligibility {
        case nil: return .eligible
        case .offShift?, .absent?: return .passedOver
        default: return .out
        }
    }

    /// Member `slot`'s availability when it may take a lead with skill value `skill` now: not
    /// excluded, has the skill, and available in the view; nil otherwise (an unavailable member
    /// is reported to the view).
    @inlinable @inline(__always)
    func memberAvailability<View: AvailabilityView>(_ slot: Int, skill: LeadValue?, excluded: ExcludedReps,
                                                    view: View) -> RepAvailability? {
        let rep = memberReps[slot]
        guard !excluded.contains(rep) && hasSkill(rep, skill) else { return nil }
        let availability = view.availability(of: rep)
        if availability.ineligibility == nil { return availability }
        view.memberUnavailable(slot: slot)
        return nil
    }

    /// Whether member `slot` may take a lead with skill value `skill` now (see ``memberAvailability(_:skill:excluded:view:)``).
    @inlinable @inline(__always)
    func memberEligible<View: AvailabilityView>(_ slot: Int, skill: LeadValue?, excluded: ExcludedReps,
                                                view: View) -> Bool {
        memberAvailability(slot, skill: skill, excluded: excluded, view: view) != nil
    }

    /// Calls `body` on the member slots of `range` that the view lists as candidates, in order,
    /// until it returns false. Returns whether every candidate was visited.
    @inlinable @inline(__always)
    func forEachCandidate<View: AvailabilityView>(in range: Range<Int>, view: View,
                                                  _ body: (Int) -> Bool) -> Bool {
        guard !range.isEmpty else { return true }
        let firstWord = range.lowerBound >> 6, lastWord = (range.upperBound - 1) >> 6
        for word in firstWord...lastWord {
            var bits = view.candidates(word: word)
            if word == firstWord { bits &= ~0 << UInt64(range.lowerBound & 63) }
            if word == lastWord && range.upperBound & 63 != 0 { bits &= (1 << UInt64(range.upperBound & 63)) &- 1 }
            while bits != 0 {
                if !body(word << 6 | bits.trailingZeroBitCount) { return false }
                bits &= bits &- 1
            }
        }
        return true
    }

    /// The lead's value of the queue's skill field (nil: no skill filter).
    @inlinable @inline(__always)
    func skillValue(queue: Int, lead: UnsafeBufferPointer<LeadValue>) -> LeadValue? {
        let field = skillFields[queue]
        guard field >= 0 else { return nil }
        return field < lead.count ? lead[field] : .missing
    }

    /// Whether `rep`'s skills contain the lead's skill value (string equality on its text form).
    @inlinable @inline(__always)
    func hasSkill(_ rep: Int, _ value: LeadValue?) -> Bool {
        switch value {
        case nil: return true
        case .missing?: return false
        case .symbol(let symbol)?: return skillSymbols[rep].contains(symbol)
        case .number(let number)?: return skillNumbers[rep].contains(number)
        case .bool(let flag)?: return flag ? skillYes[rep] : skillNo[rep]
        }
    }

    /// Why `rep` cannot take `lead` in `queue` (nil: eligible): the view's reason first, then
    /// a missing skill, then exclusion as a previous owner.
    func ineligibility(of rep: Int, queue: Int, lead: UnsafeBufferPointer<LeadValue>,
                       excluded: ExcludedReps, availability: RepAvailability) -> Ineligibility? {
        if let reason = availability.ineligibility { return reason }
        if !hasSkill(rep, skillValue(queue: queue, lead: lead)) { return .lacksSkill }
        if excluded.contains(rep) { return .excluded }
        return nil
    }
}

/// How a member stands at a catch-up pick (see ``_AssignmentTables/participation(_:skill:excluded:view:)``).
@usableFromInline
enum CatchUpParticipation {
    case eligible, passedOver, out
}
