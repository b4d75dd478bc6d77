internal import CGLPK
import Synchronization

/// The covering integer program of `leadsim shifts`, solved exactly with GLPK's branch and cut:
///
///     minimise Σⱼ costⱼ·xⱼ  subject to  Σⱼ coversⱼ(h)·xⱼ ≥ requiredₕ for every hour h,  xⱼ ∈ ℕ.
///
/// The only GLPK caller. GLPK keeps global state per thread; calls are serialised anyway.
public struct ShiftCovering: Sendable {
    /// Per template: the hours (0…n−1) it covers.
    public var covers: [[Bool]]
    /// Per template: the cost of one rep on it.
    public var costs: [Double]
    /// Per hour: reps needed.
    public var required: [Int]

    public init(covers: [[Bool]], costs: [Double], required: [Int]) {
        self.covers = covers
        self.costs = costs
        self.required = required
    }

    /// Why the program has no solution.
    public enum Failure: Error, Sendable, Equatable {
        /// These hours need reps but no template covers them.
        case uncovered([Int])
        /// GLPK stopped without proving optimality (its status code).
        case solver(String)
    }

    /// The optimal reps per template and their cost.
    public struct Solution: Sendable, Equatable {
        public var reps: [Int]
        public var cost: Double

        public init(reps: [Int], cost: Double) {
            self.reps = reps
            self.cost = cost
        }
    }

    /// The hours that need reps but no template covers.
    public var uncoveredHours: [Int] {
        required.indices.filter { h in required[h] > 0 && !covers.contains { $0[h] } }
    }

    private static let lock = Mutex(())

    /// Solves the program exactly.
    /// - Throws: `Failure.uncovered` with the hours no template covers; `Failure.solver` if GLPK fails.
    public func solve() throws(Failure) -> Solution {
        let uncovered = uncoveredHours
        guard uncovered.isEmpty else { throw .uncovered(uncovered) }
        let rows = required.indices.filter { required[$0] > 0 }
        guard !rows.isEmpty else { return Solution(reps: Array(repeating: 0, count: covers.count), cost: 0) }
        let result: Result<Solution, Failure> = Self.lock.withLock { _ in
            glp_term_out(GLP_OFF)
            let problem = glp_create_prob()!
            defer { glp_delete_prob(problem) }
            glp_set_obj_dir(problem, GLP_MIN)
            glp_add_rows(problem, Int32(rows.count))
            for (i, h) in rows.enumerated() { glp_set_row_bnds(problem, Int32(i + 1), GLP_LO, Double(required[h]), 0) }
            glp_add_cols(problem, Int32(covers.count))
            for j in covers.indices {
                let column = Int32(j + 1)
                glp_set_col_kind(problem, column, GLP_IV)
                glp_set_col_bnds(problem, column, GLP_LO, 0, 0)
                glp_set_obj_coef(problem, column, costs[j])
            }
            // The constraint matrix, 1-based (index 0 unused, as GLPK wants).
            var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
            for (i, h) in rows.enumerated() {
                for j in covers.indices where covers[j][h] {
                    ia.append(Int32(i + 1)); ja.append(Int32(j + 1)); ar.append(1)
                }
            }
            glp_load_matrix(problem, Int32(ia.count - 1), ia, ja, ar)
            var parameters = glp_iocp()
            glp_init_iocp(&parameters)
            parameters.presolve = GLP_ON
            parameters.msg_lev = GLP_MSG_OFF
            parameters.mip_gap = 0
            let code = glp_intopt(problem, &parameters)
            guard code == 0 else { return .failure(.solver("glp_intopt returned \(code)")) }
            let status = glp_mip_status(problem)
            guard status == GLP_OPT else { return .failure(.solver("MIP status \(status) (not optimal)")) }
            let reps = covers.indices.map { Int(glp_mip_col_val(problem, Int32($0 + 1)).rounded()) }
            let cost = zip(reps, costs).map { Double($0) * $1 }.reduce(0, +)
            return .success(Solution(reps: reps, cost: cost))
        }
        return try result.get()
    }
}
