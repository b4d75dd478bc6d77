#!/usr/bin/env bash
# A leadsim study as a Slurm job array, then a merge job that starts when every shard succeeded.
#
#   bash deploy/slurm-study.sh            # submits both; prints the job ids
#
# Each array task runs `leadsim compare … --shard auto`: leadsim takes its 0-based shard index
# from SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN and the count from SLURM_ARRAY_TASK_COUNT,
# so --array=1-10 or 0-9 both work. STUDY must be on a file system every node sees.
set -euo pipefail

SHARDS=${SHARDS:-10}
REPLICATIONS=${REPLICATIONS:-1000}
LEADSIM=${LEADSIM:-leadsim}                       # the binary, on every node's PATH (needs libgsl)
INPUTS=${INPUTS:-$PWD/Scenarios/saas-inbound}     # scenario and rule sets
STUDY=${STUDY:-$PWD/study-$(date +%Y%m%d-%H%M%S)}  # shared output directory
CPUS_PER_TASK=${CPUS_PER_TASK:-2}                 # per shard (leadsim --jobs)
MEMORY=${MEMORY:-4G}                              # per shard and for the merge
mkdir -p "$STUDY/logs"

shards=$(sbatch --parsable \
    --job-name=leadsim-shards \
    --array="0-$((SHARDS - 1))" \
    --cpus-per-task="$CPUS_PER_TASK" --mem="$MEMORY" --time=12:00:00 \
    --output="$STUDY/logs/shard-%a.out" \
    --wrap="$LEADSIM compare $INPUTS/scenario.yaml $INPUTS/baseline.yaml $INPUTS/pooled.yaml $INPUTS/follow-the-sun.yaml \
            --replications $REPLICATIONS --shard auto --out $STUDY/shards --jobs \${SLURM_CPUS_PER_TASK:-1} --quiet")

merge=$(sbatch --parsable \
    --job-name=leadsim-merge \
    --dependency="afterok:$shards" \
    --cpus-per-task=1 --mem="$MEMORY" --time=1:00:00 \
    --output="$STUDY/logs/merge.out" \
    --wrap="$LEADSIM merge $STUDY/shards --out $STUDY/report --format md,html,json,csv,records")

echo "shards: job $shards (array 0-$((SHARDS - 1))), merge: job $merge (after every shard succeeded)"
echo "reports will be in $STUDY/report; a failed shard can be rerun alone: sbatch --array=K … then the merge"
