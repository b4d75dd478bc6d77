import Foundation
import LeadsimStudy
import SimulationModel
import Testing

/// `scripts/backtest-calibration.sh`: the calibration of backtest on `Scenarios/saas-inbound`'s
/// own histories and on ablations of it, printed as tables. Off unless `LEADSIM_CALIBRATION`
/// is set (minutes of release-mode simulation); `LEADSIM_CALIBRATION_K` histories (20),
/// `LEADSIM_CALIBRATION_N` replications (100), `LEADSIM_CALIBRATION_WORLDS` a comma list of
/// world names (all).
@Suite struct BacktestCalibrationStudy {
    static let environment = ProcessInfo.processInfo.environment

    /// saas-inbound and the worlds without one of its random parts.
    static func worlds(_ base: Scenario) -> [(String, Scenario)] {
        var noPatience = base, noMissing = base, noAbsences = base, bare = base
        for s in noPatience.sources.indices { noPatience.sources[s].patience = nil }
        for s in noMissing.sources.indices { noMissing.sources[s].missing = [:] }
        for r in noAbsences.reps.indices { noAbsences.reps[r].absenceRate = 0; noAbsences.reps[r].absent = [] }
        for s in bare.sources.indices { bare.sources[s].patience = nil; bare.sources[s].missing = [:] }
        for r in bare.reps.indices { bare.reps[r].absenceRate = 0; bare.reps[r].absent = [] }
        var noWarmup = base
        noWarmup.warmup = 0
        return [("saas-inbound", base), ("no-patience", noPatience), ("no-missing", noMissing),
                ("no-absences", noAbsences), ("no-warmup", noWarmup), ("bare", bare)]
    }

    @Test(.enabled(if: environment["LEADSIM_CALIBRATION"] != nil))
    func saasInboundOwnHistories() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Scenarios/saas-inbound")
        let inputs = try StudyInputs.load(scenario: folder.appendingPathComponent("scenario.yaml").path,
                                          rules: [folder.appendingPathComponent("baseline.yaml").path])
        let k = Int(Self.environment["LEADSIM_CALIBRATION_K"] ?? "") ?? 20
        let n = Int(Self.environment["LEADSIM_CALIBRATION_N"] ?? "") ?? 100
        let chosen = Self.environment["LEADSIM_CALIBRATION_WORLDS"].map { Set($0.split(separator: ",").map(String.init)) }
        for (name, world) in Self.worlds(inputs.scenario) where chosen?.contains(name) ?? true {
            let started = Date()
            let c = try BacktestCalibration.measure(scenario: world, ruleSet: inputs.ruleSets[0], seeds: (1...UInt64(k)).map { $0 },
                                                    replications: n)
            let judged = c.names.filter { !$0.hasSuffix(" touched") && !$0.hasSuffix(" assigned") && !$0.hasSuffix(" cold") }
            print("== \(name): \(k) histories × \(n) replications, \(String(format: "%.0f", Date().timeIntervalSince(started))) s; "
                  + "verdict metrics in the outer 4%: \(String(format: "%.1f%%", 100 * c.outerShare(judged)))")
            print(c.table())
        }
    }
}
