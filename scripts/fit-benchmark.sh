#!/usr/bin/env bash
# The fit benchmark (issue 18: a 1,000,000-row history fits in under 10 s on one core):
# generates a deterministic history (3 sources, 50 reps in 5 teams, created/assigned/first
# touch/closed, three fields and an id column) and times `leadsim fit` on one core.
#   scripts/fit-benchmark.sh [BINARY] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/leadsim}
ROWS=${2:-1000000}
WORK=${TMPDIR:-/tmp}/leadsim-fit-bench
mkdir -p "$WORK"
HISTORY="$WORK/history-$ROWS.csv"
if [ ! -f "$HISTORY" ]; then
  python3 - "$HISTORY" "$ROWS" <<'PY'
import math, random, sys
path, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261203)
start = 1_791_000_000 - (1_791_000_000 % 604800) + 4 * 86400   # a Monday 00:00 UTC
span = 84 * 86400
def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
with open(path, "w") as f:
    f.write("lead_id,created_at,source,owner,team,assigned_at,first_touch_at,closed_at,region,employees,industry\n")
    for i in range(rows):
        t = start + span * i / rows
        source = ("web", "content", "partner")[i % 3]
        rep = rng.randrange(50)
        touch = t + rng.lognormvariate(math.log(1200), 1.0)
        closed = touch + rng.expovariate(1 / 86400)
        touched = iso(touch) if touch < start + span else ""
        done = iso(closed) if touched and closed < start + span else ""
        f.write(f"L{i},{iso(t)},{source},rep-{rep},team-{rep % 5},{iso(t)},{touched},{done},"
                f"{('NA','EMEA','APAC')[rng.randrange(3)]},{int(rng.lognormvariate(5, 1.2)) + 1},"
                f"{('Tech','Retail','Health','Finance')[rng.randrange(4)]}\n")
PY
fi
echo "history: $HISTORY ($(wc -l < "$HISTORY") lines)"
/usr/bin/time -f "fit: %e s wall, %U s user, %M KB max RSS" taskset -c 0 "$BIN" fit "$HISTORY" --timezone UTC --out "$WORK/fit" --quiet
