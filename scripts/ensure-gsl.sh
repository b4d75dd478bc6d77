#!/usr/bin/env bash
# Installs the C libraries leadsim links when they are missing: GSL (libgsl-dev / brew gsl, found
# with pkg-config) and GLPK (libglpk-dev / brew glpk, the integer-program solver of `leadsim
# shifts`; it has no pkg-config file, so its header is looked for).
set -euo pipefail
have_gsl() { pkg-config --exists gsl 2>/dev/null; }
have_glpk() {
  for dir in /usr/include /usr/local/include /opt/homebrew/include; do [[ -f "$dir/glpk.h" ]] && return 0; done
  return 1
}
if have_gsl && have_glpk; then exit 0; fi
echo "leadsim: GSL or GLPK not found, installing them…" >&2
if [[ "$(uname)" == "Darwin" ]]; then
  brew install gsl glpk pkg-config
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libgsl-dev libglpk-dev pkg-config
have_gsl || { echo "leadsim: GSL still not found after installing libgsl-dev" >&2; exit 1; }
have_glpk || { echo "leadsim: GLPK still not found after installing libglpk-dev" >&2; exit 1; }
