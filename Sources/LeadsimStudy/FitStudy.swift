import Fit
import Foundation
import History
import Reports
import ScenarioFile
import SimulationModel
import TextFormats

/// `leadsim fit HISTORY`: a scenario fitted to a CRM history, with its assumption report (SPEC §8).
public struct FitStudy: Sendable {
    /// What `fit` is asked.
    public struct Options: Sendable {
        public var history: String
        public var map: String?
        /// The base scenario: roster, schedules, zones, capacities and what the history cannot give.
        public var scenario: String?
        /// The scenario zone (default: the base scenario's, else UTC).
        public var timeZone: String?
        /// The export time as written (`2026-11-30T18:00`); nil: the latest timestamp in the file.
        public var asOf: String?
        /// How the history writes dates (`us`: 10/08/2025 1:05 PM, `eu`: 08/10/2025 13:05).
        public var dateFormat: DateFormat
        public var directory: String
        public var formats: OutputFormats

        public init(history: String, map: String? = nil, scenario: String? = nil, timeZone: String? = nil, asOf: String? = nil,
                    dateFormat: DateFormat = .iso, directory: String = "fit", formats: OutputFormats = [.markdown, .html, .json]) {
            self.dateFormat = dateFormat
            self.history = history
            self.map = map
            self.scenario = scenario
            self.timeZone = timeZone
            self.asOf = asOf
            self.directory = directory
            self.formats = formats
        }
    }

    /// What `fit` found and wrote.
    public struct Outcome: Sendable {
        public var fit: HistoryFit
        /// The text of `scenario.yaml`.
        public var scenarioText: String
        public var written: [String]
        public var directory: String
        /// Warnings of the history reader and of loading the fitted scenario.
        public var warnings: [Diagnostic]
        /// One line per source and team: what was fitted.
        public var lines: [String]
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    /// Reads the inputs, fits and checks that the scenario loads; writes nothing.
    public func fit() throws(StudyError) -> (fit: HistoryFit, text: String, warnings: [Diagnostic]) {
        let result = try fitted()
        return (result.fit, result.text, result.warnings)
    }

    /// `fit()` with the scenario's name as the text gives it.
    private func fitted() throws(StudyError) -> (fit: HistoryFit, text: String, name: String, warnings: [Diagnostic]) {
        do throws(LoadFailure) {
            var base: LoadedScenario?
            var sections: [(key: String, text: String)] = []
            if let path = options.scenario {
                let text = try readText(path)
                base = try ScenarioLoader.load(yaml: text, file: path)
                sections = TopLevelSections.of(yaml: text)
            }
            let zone = try timeZone(base: base?.scenario)
            let map = try options.map.map { path throws(LoadFailure) in try ImportMap.load(yaml: try readText(path), file: path) }
                ?? ImportMap()
            let asOf = try options.asOf.map { text throws(LoadFailure) -> Instant in
                do throws(ValueError) { return try ValueSyntax.timestamp(text, timeZone: zone) } catch {
                    throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: "--as-of", line: 0, column: 0, keyPath: "",
                                                               message: error.message, valid: error.valid, suggestion: error.suggestion)])
                }
            }
            let history = try HistoryFile.read(text: try readText(options.history), file: options.history, map: map,
                                               timeZone: zone, asOf: asOf, dateFormat: options.dateFormat)
            let fitted = Fitter.fit(history, timeZone: zone, base: base?.scenario, basePath: options.scenario, baseSections: sections)
            let name = base?.scenario.name ?? ((options.history as NSString).lastPathComponent as NSString).deletingPathExtension
            let text = FittedScenarioText.render(fitted, name: name, replications: base?.scenario.replications ?? 20,
                                                 seed: base?.scenario.seed ?? 1)
            let written = (options.directory as NSString).appendingPathComponent("scenario.yaml")
            let loaded: LoadedScenario
            do throws(LoadFailure) { loaded = try ScenarioLoader.load(yaml: text, file: written) } catch {
                throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: written, line: 0, column: 0, keyPath: "",
                                                           message: "internal error: the fitted scenario does not load:\n\(error.description)")])
            }
            return (fitted, text, name, history.warnings + (base?.warnings ?? []) + loaded.warnings)
        } catch {
            throw .invalidInput(error.description, diagnostics: error.diagnostics, omitted: error.omitted)
        }
    }

    private func timeZone(base: Scenario?) throws(LoadFailure) -> String {
        guard let text = options.timeZone else { return base?.timeZone ?? "UTC" }
        do throws(ValueError) { return try ValueSyntax.timeZone(text) } catch {
            throw LoadFailure(diagnostics: [Diagnostic(severity: .error, file: "--timezone", line: 0, column: 0, keyPath: "",
                                                       message: error.message, valid: error.valid, suggestion: error.suggestion)])
        }
    }

    /// Fits and writes `scenario.yaml` and the reports into the output directory.
    public func run() throws(StudyError) -> Outcome {
        let (fitted, text, name, warnings) = try self.fitted()
        let directory = options.directory
        let report = FitReport(fit: fitted, scenarioName: name, version: leadsimVersion)
        var files = [(name: "scenario.yaml", text: text)]
        if options.formats.contains(.markdown) { files.append(("fit.md", report.markdown())) }
        if options.formats.contains(.html) { files.append(("fit.html", report.html())) }
        if options.formats.contains(.json) { files.append(("fit.json", report.json().rendered())) }
        let written = try StudyFiles.write(files, to: directory)
        return Outcome(fit: fitted, scenarioText: text, written: written, directory: directory, warnings: warnings,
                       lines: FitStudy.lines(fitted))
    }

    /// One line per source and per team for the terminal.
    static func lines(_ fit: HistoryFit) -> [String] {
        var lines = fit.sources.map { s in
            "source \(s.name): \(s.leads) leads, \(Format.number(s.weeklyVolume))/week, "
                + (s.arrivals.map { $0.pattern == .product ? "hourly × weekdays" : "hour of week" } ?? "flat (too few leads)")
                + (s.dispersion.map { ", dispersion \(Format.number($0))" } ?? "")
                + (s.arrivals.map { $0.unusualDays.isEmpty ? "" : ", \($0.unusualDays.count) unusual day\($0.unusualDays.count == 1 ? "" : "s")" } ?? "")
        }
        for team in fit.teams {
            let reps = fit.reps.filter { $0.rep.team == team.name }
            let delay = team.touchDelay?.ranking.best.map {
                "touch delay \($0.family.rawValue), median \(Format.duration($0.median.value))"
            } ?? "touch delay kept (too few touches)"
            lines.append("team \(team.name): \(reps.count) reps, \(delay)")
        }
        return lines
    }
}
