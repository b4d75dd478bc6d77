#!/usr/bin/env bash
# CI check: the committed Reports/ are exactly what the current code generates.
# Regenerates every bundled report into a temporary directory and diffs it against Reports/.
#
# usage: scripts/check-reports.sh [LEADSIM]   (default: builds and uses .build/release/leadsim)
set -euo pipefail
cd "$(dirname "$0")/.."

leadsim=${1:-}
if [ -z "$leadsim" ]; then
    swift build -c release >&2
    leadsim=.build/release/leadsim
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/generate-reports.sh "$leadsim" "$tmp"

status=0
for dir in "$tmp"/*/; do
    name=$(basename "$dir")
    if ! diff -r "$dir" "Reports/$name" > "$tmp/$name.diff"; then
        echo "Reports/$name differs from a fresh run (run 'make reports' and commit):" >&2
        head -40 "$tmp/$name.diff" >&2
        status=1
    fi
done
for dir in Reports/*/; do
    name=$(basename "$dir")
    if [ ! -d "$tmp/$name" ]; then
        echo "Reports/$name has no scenario folder in Scenarios/ (remove it)" >&2
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "Reports/ is up to date."
exit "$status"
