#!/usr/bin/env bash
# Execute every notebook headless for one or more fiscal-sim run folders and export
# the results.
#
#   notebooks-export/run_all.sh [RUN_DIR ...]
#
# RUN_DIR defaults to $FISCAL_RUN_DIR, else <repo>/out/siming-pilot. For each run
# folder NAME (its basename):
#   notebooks-export/html/NAME/<notebook>.html    executed notebook, with outputs
#   notebooks-export/figures/NAME/<figure>.png    every figure (fiscalplot.savefig)
# Any error in any cell, a glyph missing from every font (FISCAL_STRICT_GLYPHS=1)
# or a failed dtype check of the run folder (check_dtypes.py, when it has a
# datapackage.json) makes the script exit 1; the other notebooks still run.
#
# Environment: FISCAL_VENV (default <repo>/.venv), FISCAL_SKIP_SETUP=1 (don't call
# setup_env.sh first), FISCAL_CHECK_DTYPES=0 (skip check_dtypes.py),
# FISCAL_NOTEBOOK_TIMEOUT (seconds per cell, default 600), FISCAL_ERROR_LINES (traceback
# lines shown per failed notebook, default 12),
# FISCAL_EXPORT_DIR (default notebooks-export; html/ and figures/ go below it).
#
# Sweep notebooks (06-sensitivity.ipynb, 08-rollout.ipynb) run once, not per run folder: they
# call `fiscal-sim` themselves through FISCAL_SIM_BIN (default <repo>/.build/debug/fiscal-sim).
# 06 exports into html/sensitivity/ and figures/sensitivity/, its sweep going into
# FISCAL_SWEEP_DIR (default <repo>/out/siming-pilot-sensitivity); 08 (the evidence-gated
# roll-out of scenarios/siming-rollout.yaml) exports into html/rollout/ and figures/rollout/, its
# runs going into FISCAL_ROLLOUT_DIR (default <repo>/out/siming-rollout-notebook).
# FISCAL_SWEEP_NOTEBOOKS=0 skips them.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/.." && pwd)"
VENV="${FISCAL_VENV:-$REPO_ROOT/.venv}"
EXPORT_DIR="${FISCAL_EXPORT_DIR:-$HERE}"
TIMEOUT="${FISCAL_NOTEBOOK_TIMEOUT:-600}"

log() { printf '[run_all] %s\n' "$*" >&2; }

if [ "${FISCAL_SKIP_SETUP:-0}" != 1 ]; then
    "$HERE/setup_env.sh" || { log "setup_env.sh failed"; exit 1; }
fi
if [ ! -x "$VENV/bin/jupyter" ]; then
    log "no jupyter in $VENV: run notebooks-export/setup_env.sh"; exit 1
fi

if [ "$#" -eq 0 ]; then
    set -- "${FISCAL_RUN_DIR:-$REPO_ROOT/out/siming-pilot}"
fi

SWEEP_NOTEBOOKS=(06-sensitivity.ipynb 08-rollout.ipynb)
# FISCAL_NOTEBOOKS: a glob of per-run-folder notebooks, e.g. 07-calibration.ipynb (default: all but the sweep notebooks)
mapfile -t NOTEBOOKS < <(cd "$HERE" && ls ${FISCAL_NOTEBOOKS:-[0-9][0-9]-*.ipynb} | grep -v -x -F "${SWEEP_NOTEBOOKS[@]/#/-e}")
[ "${#NOTEBOOKS[@]}" -gt 0 ] || { log "no notebooks in $HERE"; exit 1; }

passed=0
failed=0
failures=()
# execute NOTEBOOK RUN_DIR HTML_DIR FIG_DIR NAME: one headless execution, counted in passed/failed.
execute() {
    local nb="$1" run_dir="$2" html_dir="$3" fig_dir="$4" name="$5" start errlog
    start=$(date +%s)
    errlog="$(mktemp)"
    if (cd "$HERE" && FISCAL_RUN_DIR="$run_dir" FISCAL_FIGURE_DIR="$fig_dir" FISCAL_STRICT_GLYPHS=1 \
            MPLBACKEND=module://matplotlib_inline.backend_inline PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" \
            "$VENV/bin/jupyter" nbconvert --to html --execute "$nb" \
            --ExecutePreprocessor.timeout="$TIMEOUT" --ExecutePreprocessor.kernel_name=python3 \
            --output-dir "$html_dir" --log-level=WARN) 2> "$errlog"; then
        log "  ok   $nb ($(( $(date +%s) - start )) s)"
        passed=$((passed + 1))
    else
        log "  FAIL $nb"
        # the traceback's last lines, without terminal colours
        sed 's/\x1b\[[0-9;]*m//g' "$errlog" | grep -v -e 'Kernel is running over TCP' -e 'Alternative text is missing' \
            | grep -v '^[[:space:]]*$' | tail -"${FISCAL_ERROR_LINES:-12}" | sed 's/^/    /' >&2
        failed=$((failed + 1)); failures+=("$name: $nb")
    fi
    rm -f "$errlog"
}

for arg in "$@"; do
    if [ ! -d "$arg" ]; then
        log "run folder $arg does not exist"
        failed=$((failed + 1)); failures+=("$arg: no such folder"); continue
    fi
    run_dir="$(cd "$arg" && pwd)"
    name="$(basename "$run_dir")"
    html_dir="$EXPORT_DIR/html/$name"
    fig_dir="$EXPORT_DIR/figures/$name"
    rm -rf "$html_dir" "$fig_dir"          # no stale exports from an earlier run
    mkdir -p "$html_dir" "$fig_dir"
    log "run folder $run_dir -> html/$name, figures/$name"

    if [ "${FISCAL_CHECK_DTYPES:-1}" != 0 ] && [ -f "$run_dir/datapackage.json" ]; then
        if "$VENV/bin/python" "$HERE/check_dtypes.py" --quiet "$run_dir" > "$html_dir/.check_dtypes.log" 2>&1; then
            log "  check_dtypes: $(tail -1 "$html_dir/.check_dtypes.log")"
            passed=$((passed + 1))
        else
            log "  check_dtypes FAILED:"; sed 's/^/    /' "$html_dir/.check_dtypes.log" >&2
            failed=$((failed + 1)); failures+=("$name: check_dtypes.py")
        fi
        rm -f "$html_dir/.check_dtypes.log"
    fi

    for nb in "${NOTEBOOKS[@]}"; do
        execute "$nb" "$run_dir" "$html_dir" "$fig_dir" "$name"
    done
    log "  $(ls "$fig_dir" | wc -l) figures in ${fig_dir#$REPO_ROOT/}"
done

if [ "${FISCAL_SWEEP_NOTEBOOKS:-1}" != 0 ]; then
    export FISCAL_SIM_BIN="${FISCAL_SIM_BIN:-$REPO_ROOT/.build/debug/fiscal-sim}"
    export FISCAL_SWEEP_DIR="${FISCAL_SWEEP_DIR:-$REPO_ROOT/out/siming-pilot-sensitivity}"
    export FISCAL_SCENARIO="${FISCAL_SCENARIO:-$REPO_ROOT/scenarios/siming-pilot.yaml}"
    export FISCAL_ROLLOUT_DIR="${FISCAL_ROLLOUT_DIR:-$REPO_ROOT/out/siming-rollout-notebook}"
    export FISCAL_ROLLOUT_SCENARIO="${FISCAL_ROLLOUT_SCENARIO:-$REPO_ROOT/scenarios/siming-rollout.yaml}"
    for nb in "${SWEEP_NOTEBOOKS[@]}"; do
        case "$nb" in
            08-*) name=rollout ;;
            *) name=sensitivity ;;
        esac
        html_dir="$EXPORT_DIR/html/$name"
        fig_dir="$EXPORT_DIR/figures/$name"
        rm -rf "$html_dir" "$fig_dir"
        mkdir -p "$html_dir" "$fig_dir"
        log "sweep notebook $nb with $FISCAL_SIM_BIN -> html/$name, figures/$name"
        execute "$nb" "" "$html_dir" "$fig_dir" "$name"
    done
fi

for f in "${failures[@]+"${failures[@]}"}"; do log "failed: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
