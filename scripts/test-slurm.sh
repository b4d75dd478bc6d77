#!/usr/bin/env bash
# A sharded study on a real Slurm cluster of one node (this machine): installs Debian's
# slurm-wlm and munge when missing, starts munged, slurmctld and slurmd with a configuration
# of its own (in a temporary directory), submits deploy/slurm-study.sh (the array job of
# shards and the merge job that waits for them, as the README's Slurm section describes), waits
# for both, and checks the merged summary.json byte for byte against the unsharded run.
#
# usage: scripts/test-slurm.sh [LEADSIM]   (default: .build/release/leadsim, else .build/debug/leadsim)
# Needs root (to install packages and run the daemons). Exit 0 when the files match.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
root=$PWD
leadsim=${1:-}
if [ -z "$leadsim" ]; then
  if [ -x .build/release/leadsim ]; then leadsim=.build/release/leadsim; else leadsim=.build/debug/leadsim; fi
fi
leadsim=$(realpath "$leadsim")
[ -x "$leadsim" ] || { echo "no leadsim binary at $leadsim (swift build first)" >&2; exit 2; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

tmp=$(mktemp -d /tmp/leadsim-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$tmp"/log/*.log "$tmp"/study/logs/*; do [ -f "$f" ] && { echo "== $f" >&2; tail -20 "$f" >&2; }; done; exit 1; }

# munge: a key of our own and a socket in the temporary directory.
mkdir -p "$tmp/munge" "$tmp/log" "$tmp/spool/ctld" "$tmp/spool/d"
dd if=/dev/urandom bs=1 count=1024 of="$tmp/munge/munge.key" 2>/dev/null
chmod 700 "$tmp/munge"; chmod 400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
munged --force --key-file="$tmp/munge/munge.key" --socket="$socket" --pid-file="$tmp/munge/munged.pid" \
  --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/seed"
pids+=("$(cat "$tmp/munge/munged.pid")")

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
cat > "$tmp/slurm.conf" <<CONF
ClusterName=leadsim-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
StateSaveLocation=$tmp/spool/ctld
SlurmdSpoolDir=$tmp/spool/d
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -i -f "$SLURM_CONF" || fail "slurmctld did not start"
for _ in $(seq 50); do [ -f "$tmp/slurmctld.pid" ] && break; sleep 0.2; done
pids+=("$(cat "$tmp/slurmctld.pid")")
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 50); do [ -f "$tmp/slurmd.pid" ] && break; sleep 0.2; done
pids+=("$(cat "$tmp/slurmd.pid")")
for _ in $(seq 100); do
  sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break
  sleep 0.5
done
sinfo -h -N -o '%T' | grep -qE '^(idle|mixed|allocated)' || fail "the node did not come up: $(sinfo -h -N -o '%T %E' 2>&1)"

# The study: the bundled saas-inbound comparison, small enough to run in a minute.
inputs="$tmp/inputs"
mkdir -p "$inputs"
cp Scenarios/saas-inbound/*.yaml "$inputs/"
sed -i -e 's/^horizon: .*/horizon: 7d/' -e 's/^warmup: .*/warmup: 1d/' -e 's/^drain: .*/drain: 2d/' "$inputs/scenario.yaml"
replications=6
shards=3
mkdir -p "$tmp/bin"
ln -s "$leadsim" "$tmp/bin/leadsim"
out=$(cd "$tmp" && SHARDS=$shards REPLICATIONS=$replications LEADSIM="$tmp/bin/leadsim" INPUTS="$inputs" STUDY="$tmp/study" \
      CPUS_PER_TASK=1 MEMORY=1G bash "$root/deploy/slurm-study.sh") || fail "deploy/slurm-study.sh failed: $out"
echo "$out"
merge=$(echo "$out" | sed -n 's/.*merge: job \([0-9]*\).*/\1/p')
[ -n "$merge" ] || fail "no merge job id in: $out"

# Wait for the merge job (it starts after every shard succeeded) to leave the queue.
for _ in $(seq 600); do
  squeue -h -j "$merge" 2>/dev/null | grep -q . || break
  sleep 1
done
squeue -h -j "$merge" 2>/dev/null | grep -q . && fail "the merge job was still queued or running after 10 minutes"
[ -f "$tmp/study/report/summary.json" ] || fail "the merge job wrote no summary.json"

# The same study unsharded, and the two summaries byte for byte.
"$leadsim" compare "$inputs/scenario.yaml" "$inputs/baseline.yaml" "$inputs/pooled.yaml" "$inputs/follow-the-sun.yaml" \
  --replications $replications --out "$tmp/whole" --format md,html,json,csv,records --quiet
cmp "$tmp/study/report/summary.json" "$tmp/whole/summary.json" || fail "merged summary.json differs from the unsharded run"
ls "$tmp/study/shards" | grep -c 'replications-shard-' | grep -qx "$shards" || fail "expected $shards shard files"
echo "ok: $shards Slurm array tasks and the merge job reproduce the unsharded summary.json byte for byte"
