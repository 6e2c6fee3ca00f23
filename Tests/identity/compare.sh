#!/usr/bin/env bash
# Compare every output of the working tree's debug build with those of git revision REV
# (default: main's merge-base with HEAD). Prints "identical" or the differing files; exit 1 on a difference.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"
REV=${1:-$(git merge-base HEAD main)}
SHA=$(git rev-parse "$REV^{commit}"); OLD=$ROOT/.build-identity/bin/$SHA/fiscal-sim
# REV's binary is built once per commit and kept (a debug build of a fresh worktree takes minutes).
if [ ! -x "$OLD" ]; then
  WT=$ROOT/.build-identity/tree; mkdir -p "$(dirname "$WT")"
  git worktree remove --force "$WT" 2>/dev/null || true; rm -rf "$WT"
  git worktree add -q --detach "$WT" "$SHA"
  (cd "$WT" && swift build --product fiscal-sim > "$ROOT/.build-identity/build.log" 2>&1) || { tail -20 .build-identity/build.log; exit 2; }
  mkdir -p "$(dirname "$OLD")"; cp "$WT/.build/debug/fiscal-sim" "$OLD"
  git worktree remove --force "$WT" || true
fi
swift build --product fiscal-sim > .build-identity/build-head.log 2>&1 || { tail -20 .build-identity/build-head.log; exit 2; }
Tests/identity/snapshot.sh "$OLD" .build-identity/before
Tests/identity/snapshot.sh .build/debug/fiscal-sim .build-identity/after
if diff -r .build-identity/before .build-identity/after > .build-identity/diff.txt; then echo identical; else head -60 .build-identity/diff.txt; echo "DIFFERENT (full diff: .build-identity/diff.txt)"; exit 1; fi
