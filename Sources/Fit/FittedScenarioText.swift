import Foundation
import History
import InputAnalysis
import SimulationModel

/// `scenario.yaml` of a fit: the fitted world, every fitted value commented with its evidence
/// (n, estimate, CI, chosen family and runner-up by AIC).
public enum FittedScenarioText {
    /// The base scenario's top-level sections copied as they are (with their comments).
    static let copiedSections = ["drain", "business_hours", "holidays", "metrics", "enrichment", "accounts"]

    public static func render(_ fit: HistoryFit, name: String, replications: Int, seed: UInt64) -> String {
        var out = "# Fitted by `leadsim fit` from \((fit.file as NSString).lastPathComponent): \(grouped(fit.leadCount)) leads, "
            + "\(date(fit.start, fit)) to \(date(fit.asOf, fit)) (as of \(timestamp(fit.asOf, fit))).\n"
        out += "# Every fitted value is commented with its evidence; fit.md has the charts and tables behind them.\n"
        if let basePath = fit.basePath { out += "# Roster, schedules, zones and capacities from \(basePath).\n" }
        if !fit.assumptions.isEmpty {
            out += FitProvenanceReader.notesHeading + "\n"
            for note in fit.assumptions { out += FitProvenanceReader.notePrefix + note.replacingOccurrences(of: "\n", with: " ") + "\n" }
        }
        out += "name: \(YAMLWriting.scalar(name))\n"
        out += "start: \(timestamp(fit.start, fit))\n"
        out += "timezone: \(fit.timeZone)\n"
        out += "horizon: \(max(1, Int(fit.days.rounded(.up))))d   # the history's span\n"
        out += "warmup: 0s\n"
        out += "replications: \(replications)\n"
        out += "seed: \(seed)\n"
        let copied = fit.baseSections.filter { copiedSections.contains($0.key) }
        for section in copied { out += section.text.hasSuffix("\n") ? section.text : section.text + "\n" }
        if fit.base?.accounts == nil, let accounts = accountsSection(fit) { out += accounts }
        out += "\nsources:\n"
        for source in fit.sources { out += sourceText(source) }
        out += "\nteams:\n"
        for team in fit.teams { out += teamText(team, base: fit.base?.teams.first { $0.name == team.name }) }
        out += "\nreps:\n"
        for rep in fit.reps { out += repText(rep, fit) }
        return out
    }

    // MARK: Sources

    private static func sourceText(_ source: SourceFit) -> String {
        var out = "  - name: \(YAMLWriting.scalar(source.name))\n"
        if let a = source.arrivals {
            let v = a.weeklyVolume
            out += "    # \(grouped(source.leads)) leads; \(YAMLWriting.number(v.value)) a week (95% CI \(YAMLWriting.number(v.ci95[0]))"
                + "–\(YAMLWriting.number(v.ci95[1])))"
            out += a.unusualDays.isEmpty ? "\n" : "; \(a.unusualDays.count) unusual day\(a.unusualDays.count == 1 ? "" : "s") set aside: "
                + a.unusualDays.prefix(6).map { "\($0.date) (\($0.count) vs \(YAMLWriting.number($0.expected, digits: 3)))" }
                .joined(separator: ", ") + (a.unusualDays.count > 6 ? ", …" : "") + "\n"
            let t = a.productTest
            out += "    # pattern: hourly × weekdays against hour of week, G² \(YAMLWriting.number(t.gSquared)) on \(t.degreesOfFreedom) df, "
                + "p \(YAMLWriting.number(t.pValue, digits: 2)): "
                + (a.pattern == .product ? "product form kept (not rejected at 1%)\n" : "product form rejected at 1%\n")
        } else {
            out += "    # \(grouped(source.leads)) leads: too few for a weekly shape (flat)\n"
        }
        out += "    volume: \(YAMLWriting.number(source.weeklyVolume))/week\n"
        switch source.pattern {
        case .hourly(let hourly, let weekdays):
            out += "    pattern:\n"
            out += "      hourly: [" + hourly.map { YAMLWriting.number($0, digits: 3) }.joined(separator: ", ") + "]\n"
            out += "      weekdays: [" + weekdays.map { YAMLWriting.number($0, digits: 4) }.joined(separator: ", ") + "]   # leads/hour, Mon first\n"
        case .hourOfWeek(let rates):
            out += "    pattern:   # leads per hour, Monday 00:00 first, one line per day\n      hour_of_week: [\n"
            for day in 0..<7 {
                out += "        " + rates[(day * 24)..<(day * 24 + 24)].map { YAMLWriting.number($0, digits: 3) }.joined(separator: ", ")
                    + (day < 6 ? ",\n" : "]\n")
            }
        case .flat, .businessHours:
            out += "    pattern: flat\n"
        }
        if let a = source.arrivals {
            let d = a.dispersion
            let test = "Pearson X² \(YAMLWriting.number(d.pearsonChiSquared)) on \(d.degreesOfFreedom) df, p \(YAMLWriting.number(d.pValue, digits: 2))"
            if let cv = source.dispersion {
                out += "    dispersion: \(YAMLWriting.number(cv, digits: 3))   # daily counts over-dispersed: \(test)\n"
            } else {
                out += "    # dispersion: none (daily counts not over-dispersed at 5%: \(test))\n"
            }
        }
        if let patience = source.patience {
            out += "    patience: \(YAMLWriting.distribution(patience, durations: true))   # kept from the base scenario\n"
        }
        if !source.fields.isEmpty {
            out += "    fields:\n"
            for field in source.fields { out += fieldText(field) }
        }
        let missing = source.fields.filter { $0.missing.count > 0 }
        if !missing.isEmpty {
            out += "    missing:\n"
            for field in missing {
                out += "      \(YAMLWriting.scalar(field.name)): \(YAMLWriting.number(field.missing.share, digits: 3))"
                    + "   # \(grouped(field.missing.count)) of \(grouped(field.missing.total)) blank\n"
            }
        }
        if let match = source.accountMatch, match.count > 0 {
            out += "    account_match: \(YAMLWriting.number(match.share, digits: 3))   # \(grouped(match.count)) of "
                + "\(grouped(match.total)) with an account (95% CI \(percent(match.ci95[0]))–\(percent(match.ci95[1])))\n"
        }
        return out
    }

    private static func fieldText(_ field: FieldFit) -> String {
        let key = YAMLWriting.scalar(field.name)
        switch field.mix {
        case .categorical(let values, _):
            let filled = values.reduce(0) { $0 + $1.count }
            return "      \(key): {" + values.map { "\(YAMLWriting.fieldValue($0.value)): \($0.count)" }.joined(separator: ", ")
                + "}   # counts of \(grouped(filled)) leads\n"
        case .numeric(let analysis):
            guard let best = analysis.ranking.best else { return "" }
            var text = "      \(key): {" + String(YAMLWriting.distribution(best.spec, durations: false).dropFirst().dropLast())
            if analysis.integer { text += ", integer: true" }
            return text + "}   # n \(grouped(analysis.missing.total - analysis.missing.count)); " + ranking(analysis.ranking, durations: false) + "\n"
        }
    }

    /// `accounts:` when the history has accounts and no base scenario says how they are owned.
    private static func accountsSection(_ fit: HistoryFit) -> String? {
        guard fit.sources.contains(where: { ($0.accountMatch?.count ?? 0) > 0 }), let team = fit.teams.first?.name else { return nil }
        let count = fit.accountCount
        return "accounts:   # \(grouped(count)) distinct accounts in the history; who owns them is not in it\n"
            + "  count: \(max(1, count))\n  owners: {team: \(YAMLWriting.scalar(fit.accountOwnerTeam ?? team))}\n"
    }

    // MARK: Teams and reps

    private static func teamText(_ team: TeamFit, base: Team?) -> String {
        var out = "  - name: \(YAMLWriting.scalar(team.name))\n"
        if let manager = base?.manager { out += "    manager: \(YAMLWriting.scalar(manager))\n" }
        if let zone = base?.timeZone { out += "    timezone: \(zone)\n" }
        if let hours = base?.businessHours { out += "    business_hours: \(YAMLWriting.quoted(YAMLWriting.schedule(hours)))\n" }
        if let holidays = base?.holidays { out += "    holidays: [" + holidays.map(\.description).joined(separator: ", ") + "]\n" }
        return out
    }

    private static func repText(_ fit: RepFit, _ world: HistoryFit) -> String {
        let rep = fit.rep
        var out = "  - name: \(YAMLWriting.scalar(rep.name))   # \(grouped(fit.assigned)) leads in the history\n"
        out += "    team: \(YAMLWriting.scalar(rep.team))\n"
        if rep.timeZone != world.timeZone { out += "    timezone: \(rep.timeZone)\n" }
        switch fit.scheduleOrigin {
        case .base: break
        case .ownTouches(let n): out += "    # schedule inferred from its \(grouped(n)) first touches (1st–99th percentile per day)\n"
        case .teamTouches(let n): out += "    # schedule inferred from its team's \(grouped(n)) first touches (too few of its own)\n"
        case .businessHours: out += "    # schedule: no first touches to infer from; the business hours\n"
        }
        out += "    schedule: \(YAMLWriting.quoted(YAMLWriting.schedule(rep.schedule)))\n"
        var capacity = "open: \(rep.capacityOpen)"
        if let perDay = rep.capacityPerDay { capacity += ", per_day: \(perDay)" }
        out += "    capacity: {\(capacity)}"
        if fit.scheduleOrigin != .base {
            out += fit.mostOpen.map { _ in "   # the most leads it held open at once (a lower bound of its cap)\n" }
                ?? "   # not measurable without closed_at: never binding\n"
        } else {
            out += fit.mostOpen.map { "   # base scenario; held at most \($0) open at once in the history\n" } ?? "\n"
        }
        if rep.weight != 1 { out += "    weight: \(YAMLWriting.number(rep.weight))\n" }
        if !rep.skills.isEmpty { out += "    skills: [" + rep.skills.map(YAMLWriting.scalar).joined(separator: ", ") + "]\n" }
        out += durationComment("touch delay", fit.touchDelay, fit.touchDelayOrigin, clock: "on its shift clock")
        out += "    touch_delay: \(YAMLWriting.distribution(rep.touchDelay, durations: true))\n"
        out += durationComment("handle time", fit.handleTime, fit.handleTimeOrigin, clock: "wall clock")
        out += "    handle_time: \(YAMLWriting.distribution(rep.handleTime, durations: true))\n"
        if !rep.absent.isEmpty {
            out += "    absent: [" + rep.absent.map { "{from: \($0.from), to: \($0.to)}" }.joined(separator: ", ") + "]\n"
        }
        if rep.absenceRate > 0 { out += "    absence_rate: \(YAMLWriting.number(rep.absenceRate))\n" }
        if rep.shrinkage > 0 { out += "    shrinkage: \(YAMLWriting.number(rep.shrinkage))\n" }
        if let from = rep.activeFrom { out += "    active_from: \(from)\n" }
        if rep.isTemplate { out += "    template: true\n" }
        return out
    }

    private static func durationComment(_ what: String, _ fit: DurationFit?, _ origin: DurationOrigin, clock: String) -> String {
        guard let fit else { return "    # \(what): kept (the history cannot tell)\n" }
        let whose = origin == .team ? "its team's pooled " : ""
        return "    # \(what): \(whose)n \(grouped(fit.observed + fit.censored)) (\(grouped(fit.censored)) censored), \(clock); "
            + ranking(fit.ranking, durations: true) + "\n"
    }

    /// `lognormal median 12.3m (95% CI 11.1m–13.6m), KS 0.031; runner-up gamma ΔAIC 14.2`.
    static func ranking(_ ranking: FamilyRanking, durations: Bool) -> String {
        guard let best = ranking.best else { return "no family could be fitted" }
        func show(_ v: Double) -> String { durations ? YAMLWriting.duration(v) : YAMLWriting.number(v) }
        var text = "\(best.family.rawValue) by AIC, median \(show(best.median.value)) (95% CI \(show(best.median.ci95[0]))–"
            + "\(show(best.median.ci95[1]))), KS \(YAMLWriting.number(best.goodness.kolmogorovSmirnov, digits: 2))"
        if let runnerUp = ranking.runnerUp {
            text += "; runner-up \(runnerUp.family.rawValue) ΔAIC \(YAMLWriting.number(runnerUp.aic - best.aic, digits: 3))"
        }
        return text
    }

    // MARK: Text

    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    private static func percent(_ share: Double) -> String { YAMLWriting.number(share * 100, digits: 3) + "%" }

    private static func timestamp(_ t: Instant, _ fit: HistoryFit) -> String {
        let calendar = LocalCalendar(zone: fit.timeZone, from: t, to: t)
        let (day, seconds) = calendar.local(t)
        let minutes = Int(seconds / 60)
        return "\(CalendarDate(daysSinceEpoch: day))T\(TimeOfDay(minutes: minutes))"
    }

    private static func date(_ t: Instant, _ fit: HistoryFit) -> String {
        CalendarDate(daysSinceEpoch: LocalCalendar(zone: fit.timeZone, from: t, to: t).local(t).day).description
    }
}
