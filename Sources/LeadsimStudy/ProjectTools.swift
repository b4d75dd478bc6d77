import Foundation
import Reports
import SalesforceImport
import ScenarioFile
import Validation

/// `leadsim import salesforce`: Salesforce lead assignment rules as a leadsim rule set.
public enum ImportStudy {
    /// Converts the assignment-rules XML at `file` (with the optional name map at `map`;
    /// the active rule unless `rule` names another) and checks that the YAML loads, naming
    /// it `output` in diagnostics.
    /// - Throws: `StudyError` (invalid input) with the diagnostics of an unreadable input.
    ///
    /// `file` may be a metadata folder (Salesforce DX source format): its Lead assignment rules are
    /// imported with the queues, Omni-Channel routing and presence configurations found below it
    /// (`SalesforceImporter.importFolder`), and `ImportedRuleSet.reps` holds the reps fragment.
    public static func salesforce(file: String, map: String?, rule: String?, output: String) throws(StudyError) -> ImportedRuleSet {
        do throws(LoadFailure) {
            let mapping = try map.map { path throws(LoadFailure) in try ImportMap.load(yaml: try readText(path), file: path) }
                ?? ImportMap()
            var isFolder: ObjCBool = false
            let imported: ImportedRuleSet
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                imported = try SalesforceImporter.importFolder(files: try metadataFiles(in: file), folder: file, map: mapping, rule: rule)
            } else {
                imported = try SalesforceImporter.importRules(xml: try readText(file), file: file, map: mapping, rule: rule)
            }
            // The output must load: check it before writing.
            _ = try RuleSetLoader.load(yaml: imported.yaml, file: output)
            return imported
        } catch {
            throw .invalidInput(error.description, diagnostics: error.diagnostics, omitted: error.omitted)
        }
    }

    /// `leadsim import salesforce-users`: the User export at `file` as reps (`UserExportImporter`).
    /// - Throws: `StudyError` (invalid input) with every problem of the file.
    public static func salesforceUsers(file: String, teamColumn: String?) throws(StudyError) -> ImportedUsers {
        do throws(LoadFailure) {
            return try UserExportImporter.importUsers(csv: try readText(file), file: file, teamColumn: teamColumn)
        } catch {
            throw .invalidInput(error.description, diagnostics: error.diagnostics, omitted: error.omitted)
        }
    }

    /// Writes imported users' reps to `path` (atomically); returns the line saying so.
    public static func write(_ users: ImportedUsers, to path: String) throws(StudyError) -> String {
        try attemptUnexpected { try ReportWriter.writeAtomically(users.yaml, to: path) }
        return "wrote \(path): \(users.reps.count) rep\(users.reps.count == 1 ? "" : "s"), \(users.inactive.count) inactive left out"
    }

    /// The files of a metadata folder that a folder import reads (path below `folder` → text).
    static func metadataFiles(in folder: String) throws(LoadFailure) -> [String: String] {
        let suffixes = ["Lead.assignmentRules-meta.xml", "Lead.assignmentRules", ".queue-meta.xml",
                        ".queueRoutingConfig-meta.xml", ".presenceUserConfig-meta.xml"]
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let relative = walker?.nextObject() as? String {
            guard suffixes.contains(where: { relative.hasSuffix($0) }) else { continue }
            let path = (folder as NSString).appendingPathComponent(relative)
            files[path] = try readText(path)
        }
        return files
    }

    /// The reps fragment's default file beside the rule set: `inbound.yaml` → `inbound-reps.yaml`.
    public static func repsPath(besides rules: String) -> String {
        let stem = rules.hasSuffix(".yaml") ? String(rules.dropLast(5)) : rules.hasSuffix(".yml") ? String(rules.dropLast(4)) : rules
        return stem + "-reps.yaml"
    }

    /// Writes the reps fragment of a folder import to `path` (atomically); returns the line saying so.
    public static func writeReps(_ imported: ImportedRuleSet, to path: String) throws(StudyError) -> String? {
        guard let reps = imported.reps else { return nil }
        try attemptUnexpected { try ReportWriter.writeAtomically(reps, to: path) }
        let count = reps.split(separator: "\n").filter { $0.hasPrefix("  - {name:") }.count
        return "wrote \(path): \(count) rep\(count == 1 ? "" : "s") to paste into a scenario"
    }

    /// Writes the imported rule set to `path` (atomically); returns the line saying what was written.
    public static func write(_ imported: ImportedRuleSet, to path: String) throws(StudyError) -> String {
        try attemptUnexpected { try ReportWriter.writeAtomically(imported.yaml, to: path) }
        let routes = imported.ruleSet.routes.count, queues = imported.ruleSet.queues.count
        return "wrote \(path): rule '\(imported.ruleName)', \(routes) route\(routes == 1 ? "" : "s"), "
            + "\(queues) queue\(queues == 1 ? "" : "s")"
            + (imported.ruleSet.fallback.map { ", fallback \($0)" } ?? ", no fallback")
            + ", \(imported.warnings.count) warning\(imported.warnings.count == 1 ? "" : "s")"
    }
}

/// `leadsim init`: a starter scenario and two rule sets to edit.
public enum InitStudy {
    /// Writes the starter project into `directory` (never overwriting); returns the lines to
    /// show: what was created, and the `compare` command to try next.
    public static func write(into directory: String) throws(StudyError) -> [String] {
        let written = try attempt { try StarterProject.write(into: directory) }
        let files = ([StarterProject.scenarioFile] + StarterProject.ruleSetFiles).map { StarterProject.join(directory, $0) }
        return ["created " + written.joined(separator: ", "),
                "next: leadsim compare " + files.map(shellQuoted).joined(separator: " ")]
    }

    /// A path as typed in a POSIX shell.
    public static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@".unicodeScalars.contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// `leadsim verify`: the simulator against exact queueing results, and the peer model.
public enum TheoryStudy {
    /// The default base seed of the suite.
    public static let defaultSeed: UInt64 = 20_260_105

    /// What the suite found.
    public struct Outcome: Sendable {
        /// The Markdown report (written to `out` when one was given).
        public var markdown: String
        /// The summary line, then one line per row outside its interval.
        public var lines: [String]
        /// Enough intervals cover the exact values (not fewer than chance allows) and no exact-count check fails.
        public var passed: Bool

        /// Throws `StudyError` (target not met) when the suite did not pass.
        public func requireTargetsMet() throws(StudyError) {
            if !passed { throw .targetNotMet(lines.joined(separator: "\n")) }
        }
    }

    /// Runs the suite (the quick subset, or the cases whose name contains `only`) and writes
    /// the report to `out` when given.
    /// - Parameter progress: one line per case as it finishes (rows, rows outside 95% CI, time).
    public static func run(quick: Bool, seed: UInt64, only: String?, jobs: Int, out: String?,
                           progress: ((String) -> Void)? = nil) throws(StudyError) -> Outcome {
        var cases = quick ? ValidationSuite.quick(seed: seed) : ValidationSuite.full(seed: seed)
        if let only { cases = cases.filter { $0.name.contains(only) } }
        let result = try attemptUnexpected {
            try ValidationSuite.run(cases, jobs: jobs) { item, rows, seconds in
                guard let progress else { return }
                let failed = rows.filter { $0.passes(level: 0.95) == false }.count
                progress("\(item.name): \(rows.count) rows, \(failed) outside 95% CI, "
                         + String(format: "%.1f s (%.0f k leads)", seconds, item.expectedLeads / 1000))
            }
        }
        var command = "leadsim verify" + (quick ? " --quick" : "")
        if let out { command += " --out \(out)" }
        command += " --jobs \(jobs)"
        if seed != defaultSeed { command += " --seed \(seed)" }
        if let only { command += " --only '\(only)'" }
        let markdown = ValidationReport.markdown(result, command: command, quick: quick)
        if let out { try attemptUnexpected { try markdown.write(toFile: out, atomically: true, encoding: .utf8) } }
        let (covered, intervals) = result.coverage()
        let failures = result.failures()
        var lines = [String(format: "%d of %d confidence intervals cover the exact value (%.1f%%); %d rows fail at 95%%; %.0f s",
                            covered, intervals, 100 * Double(covered) / Double(max(1, intervals)), failures.count, result.seconds)]
        for row in failures { lines.append("  outside: \(row.model) \(row.parameters) \(row.metric)") }
        let n = Double(intervals)
        let lowest = n * 0.95 - 2.576 * (n * 0.95 * 0.05).squareRoot()
        let hardFailure = failures.contains { if case .exactCount = $0.evidence { return true } else { return false } }
        return Outcome(markdown: markdown, lines: lines, passed: !(Double(covered) < lowest.rounded(.down) || hardFailure))
    }

    /// The peer-comparison model (M/M/50, λ = 45/min, μ = 1/min): one line of leads/s and the mean wait.
    public static func peerModel(leads: Int, replications: Int, seed: UInt64) throws(StudyError) -> String {
        let m = try attemptUnexpected { try PeerModel.measure(leads: leads, replications: replications, seed: seed) }
        let ci = m.interval
        return String(format: "leadsim leads_per_s=%.0f mean_wait_s=%.4f ci_low=%.4f ci_high=%.4f replications=%d leads=%d exact=%.4f",
                      m.bestLeadsPerSecond, ci.mean, ci.lower, ci.upper, replications, m.leads.reduce(0, +) / replications,
                      PeerModel.exactMeanWait)
    }
}
