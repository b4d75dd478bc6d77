import Foundation
internal import CGSL
import SimulationModel

/// One local calendar day of a source's history: arrivals and exposure per local hour.
public struct ObservedDay: Sendable, Hashable {
    public let date: CalendarDate
    /// Arrivals in each local hour 0…23.
    public let counts: [Int]
    /// Hours of history in each local hour: 1 normally, 0 before the history starts or after it
    /// ends (or for the hour a DST change skips), 2 for the hour a DST change repeats, a fraction
    /// for the hour the history starts or ends in.
    public let exposureHours: [Double]

    /// - Precondition: 24 counts ≥ 0 and 24 exposures ≥ 0; a count only where there is exposure.
    public init(date: CalendarDate, counts: [Int], exposureHours: [Double] = Array(repeating: 1, count: 24)) {
        precondition(counts.count == 24 && exposureHours.count == 24, "a day has 24 hourly counts and exposures")
        precondition(zip(counts, exposureHours).allSatisfy { $0 >= 0 && $1 >= 0 && ($0 == 0 || $1 > 0) },
                     "counts and exposures must be ≥ 0, and a count needs exposure")
        self.date = date
        self.counts = counts
        self.exposureHours = exposureHours
    }

    var total: Int { counts.reduce(0, +) }
}

/// The arrival pattern of one source from its daily history (SPEC §8): weekly volume, the
/// product form rate(d, h) = a_d · b_h against the saturated hour-of-week rates, day-to-day
/// dispersion and unusual days.
///
/// Unusual days (holidays, bursts) are set aside before anything is estimated. A first pass
/// fits the rates on every day and flags the days outside their 99.9% bounds under a robust
/// dispersion (`robustCV`: a median, so that one burst cannot widen the bounds enough to hide
/// itself or another). Then the fit runs on the ordinary days, the days outside their bounds
/// under that fit's dispersion are flagged, and the two steps repeat until the set of unusual
/// days no longer changes (at most `maxRounds` times).
public struct ArrivalAnalysis: Sendable {
    /// Which pattern the scenario gets.
    public enum Pattern: String, Sendable {
        /// `{hourly: [24], weekdays: [7]}`.
        case product
        /// `{hour_of_week: [168]}`, when the likelihood-ratio test rejects the product at 1%.
        case hourOfWeek = "hour_of_week"
    }

    /// The likelihood-ratio (deviance) test of the product form against the saturated table.
    public struct ProductTest: Sendable, Hashable {
        /// G² = 2 Σ [n ln(n/μ̂) − (n − μ̂)] over the weekday × hour cells.
        public let gSquared: Double
        /// (7 − 1)(24 − 1) = 138 for a table with every cell observed; cells, weekdays and hours
        /// with no exposure or no arrivals at all are not counted.
        public let degreesOfFreedom: Int
        /// P(χ²(df) > G²) (`gsl_cdf_chisq_Q`).
        public let pValue: Double
    }

    /// Day-to-day variation beyond Poisson.
    public struct Dispersion: Sendable, Hashable {
        /// Pearson X² = Σ (nᵢ − μᵢ)²/μᵢ over ordinary days, μᵢ the day's expected count.
        public let pearsonChiSquared: Double
        /// Ordinary days − the weekdays among them (the fitted rates reproduce each weekday's total).
        public let degreesOfFreedom: Int
        public let pValue: Double
        /// p < 5%.
        public let overDispersed: Bool
        /// The scenario's `dispersion`: cv of a Gamma(mean 1) day multiplier, Var n = μ + cv²μ²;
        /// the moment estimate cv² = (X²/df − 1)/μ̄ when over-dispersed (clipped at 0), else 0.
        public let cv: Double
    }

    /// One day against its expectation.
    public struct DayCheck: Sendable, Hashable {
        public let date: CalendarDate
        public let count: Int
        /// Σ over the day's hours of the fitted rate × exposure.
        public let expected: Double
        /// The central 99.9% range of the day's count: Poisson(expected), or the Poisson-gamma
        /// (negative binomial) with the fitted cv when over-dispersed.
        public let lower: Int
        public let upper: Int
        public var unusual: Bool { count < lower || count > upper }
    }

    /// The leads of a regular 168-hour week under the chosen pattern, with the exact (Garwood)
    /// Poisson 95% interval of the ordinary days' total scaled to it.
    public let weeklyVolume: ParameterEstimate
    /// The product form's weekday factor a_d (leads per hour, Monday first) …
    public let weekdayRates: [Double]
    /// … and hour factor b_h (mean 1 over observed hours): rate(d, h) = a_d · b_h leads per hour.
    public let hourFactors: [Double]
    /// The saturated rates, leads per hour, Monday 00:00 first (0 where no hour was observed).
    public let hourOfWeekRates: [Double]
    public let productTest: ProductTest
    public let pattern: Pattern
    public let dispersion: Dispersion
    /// Every day, in input order.
    public let days: [DayCheck]

    public var unusualDays: [DayCheck] { days.filter(\.unusual) }

    /// Rounds of fit-then-flag before the set of unusual days is taken as it is.
    public static let maxRounds = 10

    /// The fitted rate in leads per hour (weekday 0 = Monday, hour 0…23) under the chosen pattern.
    public func rate(weekday: Int, hour: Int) -> Double {
        pattern == .product ? weekdayRates[weekday] * hourFactors[hour] : hourOfWeekRates[weekday * 24 + hour]
    }

    /// - Precondition: at least one day.
    public init(days: [ObservedDay]) {
        precondition(!days.isEmpty, "arrival analysis needs at least one day")
        GSLSetup.prepare()
        var ordinary = ArrivalAnalysis.robustlyOrdinary(days)
        var round = 0
        while true {
            round += 1
            let table = WeekTable(days.indices.filter { ordinary[$0] }.map { days[$0] })
            let fit = table.rates()
            let (product, test, pattern, saturated, rates) = (fit.product, fit.test, fit.pattern, fit.saturated, fit.rates)
            let expected = ArrivalAnalysis.expectedCounts(days, rates)
            let dispersion = ArrivalAnalysis.dispersion(
                days.indices.filter { ordinary[$0] }.map { (days[$0].date.weekday, days[$0].total, expected[$0]) })
            let checks = days.indices.map { i in
                let bounds = ArrivalAnalysis.centralRange(mean: expected[i], cv: dispersion.cv, coverage: 0.999)
                return DayCheck(date: days[i].date, count: days[i].total, expected: expected[i],
                                lower: bounds.lower, upper: bounds.upper)
            }
            let nextOrdinary = checks.map { !$0.unusual }
            if nextOrdinary == ordinary || round == ArrivalAnalysis.maxRounds || !nextOrdinary.contains(true) {
                self.weekdayRates = product.weekday
                self.hourFactors = product.hour
                self.hourOfWeekRates = saturated
                self.productTest = test
                self.pattern = pattern
                self.dispersion = dispersion
                self.days = checks
                self.weeklyVolume = ArrivalAnalysis.weeklyVolume(rates: rates, table: table)
                return
            }
            ordinary = nextOrdinary
        }
    }

    /// Σ over each day's hours of rate × exposure.
    private static func expectedCounts(_ days: [ObservedDay], _ rates: [Double]) -> [Double] {
        days.map { day in
            (0..<24).reduce(0.0) { $0 + rates[day.date.weekday * 24 + $1] * day.exposureHours[$1] }
        }
    }

    /// The first pass: the rates fitted on every day, and the days inside their 99.9% bounds
    /// under the robust cv.
    private static func robustlyOrdinary(_ days: [ObservedDay]) -> [Bool] {
        let expected = expectedCounts(days, WeekTable(days).rates().rates)
        let cv = robustCV(zip(days, expected).map { (Double($0.total), $1) })
        return zip(days, expected).map { day, mean in
            let bounds = centralRange(mean: mean, cv: cv, coverage: 0.999)
            return day.total >= bounds.lower && day.total <= bounds.upper
        }
    }

    /// The cv at which the median of (n − μ)² / (μ + cv²μ²) over the days equals 0.4549, the
    /// median of χ²₁ (squared standardised residuals of counts near normal), found by bisection;
    /// 0 when the Poisson alone already explains the median. Insensitive to a few extreme days.
    static func robustCV(_ days: [(count: Double, expected: Double)]) -> Double {
        let used = days.filter { $0.expected > 0 }
        guard !used.isEmpty else { return 0 }
        let chiSquaredOneMedian = 0.454936423119572
        func median(_ cvSquared: Double) -> Double {
            let terms = used.map { ($0.count - $0.expected) * ($0.count - $0.expected)
                / ($0.expected + cvSquared * $0.expected * $0.expected) }.sorted()
            let m = terms.count / 2
            return terms.count % 2 == 1 ? terms[m] : (terms[m - 1] + terms[m]) / 2
        }
        guard median(0) > chiSquaredOneMedian else { return 0 }
        var low = 0.0, high = 1.0
        while median(high) > chiSquaredOneMedian && high < 1e6 { high *= 4 }
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if median(mid) > chiSquaredOneMedian { low = mid } else { high = mid }
        }
        return ((low + high) / 2).squareRoot()
    }

    /// Σ of the 168 rates, with the Garwood interval of the total count N scaled by volume/N.
    private static func weeklyVolume(rates: [Double], table: WeekTable) -> ParameterEstimate {
        let volume = rates.reduce(0, +)
        let total = table.counts.reduce(0, +)
        let exposure = table.exposure.reduce(0, +)
        let scale = total > 0 ? volume / total : 168 / exposure
        let lower = total > 0 ? gsl_cdf_chisq_Pinv(0.025, 2 * total) / 2 : 0
        let upper = gsl_cdf_chisq_Pinv(0.975, 2 * total + 2) / 2
        return ParameterEstimate(name: "weekly_volume", value: volume,
                                 standardError: total > 0 ? volume / total.squareRoot() : .nan,
                                 ci95: [lower * scale, upper * scale])
    }

    /// Pearson's X² of daily counts (weekday, count, expected) and the gamma-mixing cv.
    private static func dispersion(_ days: [(weekday: Int, count: Int, expected: Double)]) -> Dispersion {
        let used = days.filter { $0.expected > 0 }
        let chiSquared = used.reduce(0.0) { $0 + (Double($1.count) - $1.expected) * (Double($1.count) - $1.expected) / $1.expected }
        let df = used.count - Set(used.map(\.weekday)).count
        guard df > 0 else {
            return Dispersion(pearsonChiSquared: chiSquared, degreesOfFreedom: df, pValue: 1, overDispersed: false, cv: 0)
        }
        let pValue = gsl_cdf_chisq_Q(chiSquared, Double(df))
        let overDispersed = pValue < 0.05
        let meanExpected = used.reduce(0.0) { $0 + $1.expected } / Double(used.count)
        let cvSquared = overDispersed ? max(0, (chiSquared / Double(df) - 1) / meanExpected) : 0
        return Dispersion(pearsonChiSquared: chiSquared, degreesOfFreedom: df, pValue: pValue,
                          overDispersed: overDispersed, cv: cvSquared.squareRoot())
    }

    /// The smallest k with P(N ≤ k) ≥ (1 − coverage)/2 and the smallest with P(N ≤ k) ≥
    /// (1 + coverage)/2, N Poisson(mean) or, with cv > 0, negative binomial with size 1/cv²
    /// (the Poisson-gamma mixture of that mean and Var = mean + cv²·mean²).
    static func centralRange(mean: Double, cv: Double, coverage: Double) -> (lower: Int, upper: Int) {
        guard mean > 0 else { return (0, 0) }
        let size = cv > 0 ? 1 / (cv * cv) : 0
        func cdf(_ k: Int) -> Double {
            let count = UInt32(clamping: k)
            return cv > 0 ? gsl_cdf_negative_binomial_P(count, size / (size + mean), size) : gsl_cdf_poisson_P(count, mean)
        }
        func quantile(_ p: Double) -> Int {
            var high = max(1, Int(mean))
            while cdf(high) < p { high *= 2 }
            var low = -1
            while high - low > 1 {
                let mid = (low + high) / 2
                if cdf(mid) >= p { high = mid } else { low = mid }
            }
            return high
        }
        return (quantile((1 - coverage) / 2), quantile((1 + coverage) / 2))
    }
}

/// Counts and exposure hours on the 7 × 24 weekday-by-hour table (Monday 00:00 first).
struct WeekTable {
    var counts = Array(repeating: 0.0, count: 168)
    var exposure = Array(repeating: 0.0, count: 168)

    init(_ days: [ObservedDay]) {
        for day in days {
            let base = day.date.weekday * 24
            for hour in 0..<24 {
                counts[base + hour] += Double(day.counts[hour])
                exposure[base + hour] += day.exposureHours[hour]
            }
        }
    }

    /// The product form, its test, the pattern it leads to (hour of week when the test rejects
    /// at 1%), the saturated rates and the 168 rates of the chosen pattern.
    func rates() -> (product: (weekday: [Double], hour: [Double]), test: ArrivalAnalysis.ProductTest,
                     pattern: ArrivalAnalysis.Pattern, saturated: [Double], rates: [Double]) {
        let product = productFit()
        let test = productTest(product)
        let pattern: ArrivalAnalysis.Pattern = test.pValue < 0.01 ? .hourOfWeek : .product
        let saturated = saturatedRates()
        let rates = pattern == .product ? (0..<168).map { product.weekday[$0 / 24] * product.hour[$0 % 24] } : saturated
        return (product, test, pattern, saturated, rates)
    }

    /// n/e per cell, 0 where nothing was observed.
    func saturatedRates() -> [Double] {
        (0..<168).map { exposure[$0] > 0 ? counts[$0] / exposure[$0] : 0 }
    }

    /// The Poisson maximum-likelihood product form μ_dh = a_d b_h e_dh by iterative proportional
    /// fitting (each factor in turn matches its margin), b scaled to mean 1 over observed hours.
    func productFit() -> (weekday: [Double], hour: [Double]) {
        var a = Array(repeating: 0.0, count: 7)
        var b = Array(repeating: 1.0, count: 24)
        let dayTotals = (0..<7).map { d in (0..<24).reduce(0.0) { $0 + counts[d * 24 + $1] } }
        let hourTotals = (0..<24).map { h in (0..<7).reduce(0.0) { $0 + counts[$1 * 24 + h] } }
        for _ in 0..<10_000 {
            for d in 0..<7 {
                let denominator = (0..<24).reduce(0.0) { $0 + b[$1] * exposure[d * 24 + $1] }
                a[d] = denominator > 0 ? dayTotals[d] / denominator : 0
            }
            var change = 0.0
            for h in 0..<24 {
                let denominator = (0..<7).reduce(0.0) { $0 + a[$1] * exposure[$1 * 24 + h] }
                let next = denominator > 0 ? hourTotals[h] / denominator : 0
                change = max(change, abs(next - b[h]) / max(next, 1e-300))
                b[h] = next
            }
            if change < 1e-13 { break }
        }
        let observedHours = (0..<24).filter { h in (0..<7).contains { exposure[$0 * 24 + h] > 0 } }
        let meanB = observedHours.isEmpty ? 1 : observedHours.reduce(0.0) { $0 + b[$1] } / Double(observedHours.count)
        if meanB > 0 {
            b = b.map { $0 / meanB }
            a = a.map { $0 * meanB }
        }
        return (a, b)
    }

    /// The deviance of the product form against the saturated table.
    func productTest(_ product: (weekday: [Double], hour: [Double])) -> ArrivalAnalysis.ProductTest {
        var gSquared = 0.0
        var cells = 0
        var rows = Set<Int>(), columns = Set<Int>()
        for d in 0..<7 {
            for h in 0..<24 where exposure[d * 24 + h] > 0 {
                let n = counts[d * 24 + h]
                let mu = product.weekday[d] * product.hour[h] * exposure[d * 24 + h]
                guard mu > 0 else { continue }
                gSquared += 2 * ((n > 0 ? n * log(n / mu) : 0) - (n - mu))
                cells += 1
                rows.insert(d)
                columns.insert(h)
            }
        }
        let df = cells - (rows.count + columns.count - 1)
        let pValue = df > 0 ? gsl_cdf_chisq_Q(max(gSquared, 0), Double(df)) : 1
        return ArrivalAnalysis.ProductTest(gSquared: gSquared, degreesOfFreedom: df, pValue: pValue)
    }
}
