#!/usr/bin/env python3
"""Write a synthetic fiscal-sim Monte Carlo scenario (model.md §11) for benchmarking.

    make_synthetic.py OUTDIR [--units 1000] [--years 30] [--paths 2000]
                             [--districts 10] [--seed 1] [--matrix]

OUTDIR receives `synthetic.yaml`, `data/units.csv` and, with --matrix,
`data/correlation.csv` (a full unit-by-unit correlation matrix, positive
definite by construction and checked with a numpy Cholesky factorisation).

Everything is deterministic in --seed. The scenario exercises every feature
numpy_peer.py implements: tag/unit growth overrides, incentive elasticity,
restructuring, roll-out by tag/unit/`never`, a fixed-reference rebate with
three marginal bands, rebasing, a per-unit cap and district capacity limits
(share of revenue, amount, both), two line-fee categories with task costs,
pooled donations from two volatile sources with a reserve and a per-unit
floor, need items, and two variants.
"""
import argparse
import os
import sys

import numpy as np

BASE_YEAR = 2025


def plain(x, decimals=2):
    """A plain decimal (no exponent), as model.md §13 requires for CSV cells."""
    s = f"{x:.{decimals}f}"
    return "0" + s[2:] if s.startswith("-0") and float(s) == 0 else s


def make_units(n_units, n_districts, rng):
    # Uneven district sizes (between ~0.5x and ~1.5x the average), summing to n_units.
    weights = rng.uniform(0.5, 1.5, n_districts)
    sizes = np.maximum(1, np.floor(weights / weights.sum() * n_units).astype(int))
    sizes[-1] += n_units - sizes.sum()
    while sizes[-1] < 1:  # only for tiny n_units
        k = int(np.argmax(sizes))
        sizes[k] -= 1
        sizes[-1] += 1
    district_ids = [f"d{d + 1:02d}" for d in range(n_districts)]
    district_scale = rng.lognormal(0.0, 0.3, n_districts)  # richer and poorer districts

    rows = []
    k = 0
    for d, size in enumerate(sizes):
        for j in range(size):
            k += 1
            uid = f"s{k:04d}"
            u = rng.random()
            tags = []
            if u < 0.10:
                tags.append("village-converted")
            if rng.random() < 0.15:
                tags.append("pilot")
            if rng.random() < 0.30:
                tags.append("commercial")
            village = "village-converted" in tags
            population = int(rng.integers(15_000, 110_000))
            tax = district_scale[d] * rng.lognormal(np.log(3000.0), 0.6) * (0.4 if village else 1.0)
            allocation = 300.0 + population * rng.uniform(0.008, 0.014)
            enterprise = 0.0 if rng.random() < 0.2 else rng.uniform(20.0, 400.0)
            collective = rng.uniform(500.0, 3000.0) if village else 0.0
            # a few units carry their own growth rate (the `tax_growth` column wins)
            tax_growth = "" if rng.random() > 0.05 else plain(rng.uniform(-0.01, 0.09), 4)
            area = rng.uniform(0.8, 20.0 if village else 6.0)
            green = area * rng.uniform(2.0, 12.0)
            road = area * rng.uniform(3.0, 9.0)
            elderly = int(population * rng.uniform(0.10, 0.25))
            low_income = int(population * rng.uniform(0.001, 0.006))
            staff = int(rng.integers(40, 130))
            communities = int(rng.integers(3, 14))
            fee_green = green * rng.uniform(1.5, 3.0)
            fee_sanit = road * rng.uniform(2.0, 5.0) + population * 0.0005
            rows.append([
                uid, f"Street {k}", district_ids[d], ";".join(tags), plain(tax), plain(allocation),
                plain(enterprise), plain(collective), tax_growth, str(population), plain(area),
                plain(green), plain(road), str(elderly), str(low_income), str(staff),
                str(communities), plain(fee_green), plain(fee_sanit),
            ])
    header = ["id", "name", "district", "tags", "tax", "allocation", "enterprise_income",
              "collective_income", "tax_growth", "population", "area_km2", "green_area", "road_km",
              "elderly", "low_income", "staff", "communities", "fee_greening", "fee_sanitation"]
    return district_ids, sizes, header, rows


def make_matrix(unit_ids, unit_district, n_districts, rng):
    """Correlation matrix with a factor structure plus idiosyncratic noise.

    z_i = a_i f + b_i f_{d(i)} + sum_k c_ik h_k + e_i, with a global factor f,
    one factor per district, 4 "sector" factors h_k with random loadings and an
    idiosyncratic part whose variance makes Var z_i = 1. The matrix is
    B B' + diag(1 - rowsum(B^2)), symmetric positive definite by construction
    (every idiosyncratic variance is >= 0.15).
    """
    n = len(unit_ids)
    a = rng.uniform(0.35, 0.50, n)                     # global loading
    b = rng.uniform(0.40, 0.60, n)                     # district loading
    c = rng.uniform(-0.25, 0.25, (n, 4))               # sector loadings
    B = np.zeros((n, 1 + n_districts + 4))
    B[:, 0] = a
    B[np.arange(n), 1 + unit_district] = b
    B[:, 1 + n_districts:] = c
    common = (B ** 2).sum(axis=1)
    assert common.max() <= 0.85, common.max()
    C = B @ B.T
    np.fill_diagonal(C, 1.0)
    C = np.round(C, 8)                                  # what the CSV will hold
    C = (C + C.T) / 2
    np.fill_diagonal(C, 1.0)
    return C


def write_matrix(path, unit_ids, C):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write("id," + ",".join(unit_ids) + "\n")
        for uid, row in zip(unit_ids, C):
            f.write(uid + "," + ",".join(f"{v:.8f}" for v in row) + "\n")
    os.replace(tmp, path)


def check_matrix(path, unit_ids):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split(",")
        assert header[0] == "id" and header[1:] == unit_ids, "header"
        ids, vals = [], []
        for line in f:
            parts = line.rstrip("\n").split(",")
            ids.append(parts[0])
            vals.append([float(v) for v in parts[1:]])
    assert ids == unit_ids, "row ids"
    C = np.array(vals)
    assert np.array_equal(C, C.T), "not symmetric"
    assert np.all(np.diag(C) == 1.0), "diagonal is not 1"
    assert np.all(np.abs(C) <= 1.0), "entry outside [-1, 1]"
    L = np.linalg.cholesky(C)  # raises LinAlgError if not positive definite
    return float(np.min(np.diag(L)) ** 2), float(np.linalg.eigvalsh(C)[0])


def scenario_yaml(args, district_ids, data_units, data_matrix):
    end = BASE_YEAR + args.years
    caps = []
    for d, did in enumerate(district_ids):
        kind = d % 5
        if kind == 0:
            cap = "capacity: {maxShareOfRevenue: 0.035}"
        elif kind == 1:
            cap = "capacity: {maxShareOfRevenue: {2026: 0.05, 2035: 0.03}}"
        elif kind == 2:
            cap = "capacity: {maxAmount: 12000}"
        elif kind == 3:
            cap = "capacity: {maxShareOfRevenue: 0.04, maxAmount: 20000}"
        else:
            cap = None
        caps.append(f"  - {{id: {did}, name: District {d + 1}" + (f", {cap}}}" if cap else "}"))
    corr = (f"  correlation: {{matrix: {data_matrix}}}" if data_matrix
            else "  correlation: {withinDistrict: 0.5, acrossDistricts: 0.2}")
    amounts_ent = ", ".join(f"{did}: {1500 + 300 * (d % 4)}" for d, did in enumerate(district_ids))
    amounts_ind = ", ".join(f"{did}: {200 + 50 * (d % 3)}" for d, did in enumerate(district_ids))
    return f"""# Synthetic Monte Carlo benchmark scenario written by benchmarks/make_synthetic.py
# (--units {args.units} --years {args.years} --paths {args.paths} --seed {args.seed}{' --matrix' if args.matrix else ''}).
# All numbers are made up.
name: synthetic-{args.units}x{args.years}{'-matrix' if args.matrix else ''}
years: {{base: {BASE_YEAR}, end: {end}}}
currency: CNY
unit: 万元
precision: 2
rounding: half-up
seed: {args.seed}
paths: {args.paths}
units: {data_units}
districts:
{chr(10).join(caps)}
growth:
  tax: 0.05
  byTag: {{village-converted: 0.03, commercial: 0.06}}
  volatility: 0.05
{corr}
allocation: {{indexation: 0.02}}
collective: {{growth: 0.03}}
incentive: {{elasticity: 0.05}}
restructuring: {{exitRate: {{2026: 0.2, 2031: 0.0}}, taxYield: 0.25}}
rollout:
  default: 2029
  byTag: {{pilot: 2026}}
  byUnit: {{s0001: never, s0002: 2032}}
rebate:
  reference: fixed
  rebaseEveryYears: 5
  bands:
    - {{upTo: 200, rate: 0.3}}
    - {{upTo: 1000, rate: 0.4}}
    - {{rate: 0.5}}
  capPerUnit: 1500
  eligibility: {{excludeTags: [village-converted]}}
lineFees:
  - id: greening
    collectedColumn: fee_greening
    growth: 0.03
    transferShare: {{2026: 0.5, 2030: 0.8}}
    allocationKey: {{green_area: 0.7, population: 0.3}}
    taskCost: {{indicator: green_area, unitCost: 2.0, growth: 0.03}}
  - id: sanitation
    collectedColumn: fee_sanitation
    growth: 0.04
    transferShare: 0.6
    allocationKey: {{road_km: 0.6, population: 0.4}}
    taskCost: {{indicator: road_km, unitCost: 4.0, growth: 0.04}}
donations:
  reserveShare: 0.1
  minimumPerUnit: 12
  allocationKey: {{population: 0.4, elderly: 0.2, low_income: 0.3, communities: 0.1}}
  sources:
    - {{id: enterprises, amount: {{{amounts_ent}}}, growth: 0.05, volatility: 0.15}}
    - {{id: individuals, amount: {{{amounts_ind}}}, growth: 0.04, volatility: 0.25}}
needs:
  - {{id: staff, indicator: staff, unitCost: 10.8, growth: 0.05}}
  - {{id: office, indicator: communities, unitCost: 15, growth: 0.02}}
variants:
  - name: higher-band
    set: {{rebate.bands: [{{upTo: 200, rate: 0.4}}, {{upTo: 1000, rate: 0.5}}, {{rate: 0.6}}]}}
  - name: fast-rollout
    set: {{rollout.default: 2026}}
"""


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir")
    p.add_argument("--units", type=int, default=1000)
    p.add_argument("--years", type=int, default=30)
    p.add_argument("--paths", type=int, default=2000)
    p.add_argument("--districts", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--matrix", action="store_true",
                   help="write a full unit-by-unit correlation matrix and use it")
    args = p.parse_args(argv)
    if args.units < args.districts or args.years < 1 or args.paths < 1:
        p.error("need units >= districts, years >= 1, paths >= 1")

    rng = np.random.default_rng(args.seed)
    os.makedirs(os.path.join(args.outdir, "data"), exist_ok=True)
    district_ids, sizes, header, rows = make_units(args.units, args.districts, rng)
    units_path = os.path.join(args.outdir, "data", "units.csv")
    with open(units_path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")

    matrix_rel = None
    if args.matrix:
        unit_ids = [r[0] for r in rows]
        unit_district = np.repeat(np.arange(args.districts), sizes)
        C = make_matrix(unit_ids, unit_district, args.districts, np.random.default_rng(args.seed + 1))
        matrix_rel = "data/correlation.csv"
        mpath = os.path.join(args.outdir, matrix_rel)
        write_matrix(mpath, unit_ids, C)
        min_pivot, min_eig = check_matrix(mpath, unit_ids)
        print(f"matrix: {mpath} ({len(unit_ids)}x{len(unit_ids)}), symmetric, unit diagonal, "
              f"Cholesky ok (smallest eigenvalue {min_eig:.4f})", file=sys.stderr)

    yaml_path = os.path.join(args.outdir, "synthetic.yaml")
    with open(yaml_path, "w", encoding="utf-8") as f:
        f.write(scenario_yaml(args, district_ids, "data/units.csv", matrix_rel))
    print(yaml_path)


if __name__ == "__main__":
    main()
