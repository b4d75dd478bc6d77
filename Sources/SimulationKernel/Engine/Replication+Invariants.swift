import SimulationModel

extension Replication {
    /// Notes a broken invariant (the first 20 are kept).
    func violation(_ message: String) {
        if violations.count < 20 { violations.append(message) }
    }

    /// Out of line: the event loop's check stays small enough to inline.
    @inline(never)
    func clockWentBack(to t: Instant) {
        violation("clock went back from \(now) to \(t)")
    }

    /// Checked after every instant when `checkInvariants` is on.
    func verifyInvariants() {
        for r in 0..<reps.count where reps.open[r] < 0 || reps.open[r] > reps.capacity[r] {
            violation("rep \(r) holds \(reps.open[r]) leads at \(now), capacity \(reps.capacity[r])")
        }
    }
}
