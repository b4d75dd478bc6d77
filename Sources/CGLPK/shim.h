#ifndef LEADSIM_CGLPK_SHIM_H
#define LEADSIM_CGLPK_SHIM_H

/* GLPK (GNU Linear Programming Kit), for the exact integer program of `leadsim shifts`.
   Debian: libglpk-dev (no pkg-config file: the header is found on the default include path). */
#include <glpk.h>

#endif
