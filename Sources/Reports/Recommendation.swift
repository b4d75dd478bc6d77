import Foundation

/// The one-paragraph recommendation of a comparison, written from the numbers: what each
/// candidate wins (significant and material gains), what it costs (significant and material
/// losses), what is not significant or significant but too small to act on
/// (`MetricDifference.isMaterial`) among the headline metrics, which candidate to adopt, and a
/// caveat when the confidence intervals cannot carry much (few leads per replication, few
/// replications).
public enum Recommendation {
    /// Under this many counted leads per replication the CIs mostly reflect the simulation's own
    /// luck (touch delays, handle times) on a handful of leads.
    public static let fewLeads = 200.0
    /// Under this many replications a CI rests on too few paired differences to trust its width.
    public static let fewReplications = 5
    /// Significant changes of metrics outside the headline named per candidate (the rest are counted).
    static let otherChanges = 2

    /// The paragraph, or nil for a lone rule set (nothing to recommend between).
    public static func paragraph(for s: Summary) -> String? {
        guard !s.comparisons.isEmpty else { return nil }
        let headline = s.headline.isEmpty ? Verdict.defaultHeadline : s.headline
        let lead = headline[0]
        let leadLabel = MetricCatalog.info(lead).label
        var sentences = s.comparisons.map { candidateSentence($0, headline: headline) }
        if let winner = winner(s.comparisons, headline: headline) {
            let judged = assessed(winner, headline: headline)
            let losses = judged.filter { $0.better == false }.map { MetricCatalog.info($0.d.name).label }
            let leads = judged.contains { $0.d.name == lead && $0.better }
            let gain = leads ? leadLabel : list(judged.filter { $0.better && headline.contains($0.d.name) }
                .map { MetricCatalog.info($0.d.name).label })
            if !leads { sentences.append("No candidate improves \(leadLabel) by enough to act on.") }
            sentences.append("On these numbers adopt \(winner.candidate)"
                + (losses.isEmpty ? ": it wins on \(gain) at no significant cost."
                   : ", if \(list(losses)) is a price worth its gain on \(gain)."))
        } else {
            sentences.append("No candidate improves a headline metric on the baseline,"
                             + " \(s.comparisons[0].baseline), by enough to act on without a headline loss: keep it.")
        }
        if let caveat = caveat(s) { sentences.append(caveat) }
        return sentences.joined(separator: " ")
    }

    /// "pooled wins on p90 first touch (business time) (−4h 40m) and unowned leads (−7.0 pts);
    /// it costs load Gini (+0.034); SLA met is not significant."
    static func candidateSentence(_ c: Comparison, headline: [String]) -> String {
        let judged = assessed(c, headline: headline)
        let gains = shortened(judged.filter { $0.better == true }, headline: headline)
        let losses = shortened(judged.filter { $0.better == false }, headline: headline)
        let flat = headline.compactMap { name -> String? in
            guard let d = c.metrics[metric: name], d.diff != nil, !d.significant else { return nil }
            return MetricCatalog.info(name).label
        }
        let small = headline.compactMap { name -> String? in
            guard let d = c.metrics[metric: name], d.significant, let diff = d.diff, diff != 0, !d.isMaterial else { return nil }
            return "\(MetricCatalog.info(name).label) (\(MetricCatalog.info(name).formatDifference(diff)))"
        }
        var text = c.candidate
        text += gains.isEmpty ? " wins on nothing significant" : " wins on " + list(gains)
        text += losses.isEmpty ? " and costs nothing significant" : "; it costs " + list(losses)
        if !flat.isEmpty { text += "; " + list(flat) + (flat.count == 1 ? " is" : " are") + " not significant" }
        if !small.isEmpty {
            text += "; " + list(small) + (small.count == 1 ? " changes" : " change") + " significantly but too little to act on"
        }
        return text + "."
    }

    /// The significant and material changes of the headline and key metrics with a direction,
    /// headline first: better true (a gain) or false (a loss).
    static func assessed(_ c: Comparison, headline: [String]) -> [(d: MetricDifference, better: Bool)] {
        var names = headline
        for name in MetricCatalog.keyMetrics where !names.contains(name) { names.append(name) }
        return names.compactMap { name in
            guard let d = c.metrics[metric: name], d.isMaterial, let diff = d.diff, diff != 0 else { return nil }
            switch MetricCatalog.info(name).better {
            case .lower: return (d, diff < 0)
            case .higher: return (d, diff > 0)
            case .neither: return nil
            }
        }
    }

    /// The changes as text: every headline one, then at most `otherChanges` others and a count of the rest.
    static func shortened(_ items: [(d: MetricDifference, better: Bool)], headline: [String]) -> [String] {
        let main = items.filter { headline.contains($0.d.name) }.map(change)
        let others = items.filter { !headline.contains($0.d.name) }
        var text = main + others.prefix(otherChanges).map(change)
        if others.count > otherChanges { text.append("\(others.count - otherChanges) more in the comparison table") }
        return text
    }

    /// The candidate to adopt: one whose first headline metric improves significantly and
    /// materially, with the fewest such headline losses, then the largest relative gain; failing
    /// that, one with the most such headline gains and no headline loss; nil when none qualifies.
    static func winner(_ comparisons: [Comparison], headline: [String]) -> Comparison? {
        let lead = headline[0]
        let scored = comparisons.compactMap { c -> (c: Comparison, leads: Bool, losses: Int, gains: Int, gain: Double)? in
            let judged = assessed(c, headline: headline).filter { headline.contains($0.d.name) }
            let leads = judged.contains { $0.d.name == lead && $0.better }
            let losses = judged.filter { !$0.better }.count
            let gains = judged.filter(\.better).count
            guard leads || (gains > 0 && losses == 0) else { return nil }
            let d = c.metrics[metric: lead]
            let gain = leads ? abs((d?.diff ?? 0) / ((d?.baseline ?? 0) != 0 ? d!.baseline! : 1)) : 0
            return (c, leads, losses, gains, gain)
        }
        return scored.min { a, b in
            if a.leads != b.leads { return a.leads }
            if a.losses != b.losses { return a.losses < b.losses }
            if a.gains != b.gains { return a.gains > b.gains }
            return a.gain > b.gain
        }?.c
    }

    /// "p90 first touch (business time) 30m → 15m (−15m)".
    static func change(_ item: (d: MetricDifference, better: Bool)) -> String {
        let info = MetricCatalog.info(item.d.name)
        return "\(info.label) (\(info.format(item.d.baseline)) → \(info.format(item.d.candidate)),"
            + " \(info.formatDifference(item.d.diff)))"
    }

    /// Why the CIs may look tighter than the decision deserves, or nil.
    static func caveat(_ s: Summary) -> String? {
        var reasons: [String] = []
        if s.leadsPerReplication < fewLeads {
            reasons.append("only \(Format.number(s.leadsPerReplication)) counted leads per replication")
        }
        if s.replications < fewReplications {
            reasons.append("only \(s.replications) replication\(s.replications == 1 ? "" : "s")")
        }
        guard !reasons.isEmpty else { return nil }
        return "Caveat: with " + list(reasons) + ", the 95% CIs reflect the simulation's own luck (touch delays,"
            + " handle times) on few leads, not how next month's leads will differ: read the differences as a direction,"
            + " not as their precision."
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
