/// Feeds one replication's leads to a ``BacktestTally`` as they end (or when the run stops):
/// only built for `leadsim backtest`. Remembers each live lead's first owner by slot, since
/// the lead record keeps only the latest.
final class BacktestRecorder {
    private var tally: BacktestTally
    private var firstOwner: [Int32] = []

    init(definition: BacktestDefinition) { tally = BacktestTally(definition: definition) }

    /// The lead in `slot` got its first owner.
    func firstAssigned(slot: Int32, rep: Int) {
        let index = Int(slot)
        if index >= firstOwner.count { firstOwner += Array(repeating: -1, count: max(index + 1 - firstOwner.count, firstOwner.count)) }
        firstOwner[index] = Int32(rep)
    }

    /// A counted lead's life as far as the run went.
    func finished(slot: Int32, lead: LeadRecord) {
        guard lead.counted else { return }
        let owned = lead.firstAssigned != .infinity
        tally.add(created: lead.arrival, owner: owned ? Int(firstOwner[Int(slot)]) : nil,
                  assignedAt: owned ? lead.firstAssigned : nil, touchedAt: lead.touchedAt == .infinity ? nil : lead.touchedAt)
    }

    func figures() -> BacktestFigures { tally.figures() }
}
