#!/bin/sh
# Backtest calibration on Scenarios/saas-inbound's own histories and on ablations of it
# (no patience, no missing fields, no absences, no warm-up, none of them): per figure, the share
# of histories whose value ranks in the outer 4% of its replays (exchangeable: 4%) and the
# variance ratio (observed − replay mean)² / (Var(replay)(1 + 1/n)) (right replay: about 1).
#
#   scripts/backtest-calibration.sh [K histories] [N replications] [worlds, comma-separated]
#   scripts/backtest-calibration.sh 10 40 saas-inbound,no-patience
set -eu
cd "$(dirname "$0")/.."
LEADSIM_CALIBRATION=1 LEADSIM_CALIBRATION_K="${1:-20}" LEADSIM_CALIBRATION_N="${2:-100}" \
LEADSIM_CALIBRATION_WORLDS="${3:-saas-inbound,no-patience,no-missing,no-absences,no-warmup,bare}" \
    swift test -c release --filter BacktestCalibrationStudy 2>&1 | grep -v '^\[' | grep -v '^Build' 
