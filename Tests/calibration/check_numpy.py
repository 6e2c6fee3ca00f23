#!/usr/bin/env python3
"""fiscal-sim calibrate against NumPy (model.md §17): on generated histories the per-unit means and
standard deviations (units_growth.csv), growth.tax (calibration.yaml) and the residual
correlations (correlation.csv) must equal np.mean, np.std(ddof=1) and np.corrcoef to
|a - b| <= 1e-12 * max(|a|, |b|) + 1e-15; σ̂ and the two-level means are checked against the
§17 formulas written with NumPy. Histories cover gaps, zero tax, dropped units, tiny variances
around a large mean (where one-pass formulas lose digits) and huge tax levels.

    python3 Tests/calibration/check_numpy.py --binary .build/debug/fiscal-sim [--seeds 40]
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

REL, ABS = 1e-12, 1e-15
WORST = [0.0]


def close(a, b):
    if max(abs(a), abs(b)) > 0:
        WORST[0] = max(WORST[0], abs(a - b) / max(abs(a), abs(b)))
    return abs(a - b) <= REL * max(abs(a), abs(b)) + ABS


def make_case(folder, seed):
    rng = np.random.default_rng(seed)
    districts = int(rng.integers(1, 4))
    units = int(rng.integers(2, 9))
    years = int(rng.integers(4, 16))
    kind = seed % 4  # 0 plain, 1 gaps and zeros, 2 tiny variance around a big mean, 3 huge levels
    ids = [f"u{i}" for i in range(units)]
    dist = [f"d{int(rng.integers(0, districts))}" for _ in ids]
    for d in range(districts):  # every declared district needs a unit
        if f"d{d}" not in dist:
            dist[d % units] = f"d{d}"
    declared = sorted(set(dist))
    with open(os.path.join(folder, "units.csv"), "w") as f:
        f.write("id,district,tax,allocation\n")
        for i, d in zip(ids, dist):
            f.write(f"{i},{d},100,10\n")
    with open(os.path.join(folder, "s.yaml"), "w") as f:
        f.write(f"name: c{seed}\nyears: {{base: 2025, end: 2027}}\nunits: units.csv\n")
        f.write("districts: [" + ", ".join("{id: %s}" % d for d in declared) + "]\n")
        f.write("growth: {tax: 0.05, byTag: {x: 0.01}}\n")
    rows = []
    common = rng.standard_normal(years)
    for i in ids:
        level = float(rng.uniform(50, 5000)) * (1e9 if kind == 3 else 1)
        for k, year in enumerate(range(2026 - years, 2026)):
            if k > 0:
                if kind == 2:
                    g = 0.05 + 1e-9 * (common[k] + rng.standard_normal())
                else:
                    g = 0.05 + 0.04 * (0.6 * common[k] + 0.8 * rng.standard_normal())
                level *= 1 + g
            if kind == 1 and rng.random() < 0.15:
                continue  # a missing year
            value = 0.0 if kind == 1 and rng.random() < 0.05 else level
            rows.append((i, year, f"{value:.6f}" if kind == 2 else f"{value:.2f}"))
    with open(os.path.join(folder, "history.csv"), "w") as f:
        f.write("unit,year,tax\n")
        f.writelines(f"{u},{y},{t}\n" for u, y, t in rows)
    return ids, dist, rows


def growth_series(rows):
    tax = {}
    for u, y, t in rows:
        tax.setdefault(u, {})[y] = float(t)
    series = {}
    for u, years in tax.items():
        series[u] = {y: years[y] / years[y - 1] - 1 for y in sorted(years) if y - 1 in years and years[y - 1] > 0}
    return series


def run(binary, folder, *extra):
    out = subprocess.run([binary, "calibrate", "s.yaml", "--history", "history.csv", *extra],
                         cwd=folder, capture_output=True, text=True)
    return out


def check(binary, seed, failures):
    with tempfile.TemporaryDirectory() as folder:
        ids, dist, rows = make_case(folder, seed)
        series = growth_series(rows)
        used = [u for u in ids if len(series.get(u, {})) >= 3]
        plain = run(binary, folder, "--out", "plain")
        matrix = run(binary, folder, "--matrix", "--out", "matrix")
        if not used:
            if plain.returncode != 2:
                failures.append(f"seed {seed}: no usable unit but exit {plain.returncode}")
            return 0
        for out in (plain, matrix):
            if out.returncode != 0:
                failures.append(f"seed {seed}: exit {out.returncode}: {out.stderr.strip()}")
                return 0
        compared = 0

        def expect(what, ours, theirs):
            nonlocal compared
            compared += 1
            if not close(ours, theirs):
                failures.append(f"seed {seed}: {what}: fiscal-sim {ours!r}, numpy {theirs!r}")

        with open(os.path.join(folder, "plain", "units_growth.csv")) as f:
            table = {r["unit"]: r for r in csv.DictReader(f)}
        for u in ids:
            g = np.array(list(series.get(u, {}).values()))
            if u in used:
                expect(f"{u} mean", float(table[u]["mean_growth"]), float(np.mean(g)))
                expect(f"{u} sd", float(table[u]["sd_growth"]), float(np.std(g, ddof=1)))
            elif table[u]["mean_growth"] != "" or table[u]["sd_growth"] != "":
                failures.append(f"seed {seed}: dropped {u} has estimates")
        text = open(os.path.join(folder, "plain", "calibration.yaml")).read()
        value = lambda key: float(re.search(rf"^\s*{key}: (\S+)", text, re.M).group(1))
        every = np.array([g for u in used for g in series[u].values()])
        expect("growth.tax", value("tax"), float(np.mean(every)))
        ss = sum(float(np.sum((np.array(list(series[u].values())) - np.mean(list(series[u].values()))) ** 2)) for u in used)
        df = sum(len(series[u]) - 1 for u in used)
        expect("volatility", value("volatility"), float(np.sqrt(ss / df)))
        if "byTag: {x: 0.01}" not in text:
            failures.append(f"seed {seed}: byTag not copied:\n{text}")

        # Residual correlations: corrcoef on the common years, counted pairs only.
        R = np.eye(len(ids))
        within, across = [], []
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                if ids[a] not in used or ids[b] not in used:
                    continue
                common = sorted(set(series[ids[a]]) & set(series[ids[b]]))
                x = np.array([series[ids[a]][y] for y in common])
                y = np.array([series[ids[b]][y] for y in common])
                if len(common) < 3 or np.std(x) == 0 or np.std(y) == 0:
                    continue
                r = float(np.corrcoef(x, y)[0, 1])
                R[a, b] = R[b, a] = r
                (within if dist[a] == dist[b] else across).append(r)
        for key, values in (("withinDistrict", within), ("acrossDistricts", across)):
            if values:
                mean = float(np.mean(values))
                clipped = min(max(mean, 0.0), 0.99) if key == "withinDistrict" else None
                if key == "withinDistrict":
                    expect(key, value(key), clipped)
                elif mean >= 0 and mean <= value("withinDistrict"):
                    expect(key, value(key), mean)
        with open(os.path.join(folder, "matrix", "correlation.csv")) as f:
            reader = list(csv.reader(f))
        if reader[0] != ["id"] + ids or any("e" in c.lower() for row in reader[1:] for c in row[1:]):
            failures.append(f"seed {seed}: correlation.csv header or exponent: {reader[0]}")
        M = np.array([[float(c) for c in row[1:]] for row in reader[1:]])
        if np.linalg.eigvalsh(M).min() <= 0 or not np.array_equal(M, M.T) or not np.all(np.diag(M) == 1):
            failures.append(f"seed {seed}: correlation.csv is not a positive-definite correlation matrix")
        if np.linalg.eigvalsh(R).min() >= 1e-8:  # no repair: the sample correlations as they are
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    expect(f"R[{ids[a]},{ids[b]}]", float(M[a, b]), float(R[a, b]))
        elif "repaired to the nearest" not in matrix.stdout:
            failures.append(f"seed {seed}: repaired without the warning")
        return compared


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seeds", type=int, default=40)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    failures, compared = [], 0
    for seed in range(args.seeds):
        compared += check(binary, seed, failures)
    for failure in failures[:30]:
        print("FAIL", failure)
    print(f"calibrate vs NumPy: {compared} values compared on {args.seeds} histories "
          f"(|a-b| <= 1e-12*max(|a|,|b|) + 1e-15), largest relative difference {WORST[0]:.3g}, "
          f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
