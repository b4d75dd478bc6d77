#!/usr/bin/env bash
# Regenerates the bundled example reports: for every folder of Scenarios/ (or only the ones
# named), runs its baseline.yaml against the other rule sets of the folder (sorted by name)
# with `leadsim compare` (`leadsim run` when there is no candidate) into OUT/<folder>.
# A folder with a workforce.env (TEAM=…, TARGETS="…") and a shifts.yaml also gets its workforce
# plan (SPEC §9): `leadsim requirement` into OUT/<folder>/requirement and `leadsim shifts
# --requirement` into OUT/<folder>/shifts (exit 3, a target missed somewhere, is a result here).
#
# A folder with a history.csv is the CRM workflow instead: `leadsim fit` the history (with the
# arguments in fit.args) into OUT/<folder>/fit, `leadsim backtest` the fitted scenario under
# baseline.yaml against the same history into OUT/<folder>/backtest, then compare the rule sets
# on the fitted scenario into OUT/<folder>. Its scenario.yaml is the world the history was drawn
# from, kept to regenerate the history and to check the fit against the truth.
#
# usage: scripts/generate-reports.sh LEADSIM OUT [FOLDER...]   (VERBOSE=1 prints the verdicts)
set -euo pipefail
export LC_ALL=C

leadsim=${1:?usage: generate-reports.sh LEADSIM OUT [FOLDER...]}
out=${2:?usage: generate-reports.sh LEADSIM OUT [FOLDER...]}
shift 2
quiet=--quiet
[ -n "${VERBOSE:-}" ] && quiet=
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
    folders=("$@")
else
    folders=()
    for dir in Scenarios/*/; do
        [ -f "$dir/scenario.yaml" ] && folders+=("$(basename "$dir")")
    done
fi

for name in "${folders[@]}"; do
    dir="Scenarios/$name"
    candidates=()
    for file in $(ls "$dir"/*.yaml | sort); do
        case "$(basename "$file")" in
            scenario.yaml|baseline.yaml|shifts.yaml) ;;
            *) candidates+=("$file") ;;
        esac
    done
    rm -rf "${out:?}/$name"
    if [ -f "$dir/history.csv" ]; then
        read -r -a fit_args < "$dir/fit.args"
        "$leadsim" fit "$dir/history.csv" "${fit_args[@]}" --out "$out/$name/fit" $quiet
        status=0
        "$leadsim" backtest "$out/$name/fit/scenario.yaml" "$dir/baseline.yaml" --history "$dir/history.csv" \
            --out "$out/$name/backtest" $quiet || status=$?
        # Exit 3 (not consistent) is a finding the report shows, not a failure of the script.
        [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
        "$leadsim" compare "$out/$name/fit/scenario.yaml" "$dir/baseline.yaml" "${candidates[@]}" --out "$out/$name" $quiet
        continue
    fi
    if [ "${#candidates[@]}" -eq 0 ]; then
        "$leadsim" run "$dir/scenario.yaml" "$dir/baseline.yaml" --out "$out/$name" $quiet
    else
        "$leadsim" compare "$dir/scenario.yaml" "$dir/baseline.yaml" "${candidates[@]}" --out "$out/$name" $quiet
    fi
    if [ -f "$dir/workforce.env" ] && [ -f "$dir/shifts.yaml" ]; then
        TEAM= TARGETS=
        # shellcheck disable=SC1090,SC1091
        . "$dir/workforce.env"
        read -r -a targets <<< "$TARGETS"
        status=0
        "$leadsim" requirement "$dir/scenario.yaml" "$dir/baseline.yaml" --team "$TEAM" --target "${targets[@]}" \
            --out "$out/$name/requirement" $quiet > /dev/null || status=$?
        [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
        status=0
        "$leadsim" shifts "$dir/scenario.yaml" "$dir/baseline.yaml" --team "$TEAM" --templates "$dir/shifts.yaml" \
            --requirement "$out/$name/requirement/requirement.json" --out "$out/$name/shifts" $quiet > /dev/null || status=$?
        [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
    fi
done
