#!/usr/bin/env python3
"""Write a small *fake* fiscal-sim run folder (model.md §9 layout) for developing and
testing the notebooks without the Swift tool.

    python3 make_fake_run.py OUT_DIR [--mc PATHS] [--no-extras] [--no-datapackage]

OUT_DIR receives units.csv + districts.csv (or *_quantiles.csv with --mc),
run.json, datapackage.json, and a scenario (scenario/fake.yaml + its units CSV)
that run.json points to.  Numbers follow the model's formulas loosely; they are
plausible, not exact.  Standard library + numpy only.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import random

DISTRICTS = [("siming", "思明区"), ("huli", "湖里区")]
UNITS = [  # id, name, district, tags, tax, allocation, enterprise, collective, population, green_area, road_km, elderly, low_income, staff, communities
    ("lujiang", "鹭江街道", "siming", "pilot", 2100, 310, 120, 0, 52000, 18, 21, 9000, 310, 38, 6),
    ("zhonghua", "中华街道", "siming", "pilot", 1750, 280, 90, 0, 47000, 12, 17, 8800, 290, 35, 6),
    ("xiagang", "厦港街道", "siming", "", 1300, 260, 60, 0, 41000, 15, 14, 7600, 260, 31, 5),
    ("binhai", "滨海街道", "siming", "", 1650, 300, 140, 0, 56000, 36, 25, 7100, 180, 36, 7),
    ("gulangyu", "鼓浪屿街道", "siming", "heritage", 600, 240, 30, 0, 13000, 48, 9, 3100, 70, 22, 3),
    ("yundang", "筼筜街道", "siming", "pilot", 2600, 330, 160, 0, 68000, 27, 23, 10400, 340, 42, 8),
    ("jialian", "嘉莲街道", "siming", "", 2300, 300, 110, 0, 60000, 22, 19, 8900, 300, 39, 7),
    ("lianqian", "莲前街道", "siming", "village-converted", 1400, 290, 40, 380, 98000, 41, 35, 11800, 520, 45, 10),
    ("huli", "湖里街道", "huli", "pilot", 1900, 270, 100, 0, 72000, 25, 28, 8400, 400, 37, 8),
    ("dianqian", "殿前街道", "huli", "village-converted", 1100, 230, 50, 420, 85000, 30, 31, 6900, 470, 33, 9),
    ("jiangtou", "江头街道", "huli", "", 1600, 260, 70, 0, 79000, 20, 26, 9200, 380, 36, 8),
]
FEES = {"greening": ("green_area", 12.0, 4.0), "sanitation": ("road_km", 18.0, 9.0), "security": ("population", 0.004, 0.0018)}
BASE, END = 2025, 2035
MONEY_UNITS = ["tax", "reference", "increment", "rebate", "allocation", *[f"fee_{k}" for k in FEES], "fees_total",
               "donations", "enterprise_income", "collective_income", "resources", "need", "gap"]


def step(d, t):
    v = None
    for k in sorted(d):
        if k <= t:
            v = d[k]
    return v if v is not None else 0.0


VARIANTS = {
    "counterfactual": None,
    "reform": dict(rollout={"pilot": 2026, "default": 2029}, bands=[(500, 0.3), (None, 0.5)], share={2026: 0.5, 2028: 0.8}),
    "rebate-50": dict(rollout={"pilot": 2026, "default": 2029}, bands=[(None, 0.5)], share={2026: 0.5, 2028: 0.8}),
    "fast-rollout": dict(rollout={"pilot": 2026, "default": 2026}, bands=[(500, 0.3), (None, 0.5)], share={2026: 1.0}),
}


def simulate(shocks):
    """shocks[(unit, year)] -> z. Returns (unit_rows, district_rows) of dicts (unrounded)."""
    urows, drows = [], []
    for vname, v in VARIANTS.items():
        for did, _ in DISTRICTS:
            units = [u for u in UNITS if u[2] == did]
            state = {u[0]: dict(T=u[4], E=u[6], K=u[7], hist=[u[4]]) for u in units}
            cf = {u[0]: u[4] for u in units}
            for t in range(BASE + 1, END + 1):
                rows = []
                for u in units:
                    uid, tags = u[0], u[3].split(";") if u[3] else []
                    s = state[uid]
                    alpha = None
                    if v is not None:
                        alpha = 2031 if uid == "gulangyu" else next((v["rollout"][g] for g in tags if g in v["rollout"]), v["rollout"]["default"])
                    adopted = alpha is not None and t >= alpha
                    eligible = adopted and "village-converted" not in tags
                    g = (0.04 if "village-converted" in tags else 0.06) + 0.03 * shocks[(uid, t)]
                    r1 = v["bands"][0][1] if (v and eligible) else 0.0
                    V = s["E"] * (0.2 if adopted and t < 2031 else 0.0)
                    s["E"] -= V
                    s["T"] = s["T"] * max(0.0, 1 + g + 0.05 * r1) + 0.25 * V
                    cf[uid] = cf[uid] * max(0.0, 1 + g)
                    ref = s["hist"][alpha - 1 - BASE] if eligible else None
                    inc = max(0.0, s["T"] - ref) if eligible else 0.0
                    reb, lo = 0.0, 0.0
                    if eligible:
                        for up, rate in v["bands"]:
                            hi = inc if up is None else min(inc, up)
                            reb += rate * max(0.0, hi - lo)
                            lo = up if up is not None else lo
                    s["hist"].append(s["T"])
                    rows.append(dict(variant=vname, district=did, unit=uid, year=t, adopted=adopted, tax=s["T"], reference=ref,
                                     increment=inc, rebate=reb, _u=u, _elig=adopted, _cf=cf[uid]))
                # capacity
                sum_t = sum(r["tax"] for r in rows)
                sum_r = sum(r["rebate"] for r in rows)
                phi = 1.0
                if v is not None and sum_r > 0.12 * sum_t:
                    phi = 0.12 * sum_t / sum_r
                    for r in rows:
                        r["rebate"] *= phi
                # fees
                coll = {k: 0.0 for k in FEES}
                transferred = {k: 0.0 for k in FEES}
                for k, (ind, cost, base_fee) in FEES.items():
                    tot_ind = sum(r["_u"][{"green_area": 9, "road_km": 10, "population": 8}[ind]] for r in rows)
                    C = sum(base_fee * r["_u"][{"green_area": 9, "road_km": 10, "population": 8}[ind]] for r in rows) * 1.03 ** (t - BASE)
                    coll[k] = C
                    tau = step(v["share"], t) if v else 0.0
                    for r in rows:
                        x = r["_u"][{"green_area": 9, "road_km": 10, "population": 8}[ind]]
                        F = tau * C * x / tot_ind if r["_elig"] else 0.0
                        Q = cost * x * 1.03 ** (t - BASE) if r["_elig"] else 0.0
                        r[f"fee_{k}"] = F
                        r[f"task_cost_{k}"] = Q
                        transferred[k] += F
                # donations
                pool = (800 if did == "siming" else 450) * 1.05 ** (t - BASE) * math.exp(0.15 * shocks[("don_" + did, t)] - 0.15 ** 2 / 2)
                reserve = 0.1 * pool if v else 0.0
                tot_pop = sum(r["_u"][8] for r in rows)
                for r in rows:
                    r["donations"] = (pool - reserve) * r["_u"][8] / tot_pop if r["_elig"] else 0.0
                allocated = sum(r["donations"] for r in rows)
                for r in rows:
                    u = r["_u"]
                    r["allocation"] = u[5] * 1.02 ** (t - BASE)
                    r["fees_total"] = sum(r[f"fee_{k}"] for k in FEES)
                    r["enterprise_income"] = state[r["unit"]]["E"]
                    r["collective_income"] = u[7] * 1.03 ** (t - BASE)
                    r["resources"] = r["allocation"] + r["rebate"] + r["fees_total"] + r["donations"] + r["enterprise_income"] + r["collective_income"]
                    r["need"] = 9.6 * u[13] * 1.05 ** (t - BASE) + 15 * u[14] * 1.02 ** (t - BASE) + sum(r[f"task_cost_{k}"] for k in FEES)
                    r["gap"] = r["resources"] - r["need"]
                    r["self_sufficiency"] = r["resources"] / r["need"] if r["need"] else None
                    for k in FEES:
                        q = r[f"task_cost_{k}"]
                        r[f"coverage_{k}"] = r[f"fee_{k}"] / q if q else None
                    r["unit_name"] = u[1]
                    urows.append(r)
                net = sum_t - sum(r["rebate"] for r in rows)
                cfnet = sum(r["_cf"] for r in rows)
                drows.append(dict(variant=vname, district=did, year=t, tax=sum_t, rebates=sum(r["rebate"] for r in rows),
                                  capacity_factor=phi, net_revenue=net, counterfactual_net_revenue=cfnet if v else net,
                                  reform_effect=(net - cfnet) if v else 0.0,
                                  fees_collected=sum(coll.values()), fees_transferred=sum(transferred.values()),
                                  fees_retained=sum(coll.values()) - sum(transferred.values()),
                                  donations_pooled=pool, donations_allocated=allocated,
                                  donations_retained=pool - allocated - reserve, donations_reserve=reserve,
                                  need=sum(r["need"] for r in rows), resources=sum(r["resources"] for r in rows),
                                  gap=sum(r["gap"] for r in rows), district_name=dict(DISTRICTS)[did]))
    return urows, drows


UNIT_COLS = (["variant", "district", "unit", "year", "adopted", "tax", "reference", "increment", "rebate", "allocation"]
             + [f"fee_{k}" for k in FEES] + ["fees_total", "donations", "enterprise_income", "collective_income",
                                            "resources", "need", "gap", "self_sufficiency"])
UNIT_EXTRAS = [f"task_cost_{k}" for k in FEES] + [f"coverage_{k}" for k in FEES] + ["unit_name"]
DIST_COLS = ["variant", "district", "year", "tax", "rebates", "capacity_factor", "net_revenue", "counterfactual_net_revenue",
             "reform_effect", "fees_collected", "fees_transferred", "fees_retained", "donations_pooled",
             "donations_allocated", "donations_retained", "donations_reserve", "need", "resources", "gap"]
DIST_EXTRAS = ["district_name"]
RATIOS = {"self_sufficiency", "capacity_factor"} | {f"coverage_{k}" for k in FEES}


def fmt(col, v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) and col == "year":
        return str(v)
    if isinstance(v, str):
        return v
    s = f"{v:.6f}" if col in RATIOS or col == "mean_self_sufficiency" else f"{v:.2f}"
    return "0.00" if s == "-0.00" else s


def field_type(col):
    if col in ("variant", "district", "unit", "metric", "unit_name", "district_name", "tag", "group"):
        return "string"
    if col in ("year", "units", "units_with_gap", "did_before_year"):
        return "integer"
    if col == "adopted":
        return "boolean"
    return "number"


def write_csv(path, cols, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([fmt(c, r.get(c)) for c in cols])


GROUP_COLS = ["variant", "year", "tag", "group", "units", "tax", "rebate", "fees_total", "donations", "resources",
              "need", "gap", "mean_gap", "mean_self_sufficiency", "units_with_gap", "gap_did", "did_before_year"]


def write_groups(out, urows):
    """groups.csv like fiscal-sim's: per variant × year × tag, `with` and `without` rows;
    gap_did on `with` rows from the first adoption year (base-year gap taken as 0 here)."""
    tags = []
    for u in UNITS:
        for t in (u[3].split(";") if u[3] else []):
            if t not in tags:
                tags.append(t)
    rows = []
    for vname in VARIANTS:
        for tag in tags:
            first = None
            before_diff = None
            for t in range(BASE + 1, END + 1):
                sel = [r for r in urows if r["variant"] == vname and r["year"] == t]
                grp = {"with": [r for r in sel if tag in r["_u"][3].split(";")],
                       "without": [r for r in sel if tag not in r["_u"][3].split(";")]}
                means = {k: sum(r["gap"] for r in v) / len(v) for k, v in grp.items()}
                if vname != "counterfactual" and first is None and any(r["adopted"] for r in grp["with"]):
                    first = t
                    before_diff = 0.0 if t == BASE + 1 else prev
                prev = means["with"] - means["without"]
                for k, members in grp.items():
                    row = dict(variant=vname, year=t, tag=tag, group=k, units=str(len(members)))
                    for c in ("tax", "rebate", "fees_total", "donations", "resources", "need", "gap"):
                        row[c] = sum(r[c] for r in members)
                    row["mean_gap"] = means[k]
                    ss = [r["self_sufficiency"] for r in members if r["self_sufficiency"] is not None]
                    row["mean_self_sufficiency"] = sum(ss) / len(ss) if ss else None
                    row["units_with_gap"] = str(sum(1 for r in members if r["gap"] < 0))
                    if k == "with" and first is not None:
                        row["gap_did"] = prev - before_diff
                        row["did_before_year"] = str(first - 1)
                    rows.append(row)
    write_csv(os.path.join(out, "groups.csv"), GROUP_COLS, rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mc", type=int, default=0, help="write Monte Carlo quantile files from N paths")
    ap.add_argument("--no-extras", action="store_true", help="omit task_cost_/coverage_/unit_name extras")
    ap.add_argument("--no-datapackage", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, "scenario", "data"), exist_ok=True)
    ucsv = os.path.join(a.out, "scenario", "data", "streets.csv")
    with open(ucsv, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "district", "tags", "tax", "allocation", "enterprise_income", "collective_income",
                    "population", "green_area", "road_km", "elderly", "low_income", "staff", "communities"])
        for u in UNITS:
            w.writerow(u)
    scen = os.path.join(a.out, "scenario", "fake.yaml")
    with open(scen, "w", encoding="utf-8") as f:
        f.write("name: fake-pilot\nyears: {base: 2025, end: 2035}\ncurrency: CNY\nunit: 万元\n"
                "units: data/streets.csv\ndistricts:\n  - {id: siming, name: 思明区}\n  - {id: huli, name: 湖里区}\n"
                "rebate:\n  reference: fixed\n  bands: [{upTo: 500, rate: 0.3}, {rate: 0.5}]\n")
    rng = random.Random(a.seed)
    keys = [(u[0], t) for u in UNITS for t in range(BASE + 1, END + 1)] + \
           [("don_" + d, t) for d, _ in DISTRICTS for t in range(BASE + 1, END + 1)]
    uextras = [] if a.no_extras else UNIT_EXTRAS
    dextras = [] if a.no_extras else DIST_EXTRAS
    files = {}
    if a.mc <= 1:
        urows, drows = simulate({k: 0.0 for k in keys})
        write_csv(os.path.join(a.out, "units.csv"), UNIT_COLS + uextras, urows)
        write_csv(os.path.join(a.out, "districts.csv"), DIST_COLS + dextras, drows)
        files["units"] = ("units.csv", UNIT_COLS + uextras)
        files["districts"] = ("districts.csv", DIST_COLS + dextras)
        if not a.no_extras:
            write_groups(a.out, urows)
            files["groups"] = ("groups.csv", GROUP_COLS)
    else:
        import numpy as np
        per_u, per_d = {}, {}
        for _ in range(a.mc):
            urows, drows = simulate({k: rng.gauss(0, 1) for k in keys})
            for r in urows:
                for m in UNIT_COLS[5:] + [c for c in uextras if c != "unit_name"]:
                    if m == "adopted":
                        continue
                    per_u.setdefault((r["variant"], r["district"], r["unit"], r["year"], m), []).append(r[m])
            for r in drows:
                for m in DIST_COLS[3:]:
                    per_d.setdefault((r["variant"], r["district"], r["year"], m), []).append(r[m])

        def q_rows(d, keycols):
            out = []
            for key, vals in d.items():
                arr = np.array([np.nan if x is None else x for x in vals], dtype=float)
                row = dict(zip(keycols + ["metric"], key))
                fin = arr[np.isfinite(arr)]
                if fin.size == 0:
                    row.update({c: None for c in ["mean", "p05", "p25", "p50", "p75", "p95"]})
                else:
                    row["mean"] = float(fin.mean())
                    for p in (5, 25, 50, 75, 95):
                        row[f"p{p:02d}"] = float(np.percentile(fin, p))
                out.append(row)
            return out
        qcols = ["metric", "mean", "p05", "p25", "p50", "p75", "p95"]
        ucols = ["variant", "district", "unit", "year"]
        dcols = ["variant", "district", "year"]
        write_csv(os.path.join(a.out, "units_quantiles.csv"), ucols + qcols, q_rows(per_u, ucols))
        write_csv(os.path.join(a.out, "districts_quantiles.csv"), dcols + qcols, q_rows(per_d, dcols))
        files["units_quantiles"] = ("units_quantiles.csv", ucols + qcols)
        files["districts_quantiles"] = ("districts_quantiles.csv", dcols + qcols)
    with open(scen, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(a.out, "run.json"), "w", encoding="utf-8") as f:
        json.dump({"tool": "fake", "version": "0.0.0-fake", "scenario": os.path.abspath(scen), "scenario_sha256": sha,
                   "seed": a.seed, "paths": max(1, a.mc), "variants": list(VARIANTS)}, f, ensure_ascii=False, indent=2)
    if not a.no_datapackage:
        keys = ("variant", "district", "unit", "year", "metric")

        def ftype(resource, col):
            if resource.endswith("quantiles"):
                return field_type(col) if col in keys else "number"
            return field_type(col)
        dp = {"profile": "tabular-data-package", "name": "fake-pilot", "resources": [
            {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": c, "type": ftype(name, c)} for c in cols], "missingValues": [""]}}
            for name, (path, cols) in files.items()]}
        with open(os.path.join(a.out, "datapackage.json"), "w", encoding="utf-8") as f:
            json.dump(dp, f, ensure_ascii=False, indent=2)
    print(a.out)


if __name__ == "__main__":
    main()
