#!/usr/bin/env bash
# Fuzzes leadsim's readers with libFuzzer (Fuzz/, a package of its own, built with ASan).
#
# usage: scripts/fuzz.sh TARGET|all [RUNS]
#   TARGET: scenario, rules, replay, history, salesforce or records (Fuzz/Sources/fuzz-TARGET)
#   RUNS:   executions per target (default: run until stopped, or FUZZ_SECONDS seconds)
#
# Each target starts from its seed corpus in Fuzz/corpus/TARGET (bundled scenarios, rule sets
# and test fixtures) and keeps what it learns in Fuzz/.corpus/TARGET (not committed). A crash,
# a trap, an input running over FUZZ_TIMEOUT seconds (default 10) or over FUZZ_RSS_MB of memory
# (default 2048) stops the run with exit 1 and leaves the input in Fuzz/crashes/; turn it into a
# regression test in the reader's test suite, then delete it.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(scenario rules replay history salesforce records)
want=${1:?usage: scripts/fuzz.sh TARGET|all [RUNS]}
runs=${2:-}
if [ "$want" = all ]; then selected=("${targets[@]}"); else selected=("$want"); fi
for t in "${selected[@]}"; do
  [[ " ${targets[*]} " == *" $t "* ]] || { echo "unknown target '$t'; one of: ${targets[*]} all" >&2; exit 2; }
done

bash scripts/ensure-gsl.sh >/dev/null
(cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | tail -1)
bin=Fuzz/.build/debug
mkdir -p Fuzz/crashes
status=0
for t in "${selected[@]}"; do
  mkdir -p "Fuzz/.corpus/$t"
  args=(-timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -max_len=65536
        -artifact_prefix="Fuzz/crashes/$t-" -print_final_stats=1)
  [ -n "$runs" ] && args+=(-runs="$runs")
  [ -n "${FUZZ_SECONDS:-}" ] && args+=(-max_total_time="$FUZZ_SECONDS")
  echo "== fuzz-$t ${runs:+($runs runs)}"
  start=$(date +%s)
  # Swift's lazily initialised globals look like leaks at exit: leaks are not what this looks for.
  if ! ASAN_OPTIONS=detect_leaks=0 "$bin/fuzz-$t" "${args[@]}" "Fuzz/.corpus/$t" "Fuzz/corpus/$t" 2> "Fuzz/.corpus/$t.log"; then
    status=1
    grep -E "ERROR|SUMMARY|Test unit written|timeout|out-of-memory" "Fuzz/.corpus/$t.log" | head -20 >&2
  fi
  runs_done=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "Fuzz/.corpus/$t.log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  echo "fuzz-$t: $runs_done executions in $(( $(date +%s) - start )) s, $(ls "Fuzz/.corpus/$t" | wc -l) inputs in the corpus"
done
exit $status
