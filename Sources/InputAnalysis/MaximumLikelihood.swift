import Foundation
internal import CGSL

/// Maximum-likelihood fits with right censoring (Lawless, *Statistical Models and Methods for
/// Lifetime Data*, ch. 2–5): closed forms where they exist (exponential; lognormal and normal
/// without censoring), otherwise Nelder–Mead on the working parameters of a thinned sample
/// followed by Newton steps on the whole sample. The covariance is the inverse observed
/// information (finite-difference Hessian of −ln L on the working scale).
enum MaximumLikelihood {
    /// The Nelder–Mead stage works on at most this many values (every k-th observed and every
    /// k-th censored value), so its hundred-odd evaluations stay cheap on a large sample.
    static let thinnedSize = 5_000
    /// Two-sided 95% normal quantile.
    static let z95 = 1.959963984540054

    /// The estimate on the working scale and its covariance.
    struct WorkingEstimate {
        var point: [Double]
        /// The parameters themselves: the closed form's own values (the exponential's mean is
        /// exactly Σ t / d), `DistributionFamily.natural(point)` otherwise.
        var natural: [Double]
        var covariance: [[Double]]
        var logLikelihood: Double
        var evaluations: Int
    }

    /// A sample prepared once for every family: its likelihood statistics, on the whole
    /// sample and on the thinned one the simplex works on.
    struct PreparedSample {
        let smallest: Double
        let hasObserved: Bool
        let hasTwoDistinctObserved: Bool
        let hasCensored: Bool
        let full: Likelihood
        let thinned: Likelihood

        init(_ sample: DurationSample) {
            smallest = min(sample.observed.min() ?? .infinity, sample.censored.min() ?? .infinity)
            hasObserved = !sample.observed.isEmpty
            hasTwoDistinctObserved = sample.observed.contains { $0 != sample.observed[0] }
            hasCensored = !sample.censored.isEmpty
            full = Likelihood(sample, positive: smallest > 0)
            thinned = sample.count > thinnedSize
                ? Likelihood(sample.thinned(stride: (sample.count + thinnedSize - 1) / thinnedSize), positive: smallest > 0)
                : full
        }
    }

    /// The fit of `family`, or the reason it cannot be fitted.
    static func estimate(_ family: DistributionFamily, _ prepared: PreparedSample) -> Result<WorkingEstimate, FitRefusal> {
        if family.isPositive && prepared.smallest <= 0 {
            return .failure(FitRefusal("needs values > 0, got \(prepared.smallest)"))
        }
        if family == .normal && prepared.hasCensored {
            return .failure(FitRefusal("is not fitted to censored values"))
        }
        if !prepared.hasObserved { return .failure(FitRefusal("needs an observed value")) }
        if family != .exponential && !prepared.hasTwoDistinctObserved {
            return .failure(FitRefusal("needs 2 distinct observed values"))
        }
        if let closed = closedForm(family, prepared.full) { return .success(closed) }
        let thinned = prepared.thinned
        let start = startingPoint(family, thinned)
        let simplex = NelderMead.minimize(start: start, steps: [0.3, 0.3], tolerance: 1e-5, maxIterations: 400) {
            -thinned.logLikelihood(family, $0)
        }
        return newtonPolish(family, prepared.full, from: simplex.point)
    }

    /// Closed-form MLEs and their exact observed information.
    private static func closedForm(_ family: DistributionFamily, _ likelihood: Likelihood) -> WorkingEstimate? {
        let d = likelihood.observedCount
        let point: [Double]
        var natural: [Double]? = nil
        let covariance: [[Double]]
        switch family {
        case .exponential:
            // λ̂ = d / Σ t; Var(ln mean) = 1/d.
            natural = [likelihood.totalTime / d]
            point = [log(likelihood.totalTime / d)]
            covariance = [[1 / d]]
        case .lognormal where likelihood.censored.isEmpty:
            point = [likelihood.meanLogObserved, 0.5 * log(likelihood.centredSquaresLogObserved / d)]
            covariance = [[exp(2 * point[1]) / d, 0], [0, 1 / (2 * d)]]
        case .normal:
            point = [likelihood.meanObserved, 0.5 * log(likelihood.centredSquaresObserved / d)]
            covariance = [[exp(2 * point[1]) / d, 0], [0, 1 / (2 * d)]]
        default:
            return nil
        }
        return WorkingEstimate(point: point, natural: natural ?? family.natural(point), covariance: covariance,
                               logLikelihood: likelihood.logLikelihood(family, point), evaluations: 1)
    }

    /// Moment estimates from the observed values (censoring ignored: Nelder–Mead corrects them).
    private static func startingPoint(_ family: DistributionFamily, _ likelihood: Likelihood) -> [Double] {
        let d = likelihood.observedCount
        let sdLog = max((likelihood.centredSquaresLogObserved / d).squareRoot(), 0.05)
        switch family {
        case .lognormal:
            return [likelihood.meanLogObserved, log(sdLog)]
        case .gamma:
            let variance = max(likelihood.centredSquaresObserved / d, 1e-12 * likelihood.meanObserved * likelihood.meanObserved)
            let shape = likelihood.meanObserved * likelihood.meanObserved / variance
            return [log(likelihood.meanObserved), log(min(max(shape, 0.05), 1e4))]
        case .weibull:
            // ln X of a weibull is a Gumbel: sd π/(k√6), mean ln λ − γ/k.
            let shape = Double.pi / (6.0.squareRoot() * sdLog)
            return [likelihood.meanLogObserved + 0.5772156649015329 / shape, log(shape)]
        case .exponential, .normal:
            preconditionFailure("\(family) has a closed form")
        }
    }

    /// Newton steps on −ln L from `start` with a finite-difference gradient and Hessian, halving
    /// a step that does not improve, until the Newton decrement gᵀH⁻¹g is below 10⁻³ (the
    /// estimate within 0.03 standard errors of the maximum), then one last step.
    private static func newtonPolish(_ family: DistributionFamily, _ likelihood: Likelihood, from start: [Double]) -> Result<WorkingEstimate, FitRefusal> {
        var evaluations = 0
        func objective(_ w: [Double]) -> Double {
            evaluations += 1
            let value = -likelihood.logLikelihood(family, w)
            return value.isNaN ? .infinity : value
        }
        var point = start
        var value = objective(point)
        for _ in 0..<8 {
            let (gradient, hessian) = derivatives(objective, at: point, value: value)
            guard let inverse = invert(hessian) else {
                return .failure(FitRefusal("has a singular information matrix at the estimate"))
            }
            let step = (0..<2).map { i in -(inverse[i][0] * gradient[0] + inverse[i][1] * gradient[1]) }
            let decrement = -(step[0] * gradient[0] + step[1] * gradient[1])
            if decrement < 1e-3 {
                if decrement > 0 {
                    let candidate = [point[0] + step[0], point[1] + step[1]]
                    let candidateValue = objective(candidate)
                    if candidateValue < value { (point, value) = (candidate, candidateValue) }
                }
                return .success(WorkingEstimate(point: point, natural: family.natural(point), covariance: inverse,
                                                logLikelihood: -value,
                                                evaluations: evaluations))
            }
            var scale = 1.0
            var improved = false
            for _ in 0..<30 {
                let candidate = [point[0] + scale * step[0], point[1] + scale * step[1]]
                let candidateValue = objective(candidate)
                if candidateValue < value {
                    (point, value, improved) = (candidate, candidateValue, true)
                    break
                }
                scale /= 2
            }
            if !improved {
                return .failure(FitRefusal("did not converge (no step improves the likelihood)"))
            }
        }
        return .failure(FitRefusal("did not converge in 8 Newton steps"))
    }

    /// Central-difference gradient and Hessian of a function of two variables (9 evaluations,
    /// step 10⁻³ on the working scale).
    private static func derivatives(_ f: ([Double]) -> Double, at x: [Double], value: Double) -> ([Double], [[Double]]) {
        let h = 1e-3
        func at(_ a: Double, _ b: Double) -> Double { f([x[0] + a * h, x[1] + b * h]) }
        let p0 = at(1, 0), m0 = at(-1, 0), p1 = at(0, 1), m1 = at(0, -1)
        let pp = at(1, 1), pm = at(1, -1), mp = at(-1, 1), mm = at(-1, -1)
        let gradient = [(p0 - m0) / (2 * h), (p1 - m1) / (2 * h)]
        let h00 = (p0 - 2 * value + m0) / (h * h)
        let h11 = (p1 - 2 * value + m1) / (h * h)
        let h01 = (pp - pm - mp + mm) / (4 * h * h)
        return (gradient, [[h00, h01], [h01, h11]])
    }

    /// The inverse of a positive definite 2×2 matrix, or nil when it is not positive definite.
    private static func invert(_ m: [[Double]]) -> [[Double]]? {
        let det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
        guard m[0][0] > 0, det > 0, det.isFinite else { return nil }
        return [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]]
    }
}

/// Why a family was not fitted to a sample.
struct FitRefusal: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
