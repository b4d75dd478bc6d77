import Foundation

/// The one-paragraph recommendation of a comparison, written from the numbers: what each
/// candidate wins (significant gains), what it costs (significant losses), what is not
/// significant among the headline metrics, which candidate to adopt, and a caveat when the
/// confidence intervals cannot carry much (few leads per replication, few replications).
public enum Recommendation {
    /// Under this many counted leads per replication the CIs mostly reflect the simulation's own
    /// luck (touch delays, handle times) on a handful of leads.
    public static let fewLeads = 200.0
    /// Under this many replications a CI rests on too few paired differences to trust its width.
    public static let fewReplications = 5

    /// The paragraph, or nil for a lone rule set (nothing to recommend between).
    public static func paragraph(for s: Summary) -> String? {
        guard !s.comparisons.isEmpty else { return nil }
        let headline = s.headline.isEmpty ? Verdict.defaultHeadline : s.headline
        let lead = headline[0]
        let leadLabel = MetricCatalog.info(lead).label
        var sentences = s.comparisons.map { candidateSentence($0, headline: headline) }
        if let winner = winner(s.comparisons, headline: headline) {
            let losses = assessed(winner, headline: headline).filter { $0.better == false }
            sentences.append("On these numbers adopt \(winner.candidate)"
                + (losses.isEmpty ? ": it wins on \(leadLabel) at no significant cost."
                   : ", if \(list(losses.map { MetricCatalog.info($0.d.name).label })) is a price worth its \(leadLabel) gain."))
        } else {
            sentences.append("No candidate significantly improves \(leadLabel) on the baseline, \(s.comparisons[0].baseline).")
        }
        if let caveat = caveat(s) { sentences.append(caveat) }
        return sentences.joined(separator: " ")
    }

    /// "pooled wins on p90 first touch (business time) (−4h 40m) and unowned leads (−7.0 pts);
    /// it costs load Gini (+0.034); SLA met is not significant."
    static func candidateSentence(_ c: Comparison, headline: [String]) -> String {
        let judged = assessed(c, headline: headline)
        let gains = judged.filter { $0.better == true }
        let losses = judged.filter { $0.better == false }
        let flat = headline.compactMap { name -> String? in
            guard let d = c.metrics[metric: name], d.diff != nil, !d.significant else { return nil }
            return MetricCatalog.info(name).label
        }
        var text = c.candidate
        text += gains.isEmpty ? " wins on nothing significant" : " wins on " + list(gains.map(change))
        text += losses.isEmpty ? " and costs nothing significant" : "; it costs " + list(losses.map(change))
        if !flat.isEmpty { text += "; " + list(flat) + (flat.count == 1 ? " is" : " are") + " not significant" }
        return text + "."
    }

    /// The significant changes of the headline and key metrics with a direction, headline first:
    /// better true (a gain) or false (a loss).
    static func assessed(_ c: Comparison, headline: [String]) -> [(d: MetricDifference, better: Bool)] {
        var names = headline
        for name in MetricCatalog.keyMetrics where !names.contains(name) { names.append(name) }
        return names.compactMap { name in
            guard let d = c.metrics[metric: name], d.significant, let diff = d.diff, diff != 0 else { return nil }
            switch MetricCatalog.info(name).better {
            case .lower: return (d, diff < 0)
            case .higher: return (d, diff > 0)
            case .neither: return nil
            }
        }
    }

    /// The candidate whose first headline metric improves significantly with the fewest significant
    /// losses among the headline metrics, then the largest relative gain; nil when none improves it.
    static func winner(_ comparisons: [Comparison], headline: [String]) -> Comparison? {
        let lead = headline[0]
        let scored = comparisons.compactMap { c -> (c: Comparison, losses: Int, gain: Double)? in
            let judged = assessed(c, headline: headline)
            guard judged.contains(where: { $0.d.name == lead && $0.better }),
                  let d = c.metrics[metric: lead], let diff = d.diff, let base = d.baseline else { return nil }
            let losses = judged.filter { !$0.better && headline.contains($0.d.name) }.count
            return (c, losses, base != 0 ? abs(diff / base) : abs(diff))
        }
        return scored.min { a, b in a.losses != b.losses ? a.losses < b.losses : a.gain > b.gain }?.c
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
