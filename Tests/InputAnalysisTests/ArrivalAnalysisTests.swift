import Foundation
import InputAnalysis
import RandomStreams
import SimulationModel
import Testing

/// A product-form week: weekday rates (leads per hour) times an hourly shape.
let weekdayLevels: [Double] = [9, 8, 8, 7.5, 6, 2.5, 2]
let hourShape: [Double] = (0..<24).map { h in h >= 8 && h < 19 ? 1.6 : (h >= 6 && h < 22 ? 0.8 : 0.35) }
let productRates: [Double] = (0..<168).map { weekdayLevels[$0 / 24] * hourShape[$0 % 24] }

/// `weeks` weeks from Monday 2026-01-05, each hour Poisson(rate × day multiplier), the day
/// multiplier Gamma(mean 1, cv) (1 when cv = 0).
func history(rates: [Double], weeks: Int, cv: Double = 0, seed: UInt64) -> [ObservedDay] {
    let stream = RandomStream(seed: seed)
    let monday = CalendarDate(year: 2026, month: 1, day: 5).daysSinceEpoch
    return (0..<(7 * weeks)).map { offset in
        let date = CalendarDate(daysSinceEpoch: monday + offset)
        let multiplier = cv > 0 ? stream.gamma(shape: 1 / (cv * cv), scale: cv * cv) : 1
        let counts = (0..<24).map { stream.poisson(mean: rates[date.weekday * 24 + $0] * multiplier) }
        return ObservedDay(date: date, counts: counts)
    }
}

@Suite("Arrival analysis")
struct ArrivalAnalysisTests {
    @Test func productTablesAreAcceptedAtTheStatedRate() {
        // 300 tables from a product form: rejections at 1% are Binomial(300, 0.01) (99.9% of
        // the time ≤ 10), and p < 10% happens Binomial(300, 0.1) times (99.9%: 14…48).
        let pValues = (0..<300).map { i in
            ArrivalAnalysis(days: history(rates: productRates, weeks: 4, seed: 1_000 + UInt64(i))).productTest.pValue
        }
        #expect(pValues.filter { $0 < 0.01 }.count <= 10)
        #expect((14...48).contains(pValues.filter { $0 < 0.1 }.count))
        let one = ArrivalAnalysis(days: history(rates: productRates, weeks: 4, seed: 99))
        #expect(one.productTest.degreesOfFreedom == 138)
        #expect(one.pattern == .product)
    }

    @Test func nonProductTableIsRejected() {
        // Weekends peak in the evening, weekdays in office hours: not a_d · b_h.
        let rates = (0..<168).map { i -> Double in
            let (d, h) = (i / 24, i % 24)
            return d >= 5 ? (h >= 17 && h < 23 ? 6 : 0.8) : productRates[i]
        }
        let analysis = ArrivalAnalysis(days: history(rates: rates, weeks: 4, seed: 8))
        #expect(analysis.productTest.pValue < 1e-6)
        #expect(analysis.pattern == .hourOfWeek)
        // The saturated rates are the observed means: within 4 Poisson standard errors.
        for i in 0..<168 {
            #expect(abs(analysis.hourOfWeekRates[i] - rates[i]) < 4 * (rates[i] / 4).squareRoot() + 1e-9)
            #expect(analysis.rate(weekday: i / 24, hour: i % 24) == analysis.hourOfWeekRates[i])
        }
    }

    @Test func productFactorsAndWeeklyVolume() {
        let weeks = 8
        let days = history(rates: productRates, weeks: weeks, seed: 21)
        let analysis = ArrivalAnalysis(days: days)
        #expect(analysis.pattern == .product && analysis.unusualDays.isEmpty)
        // IPF reproduces both margins of the table.
        let total = days.reduce(0) { $0 + $1.counts.reduce(0, +) }
        let fitted = (0..<168).reduce(0.0) { $0 + analysis.rate(weekday: $1 / 24, hour: $1 % 24) } * Double(weeks)
        #expect(abs(fitted - Double(total)) < 1e-6 * Double(total))
        for h in 0..<24 {
            let observed = days.reduce(0) { $0 + $1.counts[h] }
            let expected = (0..<7).reduce(0.0) { $0 + analysis.rate(weekday: $1, hour: h) } * Double(weeks)
            #expect(abs(expected - Double(observed)) < 1e-6 * Double(observed))
        }
        #expect(abs(analysis.hourFactors.reduce(0, +) - 24) < 1e-9)
        // Full weeks: the volume is total / weeks; the truth lies in the Poisson interval.
        #expect(abs(analysis.weeklyVolume.value - Double(total) / Double(weeks)) < 1e-6 * Double(total))
        let truth = productRates.reduce(0, +)
        #expect(analysis.weeklyVolume.ci95[0] < truth && truth < analysis.weeklyVolume.ci95[1])
        #expect(!analysis.dispersion.overDispersed && analysis.dispersion.cv == 0)
        #expect(analysis.dispersion.degreesOfFreedom == 7 * weeks - 7)
    }

    @Test func dispersionRecoversTheGammaMixingCV() {
        let cv = 0.3
        let days = history(rates: productRates, weeks: 100, cv: cv, seed: 4)
        let analysis = ArrivalAnalysis(days: days)
        #expect(analysis.dispersion.overDispersed)
        // Standard error of the moment estimate from the spread of the per-day terms.
        let checks = analysis.days.filter { !$0.unusual }
        let meanExpected = checks.reduce(0.0) { $0 + $1.expected } / Double(checks.count)
        let terms = checks.map { (pow(Double($0.count) - $0.expected, 2) / $0.expected - 1) / meanExpected }
        let mean = terms.reduce(0, +) / Double(terms.count)
        let se = (terms.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(terms.count - 1) / Double(terms.count)).squareRoot()
        let estimate = analysis.dispersion.cv * analysis.dispersion.cv
        #expect(abs(estimate - cv * cv) < 4 * se)
        #expect(analysis.unusualDays.count <= 3)
    }

    @Test func holidaysAndBurstsAreUnusualAndSetAside() {
        var days = history(rates: productRates, weeks: 6, seed: 12)
        let holiday = 14, burst = 23
        days[holiday] = ObservedDay(date: days[holiday].date, counts: Array(repeating: 0, count: 24))
        var burstCounts = days[burst].counts
        burstCounts[11] += 400
        days[burst] = ObservedDay(date: days[burst].date, counts: burstCounts)
        let analysis = ArrivalAnalysis(days: days)
        #expect(analysis.unusualDays.map(\.date) == [days[holiday].date, days[burst].date])
        #expect(analysis.days[holiday].count < analysis.days[holiday].lower)
        #expect(analysis.days[burst].count > analysis.days[burst].upper)
        // The ordinary days alone carry the estimates: no dispersion, the volume near the truth.
        #expect(!analysis.dispersion.overDispersed)
        let truth = productRates.reduce(0, +)
        #expect(analysis.weeklyVolume.ci95[0] < truth && truth < analysis.weeklyVolume.ci95[1])
    }

    @Test func partialDaysAndDSTUseExposure() {
        // The history starts on a Wednesday at 12:00, and a 23-hour day (02:00 skipped) and a
        // 25-hour day (01:00 twice) occur: rates per hour of exposure stay unbiased.
        let stream = RandomStream(seed: 2)
        let wednesday = CalendarDate(year: 2026, month: 3, day: 4).daysSinceEpoch
        let days = (0..<60).map { offset -> ObservedDay in
            let date = CalendarDate(daysSinceEpoch: wednesday + offset)
            var exposure = Array(repeating: 1.0, count: 24)
            if offset == 0 { for h in 0..<12 { exposure[h] = 0 } }
            if offset == 4 { exposure[2] = 0 }
            if offset == 40 { exposure[1] = 2 }
            let counts = (0..<24).map { stream.poisson(mean: productRates[date.weekday * 24 + $0] * exposure[$0]) }
            return ObservedDay(date: date, counts: counts, exposureHours: exposure)
        }
        let analysis = ArrivalAnalysis(days: days)
        #expect(analysis.pattern == .product)
        let truth = productRates.reduce(0, +)
        #expect(analysis.weeklyVolume.ci95[0] < truth && truth < analysis.weeklyVolume.ci95[1])
        #expect(analysis.days[0].expected < analysis.days[7].expected)
    }
}
