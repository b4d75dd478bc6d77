#!/usr/bin/env bash
# CI check: every bundled report.html renders in a real browser without the network.
#
# Installs Debian's `chromium` when it is missing, then for each Reports/*/report.html (and the
# workforce plans' Reports/*/requirement/requirement.html and Reports/*/shifts/shifts.html):
#   - the file references nothing outside itself (no http(s) src/href/url(), no script,
#     stylesheet link or image element);
#   - headless Chromium, with every host name unresolvable, renders it (--dump-dom) and
#     takes a screenshot (Reports/<name>/report.png in a temporary directory, or SCREENSHOTS=dir);
#   - the rendered DOM has as many <svg> as the file, each with drawn marks and labels;
#   - at print width (A4 less the page margins, 703 px) with the page's print CSS applied, no
#     table, chart or figure runs past the page or sits clipped in a scrolling box, and every
#     table row is laid out (the "show all" tails print expanded); a print-width screenshot too.
#
# Every page: the given files, else Reports/*/*.html (report.html, staff.html, fit.html, ...).
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
if [ "$#" -gt 0 ]; then files=("$@"); else files=(Reports/*/*.html Reports/*/*/*.html); fi
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

# Appended to a copy of the page: applies its @media print rules as screen rules, then lists
# what print would clip, into <body data-print-check>.
print_probe='<script>(function () {
  var extra = [];
  for (var sheet of document.styleSheets) for (var rule of sheet.cssRules)
    if (rule instanceof CSSMediaRule && rule.media.mediaText.indexOf("print") >= 0)
      for (var inner of rule.cssRules) extra.push(inner.cssText);
  var style = document.createElement("style");
  style.textContent = extra.join("\n");
  document.head.appendChild(style);
  var width = document.documentElement.clientWidth, problems = [];
  document.querySelectorAll("table, svg, figure, pre").forEach(function (el, i) {
    var box = el.getBoundingClientRect();
    if (box.right > width + 1) problems.push(el.tagName + " " + i + " ends at " + Math.round(box.right) + "px of " + width);
    for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      var cs = getComputedStyle(p);
      if ((cs.overflowX !== "visible" || cs.overflowY !== "visible")
          && (p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1)) {
        problems.push(el.tagName + " " + i + " clipped by a scrolling " + p.tagName); break;
      }
    }
  });
  document.querySelectorAll("tr").forEach(function (tr, i) {
    if (tr.getClientRects().length === 0 || tr.offsetHeight === 0) problems.push("table row " + i + " not printed");
  });
  document.body.setAttribute("data-print-check", problems.length ? problems.slice(0, 5).join("; ") : "ok");
})();</script>'

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

    probe="$profile/$name-print.html"
    PROBE="$print_probe" python3 -c 'import os, sys; page = open(sys.argv[1]).read()
print(page.replace("</body>", os.environ["PROBE"] + "</body>", 1), end="")' "$file" > "$probe"
    print_flags=("${flags[@]/--window-size=1280,2400/--window-size=703,2400}")
    verdict=$("$browser" "${print_flags[@]}" --dump-dom "file://$probe" 2>/dev/null \
        | grep -o 'data-print-check="[^"]*"' | head -1 | sed 's/^data-print-check="//; s/"$//')
    "$browser" "${print_flags[@]}" --screenshot="$shots/$name-print.png" "file://$probe" >/dev/null 2>&1
    if [ "$verdict" != "ok" ]; then
        echo "FAIL $file at print width: ${verdict:-the print check did not run}" >&2
        status=1
    else
        echo "ok   $file: nothing clipped at print width, all rows printed, screenshot $shots/$name-print.png"
    fi
done
exit "$status"
