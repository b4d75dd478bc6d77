/// Practical significance for the recommendation. With common random numbers and many
/// replications, a 37-second change of a multi-hour p90 can have a 95% CI that excludes 0; it
/// is real, but no reason to change routing. The recommendation counts a significant change as a
/// win or a cost only when it is also at least this large, and otherwise says it "changes
/// significantly but too little to act on". `summary.json`'s `significant` and the comparison tables are unchanged (SPEC §6).
///
/// The thresholds, by metric kind (docs/SEMANTICS.md "The headline and the recommendation"):
/// - durations: at least 1 minute and at least 2% of the baseline;
/// - rates: at least 0.5 percentage points, or at least 20% of the rarer side of the baseline
///   (dropped leads 0.4% → 0.2% is material, and so is SLA met 99.0% → 99.4%, misses down 40%);
/// - ratios (Gini, CV, max/mean, reassignments per lead): at least 0.01;
/// - counts and amounts: at least 2% of the baseline (any change from a baseline of 0).
extension MetricCatalog {
    /// Smallest relative change of a duration, count or amount that is material.
    public static let materialShare = 0.02
    /// Smallest change of a duration that is material, whatever its baseline (seconds).
    public static let materialDuration = 60.0
    /// Smallest change of a rate that is material (half a percentage point).
    public static let materialRate = 0.005
    /// Smallest change of a rate, as a share of the rarer side of its baseline, that is material.
    public static let materialRateShare = 0.2
    /// Smallest change of a dimensionless ratio (Gini, CV) that is material.
    public static let materialRatio = 0.01

    /// Whether a change of `diff` from `baseline` in metric `name` is large enough to act on.
    public static func isMaterial(_ name: String, diff: Double, baseline: Double) -> Bool {
        let relative = materialShare * abs(baseline)
        switch info(name).kind {
        case .duration: return abs(diff) >= max(materialDuration, relative)
        case .rate:
            let rarer = min(baseline, 1 - baseline)
            return abs(diff) >= materialRate || (rarer > 0 && abs(diff) >= materialRateShare * rarer)
        case .ratio: return abs(diff) >= materialRatio
        case .count: return relative > 0 ? abs(diff) >= relative : diff != 0
        }
    }
}

extension MetricDifference {
    /// Significant (the 95% CI excludes 0) and material (`MetricCatalog.isMaterial`): a real win or cost.
    public var isMaterial: Bool {
        guard significant, let diff, let baseline else { return false }
        return MetricCatalog.isMaterial(name, diff: diff, baseline: baseline)
    }
}
