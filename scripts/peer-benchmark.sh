#!/usr/bin/env bash
# The same M/M/c model (c = 50, λ = 45/min, μ = 1/min, FIFO, one arrival stream, from empty)
# in leadsim, in a minimal hand-written Swift loop (heap + GSL exponential draws: the floor),
# in SimPy and in Ciw. Prints leads/s for each (best replication: the machine may be shared),
# the ratios, and whether every mean wait agrees with the exact Erlang C value and with the
# others within their 95% confidence intervals (over independent replications).
#
# Usage: scripts/peer-benchmark.sh        (env: LEADS, SIMPY_LEADS, CIW_LEADS, REPLICATIONS)
# SimPy and Ciw are installed from PyPI into .venv-peers/ on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

LEADS=${LEADS:-1000000}
SIMPY_LEADS=${SIMPY_LEADS:-200000}   # SimPy and Ciw are much slower: fewer leads; leads/s is what is compared
CIW_LEADS=${CIW_LEADS:-100000}
REPLICATIONS=${REPLICATIONS:-5}

bash scripts/ensure-gsl.sh
if [[ ! -x .venv-peers/bin/python ]]; then
  python3 -m venv .venv-peers
fi
.venv-peers/bin/python -c "import simpy, ciw" 2>/dev/null || .venv-peers/bin/pip install --quiet simpy ciw

echo "building leadsim and the floor (release)…" >&2
swift build -c release --product leadsim >&2
swift build -c release --package-path Benchmarks --product MMcFloor >&2
LEADSIM=.build/release/leadsim
FLOOR=Benchmarks/.build/release/MMcFloor

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "running: $REPLICATIONS replications each; leadsim and floor $LEADS leads, SimPy $SIMPY_LEADS, Ciw $CIW_LEADS" >&2
"$LEADSIM" verify --peer-model --leads "$LEADS" --replications "$REPLICATIONS" | tee -a "$out"
"$FLOOR" "$LEADS" "$REPLICATIONS" | tee -a "$out"
(cd scripts/peers && ../../.venv-peers/bin/python simpy_mmc.py "$SIMPY_LEADS" "$REPLICATIONS") | tee -a "$out"
(cd scripts/peers && ../../.venv-peers/bin/python ciw_mmc.py "$CIW_LEADS" "$REPLICATIONS") | tee -a "$out"
.venv-peers/bin/python scripts/peers/compare.py "$out"
