#!/usr/bin/env bash
# Set up the Python environment for the fiscal-sim notebooks.
#
#   notebooks-export/setup_env.sh            # create/update <repo>/.venv, install the CJK font
#
# - creates <repo>/.venv (python3 -m venv) if it is missing;
# - pip-installs requirements.txt into it (constrained by requirements.lock.txt),
#   skipped when both files are unchanged since the last successful install;
# - installs the Debian font fonts-wqy-microhei (WenQuanYi Micro Hei, for the
#   Chinese labels) if it is missing: apt-get install -y, and apt-get update
#   first only if that install fails.
# Idempotent: a second run only checks and takes a second or two.
# Environment: PYTHON (default python3), FISCAL_VENV (default <repo>/.venv),
#              FISCAL_SKIP_FONT=1 to leave the system font alone.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/.." && pwd)"
VENV="${FISCAL_VENV:-$REPO_ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
REQ="$HERE/requirements.txt"
LOCK="$HERE/requirements.lock.txt"
STAMP="$VENV/.fiscal-notebooks-requirements.sha256"

log() { printf '[setup_env] %s\n' "$*" >&2; }

# --- 1. virtual environment -------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV"
fi

# --- 2. Python packages ----------------------------------------------------------
want="$( { cat "$REQ"; [ ! -f "$LOCK" ] || cat "$LOCK"; } | sha256sum | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
    log "installing $(basename "$REQ") into $VENV"
    constraint=()
    [ -f "$LOCK" ] && constraint=(-c "$LOCK")
    "$VENV/bin/python" -m pip install --disable-pip-version-check --quiet \
        -r "$REQ" "${constraint[@]}"
    echo "$want" > "$STAMP"
else
    log "Python packages up to date in $VENV"
fi

# --- 3. CJK font -------------------------------------------------------------
font_present() {
    dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'install ok installed' \
        || { command -v fc-list >/dev/null && fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei'; }
}
if [ "${FISCAL_SKIP_FONT:-0}" = 1 ]; then
    log "FISCAL_SKIP_FONT=1: not checking fonts-wqy-microhei"
elif font_present; then
    log "font fonts-wqy-microhei present"
else
    SUDO=()
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null; then SUDO=(sudo); else
            log "fonts-wqy-microhei is missing and this is not root: install it with"
            log "  apt-get install -y fonts-wqy-microhei   (Chinese labels fall back otherwise)"
            exit 1
        fi
    fi
    log "installing fonts-wqy-microhei"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${SUDO[@]}" apt-get install -y -q fonts-wqy-microhei >/dev/null; then
        log "apt-get install failed; running apt-get update and retrying"
        "${SUDO[@]}" apt-get update -q >/dev/null
        "${SUDO[@]}" apt-get install -y -q fonts-wqy-microhei >/dev/null
    fi
    # matplotlib caches its font list; drop it so the new font is seen.
    rm -f "${MPLCONFIGDIR:-$HOME/.config/matplotlib}"/fontlist-*.json \
          "${XDG_CACHE_HOME:-$HOME/.cache}"/matplotlib/fontlist-*.json 2>/dev/null || true
fi
log "ready: $VENV"
