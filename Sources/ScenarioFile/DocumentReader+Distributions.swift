import SimulationModel
import Yams

/// What a distribution's draws mean: durations (parameters written as durations) or plain numbers.
public enum DistributionUnit: Sendable {
    case duration, number
}

extension DocumentReader {
    static var distributionNames: [String] { FileFormat.distributionKinds }
    static let distributionValid = """
        a plain value (constant) or one of {exponential: {mean: M}}, {lognormal: {median: M, sigma: S}}, \
        {gamma: {mean: M, shape: K}}, {normal: {mean: M, sd: S}}, {uniform: [A, B]}, {beta: {a: A, b: B}}, \
        {weibull: {scale: L, shape: K}}, {constant: V}, {empirical: [[value, weight], …]}
        """

    /// A distribution (SPEC §1); `extraKeys` are sibling keys the caller reads (`integer`, `scale`).
    func distribution(_ node: Node, _ path: String, unit: DistributionUnit, extraKeys: [KeyFormat] = []) -> DistributionSpec? {
        if case .scalar = node {
            guard let v = quantity(node, path, unit: unit) else { return nil }
            return .constant(v)
        }
        let format = FileFormat.distribution(unit, extraKeys: extraKeys)
        guard let body = map(node, path, format) else { return nil }
        let kinds = body.entries.filter { Self.distributionNames.contains($0.key) }
        guard kinds.count == 1, let (kind, keyNode, value) = kinds.first else {
            error(node, path, kinds.isEmpty ? "a distribution needs one of its kinds" : "a distribution has exactly one kind, found \(kinds.count)",
                  valid: Self.distributionValid)
            return nil
        }
        let here = DocumentReader.join(path, kind)
        /// The declared parameters of `kind` (nil for kinds this unit rejects: they are checked below).
        func parameters(_ value: Node) -> Map? {
            guard let declared = format[kind]?.shape.objectFormat else { return nil }
            return map(value, here, declared)
        }
        let spec: DistributionSpec?
        switch kind {
        case "exponential":
            guard let p = parameters(value) else { return nil }
            spec = p["mean"].flatMap { positive($0, p.path("mean"), unit: unit) }.map { .exponential(mean: $0) }
        case "lognormal":
            guard let p = parameters(value)
            else { return nil }
            let median = p["median"].flatMap { positive($0, p.path("median"), unit: unit) }
            let sigma = p["sigma"].flatMap { number($0, p.path("sigma"), exclusiveMinimum: 0, maximum: 10, what: "sigma (a number > 0)") }
            guard let median, let sigma else { return nil }
            spec = .lognormal(median: median, sigma: sigma)
        case "gamma":
            guard let p = parameters(value)
            else { return nil }
            let mean = p["mean"].flatMap { positive($0, p.path("mean"), unit: unit) }
            let shape = p["shape"].flatMap { number($0, p.path("shape"), exclusiveMinimum: 0, what: "a shape (a number > 0)") }
            guard let mean, let shape else { return nil }
            spec = .gamma(mean: mean, shape: shape)
        case "normal":
            guard let p = parameters(value)
            else { return nil }
            let mean = p["mean"].flatMap { quantity($0, p.path("mean"), unit: unit) }
            let sd = p["sd"].flatMap { unit == .duration ? positive($0, p.path("sd"), unit: unit)
                : number($0, p.path("sd"), exclusiveMinimum: 0, what: "a standard deviation (a number > 0)") }
            guard let mean, let sd else { return nil }
            spec = .normal(mean: mean, sd: sd)
        case "uniform":
            guard let bounds = list(value, here, what: "two bounds [low, high]") else { return nil }
            guard bounds.count == 2 else {
                error(value, here, "uniform takes two bounds [low, high], found \(bounds.count) values", valid: "[low, high] with low < high")
                return nil
            }
            let low = quantity(bounds[0], here + "[0]", unit: unit), high = quantity(bounds[1], here + "[1]", unit: unit)
            guard let low, let high else { return nil }
            guard low < high else {
                error(bounds[1], here + "[1]", "the upper bound must be above the lower bound", valid: "[low, high] with low < high")
                return nil
            }
            spec = .uniform(lower: low, upper: high)
        case "beta":
            if let rejection = format[kind]?.rejection {
                error(keyNode, here, rejection,
                      valid: "exponential, lognormal, gamma, weibull, uniform, constant or empirical for durations")
                return nil
            }
            guard let p = parameters(value) else { return nil }
            let a = p["a"].flatMap { number($0, p.path("a"), exclusiveMinimum: 0, what: "a (a number > 0)") }
            let b = p["b"].flatMap { number($0, p.path("b"), exclusiveMinimum: 0, what: "b (a number > 0)") }
            guard let a, let b else { return nil }
            spec = .beta(a: a, b: b)
        case "weibull":
            guard let p = parameters(value) else { return nil }
            let scale = p["scale"].flatMap { positive($0, p.path("scale"), unit: unit) }
            let shape = p["shape"].flatMap { number($0, p.path("shape"), exclusiveMinimum: 0, what: "a shape (a number > 0)") }
            guard let scale, let shape else { return nil }
            spec = .weibull(scale: scale, shape: shape)
        case "constant":
            spec = quantity(value, here, unit: unit).map { .constant($0) }
        default: // empirical
            guard let items = list(value, here, what: "[value, weight] pairs") else { return nil }
            guard !items.isEmpty else {
                error(value, here, "an empirical distribution needs at least one [value, weight] pair")
                return nil
            }
            var values: [WeightedValue] = []
            for (i, item) in items.enumerated() {
                let itemPath = "\(here)[\(i)]"
                guard case .sequence(let pair) = item, pair.count == 2 else {
                    error(item, itemPath, "expected a [value, weight] pair, found \(describe(item))", valid: "[value, weight], e.g. [5m, 3]")
                    continue
                }
                let nodes = Array(pair)
                if let v = quantity(nodes[0], itemPath + "[0]", unit: unit),
                   let w = number(nodes[1], itemPath + "[1]", exclusiveMinimum: 0, what: "a weight (a number > 0)") {
                    values.append(WeightedValue(value: v, weight: w))
                }
            }
            spec = values.count == items.count ? .empirical(values) : nil
        }
        if unit == .duration, let spec, spec.canBeNegative {
            error(keyNode, here, "this distribution can draw negative durations",
                  valid: "lognormal or gamma for skewed durations, exponential, uniform with a low bound ≥ 0s")
            return nil
        }
        return spec
    }

    /// A duration or a number, as the distribution's unit says.
    func quantity(_ node: Node, _ path: String, unit: DistributionUnit) -> Double? {
        switch unit {
        case .duration: return duration(node, path)
        case .number: return number(node, path)
        }
    }

    private func positive(_ node: Node, _ path: String, unit: DistributionUnit) -> Double? {
        switch unit {
        case .duration: return duration(node, path, positive: true)
        case .number: return number(node, path, exclusiveMinimum: 0, what: "a positive number")
        }
    }
}
