/// The world a rule set runs in (SPEC §2): sources, reps, teams and run settings.
///
/// Built only by `ScenarioFile` after validation; every reference in it resolves.
public struct Scenario: Sendable {
    public var name: String
    /// The first instant of the run (start of the warm-up).
    public var start: Instant
    /// IANA time zone of the scenario (sources' patterns, business hours, holidays).
    public var timeZone: String
    public var horizon: Seconds
    public var warmup: Seconds
    /// How long counted leads may still be served after the horizon (default 30 days).
    public var drain: Seconds
    public var replications: Int
    public var seed: UInt64
    public var businessHours: WeeklySchedule
    public var holidays: [CalendarDate]
    public var sources: [Source]
    public var metrics: MetricsSettings
    /// How the reports present the results (`report:`).
    public var report: ReportSettings
    public var enrichment: Enrichment?
    public var accounts: Accounts?
    public var teams: [Team]
    /// Every rep, `count:` expanded and `defaults.rep` merged, in declaration order.
    public var reps: [Rep]

    public init(
        name: String, start: Instant, timeZone: String, horizon: Seconds, warmup: Seconds,
        drain: Seconds = 30 * 86_400, replications: Int, seed: UInt64,
        businessHours: WeeklySchedule = .defaultBusinessHours, holidays: [CalendarDate] = [],
        sources: [Source], metrics: MetricsSettings = MetricsSettings(), enrichment: Enrichment? = nil,
        accounts: Accounts? = nil, teams: [Team], reps: [Rep], report: ReportSettings = ReportSettings()
    ) {
        self.name = name
        self.start = start
        self.timeZone = timeZone
        self.horizon = horizon
        self.warmup = warmup
        self.drain = drain
        self.replications = replications
        self.seed = seed
        self.businessHours = businessHours
        self.holidays = holidays
        self.sources = sources
        self.metrics = metrics
        self.report = report
        self.enrichment = enrichment
        self.accounts = accounts
        self.teams = teams
        self.reps = reps
    }

    /// The reps of a team, in declaration order.
    public func reps(ofTeam team: String) -> [Rep] { reps.filter { $0.team == team } }
}

/// A lead arrival stream.
public struct Source: Sendable {
    public var name: String
    /// Expected leads per week (any rate unit converted: /min ×10080, /h ×168, /day ×7).
    public var weeklyVolume: Double
    public var pattern: ArrivalPattern
    /// Coefficient of variation of a gamma day multiplier with mean 1 (nil: none).
    public var dispersion: Double?
    public var bursts: [Burst]
    /// Wall-clock patience from arrival (nil: leads never go cold).
    public var patience: DistributionSpec?
    /// Field generators in declaration order (a `by:` field follows the field it depends on).
    public var fields: [FieldSpec]
    /// Share of leads that match an existing account (0…1).
    public var accountMatch: Double
    /// Share of leads arriving without each field (enrichment gap), by field name.
    public var missing: [String: Double]
    /// Recorded leads replayed instead of generated arrivals (then `weeklyVolume` is 0 and
    /// `fields` only generates fields the file does not have).
    public var replay: Replay?

    public init(
        name: String, weeklyVolume: Double, pattern: ArrivalPattern = .flat, dispersion: Double? = nil,
        bursts: [Burst] = [], patience: DistributionSpec? = nil, fields: [FieldSpec] = [],
        accountMatch: Double = 0, missing: [String: Double] = [:], replay: Replay? = nil
    ) {
        self.name = name
        self.weeklyVolume = weeklyVolume
        self.pattern = pattern
        self.dispersion = dispersion
        self.bursts = bursts
        self.patience = patience
        self.fields = fields
        self.accountMatch = accountMatch
        self.missing = missing
        self.replay = replay
    }
}

/// How a source's weekly volume is spread over the week (scenario-local time).
public enum ArrivalPattern: Hashable, Sendable {
    /// Evenly in real time.
    case flat
    /// Evenly over the scenario's business hours, none on holidays (their share is lost).
    case businessHours
    /// Rate ∝ hourly[h] × weekdays[d]; 24 hourly and 7 weekday weights (Monday first).
    case hourly(hourly: [Double], weekdays: [Double])
    /// Rate ∝ the weight of the local hour of the week; 168 weights, Monday 00:00 first.
    case hourOfWeek([Double])
}

/// Extra leads spread evenly over `over` from `at`.
public struct Burst: Hashable, Sendable {
    public var at: Instant
    public var leads: Int
    public var over: Seconds

    public init(at: Instant, leads: Int, over: Seconds) {
        self.at = at
        self.leads = leads
        self.over = over
    }
}

/// A lead field value as written in files (before interning).
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case bool(Bool)

    public var description: String {
        switch self {
        case .text(let s): return s
        case .number(let v):
            return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case .bool(let b): return b ? "true" : "false"
        }
    }
}

/// How a source generates one lead field.
public struct FieldSpec: Sendable {
    public enum Generator: Sendable {
        /// Categorical values with positive weights, in declaration order.
        case categorical([(value: FieldValue, weight: Double)])
        /// Categorical, conditional on the value of an earlier field (`by:`).
        /// A lead whose `by` field value has no entry (or is missing) gets no value.
        case conditional(by: String, [FieldValue: [(value: FieldValue, weight: Double)]])
        /// A number drawn from a distribution, multiplied by `scale`, rounded when `integer`.
        case numeric(DistributionSpec, scale: Double, integer: Bool)
        /// The same value for every lead.
        case constant(FieldValue)
    }

    public var name: String
    public var generator: Generator

    public init(name: String, generator: Generator) {
        self.name = name
        self.generator = generator
    }
}

/// Metric settings of a scenario (SPEC §4).
public struct MetricsSettings: Sendable {
    /// A counted lead without an owner this long after arrival is unowned (default 1h).
    public var unownedAfter: Seconds
    public var conversion: Conversion?

    public init(unownedAfter: Seconds = 3600, conversion: Conversion? = nil) {
        self.unownedAfter = unownedAfter
        self.conversion = conversion
    }
}

/// Expected-meetings model: P(convert | touched at TTFT t) = base × 2^(−t / halfLife).
public struct Conversion: Hashable, Codable, Sendable {
    public var base: Double
    public var halfLife: Seconds

    public init(base: Double, halfLife: Seconds) {
        self.base = base
        self.halfLife = halfLife
    }

    enum CodingKeys: String, CodingKey { case base, halfLife = "half_life" }
}

/// Fills missing fields after a delay.
public struct Enrichment: Sendable {
    public var delay: DistributionSpec
    /// Probability that enrichment finds the missing fields.
    public var success: Double
    /// Whether routing waits for enrichment (false: route at once).
    public var wait: Bool

    public init(delay: DistributionSpec, success: Double, wait: Bool) {
        self.delay = delay
        self.success = success
        self.wait = wait
    }
}

/// Existing accounts that leads can match, their attributes and their owners.
public struct Accounts: Sendable {
    public var count: Int
    public var owners: AccountOwners
    /// Share of accounts owned by a rep who has left (outdated ownership).
    public var staleOwner: Double
    /// Account attributes, generated like lead fields; a lead matching an account takes them.
    public var fields: [FieldSpec]

    public init(count: Int, owners: AccountOwners, staleOwner: Double = 0, fields: [FieldSpec] = []) {
        self.count = count
        self.owners = owners
        self.staleOwner = staleOwner
        self.fields = fields
    }

    /// Accounts owned by one team's reps.
    public init(count: Int, ownerTeam: String, staleOwner: Double = 0, fields: [FieldSpec] = []) {
        self.init(count: count, owners: .team(ownerTeam), staleOwner: staleOwner, fields: fields)
    }
}

/// Which team's reps own the accounts.
public enum AccountOwners: Hashable, Sendable {
    /// Every account, spread over this team's reps.
    case team(String)
    /// By the value of an account field: the accounts with a listed value are spread over its
    /// team's reps; an account whose value is not listed (or missing) has no owner.
    case byField(String, teams: [FieldValue: String])
}

public struct Team: Hashable, Sendable {
    public var name: String
    /// Optional escalation target (a rep name).
    public var manager: String?
    /// IANA zone of the team's business clock (nil: the scenario's).
    public var timeZone: String?
    /// The team's business hours (nil: the scenario's).
    public var businessHours: WeeklySchedule?
    /// The team's holidays, replacing the scenario's for its reps and business clock (nil: the scenario's).
    public var holidays: [CalendarDate]?

    public init(name: String, manager: String? = nil, timeZone: String? = nil, businessHours: WeeklySchedule? = nil,
                holidays: [CalendarDate]? = nil) {
        self.name = name
        self.manager = manager
        self.timeZone = timeZone
        self.businessHours = businessHours
        self.holidays = holidays
    }
}

/// The calendar of a business clock: zone, business hours and holidays (SPEC §7 team calendars).
public struct BusinessCalendar: Hashable, Sendable {
    public var timeZone: String
    public var businessHours: WeeklySchedule
    public var holidays: [CalendarDate]

    public init(timeZone: String, businessHours: WeeklySchedule, holidays: [CalendarDate]) {
        self.timeZone = timeZone
        self.businessHours = businessHours
        self.holidays = holidays
    }
}

extension Scenario {
    /// The scenario's business calendar: its zone, business hours and holidays.
    public var businessCalendar: BusinessCalendar {
        BusinessCalendar(timeZone: timeZone, businessHours: businessHours, holidays: holidays)
    }

    /// A team's business calendar: the team's own keys, the scenario's where it sets none
    /// (an undeclared team name: the scenario's).
    public func businessCalendar(ofTeam name: String) -> BusinessCalendar {
        guard let team = teams.first(where: { $0.name == name }) else { return businessCalendar }
        return BusinessCalendar(timeZone: team.timeZone ?? timeZone, businessHours: team.businessHours ?? businessHours,
                                holidays: team.holidays ?? holidays)
    }

    /// The holidays the reps of a team are off on: the team's, else the scenario's.
    public func holidays(ofTeam name: String) -> [CalendarDate] {
        teams.first { $0.name == name }?.holidays ?? holidays
    }
}

/// One rep, with `defaults.rep` already merged.
public struct Rep: Sendable {
    public var name: String
    public var team: String
    /// IANA zone of the rep's schedule and calendar days (defaults to the scenario's).
    public var timeZone: String
    public var schedule: WeeklySchedule
    /// Open leads held at once (default 25).
    public var capacityOpen: Int
    /// New assignments per local calendar day (nil: no cap).
    public var capacityPerDay: Int?
    public var weight: Double
    public var skills: [String]
    /// On-shift time from assignment to first touch.
    public var touchDelay: DistributionSpec
    /// Wall-clock time from first touch to closed.
    public var handleTime: DistributionSpec
    public var absent: [DateRange]
    /// Probability of a random whole day off, per local day.
    public var absenceRate: Double
    /// Hire date (nil: active from the start).
    public var activeFrom: CalendarDate?
    /// The rep that `staff` clones when adding reps to its team.
    public var isTemplate: Bool
    /// Probability that an on-shift 30-minute block is unavailable (SPEC §7 shrinkage), in [0, 1).
    public var shrinkage: Double

    public init(
        name: String, team: String, timeZone: String, schedule: WeeklySchedule,
        capacityOpen: Int = 25, capacityPerDay: Int? = nil, weight: Double = 1, skills: [String] = [],
        touchDelay: DistributionSpec = .constant(900),
        handleTime: DistributionSpec = .exponential(mean: 86_400),
        absent: [DateRange] = [], absenceRate: Double = 0, activeFrom: CalendarDate? = nil,
        isTemplate: Bool = false, shrinkage: Double = 0
    ) {
        self.name = name
        self.team = team
        self.timeZone = timeZone
        self.schedule = schedule
        self.capacityOpen = capacityOpen
        self.capacityPerDay = capacityPerDay
        self.weight = weight
        self.skills = skills
        self.touchDelay = touchDelay
        self.handleTime = handleTime
        self.absent = absent
        self.absenceRate = absenceRate
        self.activeFrom = activeFrom
        self.isTemplate = isTemplate
        self.shrinkage = shrinkage
    }
}
