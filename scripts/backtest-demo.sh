#!/usr/bin/env bash
# The backtest workflow end to end on a generated history (SPEC §8): the saas-inbound world's own
# run is written as a CRM history, then backtested against the world (consistent, exit 0), against
# the world with reps 2.5x slower to a first touch, and with EMEA two reps short (both exit 3,
# naming what is off). Writes OUT/history.csv and OUT/{true,slow,short}/backtest.{md,html,json}.
#
# usage: scripts/backtest-demo.sh LEADSIM OUT
set -euo pipefail
export LC_ALL=C

leadsim=${1:?usage: backtest-demo.sh LEADSIM OUT}
out=${2:?usage: backtest-demo.sh LEADSIM OUT}
cd "$(dirname "$0")/.."
dir=Scenarios/saas-inbound
rm -rf "${out:?}"
mkdir -p "$out"

"$leadsim" run "$dir/scenario.yaml" "$dir/baseline.yaml" --replications 1 --seed 1 --out "$out/run" \
    --history-out "$out/history.csv" --quiet
sed 's/median: 10m, sigma: 0.9/median: 25m, sigma: 0.9/' "$dir/scenario.yaml" > "$out/slow.yaml"
awk '/name: emea-\{i\}/ && previous ~ /count: 4/ { sub(/count: 4/, "count: 2", previous) }
     NR > 1 { print previous } { previous = $0 } END { print previous }' "$dir/scenario.yaml" > "$out/short.yaml"

status=0
for world in true slow short; do
    scenario="$out/$world.yaml"
    [ "$world" = true ] && scenario="$dir/scenario.yaml"
    echo "== backtest against the $world world"
    set +e
    "$leadsim" backtest "$scenario" "$dir/baseline.yaml" --history "$out/history.csv" --seed 7 --out "$out/$world" --quiet
    code=$?
    set -e
    echo "exit $code"
    expected=3
    [ "$world" = true ] && expected=0
    [ "$code" -eq "$expected" ] || { echo "expected exit $expected for the $world world" >&2; status=1; }
done
echo "Open $out/true/backtest.html, $out/slow/backtest.html and $out/short/backtest.html."
exit "$status"
