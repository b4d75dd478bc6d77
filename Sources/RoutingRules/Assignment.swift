import SimulationModel

/// The mutable strategy state of every queue of one compiled rule set, for one replication.
///
/// Round-robin keeps a pointer into the member list and, with `keep_turn`, the reps skipped
/// while ineligible (first in line once eligible again, longest-owed first); weighted
/// round-robin keeps one score per member. Storage is allocated once, so picks never allocate.
public struct AssignmentState: Sendable {
    @usableFromInline var pointer: [Int]
    @usableFromInline var scores: [Double]
    /// Per queue, from `memberStart`: member positions owed a turn, oldest first.
    @usableFromInline var owed: [Int]
    @usableFromInline var owedCount: [Int]
    @usableFromInline var isOwed: [Bool]
    /// Per-pick eligibility of the members of the queue being picked for.
    @usableFromInline var scratch: [Bool]

    init(pointer: [Int], scores: [Double], owed: [Int], owedCount: [Int], isOwed: [Bool], scratch: [Bool]) {
        (self.pointer, self.scores, self.owed, self.owedCount, self.isOwed, self.scratch) =
            (pointer, scores, owed, owedCount, isOwed, scratch)
    }
}

extension CompiledRuleSet {
    /// Fresh strategy state: pointers at the first member, scores zero, nobody owed a turn.
    public func makeAssignmentState() -> AssignmentState {
        let largest = zip(memberStart, memberEnd).map { $1 - $0 }.max() ?? 0
        return AssignmentState(pointer: Array(repeating: 0, count: queues.count),
                               scores: Array(repeating: 0, count: memberReps.count),
                               owed: Array(repeating: 0, count: memberReps.count),
                               owedCount: Array(repeating: 0, count: queues.count),
                               isOwed: Array(repeating: false, count: memberReps.count),
                               scratch: Array(repeating: false, count: largest))
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
        queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View,
        state: inout AssignmentState, random: inout Rng
    ) -> Int? {
        let start = memberStart[queue], end = memberEnd[queue]
        guard start < end else { return nil }
        let skill = skillValue(queue: queue, lead: lead)
        @inline(__always) func eligible(_ slot: Int) -> Bool {
            let rep = memberReps[slot]
            return !excluded.contains(rep) && hasSkill(rep, skill) && view.availability(of: rep).ineligibility == nil
        }
        switch strategies[queue] {
        case .roundRobin:
            return pickRoundRobin(queue: queue, start: start, end: end, state: &state, eligible: eligible)
        case .weightedRoundRobin:
            var total = 0.0, best = -1, bestScore = -Double.infinity
            for slot in start..<end {
                let ok = eligible(slot)
                state.scratch[slot - start] = ok
                guard ok else { continue }
                total += memberWeights[slot]
                let score = state.scores[slot] + memberWeights[slot]
                if score > bestScore { (best, bestScore) = (slot, score) }
            }
            guard best >= 0 else { return nil }
            for slot in start..<end where state.scratch[slot - start] { state.scores[slot] += memberWeights[slot] }
            state.scores[best] -= total
            return memberReps[best]
        case .leastLoaded, .loadRatio, .nextAvailable:
            var best = -1, bestKey = Double.infinity
            for slot in start..<end where !excluded.contains(memberReps[slot]) && hasSkill(memberReps[slot], skill) {
                let availability = view.availability(of: memberReps[slot])
                guard availability.ineligibility == nil else { continue }
                let key = Self.key(strategies[queue], availability)
                if best < 0 || key < bestKey { (best, bestKey) = (slot, key) }
            }
            return best >= 0 ? memberReps[best] : nil
        case .random:
            var count = 0
            for slot in start..<end {
                let ok = eligible(slot)
                state.scratch[slot - start] = ok
                if ok { count += 1 }
            }
            guard count > 0 else { return nil }
            var k = min(Int(random.nextUniform() * Double(count)), count - 1)
            for slot in start..<end where state.scratch[slot - start] {
                if k == 0 { return memberReps[slot] }
                k -= 1
            }
            return nil
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

    @inlinable
    func pickRoundRobin(queue: Int, start: Int, end: Int, state: inout AssignmentState,
                                eligible: (Int) -> Bool) -> Int? {
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
        let first = state.pointer[queue]
        for step in 0..<count {
            let position = (first + step) % count
            guard eligible(start + position) else { continue }
            if keepTurn {
                for skipped in 0..<step {
                    let passed = (first + skipped) % count
                    if !state.isOwed[start + passed] {
                        state.isOwed[start + passed] = true
                        state.owed[start + state.owedCount[queue]] = passed
                        state.owedCount[queue] += 1
                    }
                }
            }
            state.pointer[queue] = (position + 1) % count
            return memberReps[start + position]
        }
        return nil
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
