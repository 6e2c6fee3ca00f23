#!/usr/bin/env python3
"""`fiscal-sim sweep` (deterministic) against the independent reference model.

    python3 Tests/crosscheck/sweep_crosscheck.py --binary .build/debug/fiscal-sim [--seeds N] [--start K]

For each generated scenario (generate_scenario.py SEED) a grid over the incentive elasticity, the
default roll-out year (2026 and `never`) and, when there is a rebate, the first band rate is swept
with fiscal-sim; the reference runs the same points as variants of one scenario (each point's
values as its `set`). Every sweep.csv row is compared with the reference's districts.csv and
units.csv: the six money totals (sums over years of the rounded cells, within 0.01), units with
a negative rounded gap in the last year (exactly), the mean self-sufficiency (within 2e-6) and,
per district, the years with capacity_factor < 1. Scenarios with waves (model.md §20) also sweep the
first wave's threshold and compare `wave_<id>_year` with the reference's waves.csv.
Ends with `N passed, M failed`.
"""
import argparse
import copy
import csv
import itertools
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_model as ref  # noqa: E402

MONEY = ["rebates", "net_revenue", "counterfactual_net_revenue", "reform_effect", "fees_transferred",
         "donations_allocated"]


def check(seed, binary, work):
    folder = os.path.join(work, str(seed))
    subprocess.run([sys.executable, os.path.join(HERE, "generate_scenario.py"), str(seed), folder], check=True,
                   capture_output=True)
    path = os.path.join(folder, next(f for f in os.listdir(folder) if f.endswith(".yaml")))
    with open(path, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    grid = [("incentive.elasticity", [0.0, 0.07]), ("rollout.default", [2026, "never"])]
    if (cfg.get("rebate") or {}).get("bands"):
        grid.append(("rebate.bands.0.rate", [0.1, 0.6]))
    waves = [w["id"] for w in (cfg.get("rollout") or {}).get("waves") or []]
    if waves:
        # model.md §20: a wave threshold as an axis; wave_<id>_year against the reference's waves.csv
        first = cfg["rollout"]["waves"][0]["when"]
        side = "above" if "above" in first else "below"
        x = first[side] if isinstance(first[side], (int, float)) else 0.5
        grid.append((f"rollout.waves.{waves[0]}.when.{side}", [x, round(x * 0.5 - 0.01, 4)]))
    options = [a for p, values in grid for a in ("--grid", p + "=" + ",".join(map(str, values)))]
    run = subprocess.run([binary, "sweep", path, "--out", os.path.join(folder, "sweep"), "--quiet"] + options,
                         capture_output=True, text=True)
    if run.returncode != 0:
        return [f"fiscal-sim sweep failed: {run.stderr.strip()[:300]}"]
    points = list(itertools.product(*[[(p, v) for v in values] for p, values in grid]))
    as_variants = copy.deepcopy(cfg)
    as_variants["variants"] = [{"name": f"p{k + 1}", "set": dict(point)} for k, point in enumerate(points)]
    with open(os.path.join(folder, "points.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(as_variants, f, allow_unicode=True)
    ref.run(os.path.join(folder, "points.yaml"), os.path.join(folder, "ref"))
    with open(os.path.join(folder, "ref", "districts.csv"), encoding="utf-8") as f:
        districts = list(csv.DictReader(f))
    with open(os.path.join(folder, "ref", "units.csv"), encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    with open(os.path.join(folder, "sweep", "sweep.csv"), encoding="utf-8") as f:
        sweep = list(csv.DictReader(f))
    last = max(int(r["year"]) for r in districts)
    problems = []
    adopted = {}
    if waves:
        with open(os.path.join(folder, "ref", "waves.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["adopted_share"] == "1.000000":
                    adopted.setdefault((r["variant"], r["wave"]), r["year"])
    for row in sweep:
        variant, district = "p" + row["point"], row["district"]
        where = f"point {row['point']} {district}"
        rows = [r for r in districts if r["variant"] == variant and district in ("all", r["district"])]
        for m in MONEY:
            expected = sum(float(r[m]) for r in rows)
            if abs(expected - float(row[m])) > 0.0101:
                problems.append(f"{where} {m}: reference {expected:.2f}, sweep {row[m]}")
        members = [r for r in units if r["variant"] == variant and int(r["year"]) == last
                   and district in ("all", r["district"])]
        gaps = sum(float(r["gap"]) < 0 for r in members)
        if gaps != int(row["units_with_gap"]):
            problems.append(f"{where} units_with_gap: reference {gaps}, sweep {row['units_with_gap']}")
        ratios = [float(r["self_sufficiency"]) for r in members if r["self_sufficiency"] != ""]
        if ratios and abs(sum(ratios) / len(ratios) - float(row["mean_self_sufficiency"])) > 2e-6:
            problems.append(f"{where} mean_self_sufficiency: reference {sum(ratios) / len(ratios):.6f}, "
                            f"sweep {row['mean_self_sufficiency']}")
        for w in waves:
            expected = adopted.get((variant, w), "")
            if row[f"wave_{w}_year"] != expected:
                problems.append(f"{where} wave_{w}_year: reference {expected!r}, sweep {row[f'wave_{w}_year']!r}")
        if district != "all":
            binding = sum(float(r["capacity_factor"]) < 1 for r in rows)
            if binding != int(row["capacity_binding_years"]):
                problems.append(f"{where} capacity_binding_years: reference {binding} (rounded φ), sweep "
                                f"{row['capacity_binding_years']}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seeds", type=int, default=12)
    ap.add_argument("--start", type=int, default=1)
    args = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as work:
        for seed in range(args.start, args.start + args.seeds):
            problems = check(seed, os.path.abspath(args.binary), work)
            for p in problems[:8]:
                print(f"seed {seed}: {p}")
            failed += bool(problems)
            passed += not problems
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
