/// Where the values of a scenario written by `leadsim fit` came from, as its comments say:
/// the history it was fitted from, what that history could not tell, and the evidence of each
/// fitted value. The reports' assumptions section shows it, so that a comparison run on a
/// fitted scenario says what its numbers rest on.
public struct FitProvenance: Codable, Hashable, Sendable {
    /// The history and its span (`history.csv: 7,335 leads, 2026-09-07 to 2026-11-29 (as of …)`).
    public var history: String
    /// What the history could not tell, and where the values it has none for came from (each a
    /// sentence), as the fit's report lists them.
    public var notes: [String]
    /// Each fitted value with its evidence, in the file's order.
    public var values: [FittedValue]

    public init(history: String, notes: [String], values: [FittedValue]) {
        self.history = history
        self.notes = notes
        self.values = values
    }
}

/// One fitted value of a scenario and the evidence `leadsim fit` wrote beside it.
public struct FittedValue: Codable, Hashable, Sendable {
    /// What it belongs to: `source content`, `rep emea-1`, or `scenario`.
    public var owner: String
    /// The key, with a dotted path below it (`touch_delay`, `fields.region`, `missing.employees`).
    public var key: String
    /// The value as written (`{exponential: {mean: 29.94m}}`); empty when the comment stands
    /// for a value left out (`dispersion: none`).
    public var value: String
    /// The comment: sample size, estimate, CI, family and runner-up, or why it was kept.
    public var evidence: String

    public init(owner: String, key: String, value: String, evidence: String) {
        self.owner = owner
        self.key = key
        self.value = value
        self.evidence = evidence
    }
}
