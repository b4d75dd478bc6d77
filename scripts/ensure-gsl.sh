#!/usr/bin/env bash
# Installs GSL (libgsl-dev / brew gsl) when pkg-config cannot find it.
set -euo pipefail
if pkg-config --exists gsl 2>/dev/null; then exit 0; fi
echo "leadsim: GSL not found, installing it…" >&2
if [[ "$(uname)" == "Darwin" ]]; then
  brew install gsl pkg-config
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libgsl-dev pkg-config
pkg-config --exists gsl || { echo "leadsim: GSL still not found after installing libgsl-dev" >&2; exit 1; }
