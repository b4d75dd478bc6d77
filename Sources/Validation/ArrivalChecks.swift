import SimulationKernel
import SimulationModel
import Statistics

/// Cases against the arrival patterns: counts per hour of the week, pooled over weeks and
/// replications, against the expected counts of the pattern (Pearson's X² with known
/// expectations, so the total volume is tested too; p-value from GSL).
public enum ArrivalChecks {
    /// A day curve with a morning and an afternoon peak, and a quiet weekend.
    public static let hourly: [Double] = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 7, 8, 10, 9, 7, 5, 4, 3, 2, 2, 1, 1]
    public static let weekdays: [Double] = [1, 1, 1, 1, 0.8, 0.3, 0.2]

    /// `{hourly, weekdays}`: the 168 hour-of-week counts and the mean weekly total.
    public static func hourlyPattern(weeklyVolume: Double, weeks: Int, replications: Int, seed: UInt64) -> ValidationCase {
        let weights = (0..<168).map { hourly[$0 % 24] * weekdays[$0 / 24] }
        let total = weights.reduce(0, +)
        let expected = weights.map { weeklyVolume * $0 / total }
        let parameters = "hourly × weekdays, \(Int(weeklyVolume))/week, \(weeks)w × \(replications)"
        return pattern(.hourly(hourly: hourly, weekdays: weekdays), expected: expected, parameters: parameters,
                       weeklyVolume: weeklyVolume, weeks: weeks, replications: replications, seed: seed)
    }

    /// An hour-of-week curve that is no product of a day curve and weekday weights: weekday
    /// business peaks, a Saturday morning, a Sunday evening.
    public static let hourOfWeek: [Double] = (0..<168).map { i in
        let day = i / 24, hour = i % 24
        switch day {
        case 0..<5: return hourly[hour] * weekdays[day]
        case 5: return hour >= 8 && hour < 12 ? 4 : 0.2
        default: return hour >= 18 && hour < 22 ? 6 : 0.5
        }
    }

    /// `{hour_of_week}`: the 168 hour-of-week counts and the mean weekly total.
    public static func hourOfWeekPattern(weeklyVolume: Double, weeks: Int, replications: Int, seed: UInt64) -> ValidationCase {
        let total = hourOfWeek.reduce(0, +)
        let parameters = "hour_of_week, \(Int(weeklyVolume))/week, \(weeks)w × \(replications)"
        return pattern(.hourOfWeek(hourOfWeek), expected: hourOfWeek.map { weeklyVolume * $0 / total }, parameters: parameters,
                       weeklyVolume: weeklyVolume, weeks: weeks, replications: replications, seed: seed)
    }

    /// `business-hours`: zero outside Mon–Fri 09:00–18:00, even over the 45 hours inside.
    public static func businessHours(weeklyVolume: Double, weeks: Int, replications: Int, seed: UInt64) -> ValidationCase {
        let expected = (0..<168).map { i -> Double in
            let day = i / 24, hour = i % 24
            return day < 5 && hour >= 9 && hour < 18 ? weeklyVolume / 45 : 0
        }
        let parameters = "business-hours, \(Int(weeklyVolume))/week, \(weeks)w × \(replications)"
        return pattern(.businessHours, expected: expected, parameters: parameters,
                       weeklyVolume: weeklyVolume, weeks: weeks, replications: replications, seed: seed)
    }

    static func pattern(_ pattern: ArrivalPattern, expected perWeek: [Double], parameters: String,
                        weeklyVolume: Double, weeks: Int, replications: Int, seed: UInt64) -> ValidationCase {
        ValidationCase(name: "arrivals \(parameters)", expectedLeads: weeklyVolume * Double(weeks * replications)) { jobs in
            let (scenario, rules) = QueueingWorld.arrivals(pattern: pattern, weeklyVolume: weeklyVolume, weeks: weeks,
                                                           replications: replications, seed: seed)
            let runs = try ValidationCase.simulate(scenario, rules, jobs: jobs)
            var observed = Array(repeating: 0, count: 168)
            for run in runs {
                for (h, hour) in run.hourly.enumerated() { observed[h % 168] += hour.arrivals }
            }
            let looks = Double(weeks * replications)
            var x2 = 0.0, bins = 0, outside = 0
            for i in 0..<168 {
                let e = perWeek[i] * looks
                if e > 0 {
                    let d = Double(observed[i]) - e
                    x2 += d * d / e
                    bins += 1
                } else {
                    outside += observed[i]
                }
            }
            let leads = runs.reduce(0) { $0 + $1.counted }
            var rows = [
                ValidationRow(model: "arrivals", parameters: parameters, metric: "leads per week",
                              exact: weeklyVolume,
                              evidence: .replications(runs.map { Double($0.counted) / Double(weeks) }), leads: leads),
                ValidationRow(model: "arrivals", parameters: parameters,
                              metric: "hour-of-week counts, X² over \(bins) bins",
                              exact: Double(bins), evidence: .chiSquare(statistic: x2, degreesOfFreedom: bins), leads: leads),
            ]
            if bins < 168 {
                rows.append(ValidationRow(model: "arrivals", parameters: parameters, metric: "leads outside business hours",
                                          exact: 0, evidence: .exactCount(outside), leads: leads))
            }
            return rows
        }
    }
}
