import Foundation

/// The files `leadsim init` writes: a small commented scenario, a baseline and a candidate
/// rule set that load and cross-check cleanly, and the JSON Schemas their first lines point at.
public enum StarterProject {
    /// One file to write, by its path relative to the target directory.
    public struct File: Sendable {
        public var path: String
        public var contents: String
    }

    /// Why nothing was written.
    public enum Failure: Error, CustomStringConvertible {
        /// These files exist already; nothing was written.
        case existing([String])
        case cannotWrite(String, reason: String)

        public var description: String {
            switch self {
            case .existing(let paths):
                return "refusing to overwrite existing file\(paths.count == 1 ? "" : "s"): "
                    + paths.joined(separator: ", ") + " (move them away or choose another directory)"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    public static let scenarioFile = "scenario.yaml"
    public static let ruleSetFiles = ["baseline.yaml", "candidate.yaml"]

    /// Every file, scenario first, then the rule sets (baseline first), then the schemas.
    public static var files: [File] {
        [File(path: scenarioFile, contents: scenario),
         File(path: ruleSetFiles[0], contents: baseline),
         File(path: ruleSetFiles[1], contents: candidate),
         File(path: "schemas/scenario.schema.json", contents: FileFormat.jsonSchema(.scenario)),
         File(path: "schemas/rules.schema.json", contents: FileFormat.jsonSchema(.rules))]
    }

    /// Writes every file under `directory` (created if needed), or nothing when any exists.
    /// - Returns: the paths written, `directory` joined with each file's path.
    /// - Throws: `Failure.existing` naming every file already there, or `Failure.cannotWrite`.
    @discardableResult
    public static func write(into directory: String) throws(Failure) -> [String] {
        let manager = FileManager.default
        let targets = files.map { (join(directory, $0.path), $0.contents) }
        let existing = targets.map(\.0).filter { manager.fileExists(atPath: $0) }
        guard existing.isEmpty else { throw .existing(existing) }
        for (path, contents) in targets {
            let folder = (path as NSString).deletingLastPathComponent
            do {
                if !folder.isEmpty { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                throw .cannotWrite(path, reason: error.localizedDescription)
            }
        }
        return targets.map(\.0)
    }

    /// `dir/file`, or just `file` for the current directory.
    public static func join(_ directory: String, _ file: String) -> String {
        if directory.isEmpty || directory == "." { return file }
        return directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    // MARK: Contents

    static let scenario = """
        # yaml-language-server: $schema=schemas/scenario.schema.json
        #
        # A starter scenario: the world your routing rules are tried in. Edit it to match your
        # team: how many leads arrive and when, what they look like, and who works them when.
        # Check it:   leadsim validate scenario.yaml baseline.yaml candidate.yaml
        # Compare:    leadsim compare scenario.yaml baseline.yaml candidate.yaml

        name: starter
        start: 2026-01-05T00:00         # a Monday; local to the time zone below
        timezone: America/New_York      # an IANA time zone name
        horizon: 28d                    # simulated time that counts in the results
        warmup: 3d                      # simulated first, left out of every metric
        replications: 10                # independent runs, averaged with 95% confidence intervals
        seed: 42                        # the same seed gives the same results

        sources:                        # where leads come from
          - name: inbound
            volume: 200/week            # or 45/min, 30/h, 40/day, 860/month
            pattern: business-hours     # flat | business-hours | {hourly: [24], weekdays: [7]} | {hour_of_week: [168]}
            fields:                     # what a lead looks like; rules route on these fields
              region: {NA: 70, EMEA: 30}                                # categorical weights
              employees: {lognormal: {median: 80, sigma: 1.5}, integer: true}
              score: {beta: {a: 2, b: 3}, scale: 100}                   # 0-100

        teams:
          - name: na
          - name: emea
            timezone: Europe/London     # the team's business clock: its SLA counts London hours
            business_hours: weekdays 09:00-17:00

        reps:
          - count: 4                    # generates na-1 … na-4 with the same settings
            name: na-{i}
            team: na
            schedule: weekdays 09:00-17:00
          - count: 2
            name: emea-{i}
            team: emea
            timezone: Europe/London     # shifts are local to the rep
            schedule: weekdays 09:00-17:00

        defaults:                       # every rep gets these unless it sets its own
          rep:
            capacity: {open: 20, per_day: 15}                     # open leads at once; new leads per day
            touch_delay: {lognormal: {median: 20m, sigma: 0.8}}   # on-shift time from assignment to first touch
            handle_time: {exponential: {mean: 2d}}                # first touch until the lead frees its slot
            shrinkage: 20%                                        # on-shift time lost to meetings and breaks

        """

    static let baseline = """
        # yaml-language-server: $schema=schemas/rules.schema.json
        #
        # The baseline rule set: routing as it is today. leadsim compares every other rule set
        # with it. Routes are tried in order; the first whose `when` matches the lead wins.

        name: baseline
        description: Territory routing, round-robin inside each region
        routes:
          - name: emea
            when: {region: EMEA}        # also lists [A, B], ">= 500", {between: [a, b]}, exists, missing
            to: emea
        fallback: na                    # leads no route matches
        queues:
          na: {team: na, strategy: round-robin}
          emea: {team: emea, strategy: round-robin}
        sla:
          first_touch: 1h
          clock: business               # business | wall
          on_breach: none               # none | reassign | escalate

        """

    static let candidate = """
        # yaml-language-server: $schema=schemas/rules.schema.json
        #
        # A candidate rule set: the change you want to judge before rolling it out.
        # Here: large companies get their own queue served by score on a 15-minute SLA, reps are picked by load,
        # EMEA leads that wait 2 hours overflow to NA, and a breached lead is reassigned once.

        name: candidate
        description: Large companies first, least-loaded reps, EMEA overflows to NA after 2h
        routes:
          - name: emea
            when: {region: EMEA}
            to: emea
          - name: large
            when: {employees: ">= 500"}
            to: na-large
        fallback: na
        queues:
          na: {team: na, strategy: least-loaded}
          na-large:                     # highest score waits least, on a 15-minute SLA of its own
            team: na
            strategy: least-loaded
            order: score
            sla: {first_touch: 15m, clock: business, on_breach: reassign, max_reassignments: 1}
          emea:
            team: emea
            strategy: least-loaded      # round-robin | weighted-round-robin | least-loaded | load-ratio | next-available | random
            overflow: {after: 2h, to: na}
        sla:
          first_touch: 1h
          clock: business
          on_breach: reassign
          max_reassignments: 1

        """
}
