#!/usr/bin/env bash
# Cites the model from the repository itself: rewrites "SPEC §n" (the team's contract, which
# is not in the repository) to "model.md §n" (docs/model.md, which keeps SPEC's section
# numbers), and "SPEC"/"SPEC.md" alone where they mean the specification to docs/model.md; then
# checks that every section cited in the tree ("model.md §6.1", a bare "§13" in a comment) is
# a section heading of docs/model.md.
#
#   docs/cite-model.sh            rewrite, then check
#   docs/cite-model.sh --check    check only (exit 1 if a citation is missing or SPEC is still cited)
#   docs/cite-model.sh --dry-run  show what the rewrite would change, change nothing, no check
#
# Scope: every file git tracks (Sources/, Tests/, the Python checks in benchmarks/ and
# notebooks-export/, Fuzz/, deploy/, scenarios/, README.md, docs/interpretations.md, …), text
# files only, except docs/model.md itself, this script and docs/README.md (they mention
# "SPEC §n" on purpose). Output files of the tool are not touched: no Swift string literal
# cites SPEC, and no scenario file the tests run contains it, so the rewrite changes no output
# byte. Exit status: 0 all citations resolve, 1 something is missing, 2 usage error.
set -euo pipefail

mode=rewrite
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    --dry-run) mode=dry-run ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: docs/cite-model.sh [--check | --dry-run]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f docs/model.md ] || { echo "error: docs/model.md not found under $root" >&2; exit 2; }

git ls-files -z | MODE="$mode" python3 -c '
import os, re, sys

mode = os.environ["MODE"]
excluded = {"docs/model.md", "docs/cite-model.sh", "docs/README.md"}
paths = [p for p in sys.stdin.buffer.read().decode("utf-8").split("\0") if p and p not in excluded]

APOS = chr(39)                    # the apostrophe (this program sits in single quotes)
SECTION = r"(?:§|\\xc2\\xa7)"   # libFuzzer dictionaries write § as the text \xc2\xa7
RULES = [
    # "SPEC.md §4" and "SPEC §4", also when a comment wraps between SPEC and §
    # ("(SPEC\n/// §13", "in SPEC\n§9" in a docstring).
    (re.compile(r"\bSPEC(?:\.md)?(?=[ \t]*(?:\r?\n[ \t]*(?:///|//|#|\*)?[ \t]*)?" + SECTION + ")"), "model.md"),
    (re.compile(r"\b([Tt])he SPEC" + APOS + r"s\b"), r"\1he model" + APOS + "s"),
    (re.compile(r"\bSPEC" + APOS + r"s\b"), "the model" + APOS + "s"),
    (re.compile(r"(?<![\w/.])SPEC\.md\b"), "docs/model.md"),
    (re.compile(r"\b[Tt]he SPEC\b(?![\w.])"), "docs/model.md"),
    (re.compile(r"(?<![\w/.$-])SPEC\b(?![\w.])"), "model.md"),
]
CITATION = re.compile(SECTION + r"([0-9]+(?:\.[0-9]+)*)")
LEFTOVER = re.compile(r"(?<![\w$-])SPEC(?![\w$-])")

def text_of(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except (FileNotFoundError, IsADirectoryError):
        return None
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None

# The sections docs/model.md defines: headings "## §6. …", "### §6.1. …".
sections = set()
with open("docs/model.md", encoding="utf-8") as f:
    for line in f:
        m = re.match(r"#{1,6} §([0-9]+(?:\.[0-9]+)*)\.?\s", line)
        if m:
            sections.add(m.group(1))
if not sections:
    sys.exit("error: docs/model.md has no section headings")

changed_files = 0
changes = 0
if mode in ("rewrite", "dry-run"):
    for path in paths:
        text = text_of(path)
        if text is None or "SPEC" not in text:
            continue
        new = text
        count = 0
        for pattern, replacement in RULES:
            new, n = pattern.subn(replacement, new)
            count += n
        if count == 0:
            continue
        changed_files += 1
        changes += count
        if mode == "dry-run":
            old_lines, new_lines = text.splitlines(), new.splitlines()
            for number, (a, b) in enumerate(zip(old_lines, new_lines), 1):
                if a != b:
                    print(f"{path}:{number}: {b.strip()[:160]}")
        else:
            with open(path, "wb") as f:
                f.write(new.encode("utf-8"))
    verb = "would rewrite" if mode == "dry-run" else "rewrote"
    print(f"{verb} {changes} citation(s) of SPEC in {changed_files} file(s)")
    if mode == "dry-run":
        sys.exit(0)

missing = []
leftover = []
cited = 0
for path in paths:
    text = text_of(path)
    if text is None:
        continue
    for number, line in enumerate(text.splitlines(), 1):
        for m in CITATION.finditer(line):
            cited += 1
            if m.group(1) not in sections:
                missing.append(f"{path}:{number}: §{m.group(1)} is not a section of docs/model.md")
        if LEFTOVER.search(line):
            leftover.append(f"{path}:{number}: still cites SPEC: {line.strip()[:120]}")

for message in missing + leftover:
    print(message, file=sys.stderr)
if missing or leftover:
    print(f"check failed: {len(missing)} missing section(s), {len(leftover)} SPEC citation(s) left "
          f"(docs/model.md defines {len(sections)} sections)", file=sys.stderr)
    sys.exit(1)
print(f"check passed: {cited} section citation(s) in the tree, all among the {len(sections)} sections of docs/model.md")
'
