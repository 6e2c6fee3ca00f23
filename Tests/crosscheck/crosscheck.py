#!/usr/bin/env python3
"""Cross-check fiscal-sim against the independent Python reference.

Usage:  python3 crosscheck.py --binary PATH/fiscal-sim [--seeds N] [--start K]
                              [--keep] [--max-diffs M]

For each seed K … K+N−1: generate a scenario (generate_scenario.py), run
`fiscal-sim run SCEN --out DIR1 --quiet` (retried without --quiet if that flag
is rejected), run reference_model.py into DIR2 and compare units.csv and
districts.csv and brief.csv (model.md §22, reference_brief.py) cell by cell.  Money
cells must agree within 0.01, ratios (self_sufficiency, capacity_factor, the
brief's share and lowest factor) within 1e-6, text cells (years, names) exactly.
fiscal-sim may add extra columns after the §9 ones; only shared columns are
compared.  Failing scenarios are kept and their path printed.  The last line
is `N passed, M failed`; exit status 1 if any seed failed.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_scenario  # noqa: E402
import reference_brief  # noqa: E402
import reference_model  # noqa: E402

TEXT = {"variant", "district", "unit", "year", "adopted"} | reference_brief.BRIEF_TEXT
RATIOS = {"self_sufficiency", "capacity_factor"} | reference_brief.BRIEF_RATIOS
MONEY_TOL = 0.01 + 1e-9
RATIO_TOL = 1e-6 + 1e-12


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def compare_file(name, exp_path, act_path, key_cols, max_diffs, fragile=frozenset(),
                 step=0.01, ties=None):
    """Differences between the reference CSV and fiscal-sim's.  A money/ratio
    cell that differs by more than the tolerance but by at most one rounding
    step (10^-precision) is accepted when the reference marked it as sitting on
    a float tie (see reference_model.Rounder.is_tie / split_ex); such cells are
    appended to `ties`."""
    diffs = []
    if not os.path.exists(act_path):
        return [f"{name}: missing in fiscal-sim output"]
    eh, er = read(exp_path)
    ah, ar = read(act_path)
    if ah[:len(eh)] != eh:
        diffs.append(f"{name}: header mismatch: expected prefix {eh} (reference) actual {ah[:len(eh)]} (fiscal-sim)")
    common = [c for c in eh if c in ah]
    ei = {c: eh.index(c) for c in common}
    ai = {c: ah.index(c) for c in common}
    if len(er) != len(ar):
        diffs.append(f"{name}: {len(er)} rows (reference) vs {len(ar)} rows (fiscal-sim)")
    for n, (e, a) in enumerate(zip(er, ar)):
        ekey = "/".join(e[eh.index(k)] for k in key_cols)
        akey = "/".join(a[ah.index(k)] for k in key_cols if k in ah)
        if ekey != akey:
            diffs.append(f"{name} row {n + 2}: key expected {ekey} (reference) actual {akey} (fiscal-sim)")
            if len(diffs) >= max_diffs:
                break
            continue
        for c in common:
            x, y = e[ei[c]], a[ai[c]] if ai[c] < len(a) else "<missing>"
            if c in TEXT or x == "" or y == "":
                ok = x == y
            else:
                try:
                    tol = RATIO_TOL if c in RATIOS else MONEY_TOL
                    delta = abs(float(x) - float(y))
                    ok = delta <= tol
                    if not ok and (name, ekey, c) in fragile:
                        one_step = (1e-6 if c in RATIOS else step) + 1e-9
                        if delta <= one_step:
                            ok = True
                            if ties is not None:
                                ties.append(f"{name} row {ekey} column {c}: {x} (reference) vs {y} (fiscal-sim), float tie")
                except ValueError:
                    ok = False
            if not ok:
                diffs.append(f"{name} row {ekey} column {c}: expected {x} (reference) actual {y} (fiscal-sim)")
                if len(diffs) >= max_diffs:
                    return diffs
    return diffs


def run_binary(binary, scen, out):
    cmd = [binary, "run", scen, "--out", out, "--quiet"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0 and ("quiet" in (p.stderr + p.stdout).lower()):
        shutil.rmtree(out, ignore_errors=True)
        p = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=600)
    return p


def check_seed(binary, seed, workroot, max_diffs, scenario=None, ties=None):
    d = os.path.join(workroot, f"seed-{seed}")
    shutil.rmtree(d, ignore_errors=True)
    if scenario:
        os.makedirs(d)
        scen = os.path.abspath(scenario)
    else:
        scen = generate_scenario.Gen(seed).build(d)
    ref_out = os.path.join(d, "reference-out")
    # outputs live in d (the scenario's folder for generated seeds)
    act_out = os.path.join(d, "fiscal-sim-out")
    fragile = set()
    precision = reference_model.run(scen, ref_out, fragile)
    step = 10.0 ** -precision
    p = run_binary(binary, scen, act_out)
    if p.returncode != 0:
        return scen, [f"fiscal-sim exited {p.returncode}: {(p.stderr or p.stdout).strip()[:2000]}"]
    diffs = compare_file("units.csv", os.path.join(ref_out, "units.csv"),
                         os.path.join(act_out, "units.csv"),
                         ["variant", "district", "unit", "year"], max_diffs,
                         fragile, step, ties)
    diffs += compare_file("districts.csv", os.path.join(ref_out, "districts.csv"),
                          os.path.join(act_out, "districts.csv"),
                          ["variant", "district", "year"], max_diffs,
                          fragile, step, ties)
    diffs += compare_file("brief.csv", os.path.join(ref_out, "brief.csv"),
                          os.path.join(act_out, "brief.csv"),
                          ["variant", "district"], max_diffs, fragile, step, ties)
    exp_waves = os.path.join(ref_out, "waves.csv")
    act_waves = os.path.join(act_out, "waves.csv")
    if os.path.exists(exp_waves) or os.path.exists(act_waves):
        # model.md §20: the decisions must agree exactly, byte for byte.
        if not (os.path.exists(exp_waves) and os.path.exists(act_waves)):
            diffs.append(f"waves.csv: written by {'the reference' if os.path.exists(exp_waves) else 'fiscal-sim'} only")
        else:
            _, er = read(exp_waves)
            _, ar = read(act_waves)
            for e, a in zip(er, ar):
                if e != a:
                    diffs.append(f"waves.csv: expected {','.join(e)} (reference) actual {','.join(a)} (fiscal-sim)")
                    break
            if len(er) != len(ar):
                diffs.append(f"waves.csv: {len(er)} rows (reference) vs {len(ar)} rows (fiscal-sim)")
    return scen, diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep passing scenarios too")
    ap.add_argument("--max-diffs", type=int, default=8)
    ap.add_argument("--verbose", action="store_true",
                    help="list cells accepted as float ties (one rounding step apart)")
    ap.add_argument("--workdir", help="where to write scenarios (default: a new temp dir)")
    ap.add_argument("--scenario", action="append", default=[],
                    help="check this scenario file instead of generated seeds (repeatable)")
    args = ap.parse_args()
    workroot = args.workdir or tempfile.mkdtemp(prefix="fiscal-crosscheck-")
    os.makedirs(workroot, exist_ok=True)
    # run a snapshot of the binary so a rebuild during the run does not interfere
    binary = os.path.join(workroot, "fiscal-sim-under-test")
    try:
        shutil.copy2(os.path.abspath(args.binary), binary)
    except OSError as e:
        print(f"crosscheck: cannot use binary {args.binary}: {e}", file=sys.stderr)
        return 2
    passed = failed = n_ties = 0
    jobs = ([(j, p) for j, p in enumerate(args.scenario)] if args.scenario
            else [(s, None) for s in range(args.start, args.start + args.seeds)])
    for seed, given in jobs:
        try:
            ties = []
            scen, diffs = check_seed(binary, seed, workroot, args.max_diffs, given, ties)
            n_ties += len(ties)
            if args.verbose:
                for line in ties:
                    print(f"seed {seed}: tie accepted: {line}")
        except Exception as e:  # reference or generator problem: report, count as failure
            scen, diffs = os.path.join(workroot, f"seed-{seed}"), [f"harness error: {e!r}"]
        if diffs:
            failed += 1
            for line in diffs[:args.max_diffs]:
                print(f"seed {seed}: {line}")
            print(f"seed {seed}: scenario kept at {scen}")
        else:
            passed += 1
            if not args.keep:
                shutil.rmtree(os.path.join(workroot, f"seed-{seed}"), ignore_errors=True)
        sys.stdout.flush()
    if failed == 0 and not args.keep and not args.workdir:
        shutil.rmtree(workroot, ignore_errors=True)
    if n_ties:
        print(f"({n_ties} cells one rounding step apart on float ties were accepted; --verbose lists them)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
