#!/usr/bin/env python3
"""Monte Carlo means of fiscal-sim against the Python reference on its own draws.

    python3 mc_means.py --binary .build/debug/fiscal-sim [--paths 1000]
                        [--scenario FILE ...] [--seeds N] [--start K]

For each scenario (the given files, else generated seeds that use the linked rebate of
model.md §14, with tax-growth volatility and a two-level correlation injected), fiscal-sim runs
with --paths S and the reference simulates S paths with independent NumPy draws of the same
distribution (z_i = sqrt(rho_b) f + sqrt(rho_w - rho_b) f_d + sqrt(1 - rho_w) eta_i, model.md §8).
Every unit-year mean of tax, reference, increment and rebate and every district-year mean of
tax, rebates and capacity_factor of `reform` and the variants must agree within 4 standard
errors of the difference (sqrt(2) x sd / sqrt(S) from the reference's paths) plus the
rounding of the printed mean (0.01 or half a printed step for money, 1e-4 for
capacity_factor, whose rarely binding paths give a tiny sample sd).
A cell that is constant on every reference path while the tool's p05 and p95 equal that
constant is a rare event the reference's sample did not see (a capacity limit binding on a
few paths); it is counted apart ("rare-event cells"), not compared. Donation shocks do not
enter these columns and are not drawn. Prints the worst cells and `N passed, M failed`; exit 1 if any scenario failed.
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_model as ref  # noqa: E402
from generate_scenario import Gen  # noqa: E402

UNIT_METRICS = ["tax", "reference", "increment", "rebate"]
DIST_METRICS = ["tax", "rebates", "capacity_factor"]


def reference_paths(cfg, base_dir, paths, rng):
    """{(variant, kind, key, year, metric): (mean, sd)} over `paths` reference paths."""
    m = ref.build_model(cfg, base_dir)
    runs = [("reform", m)]
    for name, vc in ref.variant_configs(cfg):
        runs.append((name, ref.build_model(vc, base_dir, units_cache=(m.units, m.tax_series))))
    g = cfg.get("growth") or {}
    corr = g.get("correlation") or {}
    rw, rb = float(corr.get("withinDistrict", 0.0)), float(corr.get("acrossDistricts", 0.0))
    years = list(m.years)
    sums = {}
    for _ in range(paths):
        f = rng.standard_normal(len(years))
        fd = {d: rng.standard_normal(len(years)) for d in m.districts}
        eta = {u.id: rng.standard_normal(len(years)) for u in m.units}
        z = {(u.id, t): math.sqrt(rb) * f[k] + math.sqrt(rw - rb) * fd[u.district][k] + math.sqrt(1 - rw) * eta[u.id][k]
             for u in m.units for k, t in enumerate(years)}
        for name, mm in runs:
            vol = (mm.cfg.get("growth") or {}).get("volatility")
            shock = {(uid, t): ref.sf(vol, t) * zz for (uid, t), zz in z.items()}
            # waves (model.md §20) decide on the path's own results against its counterfactual
            cf = ref.simulate(mm, True, shock=shock) if (mm.cfg.get("rollout") or {}).get("waves") else None
            result = ref.simulate(mm, False, shock=shock, cf_res=cf)
            units, dists = result
            for w in result.waves or []:
                for t in years:
                    for metric, kind in (("adopted_share", "adopted"), ("abandoned_share", "abandoned")):
                        hit = w.status is not None and w.status[0] == kind and w.status[1] <= t
                        add(sums, (name, "w", w.id, t, metric), 1.0 if hit else 0.0)
            for (uid, t), uy in units.items():
                for metric in UNIT_METRICS:
                    value = getattr(uy, metric)
                    if value is not None:
                        add(sums, (name, "u", uid, t, metric), value)
            for (d, t), dy in dists.items():
                for metric, value in (("tax", dy.tax), ("rebates", dy.rebates), ("capacity_factor", dy.phi)):
                    add(sums, (name, "d", d, t, metric), value)
    out = {}
    for key, (n, s, s2) in sums.items():
        mean = s / n
        out[key] = (mean, math.sqrt(max(0.0, s2 / n - mean * mean) * n / max(1, n - 1)), n)
    return out


def floor_of(key, precision):
    """The least tolerance: a cent or half the printed step (the tool rounds means to
    `precision`), 1e-4 for the ratio (a rarely binding capacity has a tiny sample sd)."""
    return 1e-4 if key[4] == "capacity_factor" else max(0.01, 0.50001 * 10.0 ** -precision)


def add(sums, key, value):
    n, s, s2 = sums.get(key, (0, 0.0, 0.0))
    sums[key] = (n + 1, s + value, s2 + value * value)


def tool_means(binary, scenario, paths, workdir):
    out = os.path.join(workdir, "tool")
    subprocess.run([binary, "run", scenario, "--paths", str(paths), "--out", out, "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    means = {}
    for file, kind, key in (("units_quantiles.csv", "u", "unit"), ("districts_quantiles.csv", "d", "district")):
        with open(os.path.join(out, file), encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["mean"] != "":
                    means[(row["variant"], kind, row[key], int(row["year"]), row["metric"])] = (
                        float(row["mean"]), float(row["p05"]), float(row["p95"]))
    waves = os.path.join(out, "waves.csv")
    if os.path.exists(waves):
        with open(waves, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for metric in ("adopted_share", "abandoned_share"):
                    share = float(row[metric])
                    means[(row["variant"], "w", row["wave"], int(row["year"]), metric)] = (share, None, None)
    return means


def check(binary, scenario, paths, seed, verbose):
    cfg, base_dir = ref.load(scenario)
    precision = int(cfg.get("precision", 2))
    with tempfile.TemporaryDirectory() as workdir:
        tool = tool_means(binary, scenario, paths, workdir)
    expected = reference_paths(cfg, base_dir, paths, np.random.default_rng(seed))
    worst, failures, compared, rare = [], 0, 0, 0
    for key, (mean, sd, n) in expected.items():
        if key[1] == "w":
            # a share of paths: binomial sd of the reference's or, when every reference path
            # agreed, the tool's share; printed with 6 decimals
            got = tool.get(key, (math.nan,))[0]
            sd = max(math.sqrt(mean * (1 - mean)), math.sqrt(max(0.0, got * (1 - got))))
            limit = 4 * math.sqrt(2) * sd / math.sqrt(n) + 1e-6
            compared += 1
            if not abs(got - mean) <= limit:
                failures += 1
            worst.append((abs(got - mean) / limit if limit else 0, key, mean, got))
            continue
        if key[4] not in (UNIT_METRICS if key[1] == "u" else DIST_METRICS):
            continue
        if key not in tool:
            failures += 1
            worst.append((math.inf, key, mean, None))
            continue
        got, p05, p95 = tool[key]
        floor = floor_of(key, precision)
        limit = 4 * math.sqrt(2) * sd / math.sqrt(n) + floor  # statistics plus rounding
        diff = abs(got - mean)
        score = diff / limit
        if diff > limit and sd == 0 and abs(p05 - mean) <= floor and abs(p95 - mean) <= floor:
            # constant on every reference path, and on at least 90 % of the tool's: the
            # difference comes from a rare event (e.g. a capacity limit binding on a few
            # paths) that the reference's sample did not see; its sd says nothing about it
            rare += 1
            continue
        compared += 1
        if diff > limit:
            failures += 1
        worst.append((score, key, mean, got))
    worst.sort(key=lambda w: -w[0])
    print(f"{scenario}: {compared} means compared, {failures} outside 4 standard errors"
          + (f" ({rare} rare-event cells left out)" if rare else ""))
    for score, key, mean, got in worst[: (5 if verbose or failures else 1)]:
        print(f"  {'/'.join(map(str, key))}: reference {mean:.4f}, fiscal-sim {got}, {score:.2f} of the limit")
    return failures == 0


def generated(seed, workdir, volatility, waves=False):
    """A generated scenario with a linked rebate (with `waves`: evidence-gated waves, model.md
    §20), volatility and correlation, or None."""
    path = Gen(seed).build(os.path.join(workdir, f"seed-{seed}"))
    with open(path, encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh)
    if waves and not (cfg.get("rollout") or {}).get("waves"):
        return None
    if not waves and "linked" not in yaml.safe_dump(cfg):
        return None
    cfg.setdefault("growth", {})["volatility"] = volatility
    cfg["growth"]["correlation"] = {"withinDistrict": 0.5, "acrossDistricts": 0.2}
    with open(path, "w", encoding="utf-8") as fh:
        yaml.safe_dump(cfg, fh, allow_unicode=True, sort_keys=False)
    return path


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--paths", type=int, default=1000)
    p.add_argument("--scenario", action="append", default=[])
    p.add_argument("--seeds", type=int, default=4)
    p.add_argument("--start", type=int, default=1)
    p.add_argument("--volatility", type=float, default=0.12)
    p.add_argument("--verbose", action="store_true")
    p.add_argument("--waves", action="store_true",
                   help="generated scenarios with evidence-gated waves (model.md §20): waves.csv shares too")
    args = p.parse_args(argv)
    binary = os.path.abspath(args.binary)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        scenarios = list(args.scenario)
        seed = args.start
        while not args.scenario and len(scenarios) < args.seeds and seed < args.start + 50 * args.seeds:
            path = generated(seed, workdir, args.volatility, args.waves)
            if path:
                scenarios.append(path)
            seed += 1
        for k, scenario in enumerate(scenarios):
            if check(binary, scenario, args.paths, 1000 + k, args.verbose):
                passed += 1
            else:
                failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
