#!/bin/bash
# make slurm-check: a private single-node Slurm cluster runs sharded fiscal-sim jobs (two Monte
# Carlo runs, two-level and matrix correlation, and a Monte Carlo sweep) through
# the shipped deploy/slurm scripts (sbatch --wait --array, then the merge job with
# --dependency=afterok), and each merged folder must equal the single-process run (diff -r).
#
#   Tests/slurm/slurm-check.sh FISCAL_SIM_BINARY
#
# Needs root (or passwordless sudo) to install slurm-wlm's daemons and munge and to run them;
# otherwise prints "skipped: needs root". Everything it starts — munged on a private socket,
# slurmctld and slurmd on free ports with their own slurm.conf (SLURM_CONF), state and logs —
# lives in a temporary folder and is stopped by pid on exit, also when a step fails.
set -euo pipefail
binary=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else echo "slurm-check: skipped: needs root"; exit 0; fi
fi
if [ -n "$SUDO" ]; then exec $SUDO -E "$0" "$@"; fi

packages="slurmctld slurmd slurm-client munge"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "slurm-check: installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

tmp=$(mktemp -d /tmp/fiscal-sim-slurm.XXXXXX)
cleanup() {
  status=$?
  # Read every pid first: the daemons delete their pid files as they exit.
  local pids=()
  for f in "$tmp"/slurmd.pid "$tmp"/slurmctld.pid "$tmp"/munged.pid; do
    [ -s "$f" ] && pids+=("$(cat "$f")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Wait until they are gone (then SIGKILL), so no daemon outlives the check.
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $status != 0 ]; then
    echo "slurm-check: FAILED; logs:" >&2
    for log in "$tmp"/*.log "$tmp"/jobs/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# munge: a private key, socket, pid and log.
dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge.key"
munged --force --socket="$tmp/munge.socket" --key-file="$tmp/munge.key" --pid-file="$tmp/munged.pid" \
  --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed"
munge --socket="$tmp/munge.socket" -n | unmunge --socket="$tmp/munge.socket" | grep -q "STATUS: *Success" \
  || { echo "slurm-check: munged does not answer on $tmp/munge.socket" >&2; exit 1; }

host=$(hostname -s)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/jobs"
cat > "$tmp/slurm.conf" <<CONF
ClusterName=fiscal-sim-check
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
: > "$tmp/plugstack.conf"
export SLURM_CONF=$tmp/slurm.conf
slurmctld
slurmd
deadline=$((SECONDS + 60))
until timeout 5 sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; do
  if [ $SECONDS -ge $deadline ]; then
    echo "slurm-check: the cluster did not come up within a minute (sinfo: $(timeout 5 sinfo -h 2>&1 | head -1))" >&2
    exit 1
  fi
  sleep 1
done
echo "slurm-check: single-node cluster up ($host, $(nproc) CPUs, slurmctld pid $(cat "$tmp/slurmctld.pid"), slurmd pid $(cat "$tmp/slurmd.pid"))"

export FISCAL_SIM=$binary
cd "$tmp/jobs"
# sharded NAME K COMMAND SCENARIO [options…]: the shipped scripts on the cluster, then diff -r
# against the single-process run of the same command.
sharded() {
  local name=$1 k=$2 command=$3
  shift 3
  local start=$SECONDS
  SBATCH_FLAGS="--wait --time=10" timeout 300 "$repo/deploy/slurm/submit.sh" "$k" "$tmp/jobs/$name" "$tmp/merged/$name" "$command" "$@" >/dev/null
  "$binary" "$command" "$@" --quiet --out "$tmp/single/$name" >/dev/null
  diff -r "$tmp/single/$name" "$tmp/merged/$name"
  echo "slurm-check: $name: sbatch --wait --array=0-$((k - 1)) and the merge job: identical to the single-process $command ($((SECONDS - start)) s)"
}

python3 "$repo/benchmarks/make_synthetic.py" "$tmp/two-level" --units 36 --districts 5 --years 5 --paths 130 >/dev/null
python3 "$repo/benchmarks/make_synthetic.py" "$tmp/matrix" --units 30 --districts 4 --years 5 --paths 100 --matrix 2>/dev/null >/dev/null
sharded two-level 3 run "$tmp/two-level/synthetic.yaml"
sharded matrix 3 run "$tmp/matrix/synthetic.yaml"
sharded sweep 3 sweep "$tmp/two-level/synthetic.yaml" --paths 40 --grid "rebate.bands.2.rate=0.3:0.6:4" --grid "rollout.default=2027,2029"
echo "slurm-check: passed"
