import History
import InputAnalysis
import SimulationModel

/// A scenario fitted to a history file (SPEC §8), with the evidence for every number: what
/// `scenario.yaml` is written from and what `fit.md`, `fit.html` and `fit.json` report.
public struct HistoryFit: Sendable {
    /// The history file as named in diagnostics.
    public var file: String
    /// The scenario's time zone (arrival patterns and inferred schedules are in it).
    public var timeZone: String
    /// Local midnight starting the first day of the history.
    public var start: Instant
    /// The export time: untouched leads are right-censored there.
    public var asOf: Instant
    public var leadCount: Int
    /// Distinct accounts in the history, and the team whose reps own most leads with one.
    public var accountCount: Int
    public var accountOwnerTeam: String?
    public var sources: [SourceFit]
    public var teams: [TeamFit]
    public var reps: [RepFit]
    /// History columns that became no field, and why.
    public var leftOut: [LeftOutColumn]
    /// What the history could not tell, and which value was kept instead.
    public var assumptions: [String]
    /// The `--scenario` file schedules, zones and capacities came from.
    public var basePath: String?
    /// The base scenario (nil without `--scenario`).
    public var base: Scenario?
    /// The base scenario's top-level sections fit copies as they are (`teams`, `accounts`, …).
    public var baseSections: [(key: String, text: String)]

    /// Days from `start` to `asOf`.
    public var days: Double { (asOf - start) / 86_400 }
}

/// One source: its arrivals and field mix.
public struct SourceFit: Sendable {
    public var name: String
    public var leads: Int
    /// The arrival analysis; nil when the source has too few leads for a weekly shape.
    public var arrivals: ArrivalAnalysis?
    /// Expected leads in a week.
    public var weeklyVolume: Double
    public var pattern: ArrivalPattern
    /// Day-to-day dispersion (cv of the day multiplier); nil when not over-dispersed.
    public var dispersion: Double?
    /// Observed leads per local hour of the week (Monday 00:00 first), summed over the history …
    public var observedByHourOfWeek: [Int]
    /// … and the hours of history behind each of those hours.
    public var exposureByHourOfWeek: [Double]
    public var fields: [FieldFit]
    /// Share of the source's leads with an account; nil without an `account` column.
    public var accountMatch: Share?
    /// Patience kept from the base scenario's source of the same name.
    public var patience: DistributionSpec?
}

/// One lead field of one source.
public struct FieldFit: Sendable {
    public enum Mix: Sendable {
        /// Values with their counts (the weights written), most frequent first.
        case categorical([(value: FieldValue, count: Int)], CategoricalFieldAnalysis)
        /// A numeric family chosen by AIC.
        case numeric(NumericFieldAnalysis)
    }

    public var name: String
    public var mix: Mix
    /// Share of the source's leads with the field blank.
    public var missing: Share
}

/// A duration fitted for a rep or pooled over a team: the sample and the family ranking.
public struct DurationFit: Sendable {
    /// Values seen to end (touched, closed).
    public var observed: Int
    /// Right-censored values (untouched or still open at the export time).
    public var censored: Int
    public var ranking: FamilyRanking
    public var kaplanMeier: KaplanMeier

    /// The distribution written: the best family by AIC.
    public var spec: DistributionSpec? { ranking.best?.spec }
}

/// Where a rep's duration came from.
public enum DurationOrigin: Sendable, Equatable {
    /// Fitted to the rep's own leads.
    case own
    /// The team's pooled fit (fewer than `Fitter.minimumOwnTouches` of its own).
    case team
    /// Kept from the base scenario or the default (the history could not tell).
    case kept
}

/// Where a rep's schedule came from.
public enum ScheduleOrigin: Sendable, Equatable {
    case base
    /// Inferred from this many of the rep's first touches.
    case ownTouches(Int)
    /// Inferred from this many first touches of the rep's team (the rep had too few).
    case teamTouches(Int)
    /// No first touches to infer from: the scenario's business hours.
    case businessHours
}

/// One rep: roster, schedule and service times.
public struct RepFit: Sendable {
    /// The rep as written (name, team, zone, schedule, capacities and fitted durations).
    public var rep: Rep
    /// Leads the history gives the rep as first owner.
    public var assigned: Int
    public var scheduleOrigin: ScheduleOrigin
    public var touchDelay: DurationFit?
    public var touchDelayOrigin: DurationOrigin
    public var handleTime: DurationFit?
    public var handleTimeOrigin: DurationOrigin
    /// The most leads the rep held open at once (nil without a `closed_at` column).
    public var mostOpen: Int?
    /// Whether the rep is in the history (false: a base rep with no leads).
    public var inHistory: Bool
}

/// One team: its reps and the pooled fits the reps with few touches take.
public struct TeamFit: Sendable {
    public var name: String
    public var reps: [String]
    public var touchDelay: DurationFit?
    public var handleTime: DurationFit?
}
