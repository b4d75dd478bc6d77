import Foundation

/// The validation suite: every case and how to run it.
public enum ValidationSuite {
    public static let servers = [1, 5, 20, 100, 500]
    public static let loads = [0.5, 0.8, 0.9, 0.95, 0.97]

    /// Every case of `docs/VALIDATION.md`: the Erlang C grid c × ρ, Erlang B, Erlang A and arrivals.
    public static func full(seed: UInt64 = 20_260_105) -> [ValidationCase] {
        let profile = SizeProfile.full
        var cases: [ValidationCase] = []
        for (i, c) in servers.enumerated() {
            for (j, rho) in loads.enumerated() {
                cases.append(ErlangChecks.erlangC(servers: c, load: rho, profile: profile, seed: seed &+ UInt64(10 * i + j)))
            }
        }
        for (k, (c, a)) in [(1, 0.5), (10, 9.0), (50, 45.0), (100, 110.0)].enumerated() {
            cases.append(ErlangChecks.erlangB(servers: c, offeredLoad: a, profile: profile, seed: seed &+ 100 &+ UInt64(k)))
        }
        for (k, (c, rho, patience)) in [(5, 0.9, 600.0), (20, 1.1, 1200.0), (100, 0.98, 300.0)].enumerated() {
            cases.append(ErlangChecks.erlangA(servers: c, load: rho, patienceMean: patience, profile: profile,
                                              seed: seed &+ 200 &+ UInt64(k)))
        }
        cases.append(ArrivalChecks.hourlyPattern(weeklyVolume: 5000, weeks: 4, replications: 20, seed: seed &+ 300))
        cases.append(ArrivalChecks.businessHours(weeklyVolume: 4500, weeks: 4, replications: 20, seed: seed &+ 301))
        cases.append(ArrivalChecks.hourOfWeekPattern(weeklyVolume: 5000, weeks: 4, replications: 20, seed: seed &+ 302))
        return cases
    }

    /// A subset for CI (well under a minute in release on 2 cores): one Erlang C case per c,
    /// one Erlang B, one Erlang A, both arrival patterns.
    public static func quick(seed: UInt64 = 20_260_105) -> [ValidationCase] {
        let profile = SizeProfile.quick
        var cases: [ValidationCase] = []
        for (k, (c, rho)) in [(1, 0.8), (5, 0.9), (20, 0.95), (100, 0.97), (500, 0.9)].enumerated() {
            cases.append(ErlangChecks.erlangC(servers: c, load: rho, profile: profile, seed: seed &+ 1000 &+ UInt64(k)))
        }
        cases.append(ErlangChecks.erlangB(servers: 10, offeredLoad: 9, profile: profile, seed: seed &+ 1100))
        cases.append(ErlangChecks.erlangA(servers: 20, load: 1.1, patienceMean: 1200, profile: profile, seed: seed &+ 1200))
        cases.append(ArrivalChecks.hourlyPattern(weeklyVolume: 5000, weeks: 2, replications: 20, seed: seed &+ 1300))
        cases.append(ArrivalChecks.businessHours(weeklyVolume: 4500, weeks: 2, replications: 20, seed: seed &+ 1301))
        cases.append(ArrivalChecks.hourOfWeekPattern(weeklyVolume: 5000, weeks: 2, replications: 20, seed: seed &+ 1302))
        return cases
    }

    /// Runs cases in order, each on `jobs` workers.
    /// - Parameter progress: called after each case with (case, its rows, seconds it took).
    /// - Throws: when a case's scenario does not compile (a bug in the suite).
    public static func run(_ cases: [ValidationCase], jobs: Int,
                           progress: ((ValidationCase, [ValidationRow], Double) -> Void)? = nil) throws -> ValidationResult {
        let clock = ContinuousClock()
        let started = clock.now
        var rows: [ValidationRow] = []
        for item in cases {
            let began = clock.now
            let produced = try item.run(jobs: jobs)
            rows += produced
            progress?(item, produced, seconds(clock.now - began))
        }
        return ValidationResult(rows: rows, seconds: seconds(clock.now - started), jobs: jobs)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// The rows of a run and how long it took.
public struct ValidationResult: Sendable {
    public var rows: [ValidationRow]
    public var seconds: Double
    public var jobs: Int

    public init(rows: [ValidationRow], seconds: Double, jobs: Int) {
        self.rows = rows
        self.seconds = seconds
        self.jobs = jobs
    }

    /// Confidence-interval rows that cover the exact value at `level`, and how many there are.
    public func coverage(level: Double = 0.95) -> (covered: Int, intervals: Int) {
        let intervals = rows.filter(\.isInterval)
        return (intervals.filter { $0.passes(level: level) == true }.count, intervals.count)
    }

    /// Rows that fail at `level` (untestable rows never fail).
    public func failures(level: Double = 0.95) -> [ValidationRow] {
        rows.filter { $0.passes(level: level) == false }
    }

    /// Rows that can pass or fail.
    public var checks: Int { rows.filter { $0.passes(level: 0.95) != nil }.count }

    /// Counted leads simulated over all cases.
    public var leads: Int {
        // Rows of one case share its lead count; count each case once (consecutive rows).
        var total = 0
        var last: (String, String)?
        for row in rows where last == nil || last! != (row.model, row.parameters) {
            total += row.leads
            last = (row.model, row.parameters)
        }
        return total
    }
}
