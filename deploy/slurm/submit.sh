#!/bin/bash
# Submits a sharded fiscal-sim run (or sweep) as a Slurm job array of K shards and a merge
# job that starts when every shard has succeeded (--dependency=afterok). Prints both job ids.
#
#   deploy/slurm/submit.sh K JOB_DIR OUT run SCENARIO [options…]
#   e.g. deploy/slurm/submit.sh 16 /scratch/$USER/prov-run out/province run province.yaml --paths 2000
#
# Extra sbatch flags for both jobs go in SBATCH_FLAGS (e.g. "--partition=long --wait");
# sbatch's own SBATCH_* variables work too.
set -euo pipefail
if [ $# -lt 5 ]; then
  echo "usage: $0 K JOB_DIR OUT run|sweep SCENARIO [options…]" >&2
  exit 2
fi
shards=$1 job_dir=$2 out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_FLAGS:-} --array=0-$((shards - 1)) "$here/shards.sbatch" "$job_dir" "$@")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_FLAGS:-} --dependency=afterok:"$array" "$here/merge.sbatch" "$job_dir" "$out")
echo "array job $array ($shards shards into $job_dir), merge job ${merge%%;*} (into $out)"
