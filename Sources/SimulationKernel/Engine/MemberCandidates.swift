import RoutingRules

/// Which member slots of the rule set may be eligible now: one bit per slot, so that picks and
/// eligibility scans skip the members known to be unavailable instead of asking each of them.
///
/// A member's bit is cleared when the routing core finds it unavailable (at a cap, off shift,
/// absent, not yet hired) or its rep takes its last free slot, and set again whenever its rep
/// becomes more available: a freed slot or a wake-up (the same moments that reopen blocked
/// waiting lines, see ``QueueBoard``). So a clear bit always means "unavailable", and results
/// are those of asking every member.
final class MemberCandidates {
    /// The bit words, handed to ``RepView`` (which clears bits through their address).
    let words: Column<UInt64>
    /// Per rep: its member slots.
    private let slotsOfRep: RaggedColumn<Int>

    init(rules: CompiledRuleSet, repCount: Int) {
        words = Column(repeating: ~0, count: max(1, (rules.memberSlotCount + 63) / 64))
        var slots = Array(repeating: [Int](), count: repCount)
        for slot in 0..<rules.memberSlotCount { slots[rules.rep(inMemberSlot: slot)].append(slot) }
        slotsOfRep = RaggedColumn(slots)
    }

    /// `rep` is at its open cap: unavailable in every queue it is a member of, until a slot frees.
    func repReachedOpenCap(_ rep: Int) {
        for position in slotsOfRep.positions(of: rep) {
            let slot = slotsOfRep[position]
            words[slot >> 6] &= ~(1 << UInt64(slot & 63))
        }
    }

    /// `rep` may be eligible again in every queue it is a member of.
    func repBecameMoreAvailable(_ rep: Int) {
        for position in slotsOfRep.positions(of: rep) {
            let slot = slotsOfRep[position]
            words[slot >> 6] |= 1 << UInt64(slot & 63)
        }
    }
}
