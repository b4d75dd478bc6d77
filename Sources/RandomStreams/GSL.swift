internal import CGSL

/// One-time set-up of GSL, shared by every entry point of this module.
///
/// GSL's default error handler calls `abort()`; a simulator must not die on a parameter
/// that slipped through validation, so the handler is switched off once, before the first
/// GSL call, and statuses (or NaN results) are checked instead. A global `let` is
/// initialised lazily and exactly once, thread-safely, by the Swift runtime.
enum GSL {
    private static let ready: Bool = {
        leadsim_gsl_error_handler_off()
        return true
    }()

    /// Makes sure the aborting error handler is off. Cheap after the first call.
    @inline(__always)
    static func prepare() {
        _ = ready
    }

    /// The value of a GSL `*_e` function, or `nil` when its status is not `GSL_SUCCESS`.
    static func checked(_ call: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) -> Double? {
        prepare()
        var result = gsl_sf_result(val: 0, err: 0)
        let status = call(&result)
        return status == GSL_SUCCESS ? result.val : nil
    }
}
