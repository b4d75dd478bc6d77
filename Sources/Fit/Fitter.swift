import History
import InputAnalysis
import SimulationKernel
import SimulationModel

/// Fits a scenario to a history (SPEC §8): arrivals and fields per source, the roster, each
/// rep's schedule, touch delay, handle time and open-lead cap. Pure: no files.
public enum Fitter {
    /// A rep with fewer first touches than this gets its team's pooled touch-delay fit (and
    /// likewise for handle time with closed leads).
    public static let minimumOwnTouches = 30
    /// A source with fewer leads than this keeps a flat pattern: too few for a weekly shape.
    public static let minimumLeadsForShape = 50
    /// A rep with fewer first touches than this has its schedule inferred from its team's.
    public static let minimumTouchesForSchedule = 30
    /// Fewest observed durations a family is fitted to.
    public static let minimumObserved = 5

    /// Fits `history`; `base` (with its top-level sections) gives schedules, zones, capacities
    /// and what the history cannot.
    public static func fit(_ history: History, timeZone: String, base: Scenario? = nil, basePath: String? = nil,
                           baseSections: [(key: String, text: String)] = []) -> HistoryFit {
        var notes: [String] = []
        let firstCreated = history.leads.map(\.createdAt).min() ?? history.asOf
        let lastCreated = history.leads.map(\.createdAt).max() ?? history.asOf
        let end = max(history.asOf, lastCreated + 1)
        let calendar = LocalCalendar(zone: timeZone, from: firstCreated, to: end)
        let start = calendar.midnight(before: firstCreated)
        let span = (end - start) / 86_400
        if span < 7 {
            notes.append("The history covers \(String(format: "%.1f", span)) days, less than a week: weekdays it does not "
                         + "cover get no leads, and the weekly volume is scaled from the days it has.")
        }
        let exposure = calendar.exposure(from: start, to: end)
        let sources = history.sources.indices.map { s in
            fitSource(s, history, calendar: calendar, exposure: exposure, base: base, notes: &notes)
        }
        var roster = Roster(history, timeZone: timeZone, base: base, calendar: calendar, span: (start, end), notes: &notes)
        roster.fitDurations(history, start: start, end: history.asOf, base: base, notes: &notes)
        if base == nil {
            notes.append("No --scenario: each rep works in the scenario zone \(timeZone) unless its first touches fit a "
                         + "schedule in another zone more tightly (seen only when the history spans weeks where the zones' "
                         + "DST rules differ); capacities per day, weights, "
                         + "skills, absences and shrinkage are left at their defaults (none).")
        }
        if !history.leads.contains(where: { $0.closedAt != nil }) {
            notes.append("No closed_at column (or none filled): handle time and the open-lead cap cannot be measured; "
                         + "handle time is 0s (a lead frees its rep at first touch) and capacity.open "
                         + "\(Roster.unboundedOpen) (never binding) unless the base scenario says otherwise.")
        }
        notes.append("Patience (leads going cold), enrichment and bursts are not in a history: "
                     + (base == nil ? "none are modelled." : "patience is kept from the base scenario's sources of the same name."))
        var accountTeams: [String: Int] = [:]
        let teamOfRep = Dictionary(roster.reps.map { ($0.rep.name, $0.rep.team) }, uniquingKeysWith: { a, _ in a })
        for lead in history.leads where lead.account != nil {
            if let owner = history.ownerName(of: lead), let team = teamOfRep[owner] { accountTeams[team, default: 0] += 1 }
        }
        let accountOwnerTeam = accountTeams.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        return HistoryFit(file: history.file, timeZone: timeZone, start: start, asOf: history.asOf,
                          leadCount: history.leads.count, accountCount: history.accounts.count,
                          accountOwnerTeam: accountOwnerTeam, sources: sources, teams: roster.teams, reps: roster.reps,
                          leftOut: history.leftOut, assumptions: notes, basePath: basePath, base: base,
                          baseSections: baseSections)
    }

    // MARK: Sources

    private static func fitSource(_ s: Int, _ history: History, calendar: LocalCalendar, exposure: [Int: [Double]],
                                  base: Scenario?, notes: inout [String]) -> SourceFit {
        let name = history.sources[s]
        let leads = history.leads.indices.filter { history.leads[$0].source == s }
        var counts: [Int: [Int]] = [:]
        var byHour = Array(repeating: 0, count: 168)
        for i in leads {
            let t = history.leads[i].createdAt
            let (day, seconds) = calendar.local(t)
            let hour = min(23, Int(seconds / 3600))
            counts[day, default: Array(repeating: 0, count: 24)][hour] += 1
            byHour[LocalCalendar.weekday(ofDay: day) * 24 + hour] += 1
        }
        var exposureByHour = Array(repeating: 0.0, count: 168)
        for (day, hours) in exposure {
            let weekday = LocalCalendar.weekday(ofDay: day)
            for h in 0..<24 { exposureByHour[weekday * 24 + h] += hours[h] }
        }
        let totalHours = exposureByHour.reduce(0, +)
        var arrivals: ArrivalAnalysis?
        var weekly = totalHours > 0 ? Double(leads.count) / totalHours * 168 : 0
        var pattern = ArrivalPattern.flat
        var dispersion: Double?
        if leads.count >= minimumLeadsForShape {
            let days = exposure.keys.sorted().map { day in
                var hours = exposure[day]!
                let dayCounts = counts[day] ?? Array(repeating: 0, count: 24)
                // A lead at an instant with no exposure (at the export time itself) counts in an open hour.
                for h in 0..<24 where dayCounts[h] > 0 && hours[h] == 0 { hours[h] = 1.0 / 3600 }
                return ObservedDay(date: CalendarDate(daysSinceEpoch: day), counts: dayCounts, exposureHours: hours)
            }
            let analysis = ArrivalAnalysis(days: days)
            arrivals = analysis
            weekly = analysis.weeklyVolume.value
            pattern = analysis.pattern == .product
                ? .hourly(hourly: analysis.hourFactors, weekdays: analysis.weekdayRates)
                : .hourOfWeek(analysis.hourOfWeekRates)
            dispersion = analysis.dispersion.overDispersed && analysis.dispersion.cv > 0 ? analysis.dispersion.cv : nil
        } else {
            notes.append("Source \(name): \(leads.count) leads, fewer than \(minimumLeadsForShape): too few for a weekly "
                         + "shape, so its pattern is flat and its volume the plain average.")
        }
        let fields = history.fields.indices.compactMap { fitField($0, of: leads, history) }
        let accountMatch = history.leads.contains { $0.account != nil } || history.accounts.count > 0
            ? Share(count: leads.filter { history.leads[$0].account != nil }.count, total: leads.count) : nil
        let patience = base?.sources.first { $0.name == name }?.patience
        return SourceFit(name: name, leads: leads.count, arrivals: arrivals, weeklyVolume: weekly, pattern: pattern,
                         dispersion: dispersion, observedByHourOfWeek: byHour, exposureByHourOfWeek: exposureByHour,
                         fields: fields, accountMatch: accountMatch, patience: patience)
    }

    /// Numeric fields with at most this many distinct values are written as categories (a
    /// 1–5 priority is a choice among five values, not a continuous draw).
    static let maximumNumericCategories = 12

    private static func fitField(_ f: Int, of leads: [Int], _ history: History) -> FieldFit? {
        var counts: [FieldValue: Int] = [:]
        var blanks = 0
        for i in leads {
            if let value = history.value(field: f, lead: i) { counts[value, default: 0] += 1 } else { blanks += 1 }
        }
        guard !counts.isEmpty else { return nil }
        let name = history.fields[f].name
        let missing = Share(count: blanks, total: leads.count)
        let numbers = counts.keys.compactMap { value -> Double? in
            if case .number(let v) = value { return v }
            return nil
        }
        if numbers.count == counts.count && counts.count > maximumNumericCategories {
            var values: [Double] = []
            values.reserveCapacity(leads.count - blanks)
            for (value, n) in counts {
                if case .number(let v) = value { values += repeatElement(v, count: n) }
            }
            values.sort()
            let analysis = NumericFieldAnalysis(values: values, blanks: blanks)
            if analysis.ranking.best != nil { return FieldFit(name: name, mix: .numeric(analysis), missing: missing) }
        }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.description < $1.key.description }
            .map { (value: $0.key, count: $0.value) }
        let analysis = CategoricalFieldAnalysis(
            counts: Dictionary(counts.map { ($0.key.description, $0.value) }, uniquingKeysWith: +), blanks: blanks)
        return FieldFit(name: name, mix: .categorical(ordered, analysis), missing: missing)
    }
}
