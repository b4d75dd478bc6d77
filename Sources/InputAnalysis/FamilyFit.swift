import SimulationModel

/// An estimate with its standard error and 95% confidence interval.
public struct ParameterEstimate: Sendable, Hashable {
    public let name: String
    public let value: Double
    /// The delta-method standard error of `value`.
    public let standardError: Double
    /// Lower and upper bound (two values).
    public let ci95: [Double]
}

/// One family fitted by maximum likelihood to one sample.
public struct FamilyFit: Sendable {
    public let family: DistributionFamily
    /// The parameters in the scenario's parametrisation (`DistributionFamily.parameterNames`).
    public let parameters: [ParameterEstimate]
    /// The fitted distribution's median, with its delta-method interval.
    public let median: ParameterEstimate
    public let logLikelihood: Double
    /// Akaike's information criterion, 2p − 2 ln L.
    public let aic: Double
    /// The distribution to write into the scenario.
    public let spec: DistributionSpec
    public let goodness: GoodnessOfFit
    /// Log-likelihood evaluations on the whole sample (closed forms: 1, for the value itself).
    public let likelihoodEvaluations: Int
}

/// The families fitted to one sample, best (lowest AIC) first.
public struct FamilyRanking: Sendable {
    /// Every family that could be fitted, by increasing AIC.
    public let fits: [FamilyFit]
    /// Families that could not be fitted (too few distinct observed values, or values ≤ 0 for a
    /// positive family), with the reason.
    public let notFitted: [(family: DistributionFamily, reason: String)]

    public var best: FamilyFit? { fits.first }
    public var runnerUp: FamilyFit? { fits.count > 1 ? fits[1] : nil }
}

extension FamilyFit {
    /// The fitted distribution function F(x) = P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        family.logTails(x, parameters.map(\.value), median: median.value).lower
    }
}
