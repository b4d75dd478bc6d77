/// Historical leads replayed as a source's arrivals (`replay:` on a source).
///
/// The recorded creation times give the arrival times (shifted so that the first lead falls at
/// the scenario start, or kept as recorded) and the recorded columns give the lead fields.
/// `scale` grows or shrinks the volume: below 1 each recorded lead is kept with probability
/// `scale`, above 1 each gets ⌊scale⌋ copies plus one more with probability `scale − ⌊scale⌋`
/// (a per-lead uniform of the replication, so the same lead stays or goes for every rule set).
public struct Replay: Sendable {
    public enum Alignment: String, CaseIterable, Sendable {
        /// Shifted so that the first recorded lead arrives at the scenario start (offsets kept).
        case start
        /// At the recorded instants; leads outside the run's arrival window are not replayed.
        case recorded
    }

    /// The CSV file as written in the scenario (for reports).
    public var file: String
    /// Lead field names, one per mapped column, in mapping order.
    public var fields: [String]
    /// Recorded leads in creation order.
    public var leads: [RecordedLead]
    public var scale: Double
    public var alignment: Alignment

    public init(file: String, fields: [String], leads: [RecordedLead], scale: Double = 1, alignment: Alignment = .start) {
        self.file = file
        self.fields = fields
        self.leads = leads
        self.scale = scale
        self.alignment = alignment
    }

    /// When recorded lead `index` arrives in a run that starts at `start` (before scaling).
    public func arrival(of index: Int, start: Instant) -> Instant {
        switch alignment {
        case .start: return start + (leads[index].createdAt - (leads.first?.createdAt ?? 0))
        case .recorded: return leads[index].createdAt
        }
    }
}

/// One row of a replay file.
public struct RecordedLead: Sendable {
    public var createdAt: Instant
    /// One value per `Replay.fields` entry; nil for a blank cell (the field is missing).
    public var values: [FieldValue?]
    /// 1-based data row of the file (the header is row 0), for messages.
    public var row: Int

    public init(createdAt: Instant, values: [FieldValue?], row: Int) {
        self.createdAt = createdAt
        self.values = values
        self.row = row
    }
}

extension Replay {
    /// The replay with each column named by an alias of `aliases` also read as the field it is an
    /// alias of (`CountryCode` as `country` too), unless the file already has that field; the
    /// built-in `source` and `account` are never added. The column keeps its own name as well.
    public func resolving(_ aliases: FieldAliases) -> Replay {
        var resolved = self
        for (index, column) in fields.enumerated() {
            guard let field = aliases.field(aliased: column), field != column, field != "source", field != "account",
                  !resolved.fields.contains(field) else { continue }
            resolved.fields.append(field)
            for lead in resolved.leads.indices { resolved.leads[lead].values.append(leads[lead].values[index]) }
        }
        return resolved
    }
}

extension Scenario {
    /// The scenario with every replay source's columns resolved by the rule sets' aliases
    /// (`Replay.resolving(_:)`), so an export replays unrenamed through imported rules.
    public func resolvingReplayColumns(_ aliases: FieldAliases) -> Scenario {
        guard !aliases.isEmpty else { return self }
        var resolved = self
        for i in resolved.sources.indices { resolved.sources[i].replay = resolved.sources[i].replay?.resolving(aliases) }
        return resolved
    }
}
