#!/usr/bin/env python3
"""Writes scenarios/data/siming-history.csv: an ILLUSTRATIVE 2012-2025 tax history of the ten
Siming streets (not official figures), for `fiscal-sim calibrate`.

How it is made: each street's yearly growth is g_i(t) = mu_i + sigma * z_i(t) with the model's
two-level shocks (one district, so z_i = sqrt(rho_w) * f(t) + sqrt(1 - rho_w) * eta_i(t)) and
the parameters siming-pilot.yaml assumes: mu_i = 6 % (4 % for the village-converted 滨海),
sigma = 3 %, rho_w = 0.6; numpy seed 2025.
The 2012 level is chosen so that compounding the 13 growth rates ends exactly at the street's
2025 tax in siming-streets.csv; every year is rounded to 0.01 万元.

    python3 scenarios/data/make_siming_history.py   # rewrites the CSV (deterministic)
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = list(range(2012, 2026))
SIGMA, RHO_W, SEED = 0.03, 0.6, 2025


def main():
    with open(os.path.join(HERE, "siming-streets.csv"), encoding="utf-8") as f:
        streets = list(csv.DictReader(f))
    rng = np.random.default_rng(SEED)
    steps = len(YEARS) - 1
    common = rng.standard_normal(steps)
    rows = []
    for street in streets:
        mu = 0.04 if "village-converted" in street["tags"].split(";") else 0.06
        z = np.sqrt(RHO_W) * common + np.sqrt(1 - RHO_W) * rng.standard_normal(steps)
        factors = np.cumprod(1 + mu + SIGMA * z)
        last = float(street["tax"])
        start = last / factors[-1]
        levels = [start] + list(start * factors)
        levels[-1] = last
        rows += [(street["id"], year, f"{level:.2f}") for year, level in zip(YEARS, levels)]
    with open(os.path.join(HERE, "siming-history.csv"), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["unit", "year", "tax"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
