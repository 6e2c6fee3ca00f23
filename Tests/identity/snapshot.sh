#!/usr/bin/env bash
# Byte-identity proof for behaviour-preserving changes (issue 18, 22): writes every kind of
# output fiscal-sim produces into one folder, so that two builds can be compared with
#
#     Tests/identity/snapshot.sh OLD_BINARY /tmp/before
#     Tests/identity/snapshot.sh NEW_BINARY /tmp/after
#     diff -r /tmp/before /tmp/after && echo identical
#
# or in one step: Tests/identity/compare.sh REV (builds REV in a worktree, snapshots both).
# Covers: the shipped scenarios (deterministic, with --xlsx, --lang zh), the crosscheck's
# generated scenarios (SEEDS, default 40), a Monte Carlo run, a sweep and a solve, a 3-shard
# Monte Carlo run and its merge, a sharded sweep and its merge, explain, the printed summaries.
# Workbooks are compared by their unzipped parts (libxlsxwriter stamps the creation time).
set -euo pipefail
BIN=$(realpath "$1"); OUT=$2; SEEDS=${SEEDS:-40}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"; OUT=$(realpath "$OUT")
cd "$ROOT"
run() { local name=$1; shift; "$BIN" "$@" > "$OUT/$name.stdout" 2> "$OUT/$name.stderr" || echo "exit $?" >> "$OUT/$name.stdout"; }
for s in scenarios/siming-pilot.yaml scenarios/pilot-districts.yaml; do
  n=$(basename "$s" .yaml)
  run "$n" run "$s" --out "$OUT/$n"
  run "$n-xlsx-zh" run "$s" --xlsx --lang zh --out "$OUT/$n-xlsx-zh" --quiet
  run "$n-validate" validate "$s"
done
run siming-mc run scenarios/siming-pilot.yaml --paths 300 --xlsx --out "$OUT/siming-mc"
run siming-mc-threads run scenarios/siming-pilot.yaml --paths 300 --threads 1 --out "$OUT/siming-mc-threads" --quiet
run sweep sweep scenarios/siming-pilot.yaml --grid rebate.bands.0.rate=0.1:0.5:5 --grid rebate.termYears=3,5 --xlsx --out "$OUT/sweep"
run sweep-mc sweep scenarios/siming-pilot.yaml --grid rebate.bands.0.rate=0.2:0.4:3 --paths 50 --out "$OUT/sweep-mc"
run solve solve scenarios/siming-pilot.yaml --vary incentive.elasticity --between 0 0.2 --target reform_effect=0 --out "$OUT/solve"
run solve-mc solve scenarios/pilot-districts.yaml --vary rebate.bands.0.rate --between 0 1 --target prob_capacity_binding=0.5 --paths 40 --out "$OUT/solve-mc"
for i in 0 1 2; do run "shard$i" run scenarios/pilot-districts.yaml --paths 120 --shard "$i/3" --out "$OUT/shards/s$i" --quiet; done
run merge merge "$OUT/shards/s0" "$OUT/shards/s1" "$OUT/shards/s2" --out "$OUT/merged"
for i in 0 1; do run "sweepshard$i" sweep scenarios/pilot-districts.yaml --grid rebate.bands.0.rate=0.2:0.4:3 --shard "$i/2" --out "$OUT/sweepshards/s$i" --quiet; done
run sweepmerge merge "$OUT/sweepshards/s0" "$OUT/sweepshards/s1" --out "$OUT/sweepmerged"
unit=$(sed -n 2p scenarios/data/siming-streets.csv | cut -d, -f1)
run explain explain scenarios/siming-pilot.yaml --unit "$unit" --year 2030 --variant reform
run explain-linked explain scenarios/siming-pilot.yaml --unit "$unit" --year 2030 --variant linked-1-0.3
# Usage errors, invalid input and failures: messages on standard error and exit statuses.
S=scenarios/siming-pilot.yaml; P=scenarios/pilot-districts.yaml; E=$OUT/errors; mkdir -p "$E"
printf 'point,rebate.bands.0.rate\nlow,0.2\nhigh,0.4\n' > "$E/design.csv"
printf 'name: broken\nbase: [\n' > "$E/broken.yaml"
run err-threads-run run --threads 0 --out "$E/x"
run err-paths-run run --paths 0 --out "$E/x"
run err-shard-det run --shard 0/2 --out "$E/x"
run err-shard-bad run --paths 10 --shard 3/2 --out "$E/x"
run err-shard-xlsx run --paths 10 --shard 0/2 --xlsx --out "$E/x"
run err-shard-auto run --paths 10 --shard auto --out "$E/x"
run err-lang run --lang fr --out "$E/x"
run err-unknown-option run --colour --out "$E/x"
run err-missing-scenario run "$E/nothing.yaml" --out "$E/x"
run err-broken-scenario validate "$E/broken.yaml"
run err-sweep-none sweep "$S" --out "$E/x"
run err-sweep-both sweep "$S" --grid rebate.termYears=3,5 --design "$E/design.csv" --out "$E/x"
run err-sweep-threads sweep "$S" --grid rebate.termYears=3,5 --threads 0 --out "$E/x"
run err-sweep-paths sweep "$S" --grid rebate.termYears=3,5 --paths 0 --out "$E/x"
run err-sweep-path sweep "$S" --grid rebate.nothing=1,2 --out "$E/x"
run err-sweep-values sweep "$S" --grid rebate.bands.0.rate=0.1:0.5:1 --out "$E/x"
run err-sweep-negative sweep "$S" --grid incentive.elasticity=-0.1:0.1:3 --out "$E/sweep-negative"
run err-sweep-design-missing sweep "$S" --design "$E/nothing.csv" --out "$E/x"
run sweep-design sweep "$S" --design "$E/design.csv" --out "$E/sweep-design"
run err-sweep-shard-xlsx sweep "$S" --grid rebate.termYears=3,5 --shard 0/2 --xlsx --out "$E/x"
run err-sweep-shard-bad sweep "$S" --grid rebate.termYears=3,5 --shard 2/2 --out "$E/x"
run err-sweep-variant sweep "$S" --grid rebate.termYears=3,5 --variant nothing --out "$E/x"
run err-solve-between solve "$S" --vary incentive.elasticity --between 1 --target reform_effect=0 --out "$E/x"
run err-solve-target solve "$S" --vary incentive.elasticity --between 0 1 --target reform_effect --out "$E/x"
run err-solve-threads solve "$S" --vary incentive.elasticity --between 0 1 --target reform_effect=0 --threads 0 --out "$E/x"
run err-solve-metric solve "$S" --vary incentive.elasticity --between 0 1 --target nothing=0 --out "$E/x"
run err-solve-district solve "$S" --vary incentive.elasticity --between 0 1 --target reform_effect=0 --district nowhere --out "$E/x"
run solve-negative solve "$S" --vary incentive.elasticity --between -0.02 0.08 --target reform_effect=0 --out "$E/solve-negative"
run solve-not-found solve "$P" --variant rebate-50 --vary rebate.bands.0.rate --between 0 1 --target capacity_binding_years=0.5 --district core --out "$E/solve-not-found"
run err-merge-none merge
run err-merge-missing merge "$E/nothing-0" "$E/nothing-1" --out "$E/x"
run err-explain-unit explain "$S" --unit nobody --year 2030
run err-explain-year explain "$S" --unit "$(sed -n 2p scenarios/data/siming-streets.csv | cut -d, -f1)" --year 1990
run err-calibrate-history calibrate "$S" --history "$E/nothing.csv" --out "$E/x"
run init-new init "$E/init"
run err-init-exists init "$E/init"
run err-no-subcommand
run err-unknown-subcommand frobnicate
run pinned test scenarios/pinned
run err-test-missing test "$E/nothing.yaml"
mkdir -p "$OUT/generated"
for seed in $(seq 1 "$SEEDS"); do
  python3 Tests/crosscheck/generate_scenario.py "$seed" "$OUT/generated/g$seed-in" > /dev/null
  scen=$(ls "$OUT"/generated/g$seed-in/*.yaml | head -1)
  run "generated/g$seed" run "$scen" --out "$OUT/generated/g$seed" --quiet
done
# Workbooks: unzip (parts compared as text), drop the creation-time stamp.
find "$OUT" -name '*.xlsx' | while read -r x; do
  d="$x.parts"; mkdir -p "$d"; (cd "$d" && unzip -q -o "$x") ; rm "$x"
  sed -i -E 's#<dcterms:(created|modified)[^<]*</dcterms:(created|modified)>##g' "$d/docProps/core.xml" 2>/dev/null || true
done
# Paths of this snapshot inside outputs are made relative.
grep -rl "$OUT" "$OUT" 2>/dev/null | while read -r f; do sed -i "s#$OUT#OUT#g" "$f"; done
echo "snapshot: $(find "$OUT" -type f | wc -l) files in $OUT"
