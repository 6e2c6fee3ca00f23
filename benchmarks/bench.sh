#!/usr/bin/env bash
# Monte Carlo benchmark: NumPy peer (and fiscal-sim, when its binary is there).
#
#   benchmarks/bench.sh [--out DIR] [--repeat N] [--paths S] [--units N] [--years T]
#                       [--coretype NAME] [--swift BIN] [--cases "b c"] [--no-peer]
#                       [--peer-args "--extra-columns"]
#
# Cases: b = S paths, N units, T years, 2 variants + counterfactual, two-level
# correlation; c = the same with a full N x N correlation matrix (Cholesky).
# Each peer run is done with OPENBLAS_CORETYPE unset and set to --coretype
# (default SkylakeX; see shared/NOTES.md). Results are appended, one JSON object
# a line, to DIR/results.jsonl and printed. With --swift (default: the release
# build, else the debug build, if present) fiscal-sim runs the same scenarios
# under /usr/bin/time, and compare_means.py checks its means against a peer run
# with --sd. Generated data (the matrix CSV is ~11 MB) stays in DIR (default
# /tmp/fiscal-sim-bench); nothing is written into the repository.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
OUT=/tmp/fiscal-sim-bench
REPEAT=1
PATHS=2000
UNITS=1000
YEARS=30
CORETYPE=SkylakeX
CASES="b c"
PEER=1
PEER_ARGS=""
SWIFT=""
for cand in "$REPO/.build/release/fiscal-sim" "$REPO/.build/debug/fiscal-sim"; do
  if [[ -z "$SWIFT" && -x "$cand" ]]; then SWIFT="$cand"; fi
done
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --paths) PATHS="$2"; shift 2 ;;
    --units) UNITS="$2"; shift 2 ;;
    --years) YEARS="$2"; shift 2 ;;
    --coretype) CORETYPE="$2"; shift 2 ;;
    --swift) SWIFT="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --no-peer) PEER=0; shift ;;
    --peer-args) PEER_ARGS="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
PY="${PYTHON:-python3}"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"

gen() {  # case dir extra-args
  if [[ ! -f "$OUT/$1/synthetic.yaml" ]]; then
    "$PY" "$HERE/make_synthetic.py" "$OUT/$1" --units "$UNITS" --years "$YEARS" --paths "$PATHS" ${2:-} >/dev/null
  fi
}

record() {  # json-line
  echo "$1" | tee -a "$RESULTS"
}

for c in $CASES; do
  case "$c" in
    b) gen b "" ;;
    c) gen c "--matrix" ;;
    *) echo "bench.sh: unknown case $c" >&2; exit 2 ;;
  esac
done

if [[ "$PEER" == 1 ]]; then
  for r in $(seq 1 "$REPEAT"); do
    for c in $CASES; do
      for ct in unset "$CORETYPE"; do
        if [[ "$ct" == unset ]]; then
          line=$(env -u OPENBLAS_CORETYPE "$PY" "$HERE/numpy_peer.py" "$OUT/$c/synthetic.yaml" "$OUT/$c/peer" $PEER_ARGS 2>/dev/null | tail -1)
        else
          line=$(OPENBLAS_CORETYPE="$ct" "$PY" "$HERE/numpy_peer.py" "$OUT/$c/synthetic.yaml" "$OUT/$c/peer" $PEER_ARGS 2>/dev/null | tail -1)
        fi
        record "{\"tool\": \"numpy_peer\", \"case\": \"$c\", \"run\": $r, \"result\": $line}"
      done
    done
  done
fi

if [[ -n "$SWIFT" && -x "$SWIFT" ]]; then
  for c in $CASES; do
    rm -rf "$OUT/$c/swift"
    if /usr/bin/time -f '%e %M' -o "$OUT/$c/swift.time" "$SWIFT" run "$OUT/$c/synthetic.yaml" \
         --out "$OUT/$c/swift" >"$OUT/$c/swift.log" 2>&1; then
      read -r wall rss <"$OUT/$c/swift.time"
      record "{\"tool\": \"fiscal-sim\", \"binary\": \"$SWIFT\", \"case\": \"$c\", \"total_s\": $wall, \"peak_rss_mb\": $((rss / 1024))}"
      if [[ -f "$OUT/$c/swift/units_quantiles.csv" ]]; then
        "$PY" "$HERE/numpy_peer.py" "$OUT/$c/synthetic.yaml" "$OUT/$c/peer-sd" --sd $PEER_ARGS >/dev/null 2>&1
        "$PY" "$HERE/compare_means.py" "$OUT/$c/peer-sd" "$OUT/$c/swift" | tail -25 || true
      fi
    else
      echo "fiscal-sim failed on case $c (see $OUT/$c/swift.log)" >&2
      tail -5 "$OUT/$c/swift.log" >&2 || true
    fi
  done
fi
