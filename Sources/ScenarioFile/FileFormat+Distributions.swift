/// Distributions (SPEC §1): a plain value, or a map with exactly one kind.
extension FileFormat {
    /// The kinds of distributions, in the order diagnostics list them.
    static let distributionKinds = [
        "exponential", "lognormal", "gamma", "normal", "uniform", "beta", "weibull", "constant", "empirical",
    ]

    static let durationDistribution = "durationDistribution"
    static let fieldDistribution = "fieldDistribution"

    /// Keys a numeric field adds next to its distribution's kind.
    static let numericFieldKeys = [
        KeyFormat("integer", .bool, "Round draws to whole numbers."),
        KeyFormat("scale", .number(), "Multiply draws by this (e.g. 100 turns a beta share into a score)."),
    ]

    /// A distribution map: one kind key (with `extraKeys` the caller reads beside it).
    static func distribution(_ unit: DistributionUnit, extraKeys: [KeyFormat] = []) -> ObjectFormat {
        let value = quantity(unit)
        let positive = positiveQuantity(unit)
        func parameters(_ kind: String, _ keys: [KeyFormat]) -> ValueShape { .object(ObjectFormat("\(kind) parameters", keys)) }
        let kinds: [KeyFormat] = [
            KeyFormat("exponential", parameters("exponential", [KeyFormat("mean", positive, "The mean.", required: true)]),
                      "Exponential: {mean: M}; memoryless waits."),
            KeyFormat("lognormal", parameters("lognormal", [
                KeyFormat("median", positive, "The median (half the draws are below).", required: true),
                KeyFormat("sigma", .number(exclusiveMinimum: 0, maximum: 10), "Spread: sd of the log (0 < sigma ≤ 10).",
                          required: true),
            ]), "Lognormal: {median: M, sigma: S}; skewed, for delays and sizes."),
            KeyFormat("gamma", parameters("gamma", [
                KeyFormat("mean", positive, "The mean.", required: true),
                KeyFormat("shape", .number(exclusiveMinimum: 0), "Shape k > 0 (1 is exponential).", required: true),
            ]), "Gamma: {mean: M, shape: K}."),
            KeyFormat("normal", parameters("normal", [
                KeyFormat("mean", value, "The mean.", required: true),
                KeyFormat("sd", positive, "Standard deviation > 0.", required: true),
            ]), "Normal: {mean: M, sd: S} (not for durations: it can draw negative values).",
                      rejected: unit == .duration ? "a normal distribution can draw negative durations" : nil),
            KeyFormat("uniform", .tuple([value, value]), "Uniform: [low, high] with low < high."),
            KeyFormat("beta", parameters("beta", [
                KeyFormat("a", .number(exclusiveMinimum: 0), "Shape a > 0.", required: true),
                KeyFormat("b", .number(exclusiveMinimum: 0), "Shape b > 0.", required: true),
            ]), "Beta: {a: A, b: B}; draws in 0…1 (not for durations).",
                      rejected: unit == .duration ? "a beta distribution draws fractions between 0 and 1, not durations" : nil),
            KeyFormat("weibull", parameters("weibull", [
                KeyFormat("scale", positive, "Scale λ > 0 (63% of draws are below it).", required: true),
                KeyFormat("shape", .number(exclusiveMinimum: 0), "Shape k > 0 (1 is exponential; below 1, a long tail).",
                          required: true),
            ]), "Weibull: {scale: L, shape: K}; P(X > x) = exp(−(x/L)^K)."),
            KeyFormat("constant", value, "Always this value."),
            KeyFormat("empirical", .list(.tuple([value, .number(exclusiveMinimum: 0)]), minimum: 1),
                      "Empirical: [[value, weight], …]; each value drawn in proportion to its weight."),
        ]
        return ObjectFormat("a distribution", kinds + extraKeys, exactlyOne: distributionKinds)
    }

    /// A distribution as a key's value: a plain value (constant) or a distribution map.
    static func distributionShape(_ unit: DistributionUnit, extraKeys: [KeyFormat] = []) -> ValueShape {
        .oneOf([quantity(unit), .object(distribution(unit, extraKeys: extraKeys))])
    }

    static func quantity(_ unit: DistributionUnit) -> ValueShape {
        unit == .duration ? .syntax(.duration) : .number()
    }

    static func positiveQuantity(_ unit: DistributionUnit) -> ValueShape {
        unit == .duration ? .syntax(.duration) : .number(exclusiveMinimum: 0)
    }
}
