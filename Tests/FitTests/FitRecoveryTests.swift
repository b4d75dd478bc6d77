import Fit
import Foundation
import History
import InputAnalysis
import ScenarioFile
import SimulationKernel
import SimulationModel
import Testing

/// Eight weeks in New York across both DST changes (London 25 Oct, New York 1 Nov), two
/// sources (one over-dispersed), an NA team with a slow rep and a late hire, and an EMEA team
/// in London: the world whose history `fit` must recover.
let worldYAML = """
name: world
start: 2026-10-05T00:00
timezone: America/New_York
horizon: 56d
replications: 4
seed: 11
sources:
  - name: web-demo
    volume: 300/week
    pattern: business-hours
    fields:
      region: {NA: 60, EMEA: 40}
      employees: {lognormal: {median: 150, sigma: 1.2}, integer: true}
    missing: {employees: 0.15}
  - name: content
    volume: 500/week
    pattern: {hourly: [1,1,1,1,1,1,2,3,5,8,9,9,8,8,9,9,8,6,4,3,2,2,1,1], weekdays: [10,10,10,10,9,3,2]}
    dispersion: 0.2
    fields:
      region: {NA: 70, EMEA: 30}
teams:
  - name: na
  - name: emea
reps:
  - count: 5
    name: na-{i}
    team: na
    schedule: weekdays 09:00-17:00
    touch_delay: {lognormal: {median: 20m, sigma: 1.0}}
  - name: na-6
    team: na
    schedule: weekdays 09:00-17:00
    touch_delay: {lognormal: {median: 3h, sigma: 0.8}}
  - name: na-7
    team: na
    schedule: weekdays 09:00-17:00
    active_from: 2026-11-27
    touch_delay: {lognormal: {median: 20m, sigma: 1.0}}
  - count: 3
    name: emea-{i}
    team: emea
    timezone: Europe/London
    schedule: weekdays 08:00-16:30
    touch_delay: {exponential: {mean: 30m}}
defaults:
  rep: {capacity: {open: 12}, handle_time: {exponential: {mean: 2h}}}
"""

let worldRules = """
name: territories
routes:
  - name: emea
    when: {region: EMEA}
    to: emea
fallback: na
queues:
  na: {team: na, strategy: round-robin}
  emea: {team: emea, strategy: round-robin}
sla:
  first_touch: 1h
  clock: business
"""

/// z for a two-sided 99.9% band: each check here fails by chance once in a thousand.
let z999 = 3.29

@Suite struct FitRecoveryTests {
    static let world = Result { try WorldHistory(scenario: worldYAML, rules: worldRules) }

    func fitted(base: Bool) throws -> HistoryFit {
        let world = try Self.world.get()
        let history = try world.history(zone: "America/New_York")
        return Fitter.fit(history, timeZone: "America/New_York", base: base ? world.scenario : nil)
    }

    @Test func volumesWithinTheirSamplingError() throws {
        let fit = try fitted(base: false)
        for (name, truth, cv) in [("web-demo", 300.0, 0.0), ("content", 500.0, 0.2)] {
            let source = try #require(fit.sources.first { $0.name == name })
            let arrivals = try #require(source.arrivals)
            let weeks = fit.days / 7
            // Var of the total: Σ over days of μ + cv²μ² (Poisson, gamma-mixed by day).
            let variance = arrivals.days.reduce(0.0) { $0 + $1.expected + cv * cv * $1.expected * $1.expected }
            #expect(abs(source.weeklyVolume - truth) <= z999 * variance.squareRoot() / weeks, "\(name): \(source.weeklyVolume)")
            #expect((source.dispersion != nil) == (cv > 0), "\(name): dispersion \(String(describing: source.dispersion))")
        }
    }

    @Test func weeklyShapeWithinBinomialError() throws {
        let fit = try fitted(base: false)
        let hourly: [Double] = [1, 1, 1, 1, 1, 1, 2, 3, 5, 8, 9, 9, 8, 8, 9, 9, 8, 6, 4, 3, 2, 2, 1, 1]
        let weekdays: [Double] = [10, 10, 10, 10, 9, 3, 2]
        let content = try #require(fit.sources.first { $0.name == "content" })
        guard case .hourly(let fittedHours, let fittedDays) = content.pattern else {
            Issue.record("content keeps the product form, got \(content.pattern)")
            return
        }
        let n = Double(content.leads)
        for (truth, estimate, inflation) in [(hourly, fittedHours, 1.0),
                                             (weekdays, fittedDays, (1 + 0.04 * n / fit.days).squareRoot())] {
            let (t, e) = (truth.reduce(0, +), estimate.reduce(0, +))
            for i in truth.indices {
                let p = truth[i] / t
                #expect(abs(estimate[i] / e - p) <= z999 * inflation * (p * (1 - p) / n).squareRoot(), "share \(i): \(estimate[i] / e) vs \(p)")
            }
        }
        let web = try #require(fit.sources.first { $0.name == "web-demo" })
        guard case .hourly(let webHours, let webDays) = web.pattern else {
            Issue.record("web-demo keeps the product form")
            return
        }
        #expect(webHours.indices.allSatisfy { (9..<18).contains($0) == (webHours[$0] > 0) })
        #expect(webDays[5] == 0 && webDays[6] == 0)
    }

    @Test func fieldMixesAndMissingShares() throws {
        let fit = try fitted(base: false)
        for (name, naShare) in [("web-demo", 0.6), ("content", 0.7)] {
            let source = try #require(fit.sources.first { $0.name == name })
            let region = try #require(source.fields.first { $0.name == "region" })
            guard case .categorical(let values, _) = region.mix else {
                Issue.record("region is categorical")
                continue
            }
            let total = Double(values.reduce(0) { $0 + $1.count })
            let na = Double(values.first { $0.value == .text("NA") }?.count ?? 0) / total
            #expect(abs(na - naShare) <= z999 * (naShare * (1 - naShare) / total).squareRoot(), "\(name) NA share \(na)")
        }
        let web = try #require(fit.sources.first { $0.name == "web-demo" })
        let employees = try #require(web.fields.first { $0.name == "employees" })
        let m = employees.missing
        #expect(abs(m.share - 0.15) <= z999 * (0.15 * 0.85 / Double(m.total)).squareRoot())
        guard case .numeric(let analysis) = employees.mix, let best = analysis.ranking.best else {
            Issue.record("employees is numeric")
            return
        }
        #expect(analysis.integer)
        #expect(abs(best.median.value - 150) <= z999 * best.median.standardError + 1, "median \(best.median.value)")
    }

    /// Each rep's fitted median against the world's, within its own standard error; the late
    /// hire takes its team's pooled fit.
    @Test(arguments: [true, false]) func touchDelayMediansRecovered(rosterGiven: Bool) throws {
        let fit = try fitted(base: rosterGiven)
        let truth: [String: Double] = [
            "na-1": 1200, "na-2": 1200, "na-3": 1200, "na-4": 1200, "na-5": 1200, "na-6": 10_800,
            "emea-1": 1800 * log(2), "emea-2": 1800 * log(2), "emea-3": 1800 * log(2),
        ]
        for rep in fit.reps {
            if rep.rep.name == "na-7" {
                #expect(rep.touchDelayOrigin == .team, "the late hire has fewer than \(Fitter.minimumOwnTouches) touches")
                continue
            }
            let median = try #require(rep.touchDelay?.ranking.best?.median, "\(rep.rep.name) has a fit")
            let expected = try #require(truth[rep.rep.name])
            #expect(rep.touchDelayOrigin == .own)
            #expect(abs(median.value - expected) <= z999 * median.standardError, "\(rep.rep.name): \(median.value) vs \(expected)")
        }
        let slow = try #require(fit.reps.first { $0.rep.name == "na-6" }?.touchDelay)
        #expect(slow.censored > 0, "the slow rep has leads untouched at the export time")
    }

    /// Handle time (closed − first touch, wall clock, open leads censored) per rep within its
    /// standard error; the most leads held open never exceeds the world's cap of 12 and reaches it
    /// where a Monday backlog fills every slot.
    @Test func handleTimesAndOpenCapsRecovered() throws {
        let fit = try fitted(base: false)
        for rep in fit.reps where rep.handleTimeOrigin == .own {
            let median = try #require(rep.handleTime?.ranking.best?.median)
            #expect(abs(median.value - 7200 * log(2)) <= z999 * median.standardError, "\(rep.rep.name): \(median.value)")
        }
        #expect(fit.reps.filter { $0.handleTimeOrigin == .own }.count >= 8)
        for rep in fit.reps {
            let most = try #require(rep.mostOpen)
            #expect(most <= 12, "\(rep.rep.name) held \(most)")
            if rep.rep.team == "emea" { #expect(most == 12, "\(rep.rep.name) held \(most)") }
        }
    }

    @Test func schedulesInferredFromFirstTouches() throws {
        let fit = try fitted(base: false)
        for rep in fit.reps where rep.rep.team == "na" && rep.rep.name != "na-7" {
            #expect(ScenarioValueText.schedule(rep.rep.schedule) == "weekdays 09:00-17:00", "\(rep.rep.name)")
        }
        // London 08:00-16:30 is New York 03:00-11:30, but 04:00-12:30 in the week between the two
        // DST changes: only London time fits every week, so the reps are found to work there.
        for rep in fit.reps where rep.rep.team == "emea" {
            #expect(rep.rep.timeZone == "Europe/London", "\(rep.rep.name)")
            #expect(ScenarioValueText.schedule(rep.rep.schedule) == "weekdays 08:00-16:30", "\(rep.rep.name)")
        }
    }
}
