import SimulationModel
import TextFormats

/// The scenario file (SPEC §2): the world leads arrive in and the reps who work them.
extension FileFormat {
    public static let scenario = ObjectFormat("a scenario", [
        KeyFormat("name", .text, "Name of the scenario; reports go to Reports/<name> by default.", required: true),
        KeyFormat("start", .anyOf([.syntax(.timestamp), .syntax(.date)]),
                  "When simulated time begins: a timestamp such as 2026-01-05T00:00, or a date (local midnight).",
                  required: true),
        KeyFormat("timezone", .syntax(.timeZone),
                  "IANA time zone of the scenario: shifts, patterns, business hours and day boundaries are local to it.",
                  required: true),
        KeyFormat("horizon", .syntax(.duration), "Simulated time after the warm-up in which counted leads arrive.",
                  required: true),
        KeyFormat("warmup", .syntax(.duration), "Simulated time before the horizon, excluded from every metric (default 0s)."),
        KeyFormat("drain", .syntax(.duration),
                  "How long counted leads may still be served after the horizon (default 30d); untouched ones are censored."),
        KeyFormat("replications", .integer(minimum: 1, maximum: ScenarioLoader.maximumReplications),
                  "Independent runs per rule set; metrics are averaged over them with a 95% CI (default 10)."),
        KeyFormat("seed", .unsignedInteger, "Seed of every random stream; the same seed gives the same results (default 1)."),
        KeyFormat("business_hours", .syntax(.schedule),
                  "Business hours for business-time SLAs, business-hours sources and reports (default weekdays 09:00-18:00)."),
        KeyFormat("holidays", .list(.syntax(.date)), "Dates off for everyone: business hours skip them, reps are off all day."),
        KeyFormat("sources", .list(.object(source), minimum: 1), "Lead arrival streams.", required: true),
        KeyFormat("metrics", .object(metrics), "Settings of the metrics."),
        KeyFormat("report", .object(report), "How the reports present the results."),
        KeyFormat("enrichment", .object(enrichment), "Fills missing lead fields after a delay (optional)."),
        KeyFormat("accounts", .object(accounts), "Existing accounts that leads may match, with their owners (optional)."),
        KeyFormat("teams", .list(.object(team)), "The teams reps belong to.", required: true),
        KeyFormat("reps", .list(.object(rep), minimum: 1), "The reps: one entry per rep, or a numbered group with count.",
                  required: true),
        KeyFormat("defaults", .object(defaults), "Settings every rep gets unless it sets its own."),
    ])

    // MARK: Sources

    public static let source = ObjectFormat("a source", [
        KeyFormat("name", .text, "Name of the source (unique).", required: true),
        // Required unless the source replays a file (checked by the loader).
        KeyFormat("volume", .syntax(.rate), "How many leads arrive: 45/min, 300/h, 1200/day, 5000/week or 6000/month (not with replay)."),
        KeyFormat("pattern", .anyOf([.choice(["flat", "business-hours"], what: "arrival pattern"), .object(hourlyPattern),
                                     .object(hourOfWeekPattern)]),
                  "How the volume spreads over the week: flat (default), business-hours, {hourly: [24], weekdays: [7]} or {hour_of_week: [168]}."),
        KeyFormat("dispersion", .number(minimum: 0, maximum: 10),
                  "Day-to-day volume noise (gamma-mixed Poisson); 0 is a plain Poisson stream."),
        KeyFormat("bursts", .list(.object(burst)), "One-off waves of extra leads."),
        KeyFormat("patience", .reference(durationDistribution),
                  "Time from arrival after which an untouched lead goes cold (optional)."),
        KeyFormat("fields", .reference(fields), "The lead fields this source generates and how they are drawn."),
        KeyFormat("account_match", .syntax(.share), "Share of leads matching an existing account (needs accounts:)."),
        KeyFormat("missing", .object(missingShares),
                  "Share of leads arriving without a field, by field name (enrichment gap)."),
        KeyFormat("replay", .anyOf([.text, .object(replay)]),
                  "Replay recorded leads from a CSV file instead of generating arrivals (no volume, pattern, dispersion or bursts)."),
    ])

    static let replay = ObjectFormat("a replay", [
        KeyFormat("file", .text, "CSV file of recorded leads, relative to the scenario file.", required: true),
        KeyFormat("created_at", .text, "Column with each lead's creation timestamp (default created_at)."),
        KeyFormat("fields", .object(replayColumns), "Lead field → CSV column."),
        KeyFormat("date_format", .choice(DateFormat.allCases.map(\.rawValue), what: "date format"),
                  "How the CSV writes dates: iso (2025-10-08 13:05, default), us (10/08/2025 1:05 PM) or eu (08/10/2025 13:05)."),
        KeyFormat("scale", .number(exclusiveMinimum: 0), "Volume multiplier: below 1 keeps a share of leads, above 1 adds copies."),
        KeyFormat("align", .choice(["start", "recorded"], what: "alignment"),
                  "start: the first recorded lead arrives at the scenario start; recorded: keep recorded times."),
    ])

    static let replayColumns = ObjectFormat("field columns", [], otherKeys: .text)

    static let missingShares = ObjectFormat("missing-field shares", [], otherKeys: .syntax(.share))

    static let hourlyPattern = ObjectFormat("an hourly/weekday pattern", [
        KeyFormat("hourly", .list(.number(minimum: 0), minimum: 24, maximum: 24),
                  "24 relative weights, 00:00 to 23:00 scenario-local."),
        KeyFormat("weekdays", .list(.number(minimum: 0), minimum: 7, maximum: 7), "7 relative weights, Monday first."),
    ], minimumKeys: 1)

    static let hourOfWeekPattern = ObjectFormat("an hour-of-week pattern", [
        KeyFormat("hour_of_week", .list(.number(minimum: 0), minimum: 168, maximum: 168),
                  "168 relative weights, one per hour of the week, Monday 00:00 first, scenario-local.", required: true),
    ])

    static let burst = ObjectFormat("a burst", [
        KeyFormat("at", .syntax(.timestamp), "When the burst starts.", required: true),
        KeyFormat("leads", .integer(minimum: 1, maximum: 1_000_000), "How many extra leads arrive.", required: true),
        KeyFormat("over", .syntax(.duration), "Spread evenly over this time (default 0s: all at once)."),
    ])

    // MARK: Settings

    static let metrics = ObjectFormat("metrics settings", [
        KeyFormat("unowned_after", .syntax(.duration),
                  "A lead without an owner this long after arrival counts as unowned (default 1h)."),
        KeyFormat("conversion", .object(conversion), "Expected-meetings model: conversion falls with time to first touch."),
    ])

    static let report = ObjectFormat("report settings", [
        KeyFormat("headline", .list(.choice(ReportSettings.metricNames, what: "metric"), minimum: 1),
                  "Metrics the verdict leads with, in order (default: p90 first touch on the SLA's clock, then"
                    + " sla_met_rate, unowned_rate, load_gini); `--headline` replaces them."),
    ])

    static let conversion = ObjectFormat("a conversion model", [
        KeyFormat("base", .syntax(.share), "Chance that a lead touched at once converts.", required: true),
        KeyFormat("half_life", .syntax(.duration), "Time to first touch that halves the chance.", required: true),
    ])

    static let enrichment = ObjectFormat("enrichment settings", [
        KeyFormat("delay", .reference(durationDistribution), "Time from arrival until enrichment finishes.", required: true),
        KeyFormat("success", .syntax(.share), "Share of enrichments that fill the missing fields (default 1)."),
        KeyFormat("wait", .bool, "Routing waits for enrichment (default true); false routes at once."),
    ])

    static let accounts = ObjectFormat("accounts settings", [
        KeyFormat("count", .integer(minimum: 1, maximum: ScenarioLoader.maximumAccounts), "How many accounts exist.",
                  required: true),
        KeyFormat("fields", .reference(fields),
                  "Account attributes, generated like lead fields; a lead matching an account takes its values."),
        KeyFormat("owners", .anyOf([.object(accountOwners), .object(accountOwnersByField)]),
                  "Who owns the accounts: {team: T}, or {by: FIELD, VALUE: {team: T}, …} by an account field.",
                  required: true),
        KeyFormat("stale_owner", .syntax(.share), "Share of accounts owned by a rep who has left (outdated ownership)."),
    ])

    static let accountOwners = ObjectFormat("account owners", [
        KeyFormat("team", .text, "Team whose reps own the accounts (spread over them).", required: true),
    ])

    static let accountOwnersByField = ObjectFormat("account owners by field", [
        KeyFormat("by", .text, "An account field; each other key is one of its values (a value not listed has no owner).",
                  required: true),
    ], otherKeys: .object(accountOwners))

    // MARK: Teams and reps

    static let team = ObjectFormat("a team", [
        KeyFormat("name", .text, "Name of the team (unique).", required: true),
        KeyFormat("manager", .text, "A rep who receives escalated leads (on_breach: escalate)."),
        KeyFormat("timezone", .syntax(.timeZone),
                  "IANA time zone of the team's business clock (default: the scenario's); reps keep their own zone."),
        KeyFormat("business_hours", .syntax(.schedule),
                  "Business hours of the team's business clock, for leads first routed to its queues (default: the scenario's)."),
        KeyFormat("holidays", .list(.syntax(.date)),
                  "The team's holidays, replacing the scenario's for its reps and its business clock (default: the scenario's)."),
    ])

    public static let rep = ObjectFormat("a rep", [
        KeyFormat("name", .text, "Name of the rep, or a template with {i} when count is given (na-{i} gives na-1 … na-N).",
                  required: true),
        KeyFormat("team", .text, "The team of the rep (here or in defaults.rep)."),
        KeyFormat("count", .integer(minimum: 1, maximum: ScenarioLoader.maximumReps),
                  "Generates this many reps with the same settings; the name needs {i}."),
        KeyFormat("timezone", .syntax(.timeZone), "IANA time zone of the rep's schedule (default: the scenario's)."),
        KeyFormat("schedule", .syntax(.schedule),
                  "When the rep is on shift: always, or windows such as 'Mon-Thu 08:00-16:00, Fri 08:00-12:00'."),
        KeyFormat("capacity", .object(capacity), "Caps on open leads and new assignments per day."),
        KeyFormat("weight", .number(exclusiveMinimum: 0, maximum: 1_000_000),
                  "Relative share for weighted strategies (default 1)."),
        KeyFormat("skills", .list(.text), "Values matched by a queue's skill filter (e.g. languages)."),
        KeyFormat("touch_delay", .reference(durationDistribution),
                  "On-shift time from assignment to first touch (default 15m)."),
        KeyFormat("handle_time", .reference(durationDistribution),
                  "Wall-clock time from first touch until the lead frees its slot (default {exponential: {mean: 1d}})."),
        KeyFormat("absent", .list(.anyOf([.syntax(.date), .object(absence)])),
                  "Whole days off: a date, or {from, to} (both inclusive)."),
        KeyFormat("absence_rate", .syntax(.share), "Share of random whole days off."),
        KeyFormat("shrinkage", .syntax(.share),
                  "Share of on-shift time the rep cannot take or touch leads: each 30-minute block is out with this probability (below 1)."),
        KeyFormat("active_from", .syntax(.date), "Hire date: the rep takes no lead before it."),
        KeyFormat("template", .bool, "A blueprint for leadsim staff; the simulation leaves it out."),
    ])

    static let capacity = ObjectFormat("a capacity", [
        KeyFormat("open", .integer(minimum: 1, maximum: 100_000), "Open leads held at once (default 25)."),
        KeyFormat("per_day", .integer(minimum: 1, maximum: 100_000),
                  "New assignments per local day, reassignments included (default: no cap)."),
    ])

    static let absence = ObjectFormat("an absence", [
        KeyFormat("from", .syntax(.date), "First day off.", required: true),
        KeyFormat("to", .syntax(.date), "Last day off (inclusive).", required: true),
    ])

    static let defaults = ObjectFormat("defaults", [
        KeyFormat("rep", .object(repDefaults), "Settings every rep gets unless it sets its own; capacity merges key by key."),
    ])

    static let repDefaults = rep.removing(["name", "count"], what: "rep defaults")

    // MARK: Fields

    static let fields = "fields"
    static let fieldGenerator = "fieldGenerator"
    static let categoricalWeights = "categoricalWeights"

    static let fieldsFormat = ObjectFormat("lead fields", [
        KeyFormat("account", .fieldValue, "Reserved for the matched account.",
                  rejected: "'account' is reserved for the matched account"),
        KeyFormat("source", .fieldValue, "Built in: the name of the lead's source.",
                  rejected: "'source' is a built-in field: every lead's source name"),
    ], otherKeys: .reference(fieldGenerator))

    static let categoricalFormat = ObjectFormat("categorical weights", [],
                                                otherKeys: .number(exclusiveMinimum: 0), minimumKeys: 1)

    static let conditionalFieldFormat = ObjectFormat("a conditional field", [
        KeyFormat("by", .text, "A field declared earlier in this source; each other key is one of its values.",
                  required: true),
    ], otherKeys: .reference(categoricalWeights))

    /// A field value generator: a constant, weights, weights by another field, or a distribution.
    static let fieldGeneratorShape = ValueShape.anyOf([
        .fieldValue,
        .reference(categoricalWeights),
        .object(conditionalFieldFormat),
        .reference(fieldDistribution),
    ])
}
