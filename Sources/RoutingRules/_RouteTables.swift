import SimulationModel

/// What routing reads, shared by every copy of a ``CompiledRuleSet``: the compiled conditions,
/// the route index over them, and the decision of every routing slot.
///
/// Immutable, so that a rule set stays a few words the kernel reads without copying tables:
/// ``CompiledRuleSet/tabulateSymbols(of:)`` swaps in new tables (``tabulatingSymbols(of:)``)
/// rather than changing these.
@usableFromInline
final class _RouteTables: Sendable {
    let program: _ConditionProgram
    let index: _RouteIndex
    /// Routing slots, in route order: a route whose condition is an `any` takes one slot per
    /// alternative (so the index can rule each out), any other route one slot.
    /// Roots are -1 for a route without condition.
    let roots: [Int]
    let decisions: [RouteDecision]
    let fallbackDecision: RouteDecision

    init(program: _ConditionProgram, roots: [Int], decisions: [RouteDecision], fallback: RouteDecision) {
        (self.program, self.roots, self.decisions, fallbackDecision) = (program, roots, decisions, fallback)
        index = _RouteIndex(program: program, roots: roots.map { $0 < 0 ? nil : $0 })
    }

    /// These tables with the per-symbol tables extended to every symbol of `schema`.
    func tabulatingSymbols(of schema: LeadSchema) -> _RouteTables {
        var program = program
        program.tabulateSymbols(of: schema)
        return _RouteTables(program: program, roots: roots, decisions: decisions, fallback: fallbackDecision)
    }

    /// See ``CompiledRuleSet/route(_:)``.
    @usableFromInline
    func route(_ lead: UnsafeBufferPointer<LeadValue>) -> RouteDecision {
        let words = index.words
        let raw = index.raw, view = program.view
        // 128 routes at a time: a lane per 64 routes.
        for chunk in stride(from: 0, to: words, by: 2) {
            var candidates = SIMD2(raw.valid[chunk], raw.valid[chunk &+ 1])
            var exactRows = true
            for f in 0..<raw.fields.count {
                let field = raw.fields[f]
                guard let row = index.row(of: field < lead.count ? lead[field] : .missing, field: f,
                                          exact: &exactRows) else {
                    exactRows = false
                    continue
                }
                let base = row &* words &+ chunk
                candidates &= SIMD2(raw.masks[base], raw.masks[base &+ 1])
                if candidates == .zero { break }
            }
            for lane in 0..<2 {
                var bits = candidates[lane]
                while bits != 0 {
                    let route = (chunk &+ lane) &* 64 &+ bits.trailingZeroBitCount
                    let root = roots[route]
                    if root < 0 || (exactRows && raw.exact[route]) || view.holds(root, lead) {
                        return decisions[route]
                    }
                    bits &= bits &- 1
                }
            }
        }
        return fallbackDecision
    }
}
