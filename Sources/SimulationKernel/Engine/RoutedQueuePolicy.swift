import SimulationModel

/// What the queue a lead was first routed to fixes for that lead (SPEC §7): its business clock
/// and its SLA, which overflow, escalation and reassignment do not change. One per board queue,
/// trivially copyable: read once per assignment and per touch.
struct RoutedQueuePolicy {
    /// The lead's business clock: an index in `SimulationPlan.businessClocks`.
    let businessClock: Int
    /// The lead's SLA: an index in `Replication.slas` (−1: none).
    let sla: Int
    /// `sla_met_rate`: first touch within this long of arrival (the SLA's `first_touch`; without
    /// one, in the rule set or by the queue's `sla: none`, `metrics.unowned_after`) …
    let slaMetWithin: Seconds
    /// … counted on the business clock (else the wall clock).
    let slaMetOnBusinessClock: Bool

    init(businessClock: Int, sla: Int, in slas: [SLA], unownedAfter: Seconds) {
        self.businessClock = businessClock
        self.sla = sla
        slaMetWithin = sla >= 0 ? slas[sla].firstTouch : unownedAfter
        slaMetOnBusinessClock = sla >= 0 && slas[sla].clock == .business
    }

    /// Whether a first touch after `ttft` wall-clock and `business` business seconds meets the SLA.
    @inline(__always)
    func slaMet(ttft: Seconds, business: Seconds) -> Bool {
        (slaMetOnBusinessClock ? business : ttft) <= slaMetWithin
    }
}
