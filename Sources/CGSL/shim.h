#ifndef LEADSIM_CGSL_SHIM_H
#define LEADSIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_multimin.h>

/* GSL exposes its generator types as mutable globals, which Swift 6 treats as
   not concurrency-safe. These accessors hand out the (immutable in practice) pointers. */
static inline const gsl_rng_type *leadsim_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *leadsim_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

/* The Nelder-Mead simplex minimiser type (a global like the generator types). */
static inline const gsl_multimin_fminimizer_type *leadsim_multimin_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}

/* Turns GSL's aborting error handler off; returns nothing so Swift need not name the
   handler's function-pointer type. */
static inline void leadsim_gsl_error_handler_off(void) { (void)gsl_set_error_handler_off(); }

#endif
