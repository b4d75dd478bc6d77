import Foundation
import ScenarioFile
import SimulationKernel
import SimulationModel
import Testing

/// Tiny YAML worlds for the kernel-rule tests (Dispatch, AccountOwner, SLA, Overflow, Patience,
/// Enrichment, Metrics): a scenario and a rule set written inline, run through the public API
/// only (the loaders, `SimulationPlan`, `Experiment.run`), so the tests hold whatever the
/// kernel's internals become.
///
/// A world starts on Monday 2026-01-05 00:00 UTC unless the scenario says otherwise; the helper
/// adds `name`, `start`, `timezone: UTC`, `horizon: 7d`, `replications: 1` and `seed: 1` when the
/// scenario leaves them out, and, without `sources:`, one source `web` replaying `leads.csv` with
/// `align: recorded`, so a CSV row's `created_at` is its lead's arrival. The CSVs are given
/// inline (`csv` for `leads.csv`, `files` for any). Reps use constant touch delays and handle
/// times, so every lead's fate can be worked out by hand from SPEC §2–§3.
enum KernelWorld {
    /// Scenario keys the helper fills in when absent, with their values.
    static let defaults: [(key: String, value: String)] = [
        ("name", "kernel-world"), ("start", "2026-01-05T00:00"), ("timezone", "UTC"),
        ("horizon", "7d"), ("replications", "1"), ("seed", "1"),
        ("sources", "\n  - name: web\n    replay: {file: leads.csv, align: recorded}"),
    ]

    /// Loads `scenario` and `rules`, runs them (one job, trace on, invariants checked) and
    /// returns replication `replication`'s leads and metrics. Broken invariants and leads that
    /// end in no outcome or in two are recorded as test issues.
    static func run(scenario: String, rules: String, csv: String? = nil, files: [String: String] = [:],
                    replication: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> KernelRun {
        var text = scenario
        let present = Set(scenario.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        })
        for (key, value) in defaults.reversed() where !present.contains(key) { text = "\(key): \(value)\n" + text }
        var replayFiles = files
        if let csv { replayFiles["leads.csv"] = csv }
        let loadedScenario: LoadedScenario
        let loadedRules: LoadedRuleSet
        do {
            loadedScenario = try ScenarioLoader.load(yaml: text, file: "/kernel-world/scenario.yaml", replayFiles: replayFiles)
            loadedRules = try RuleSetLoader.load(yaml: rules, file: "/kernel-world/rules.yaml")
        } catch {
            Issue.record("the world does not load:\n\(error)\n--- scenario ---\n\(text)\n--- rules ---\n\(rules)",
                         sourceLocation: sourceLocation)
            throw error
        }
        let plan = try SimulationPlan(scenario: loadedScenario.scenario, ruleSets: [loadedRules.ruleSet])
        let result = Experiment.run(plan, options: ExperimentOptions(jobs: 1, trace: true, checkInvariants: true,
                                                                     replications: [replication]))
        let metrics = try #require(result.runs.first?.first, sourceLocation: sourceLocation)
        #expect(metrics.invariantViolations.isEmpty, "\(metrics.invariantViolations)", sourceLocation: sourceLocation)
        #expect(metrics.allOutcomes.values.reduce(0, +) == metrics.arrivals,
                "outcomes \(metrics.allOutcomes) of \(metrics.arrivals) arrivals", sourceLocation: sourceLocation)
        let start = loadedScenario.scenario.start
        let names = plan.schema.fieldNames
        let leads = result.trace.filter { $0.replication == metrics.replication }.sorted { $0.lead < $1.lead }.map { row in
            LeadRow(lead: row.lead, source: row.source, counted: row.counted, arrival: row.arrival - start,
                    fields: Dictionary(zip(names, row.fields).filter { !$0.1.isEmpty }, uniquingKeysWith: { a, _ in a }),
                    route: row.route, queue: row.queue, owners: row.owners,
                    assigned: row.firstAssigned.map { $0 - start }, touched: row.firstTouch.map { $0 - start },
                    breaches: row.breaches, outcome: row.outcome)
        }
        #expect(leads.count == metrics.arrivals, "\(leads.count) trace rows for \(metrics.arrivals) arrivals",
                sourceLocation: sourceLocation)
        return KernelRun(leads: leads, metrics: metrics, values: metrics.metricValues(plan: plan))
    }
}

/// One lead as the trace records it; times are seconds from the scenario start.
struct LeadRow: CustomStringConvertible {
    var lead: Int
    var source: String
    var counted: Bool
    var arrival: Double
    /// Field values as written (missing fields left out).
    var fields: [String: String]
    /// Matched route, `(fallback)` or `(unrouted)`.
    var route: String
    /// The last queue the lead was in (an account owner's own line is named after the owner).
    var queue: String
    /// Every owner in assignment order.
    var owners: [String]
    var assigned: Double?
    var touched: Double?
    var breaches: Int
    var outcome: LeadOutcome

    var description: String {
        "lead \(lead) at \(clock(arrival)): route \(route), queue \(queue), owners \(owners), assigned "
            + "\(assigned.map(clock) ?? "-"), touched \(touched.map(clock) ?? "-"), breaches \(breaches), \(outcome.rawValue)"
    }
}

/// The leads of one replication (in arrival order) and its metrics.
struct KernelRun {
    var leads: [LeadRow]
    var metrics: ReplicationMetrics
    var values: MetricValues

    /// Lead `n`, counting from 1 in arrival order (ties: file order).
    subscript(_ n: Int) -> LeadRow { leads[n - 1] }

    /// A metric by its SPEC §4 / summary.json name (NaN when unknown).
    func metric(_ name: String) -> Double { values[name] ?? .nan }
}

/// Seconds from the scenario start to `hhmm` (`"09:15"` or `"09:15:30"`) on day `day` (0: the start day).
func at(_ hhmm: String, day: Int = 0) -> Double {
    let parts = hhmm.split(separator: ":").map { Double($0)! }
    return Double(day) * 86_400 + parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
}

/// `at`'s inverse for messages: `d1 09:15` or `09:15`.
func clock(_ seconds: Double) -> String {
    let day = Int((seconds / 86_400).rounded(.down))
    let rest = seconds - Double(day) * 86_400
    let h = Int(rest / 3600), m = Int(rest.truncatingRemainder(dividingBy: 3600) / 60)
    let s = rest.truncatingRemainder(dividingBy: 60)
    let hm = String(format: "%02d:%02d", h, m) + (s == 0 ? "" : String(format: ":%05.2f", s))
    return day == 0 ? hm : "d\(day) \(hm)"
}
