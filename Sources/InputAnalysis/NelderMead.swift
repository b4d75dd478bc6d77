internal import CGSL

/// GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`) around a Swift closure.
enum NelderMead {
    /// The closure handed through GSL's `void *params`.
    private final class Objective {
        let function: ([Double]) -> Double
        init(_ function: @escaping ([Double]) -> Double) { self.function = function }
    }

    /// Minimises `function` from `start` with initial simplex steps `steps`, until the simplex
    /// size is below `tolerance` or `maxIterations` iterations have run. Non-finite values count
    /// as +∞ (the simplex moves away from them).
    static func minimize(
        start: [Double], steps: [Double], tolerance: Double, maxIterations: Int,
        _ function: @escaping ([Double]) -> Double
    ) -> (point: [Double], value: Double, evaluations: Int) {
        GSLSetup.prepare()
        let n = start.count
        var evaluations = 0
        let objective = Objective { point in
            evaluations += 1
            let value = function(point)
            return value.isFinite ? value : .greatestFiniteMagnitude
        }
        guard let minimizer = gsl_multimin_fminimizer_alloc(leadsim_multimin_nmsimplex2(), n) else {
            fatalError("NelderMead: GSL could not allocate a minimiser (out of memory)")
        }
        defer { gsl_multimin_fminimizer_free(minimizer) }
        let x = gsl_vector_alloc(n)!, stepSizes = gsl_vector_alloc(n)!
        defer { gsl_vector_free(x); gsl_vector_free(stepSizes) }
        for i in 0..<n {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(stepSizes, i, steps[i])
        }
        let context = Unmanaged.passRetained(objective)
        defer { context.release() }
        var gslFunction = gsl_multimin_function(
            f: { vector, params in
                let objective = Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue()
                let point = (0..<vector!.pointee.size).map { gsl_vector_get(vector, $0) }
                return objective.function(point)
            },
            n: n,
            params: context.toOpaque()
        )
        gsl_multimin_fminimizer_set(minimizer, &gslFunction, x, stepSizes)
        for _ in 0..<maxIterations {
            if gsl_multimin_fminimizer_iterate(minimizer) != GSL_SUCCESS { break }
            if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimizer), tolerance) == GSL_SUCCESS { break }
        }
        let best = (0..<n).map { gsl_vector_get(minimizer.pointee.x, $0) }
        return (best, minimizer.pointee.fval, evaluations)
    }
}

/// GSL's aborting error handler, switched off once before this module's first GSL call
/// (statuses and NaN results are checked instead).
enum GSLSetup {
    private static let ready: Bool = {
        leadsim_gsl_error_handler_off()
        return true
    }()

    static func prepare() {
        _ = ready
    }
}
