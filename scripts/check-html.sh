#!/usr/bin/env bash
# CI check: every bundled report.html renders in a real browser without the network.
#
# Installs Debian's `chromium` when it is missing, then for each Reports/*/report.html (and the
# workforce plans' Reports/*/requirement/requirement.html and Reports/*/shifts/shifts.html):
#   - the file references nothing outside itself (no http(s) src/href/url(), no script,
#     stylesheet link or image element);
#   - headless Chromium, with every host name unresolvable, renders it (--dump-dom) and
#     takes a screenshot (Reports/<name>/report.png in a temporary directory, or SCREENSHOTS=dir);
#   - the rendered DOM has as many <svg> as the file, each with drawn marks and labels.
#
# usage: scripts/check-html.sh [REPORT.html...]
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "installing chromium (Debian package)..." >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >&2
    browser=$(command -v chromium)
fi

shopt -s nullglob
if [ "$#" -gt 0 ]; then files=("$@"); else files=(Reports/*/report.html Reports/*/requirement/requirement.html Reports/*/shifts/shifts.html); fi
shots=${SCREENSHOTS:-$(mktemp -d)}
mkdir -p "$shots"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Every host name fails to resolve: any request leaving the file would fail (and is also
# refused by the static check below).
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$profile" --window-size=1280,2400
       --virtual-time-budget=2000)

status=0
for file in "${files[@]}"; do
    name=$(dirname "${file#Reports/}" | tr / -)
    if grep -Eqi '(src|href)[[:space:]]*=[[:space:]]*["'\'']?[[:space:]]*(https?:)?//|url\([[:space:]]*["'\'']?(https?:)?//|<script|<link|<img|@import' "$file"; then
        echo "FAIL $file: references something outside the file" >&2
        status=1
        continue
    fi
    url="file://$(realpath "$file")"
    dom=$("$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null)
    "$browser" "${flags[@]}" --screenshot="$shots/$name.png" "$url" >/dev/null 2>&1
    expected=$(grep -o '<svg ' "$file" | wc -l)
    result=$(printf '%s' "$dom" | python3 -c '
import sys, re
dom = sys.stdin.read()
svgs = re.findall(r"<svg\b.*?</svg>", dom, re.S)
empty = [i for i, s in enumerate(svgs) if not re.search(r"<(polyline|rect|line|path)\b", s) or len(re.findall(r"<text\b", s)) < 3]
print(len(svgs), len(empty))
')
    read -r found empty <<< "$result"
    if [ "$found" -ne "$expected" ] || [ "$found" -eq 0 ] || [ "$empty" -ne 0 ]; then
        echo "FAIL $file: rendered $found of $expected charts, $empty empty" >&2
        status=1
    elif [ ! -s "$shots/$name.png" ]; then
        echo "FAIL $file: no screenshot" >&2
        status=1
    else
        echo "ok   $file: $found charts rendered, screenshot $shots/$name.png"
    fi
done
exit "$status"
