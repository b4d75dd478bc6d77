import ArgumentParser
import LeadsimStudy
import Reports

/// `leadsim fit HISTORY`: a scenario fitted to a CRM history, with its assumption report.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scenario to a CRM history: arrivals, fields, reps, schedules, touch delays.",
        discussion: """
            Reads a history file (one row per lead: created_at, source, owner, team, assigned_at, \
            first_touch_at, closed_at, account, fields; renamed with --map) and writes DIR/scenario.yaml, \
            every fitted value commented with its evidence, and the assumption report fit.md, fit.html \
            and fit.json: weekly volumes with CIs, the weekly pattern chosen by a likelihood-ratio test, \
            dispersion and unusual days, field mixes, each rep's touch delay on its shift clock fitted \
            with right censoring (exponential, lognormal, gamma, weibull by AIC), handle time and open-lead \
            cap, and what the history could not tell. With --scenario the roster, schedules, zones and \
            capacities come from that file. Next: run the fitted scenario with the rules in force and \
            `leadsim backtest` it against the same history.
            Exit codes: 0 fitted, 1 invalid input, 2 usage.
            """
    )

    @Argument(help: "The history file (CSV, one row per lead).")
    var history: String

    @Option(help: ArgumentHelp("Map file renaming columns (columns:, fields:), as for import salesforce.", valueName: "file"))
    var map: String?

    @Option(help: ArgumentHelp("Base scenario: roster, schedules, zones and capacities, and what the history cannot give.",
                               valueName: "file"))
    var scenario: String?

    @Option(help: ArgumentHelp("Scenario time zone, IANA (default: the base scenario's, else UTC).", valueName: "zone"))
    var timezone: String?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Export time (default: the latest timestamp in the file); untouched leads are censored there.",
                               valueName: "timestamp"))
    var asOf: String?

    @Option(help: ArgumentHelp("How the history writes dates: iso (default), us (10/08/2025 1:05 PM) or eu (08/10/2025 13:05).",
                               valueName: "format"))
    var dateFormat: DateFormat = .iso

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String = "fit"

    @Option(help: ArgumentHelp("Reports to write besides scenario.yaml: a comma-separated list of md, html, json.", valueName: "list"))
    var format: String = "md,html,json"

    @Flag(help: "Only where the files went.")
    var quiet = false

    var formats: OutputFormats? { OutputFormats(list: format) }

    func validate() throws {
        if formats == nil || formats!.contains(.csv) {
            throw ValidationError("--format takes a comma-separated list of md, html, json; got '\(format)'")
        }
    }

    func run() throws {
        let options = FitStudy.Options(history: history, map: map, scenario: scenario, timeZone: timezone, asOf: asOf,
                                       dateFormat: dateFormat, directory: out, formats: formats!)
        let outcome = try FitStudy(options).run()
        for warning in outcome.warnings { printError(warning.description) }
        if !quiet { for line in outcome.lines { print(line) } }
        print("Wrote \(outcome.written.joined(separator: ", ")) to \(outcome.directory)")
    }
}
