import SimulationModel

extension CompiledRuleSet {
    /// Whether any member of `queue` could take `lead` now, without touching strategy state.
    ///
    /// The simulation's dispatch asks this for the waiting leads in service order, and picks
    /// (``pick(queue:lead:excluded:view:state:random:)``) only for the lead that goes first.
    /// - Complexity: O(candidate members); no allocation.
    @inlinable
    public func hasEligibleRep<View: AvailabilityView>(
        queue: Int, lead: LeadView, excluded: ExcludedReps, view: View
    ) -> Bool {
        lead.withFields { hasEligibleRep(queue: queue, lead: $0, excluded: excluded, view: view) }
    }

    /// ``hasEligibleRep(queue:lead:excluded:view:)`` on values in memory the caller keeps valid:
    /// the simulation kernel's fast path.
    @inlinable
    package func hasEligibleRep<View: AvailabilityView>(
        queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View
    ) -> Bool {
        assignmentTables.hasEligibleRep(queue: queue, lead: lead, excluded: excluded, view: view)
    }

    /// Whether member `rep` of `queue` could take `lead` now (it has the lead's skill, is not
    /// excluded, and is eligible in the view), without touching strategy state.
    /// - Complexity: O(1) beyond the skill lookup.
    @inlinable
    public func isEligible<View: AvailabilityView>(
        rep: Int, queue: Int, lead: LeadView, excluded: ExcludedReps, view: View
    ) -> Bool {
        lead.withFields { isEligible(rep: rep, queue: queue, lead: $0, excluded: excluded, view: view) }
    }

    /// ``isEligible(rep:queue:lead:excluded:view:)`` on values in memory the caller keeps valid:
    /// the simulation kernel's fast path.
    @inlinable
    package func isEligible<View: AvailabilityView>(
        rep: Int, queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View
    ) -> Bool {
        assignmentTables.isEligible(rep: rep, queue: queue, lead: lead, excluded: excluded, view: view)
    }
}

extension _AssignmentTables {
    /// See ``CompiledRuleSet/hasEligibleRep(queue:lead:excluded:view:)``.
    @inlinable
    func hasEligibleRep<View: AvailabilityView>(
        queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View
    ) -> Bool {
        let skill = skillValue(queue: queue, lead: lead)
        return !forEachCandidate(in: memberStart[queue]..<memberEnd[queue], view: view) { slot in
            !memberEligible(slot, skill: skill, excluded: excluded, view: view)
        }
    }

    /// See ``CompiledRuleSet/isEligible(rep:queue:lead:excluded:view:)``.
    @inlinable
    func isEligible<View: AvailabilityView>(
        rep: Int, queue: Int, lead: UnsafeBufferPointer<LeadValue>, excluded: ExcludedReps, view: View
    ) -> Bool {
        !excluded.contains(rep) && hasSkill(rep, skillValue(queue: queue, lead: lead))
            && view.availability(of: rep).ineligibility == nil
    }
}
