#!/usr/bin/env bash
# End-to-end test of sharded runs: a compare study (with a replay source) split into 1, 3 and 7
# shards run concurrently as separate processes (xargs -P) merges into exactly the files of the
# unsharded run; missing, duplicated and foreign shards are refused (exit 1); --shard auto reads
# Kubernetes, Slurm and AWS Batch variables; staff shards merge into the unsharded staff report.
#
# usage: scripts/test-shards.sh [LEADSIM]   (default: .build/debug/leadsim)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
leadsim=$(realpath "${1:-.build/debug/leadsim}")
[ -x "$leadsim" ] || { echo "no leadsim binary at $leadsim (swift build first)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); [ -n "${VERBOSE:-}" ] && echo "ok: $*"; return 0; }

mkdir -p "$tmp/study/data"
cd "$tmp/study"
cat > scenario.yaml <<'YAML'
name: shard-world
start: 2026-01-05T00:00
timezone: America/New_York
horizon: 4d
warmup: 1d
replications: 9
seed: 17
sources:
  - name: inbound
    volume: 60/day
    pattern: business-hours
    fields:
      region: {NA: 60, EMEA: 40}
      score: {beta: {a: 2, b: 3}, scale: 100}
  - name: history
    replay: {file: data/leads.csv, scale: 1.5}
teams:
  - name: na
  - name: emea
reps:
  - count: 3
    name: na-{i}
    team: na
    schedule: weekdays 09:00-17:00
  - count: 2
    name: emea-{i}
    team: emea
    timezone: Europe/London
    schedule: weekdays 08:00-16:00
defaults:
  rep: {capacity: {open: 8}, touch_delay: {lognormal: {median: 20m, sigma: 0.9}}, handle_time: {exponential: {mean: 6h}}}
YAML
cat > data/leads.csv <<'CSV'
created_at,region,score
2026-01-05T10:00,NA,80
2026-01-05T11:30,EMEA,40
2026-01-06T09:15,NA,15
2026-01-06T14:00,EMEA,
2026-01-07T16:45,NA,99
CSV
cat > baseline.yaml <<'YAML'
name: baseline
routes:
  - name: emea
    when: {region: EMEA}
    to: emea
fallback: na
queues:
  na: {team: na, strategy: round-robin}
  emea: {team: emea, strategy: round-robin}
sla: {first_touch: 1h}
YAML
cat > pooled.yaml <<'YAML'
name: pooled
routes:
  - name: everyone
    to: pool
queues:
  pool: {reps: [na-1, na-2, na-3, emea-1, emea-2], strategy: least-loaded, order: score}
YAML
cat > other-rules.yaml <<'YAML'
name: pooled
routes:
  - name: everyone
    to: pool
queues:
  pool: {reps: [na-1, na-2, na-3, emea-1, emea-2], strategy: round-robin}
YAML
study=(compare scenario.yaml baseline.yaml pooled.yaml --quiet)

"$leadsim" "${study[@]}" --out "$tmp/whole" --format md,html,json,csv,records > /dev/null
[ -s "$tmp/whole/summary.json" ] && [ -s "$tmp/whole/replications.jsonl" ] || fail "the unsharded run wrote no summary or records"
# 9 replications x 2 rule sets + the header.
[ "$(wc -l < "$tmp/whole/replications.jsonl")" -eq 19 ] || fail "replications.jsonl should have 19 lines"
ok "unsharded run"

for n in 1 3 7; do
    seq 0 $((n - 1)) | xargs -P 4 -I{} "$leadsim" "${study[@]}" --shard "{}/$n" --out "$tmp/shards-$n" > /dev/null
    [ "$(ls "$tmp/shards-$n" | wc -l)" -eq "$n" ] || fail "$n shards should write $n files"
    ls "$tmp/shards-$n" | grep -qv '^replications' && fail "shards write only records"
    ok "$n shards ran concurrently"
done

# Merge without the input files: the records carry them (replay CSV included).
mv "$tmp/study" "$tmp/study-moved"
cd "$tmp"
for n in 1 3 7; do
    "$leadsim" merge "shards-$n" --out "merged-$n" --format md,html,json,csv,records --quiet > /dev/null
    diff -r whole "merged-$n" > /dev/null || { diff -r whole "merged-$n" | head -20 >&2; fail "merging $n shards differs from the unsharded run"; }
    ok "merging $n shards is byte-identical"
done
# Files can be named one by one too, in any order.
"$leadsim" merge shards-3/replications-shard-2-of-3.jsonl shards-3/replications-shard-0-of-3.jsonl \
    shards-3/replications-shard-1-of-3.jsonl --out merged-files --format json --quiet > /dev/null
cmp whole/summary.json merged-files/summary.json || fail "merging files in another order differs"
ok "merge of files in any order"
mv "$tmp/study-moved" "$tmp/study"

expect_refusal() {  # expect_refusal WHAT PATTERN MERGE-ARGS...
    local what=$1 pattern=$2
    shift 2
    set +e
    "$leadsim" merge "$@" --out "$tmp/refused" --quiet > "$tmp/out.txt" 2> "$tmp/err.txt"
    local status=$?
    set -e
    [ "$status" -eq 1 ] || fail "$what: exit $status, expected 1"
    grep -q -- "$pattern" "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "$what: stderr lacks '$pattern'"; }
    [ -e "$tmp/refused" ] && fail "$what: merge wrote outputs"
    ok "$what refused: $(head -1 "$tmp/err.txt")"
}
mkdir -p missing dup foreign truncated
cp shards-3/replications-shard-0-of-3.jsonl shards-3/replications-shard-2-of-3.jsonl missing/
expect_refusal "a missing shard" "missing shard 1/3 (replications 1, 4, 7)" missing
cp shards-3/replications-shard-1-of-3.jsonl dup/
expect_refusal "a duplicated shard" "shard 1/3 is given 2 times" shards-3 dup
(cd study && "$leadsim" "${study[@]}" --seed 99 --shard 1/3 --out "$tmp/foreign" > /dev/null)
cp shards-3/replications-shard-0-of-3.jsonl shards-3/replications-shard-2-of-3.jsonl foreign/ 2>/dev/null || true
expect_refusal "a shard of another seed" "foreign shard.*seed 99 instead of 17" foreign
(cd study && "$leadsim" compare scenario.yaml baseline.yaml other-rules.yaml --quiet --shard 1/3 --out "$tmp/foreign-rules" > /dev/null)
expect_refusal "a shard of another rule-set file" "foreign shard.*rules file other-rules.yaml" \
    shards-3/replications-shard-0-of-3.jsonl foreign-rules/replications-shard-1-of-3.jsonl shards-3/replications-shard-2-of-3.jsonl
expect_refusal "shards of another split" "shard count 7 instead of 3" shards-3 shards-7/replications-shard-3-of-7.jsonl
cp shards-3/*.jsonl truncated/
head -n 2 shards-3/replications-shard-1-of-3.jsonl > truncated/replications-shard-1-of-3.jsonl
expect_refusal "a truncated shard" "records missing (did the shard finish?)" truncated
expect_refusal "an empty directory" "no replications\*.jsonl" study/data

# --shard auto from array-job variables.
cd "$tmp/study"
auto() { env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID -u AWS_BATCH_JOB_ARRAY_INDEX -u LEADSIM_SHARD_INDEX \
         -u LEADSIM_SHARD_COUNT -u SLURM_ARRAY_TASK_COUNT -u SLURM_ARRAY_TASK_MIN -u AWS_BATCH_JOB_ARRAY_SIZE "$@"; }
auto JOB_COMPLETION_INDEX=2 LEADSIM_SHARD_COUNT=3 "$leadsim" "${study[@]}" --shard auto --out "$tmp/auto" > /dev/null
auto SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=5 SLURM_ARRAY_TASK_COUNT=3 "$leadsim" "${study[@]}" --shard auto --out "$tmp/auto" > /dev/null
auto AWS_BATCH_JOB_ARRAY_INDEX=1 LEADSIM_SHARD_COUNT=3 "$leadsim" "${study[@]}" --shard auto --out "$tmp/auto" > /dev/null
for k in 0 1 2; do cmp "$tmp/auto/replications-shard-$k-of-3.jsonl" "$tmp/shards-3/replications-shard-$k-of-3.jsonl" \
    || fail "--shard auto wrote another shard $k/3"; done
ok "--shard auto (Kubernetes, Slurm with an offset, AWS Batch)"
set +e
auto "$leadsim" "${study[@]}" --shard auto --out "$tmp/auto-none" > /dev/null 2> "$tmp/err.txt"
status=$?
set -e
[ "$status" -eq 2 ] && grep -q "no array-job index in the environment" "$tmp/err.txt" || fail "--shard auto without variables: exit $status"
ok "--shard auto without variables: exit 2"

# Staff: shards sweep every headcount; the merge redoes the search (bisection for > 8 headcounts).
staff=(staff scenario.yaml baseline.yaml --team na --reps 1...10 --target 'touched_rate>=90%' 'ttft_p90<=1d' --quiet)
set +e
"$leadsim" "${staff[@]}" --out "$tmp/staff-whole" > /dev/null 2>&1
whole_status=$?
seq 0 2 | xargs -P 3 -I{} "$leadsim" "${staff[@]}" --shard "{}/3" --out "$tmp/staff-shards" > /dev/null
"$leadsim" merge "$tmp/staff-shards" --out "$tmp/staff-merged" --quiet > /dev/null 2>&1
merged_status=$?
set -e
[ "$whole_status" -eq 0 ] || fail "the unsharded staff run should find an answer (exit $whole_status)"
[ "$whole_status" -eq "$merged_status" ] || fail "staff merge exit $merged_status, unsharded $whole_status"
grep -q "needs 4 reps" "$tmp/staff-merged/staff.md" || fail "the merged staff answer should be 4 reps"
diff -r "$tmp/staff-whole" "$tmp/staff-merged" > /dev/null || { diff -r "$tmp/staff-whole" "$tmp/staff-merged" | head -20 >&2; fail "staff merge differs"; }
ok "staff shards merge into the unsharded staff report (exit $whole_status)"

echo "test-shards: $checks checks passed"
