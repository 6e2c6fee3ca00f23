#!/usr/bin/env python3
"""Pastes the growth: section of a calibration.yaml (written by `fiscal-sim calibrate`) into a
copy of a scenario, as a planner would by hand, and writes the result elsewhere.

    python3 scenarios/paste_calibration.py SCENARIO.yaml CALIBRATION.yaml OUT.yaml [--name NAME]

The scenario's own growth: block (up to the comments of the next top-level key) is replaced;
relative paths (units, taxSeries, the correlation matrix) are rewritten so that they still
point at the same files from OUT's folder; --name replaces the scenario's name: key. Used by
`make notebook-runs` for the calibrated Monte Carlo run of notebook 07.
"""
import argparse
import os
import re
import sys


def rebase(path, source_dir, target_dir):
    if os.path.isabs(path):
        return path
    return os.path.relpath(os.path.join(source_dir, path), target_dir)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("calibration")
    parser.add_argument("out")
    parser.add_argument("--name")
    args = parser.parse_args()
    lines = open(args.scenario, encoding="utf-8").read().split("\n")
    section = open(args.calibration, encoding="utf-8").read().rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("growth:")), None)
    if start is None:
        sys.exit(f"{args.scenario}: no top-level growth: section to replace")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[A-Za-z_]", lines[i])), len(lines))
    while end > start + 1 and (lines[end - 1].startswith("#") or not lines[end - 1].strip()):
        end -= 1
    scenario_dir = os.path.dirname(os.path.abspath(args.scenario))
    target_dir = os.path.dirname(os.path.abspath(args.out))

    def fix(line):
        line = re.sub(r'(matrix: )"([^"]+)"', lambda m: m.group(1) + '"' + rebase(m.group(2), scenario_dir, target_dir) + '"', line)
        line = re.sub(r"^(units|taxSeries): (\S+)", lambda m: f"{m.group(1)}: {rebase(m.group(2), scenario_dir, target_dir)}", line)
        if args.name:
            line = re.sub(r"^name: .*", f"name: {args.name}", line)
        return line

    pasted = [fix(line) for line in lines[:start] + section + lines[end:]]
    os.makedirs(target_dir, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(pasted))


if __name__ == "__main__":
    main()
