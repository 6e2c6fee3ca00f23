#!/bin/bash
# make safety-check: issue 23's experiments at the shell, as a user and a cluster job would run
# them — the wipe cases (nothing of the user's is touched), a workbook on a full disk (a private
# mount namespace with a small tmpfs: exit 1, the previous folder intact, no unexplained
# libxlsxwriter line), a tiny /tmp (the workbook's temporary files are not there), and two runs
# in different PID namespaces writing one shared folder at once (both succeed, several times).
#
#   Tests/safety/safety-check.sh FISCAL_SIM_BINARY
#
# The namespace cases need root (unshare, mount); without it they print "skipped: needs root".
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /var/tmp/fiscal-safety.XXXXXX)
# A copy of the binary outside /tmp: the tiny-/tmp case mounts over /tmp, which would hide a
# binary built in a clone under /tmp.
bin=$(mktemp -d /var/tmp/fiscal-safety-bin.XXXXXX)
trap 'rm -rf "$work" "$bin"' EXIT
cp "$(realpath "$1")" "$bin/fiscal-sim"
binary=$bin/fiscal-sim
failures=0
fail() { echo "safety-check: FAIL: $*"; failures=$((failures + 1)); }
tree() { (cd "$work" && find . -path ./log -prune -o -path ./shared -prune -o -path ./small -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; find . -path ./log -prune -o -path ./small -prune -o -type d -print | sort); }

mkdir -p "$work/log" "$work/proj/data" "$work/user" "$work/small" "$work/shared"
cp "$repo/scenarios/siming-pilot.yaml" "$work/proj/"
cp "$repo/scenarios/data/siming-streets.csv" "$work/proj/data/"
echo "会议纪要" > "$work/proj/notes.txt"
echo "the user's own file" > "$work/user/keep.txt"
sed 's/^name: .*/name: ".."/' "$work/proj/siming-pilot.yaml" > "$work/proj/dotdot.yaml"
sed 's|^name: .*|name: "../victim"|' "$work/proj/siming-pilot.yaml" > "$work/proj/victim.yaml"
cd "$work/proj"
for i in 0 1 2; do "$binary" run siming-pilot.yaml --paths 30 --shard "$i/3" --out "y$i" --quiet > /dev/null; done

# 1. The wipe cases: exit 2, a message naming the folder, not one file changed.
refused() {
  local before after status
  before=$(tree)
  set +e; "$binary" "$@" > /dev/null 2> "$work/log/stderr"; status=$?; set -e
  after=$(tree)
  [ "$status" = 2 ] || fail "$* exited $status, not 2: $(cat "$work/log/stderr")"
  [ "$before" = "$after" ] || fail "$* changed files"
  grep -q "error:" "$work/log/stderr" || fail "$*: no error message"
}
refused run siming-pilot.yaml --out "" --quiet
refused run siming-pilot.yaml --out . --quiet
refused run siming-pilot.yaml --out ../user --quiet
refused run siming-pilot.yaml --out data --quiet
refused run siming-pilot.yaml --out "$work/proj" --quiet
refused merge y0 y1 y2 --out y0
refused validate dotdot.yaml
refused run dotdot.yaml --quiet
refused run victim.yaml --quiet
refused sweep siming-pilot.yaml --grid rebate.termYears=3,5 --out ../user --quiet
refused calibrate siming-pilot.yaml --history data/siming-streets.csv --out .
echo "safety-check: wipe cases: $((11 - failures)) of 11 refused with nothing touched"

if [ "$(id -u)" != 0 ] || ! unshare --mount true 2>/dev/null; then
  echo "safety-check: namespace cases skipped: needs root"
  [ "$failures" = 0 ] || exit 1
  exit 0
fi

# 2. A full disk while the workbook is written: the CSVs fit, report.xlsx does not.
before_small=""
set +e
unshare --mount sh -c "
  mount -t tmpfs -o size=600k tmpfs '$work/small' || exit 9
  '$binary' run siming-pilot.yaml --out '$work/small/r' --quiet > /dev/null || exit 8
  (cd '$work/small/r' && sha256sum *) > '$work/log/small-before'
  '$binary' run siming-pilot.yaml --xlsx --out '$work/small/r' --quiet > /dev/null 2> '$work/log/small-stderr'
  echo \$? > '$work/log/small-status'
  (cd '$work/small/r' && sha256sum *) > '$work/log/small-after'
  ls -A '$work/small' > '$work/log/small-entries'
"
set -e
[ "$(cat "$work/log/small-status" 2>/dev/null)" = 1 ] || fail "full disk: the --xlsx run exited $(cat "$work/log/small-status" 2>/dev/null), not 1"
cmp -s "$work/log/small-before" "$work/log/small-after" || fail "full disk: the previous folder changed"
[ "$(cat "$work/log/small-entries")" = "r" ] || fail "full disk: leftovers next to the folder: $(cat "$work/log/small-entries" | tr '\n' ' ')"
grep -q "^error: cannot write report.xlsx" "$work/log/small-stderr" || fail "full disk: no clear error: $(cat "$work/log/small-stderr")"
if grep -v "^error: " "$work/log/small-stderr" | grep -q "ERROR"; then fail "full disk: an unexplained libxlsxwriter line: $(cat "$work/log/small-stderr")"; fi
echo "safety-check: full disk: exit $(cat "$work/log/small-status"), previous folder intact: $(head -c 160 "$work/log/small-stderr")…"

# 3. A 64 KB /tmp: the workbook's temporary files live in the work folder, so it is whole.
"$binary" run siming-pilot.yaml --xlsx --out "$work/reference-xlsx" --quiet > /dev/null
unshare --mount sh -c "mount -t tmpfs -o size=64k tmpfs /tmp && '$binary' run siming-pilot.yaml --xlsx --out '$work/tiny-tmp' --quiet > /dev/null" \
  || fail "tiny /tmp: the run failed"
cmp -s "$work/reference-xlsx/report.xlsx" "$work/tiny-tmp/report.xlsx" || fail "tiny /tmp: report.xlsx differs from the one written with a normal /tmp"
echo "safety-check: 64 KB /tmp: report.xlsx byte-identical to a normal run's"

# 4. Two runs in different PID namespaces into one shared folder at once. The first is PID 1 in
# its namespace and starts its write a few milliseconds later (staggered so that its cleanup
# falls inside the other's write); the other is PID 2 in its own, a process id that is dead in
# the first's namespace — judged by process id, the first deleted the second's work folder in 7
# of 9 such tries.
"$binary" run siming-pilot.yaml --xlsx --out "$work/reference-shared" --quiet > /dev/null
both=0
attempt=0
for delay in 0 0.01 0.03 0.05 0.07 0.1; do
  attempt=$((attempt + 1))
  unshare --pid --fork sh -c "sleep $delay; exec '$binary' run siming-pilot.yaml --xlsx --out '$work/shared/out' --quiet > /dev/null 2> '$work/log/a.err'" & a=$!
  unshare --pid --fork sh -c "'$binary' run siming-pilot.yaml --xlsx --out '$work/shared/out' --quiet > /dev/null 2> '$work/log/b.err'; exit \$?" & b=$!
  sa=0; sb=0
  wait "$a" || sa=$?
  wait "$b" || sb=$?
  if [ "$sa" = 0 ] && [ "$sb" = 0 ]; then both=$((both + 1)); else fail "PID namespaces, attempt $attempt: exits $sa and $sb: $(cat "$work/log/a.err" "$work/log/b.err")"; fi
  diff -r "$work/reference-shared" "$work/shared/out" > /dev/null || fail "PID namespaces, attempt $attempt: the folder differs from a single run's"
done
leftovers=$(ls -A "$work/shared" | grep -v '^out$' || true)
[ -z "$leftovers" ] || fail "PID namespaces: work folders left: $leftovers"
echo "safety-check: PID namespaces: both runs succeeded in $both of 6 attempts"

[ "$failures" = 0 ] || { echo "safety-check: $failures failure(s)"; exit 1; }
echo "safety-check: passed"
