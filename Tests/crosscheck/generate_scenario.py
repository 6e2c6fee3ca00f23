#!/usr/bin/env python3
"""Random but valid fiscal-sim scenario generator for the cross-check.

Usage:  python3 generate_scenario.py SEED OUTDIR

Writes OUTDIR/scenario.yaml, its units CSV (sometimes in OUTDIR/data/) and
sometimes a taxSeries CSV.  Deterministic from SEED.  Always `paths: 1`
(volatility and correlation may be present; a deterministic run ignores them).
Prints the scenario path.
"""
from __future__ import annotations

import csv
import os
import random
import sys

import yaml

DISTRICTS = [("siming", "思明区"), ("huli", "湖里区"), ("jimei", "集美区"),
             ("haicang", "海沧区"), ("tongan", "同安区"), ("xiangan", "翔安区")]
TAGS = ["pilot", "village-converted", "old-town", "coastal", "new-area"]
INDICATORS = ["population", "elderly", "low_income", "green_area", "road_length",
              "staff", "communities"]
FEES = ["greening", "sanitation", "security"]


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed

    # ------------------------------------------------------------ helpers
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def num(self, lo, hi, nd=3):
        v = round(self.rng.uniform(lo, hi), nd)
        return 0.0 if v == 0 else v

    def step_keys(self, n_extra_max=3):
        b, end = self.b, self.end
        first = self.rng.randint(b - 2, b + 1)
        later = sorted(self.rng.sample(range(max(first + 1, b + 2), end + 1),
                                       k=min(self.rng.randint(1, n_extra_max),
                                             max(0, end - max(first + 1, b + 2) + 1))))
        return [first] + later

    def param(self, lo, hi, nd=3, p_step=0.4):
        """scalar or step function with first key <= b+1."""
        if self.chance(p_step):
            return {k: self.num(lo, hi, nd) for k in self.step_keys()}
        return self.num(lo, hi, nd)

    def weights(self, cols):
        """weights (multiples of 0.05) summing to 1; sometimes a step function."""
        def one():
            m = len(cols)
            cuts = sorted(self.rng.sample(range(1, 20), m - 1)) if m > 1 else []
            parts = [b - a for a, b in zip([0] + cuts, cuts + [20])]
            return [p / 20 for p in parts]
        if self.chance(0.3):
            keys = self.step_keys(2)
            per_key = {k: one() for k in keys}
            return {c: {k: per_key[k][j] for k in keys} for j, c in enumerate(cols)}
        w = one()
        return {c: w[j] for j, c in enumerate(cols)}

    # ------------------------------------------------------------ build
    def build(self, outdir: str) -> str:
        rng = self.rng
        os.makedirs(outdir, exist_ok=True)
        self.b = b = rng.choice([2023, 2024, 2025])
        self.end = end = b + rng.randint(2, 8)
        years = list(range(b + 1, end + 1))
        self.unit_name = rng.choice(["万元", "元"])
        # "edge" scenarios add boundary values: zero taxes and indicators,
        # tax_growth -1, limits of 0, shares of exactly 0 or 1
        self.edge = edge = self.chance(0.25)
        scale = 1.0 if self.unit_name == "万元" else 100.0
        self.scale = scale
        dists = rng.sample(DISTRICTS, rng.randint(1, 3))
        dist_ids = [d for d, _ in dists]

        # ---------------- units
        units = []
        for d in dist_ids:
            for j in range(rng.randint(2, 8)):
                tags = rng.sample(TAGS, rng.choice([0, 1, 1, 2, 2, 3]))
                units.append({"id": f"{d[:2]}{j + 1:02d}", "district": d, "tags": tags})
        if self.chance(0.5):
            rng.shuffle(units)
        fee_ids = rng.sample(FEES, rng.choice([0, 1, 1, 2, 2, 3, 3]))
        has_ent = self.chance(0.7)
        has_coll = self.chance(0.6)
        has_tg = self.chance(0.4)
        has_name = self.chance(0.5)
        for u in units:
            vc = "village-converted" in u["tags"]
            u["tax"] = round(rng.uniform(100, 5000) * scale, 2) if not (edge and self.chance(0.1)) else 0.0
            u["allocation"] = round(rng.uniform(50, 2000) * scale, 2)
            u["enterprise_income"] = round(rng.uniform(0, 800) * scale, 2) if not self.chance(0.2) else 0.0
            u["collective_income"] = round(rng.uniform(100, 1500) * scale, 2) if vc else (
                round(rng.uniform(0, 50) * scale, 2) if self.chance(0.3) else 0.0)
            u["tax_growth"] = "" if self.chance(0.5) else f"{rng.uniform(-0.05, 0.12):.4f}"
            if edge and self.chance(0.07):
                u["tax_growth"] = rng.choice(["-1", "-1.0000", "0"])
            u["population"] = rng.randint(5000, 120000)
            u["elderly"] = rng.randint(300, 20000)
            u["low_income"] = rng.randint(0, 800) if self.chance(0.9) else 0
            u["green_area"] = round(rng.uniform(1, 300), 2)
            u["road_length"] = round(rng.uniform(0.5, 60), 3)
            u["staff"] = rng.randint(20, 150)
            u["communities"] = rng.randint(1, 15)
            for k in fee_ids:
                u[f"fee_{k}"] = round(rng.uniform(0, 300) * scale, 2)
        if edge:
            for u in units:
                for c in INDICATORS:
                    if self.chance(0.12):
                        u[c] = 0 if isinstance(u[c], int) else 0.0
        # make sure no column sums to 0 within a district
        for d in dist_ids:
            mem = [u for u in units if u["district"] == d]
            for c in INDICATORS:
                if sum(u[c] for u in mem) == 0:
                    mem[0][c] = 17
        self.units = units
        cols = ["id"] + (["name"] if has_name else []) + ["district", "tags", "tax", "allocation"]
        cols += (["enterprise_income"] if has_ent else []) + (["collective_income"] if has_coll else [])
        cols += (["tax_growth"] if has_tg else []) + INDICATORS + [f"fee_{k}" for k in fee_ids]
        if not has_ent:
            for u in units:
                u["enterprise_income"] = 0.0
        if not has_coll:
            for u in units:
                u["collective_income"] = 0.0
        in_data = self.chance(0.5)
        units_rel = "data/units.csv" if in_data else "units.csv"
        upath = os.path.join(outdir, units_rel)
        os.makedirs(os.path.dirname(upath), exist_ok=True)
        if edge and self.chance(0.5):
            rng.shuffle(cols)  # column order is free
        crlf = edge and self.chance(0.4)
        spaces = edge and self.chance(0.4)
        with open(upath, "w", encoding="utf-8", newline="") as fh:
            if self.chance(0.2):
                fh.write("\ufeff")
            w = csv.writer(fh, lineterminator="\r\n" if crlf else "\n")
            w.writerow(cols)
            for u in units:
                cells = []
                for c in cols:
                    v = u.get(c)
                    if c == "name":
                        v = f"街道{u['id']}" if not (edge and self.chance(0.3)) else f"街道, {u['id']}"
                    elif c == "tags":
                        v = ";".join(u["tags"])
                    elif isinstance(v, float):
                        v = f"{v:.2f}" if c != "road_length" else f"{v:.3f}"
                    v = str(v)
                    if spaces and c not in ("id", "district", "tags", "name") and v and self.chance(0.3):
                        v = " " + v + " "  # spaces around a plain decimal are allowed
                    cells.append(v)
                w.writerow(cells)

        cfg: dict = {"name": f"crosscheck-{self.seed}", "years": {"base": b, "end": end}}
        if self.chance(0.7):
            cfg["currency"] = "CNY"
        cfg["unit"] = self.unit_name
        cfg["precision"] = rng.choice([0, 1, 2, 2, 2, 3, 4, 2, 2, 3, 6, 10])
        r = rng.choice([None, "half-up", "half-even"])
        if r:
            cfg["rounding"] = r
        cfg["seed"] = rng.randint(0, 10 ** 6)
        cfg["paths"] = 1
        cfg["units"] = units_rel

        # ---------------- tax series
        if self.chance(0.3):
            lines = []
            for u in rng.sample(units, rng.randint(1, min(4, len(units)))):
                for y in sorted(rng.sample(years, rng.randint(1, min(3, len(years))))):
                    lines.append(f"{u['id']},{y},{u['tax'] * rng.uniform(0.8, 1.6):.2f}")
            rng.shuffle(lines)
            with open(os.path.join(outdir, "tax_series.csv"), "w", encoding="utf-8") as fh:
                fh.write("unit,year,tax" + (",note" if self.chance(0.3) else "") + "\n")
                for ln in lines:
                    fh.write(ln + "\n")
            cfg["taxSeries"] = "tax_series.csv"

        # ---------------- districts / capacity
        dl = []
        for d, nm in dists:
            entry = {"id": d, "name": nm}
            if self.chance(0.6):
                cap = {}
                if self.chance(0.7):
                    cap["maxShareOfRevenue"] = self.param(0.001, 0.06, 4)
                if not cap or self.chance(0.4):
                    tot = sum(u["tax"] for u in units if u["district"] == d)
                    cap["maxAmount"] = self.param(0.0005 * tot, 0.03 * tot, 2)
                    if edge and self.chance(0.2):
                        cap["maxAmount"] = 0
                entry["capacity"] = cap
            dl.append(entry)
        cfg["districts"] = dl

        # ---------------- growth & drivers
        g = {}
        if self.chance(0.9):
            g["tax"] = self.param(-0.02, 0.10)
        if self.chance(0.6):
            g["byTag"] = {t: self.param(-0.03, 0.12) for t in rng.sample(TAGS, rng.randint(1, 3))}
        if self.chance(0.4):
            g["volatility"] = self.param(0.0, 0.1)
        if self.chance(0.2):
            g["correlation"] = {"withinDistrict": 0.5, "acrossDistricts": 0.2}
        if g:
            cfg["growth"] = g
        if self.chance(0.7):
            cfg["allocation"] = {"indexation": self.param(0.0, 0.05)}
        if self.chance(0.6):
            cfg["collective"] = {"growth": self.param(-0.02, 0.06)}
        if self.chance(0.6):
            cfg["incentive"] = {"elasticity": self.param(0.0, 0.6)}
        if self.chance(0.7):
            rs = {"exitRate": self.param(0.0, 0.4, 3, p_step=0.6)}
            if self.chance(0.8):
                rs["taxYield"] = self.param(0.0, 0.5, 3, p_step=0.2)
            cfg["restructuring"] = rs

        # ---------------- rollout
        ro = {}
        if self.chance(0.8):
            ro["default"] = rng.choice([b - 1, b, b + 1, b + 2, b + 3, end, end + 1, "never"])
        if self.chance(0.7):
            ro["byTag"] = {t: rng.choice([b - 1, b + 1, b + 2, "never"])
                           for t in rng.sample(TAGS, rng.randint(1, 3))}
        if self.chance(0.5):
            ro["byUnit"] = {u["id"]: rng.choice([b, b + 1, b + 3, "never"])
                            for u in rng.sample(units, rng.randint(1, 2))}
        if ro:
            cfg["rollout"] = ro

        # ---------------- rebate
        if self.chance(0.9):
            rb = {"reference": rng.choice(["fixed", "fixed", "rolling", "ratchet"])}
            if self.chance(0.4):
                rb["rebaseEveryYears"] = rng.randint(1, 3)
            if self.chance(0.3):
                rb["referenceGrowth"] = self.param(0.0, 0.06)
            if self.chance(0.3):
                rb["termYears"] = rng.randint(1, 4)
            rb["bands"] = self.bands()
            if self.chance(0.3):
                rb["capPerUnit"] = self.param(5 * scale, 60 * scale, 2)
            el = rng.choice([None, None, {"excludeTags": []},
                             {"excludeTags": ["village-converted", "coastal"]},
                             {"includeTags": ["pilot", "old-town"]},
                             {"includeTags": ["pilot", "new-area", "village-converted"],
                              "excludeTags": ["coastal"]}])
            if el is not None:
                rb["eligibility"] = el
            cfg["rebate"] = rb

        # ---------------- line fees
        lfs = []
        for k in fee_ids:
            lf = {"id": k, "collectedColumn": f"fee_{k}"}
            if self.chance(0.8):
                lf["growth"] = self.param(-0.02, 0.08)
            lf["transferShare"] = self.param(0.0, 1.0, 2, p_step=0.5)
            if edge and self.chance(0.4):
                lf["transferShare"] = rng.choice([1.0, 1, 0, {b - 1: 0, b + 2: 1.0}])
            lf["allocationKey"] = self.weights(rng.sample(INDICATORS, rng.randint(1, 3)))
            if self.chance(0.7):
                tc = {"indicator": rng.choice(INDICATORS),
                      "unitCost": self.param(0.001 * scale, 2.0 * scale, 4)}
                if self.chance(0.7):
                    tc["growth"] = self.param(0.0, 0.06)
                lf["taskCost"] = tc
            if self.chance(0.3):
                lf["eligibility"] = rng.choice([{"excludeTags": ["village-converted"]},
                                                {"includeTags": ["pilot", "coastal"]}])
            lfs.append(lf)
        if lfs:
            cfg["lineFees"] = lfs

        # ---------------- donations
        if self.chance(0.85):
            dn = {}
            if self.chance(0.8):
                dn["reserveShare"] = self.param(0.0, 0.25, 3)
                if edge and self.chance(0.3):
                    dn["reserveShare"] = 0
            srcs = []
            pool = {d: 0.0 for d in dist_ids}
            for sid in rng.sample(["enterprises", "institutions", "organisations", "individuals"],
                                  rng.randint(1, 3)):
                amt = {}
                for d in dist_ids:
                    if self.chance(0.8):
                        amt[d] = round(rng.uniform(10, 800) * scale, 2)
                        pool[d] += amt[d]
                s = {"id": sid, "amount": amt}
                if self.chance(0.8):
                    s["growth"] = self.param(-0.02, 0.08)
                if self.chance(0.4):
                    s["volatility"] = self.param(0.0, 0.3)
                srcs.append(s)
            dn["sources"] = srcs
            dn["allocationKey"] = self.weights(rng.sample(INDICATORS, rng.randint(1, 4)))
            if self.chance(0.6):
                d = rng.choice(dist_ids)
                n = sum(1 for u in units if u["district"] == d)
                per = pool[d] / n if pool[d] else 10 * scale
                dn["minimumPerUnit"] = self.param(0.3 * per, 1.8 * per, 2, p_step=0.25)
                if edge and self.chance(0.2):
                    dn["minimumPerUnit"] = 0
            if self.chance(0.3):
                dn["eligibility"] = rng.choice([{"excludeTags": ["new-area"]},
                                                {"includeTags": ["pilot", "old-town", "coastal"]}])
            cfg["donations"] = dn

        # ---------------- needs
        needs = []
        for nid, ind in rng.sample([("staff", "staff"), ("office", "communities"),
                                    ("roads", "road_length"), ("elder-care", "elderly")],
                                   rng.randint(0, 3)):
            it = {"id": nid, "indicator": ind,
                  "unitCost": self.param(0.01 * scale, 12 * scale, 3) if ind != "elderly"
                  else self.param(0.001 * scale, 0.1 * scale, 4)}
            if self.chance(0.7):
                it["growth"] = self.param(0.0, 0.06)
            needs.append(it)
        if needs:
            cfg["needs"] = needs

        # ---------------- variants
        variants = []
        for vi in range(rng.choice([0, 1, 1, 2, 2, 3])):
            sets = {}
            for _ in range(rng.randint(1, 3)):
                pv = self.variant_set(cfg)
                if pv and pv[0] not in sets and not any(
                        pv[0].startswith(p + ".") or p.startswith(pv[0] + ".") for p in sets):
                    sets[pv[0]] = pv[1]
            if sets:
                variants.append({"name": f"v{vi + 1}-{rng.choice(['alt', 'fast', 'tight'])}",
                                 "set": sets})
        if variants:
            cfg["variants"] = variants
        self.linked_pass(cfg)
        self.waves_pass(cfg, units)

        path = os.path.join(outdir, "scenario.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"# generated by generate_scenario.py seed {self.seed}\n")
            yaml.safe_dump(cfg, fh, allow_unicode=True, sort_keys=False,
                           default_flow_style=None, width=1000)
        return path

    def bands(self):
        rng, scale = self.rng, self.scale
        nb = rng.choice([1, 2, 2, 3])
        keys = self.step_keys(2) if self.chance(0.3) else None
        bands = [{} for _ in range(nb)]
        if nb > 1:
            if keys:
                per = {k: sorted(rng.sample(range(5, 400), nb - 1)) for k in keys}
                for j in range(nb - 1):
                    bands[j]["upTo"] = {k: round(per[k][j] * scale, 2) for k in keys}
            else:
                th = sorted(rng.sample(range(5, 400), nb - 1))
                for j in range(nb - 1):
                    bands[j]["upTo"] = th[j] * scale if self.chance(0.5) else round(th[j] * scale + 0.5, 2)
        for j in range(nb):
            bands[j]["rate"] = self.param(0.05, 0.8, 2, p_step=0.25)
        return bands

    # ------------------------------------------------------------ linked rule (model.md §14)
    def linked_params(self):
        """{baseShare, coefficient}: scalars or step functions; edge values 0 and 1."""
        share = self.param(0.0, 1.0, 3, p_step=0.3)
        coef = self.param(0.0, 1.5, 3, p_step=0.3)
        if self.edge and self.chance(0.3):
            share = self.rng.choice([0.0, 1.0])
        if self.edge and self.chance(0.3):
            coef = self.rng.choice([0.0, 1.0])
        return {"baseShare": share, "coefficient": coef}

    def linked_pass(self, cfg):
        """Turns some rebates into the linked rule, rewrites variant paths that named the
        increment rule's keys, and adds variants that switch the rule with a whole `set`.
        Uses its own random stream so the scenarios of earlier seeds stay as they were
        wherever no linked rule is drawn."""
        saved, self.rng = self.rng, random.Random(f"linked-{self.seed}")
        try:
            rng, years = self.rng, list(range(self.b + 1, self.end + 1))
            rb = cfg.get("rebate")
            variants = cfg.get("variants") or []
            increment_keys = ("bands", "reference", "rebaseEveryYears", "referenceGrowth")
            if rb is not None and self.chance(0.45):
                kept = {k: v for k, v in rb.items() if k not in increment_keys}
                rb = {"rule": "linked", "linked": self.linked_params(), **kept}
                cfg["rebate"] = rb
                for v in variants:
                    sets = {}
                    for key, value in v["set"].items():
                        if any(key == "rebate." + k or key.startswith("rebate." + k + ".") for k in increment_keys):
                            key, value = rng.choice([
                                lambda: ("rebate.linked.coefficient", self.num(0.0, 1.2)),
                                lambda: ("rebate.linked.baseShare", self.num(0.0, 1.0)),
                                lambda: (f"rebate.linked.coefficient.{rng.choice(years)}", self.num(0.0, 1.2)),
                                lambda: ("rebate.linked", self.linked_params()),
                            ])()
                            if any(k == key or k.startswith(key + ".") or key.startswith(k + ".") for k in sets):
                                continue
                        sets[key] = value
                    v["set"] = sets
                if self.chance(0.4):  # back to increment sharing with a whole-value set
                    back = {k: v for k, v in rb.items() if k not in ("rule", "linked")}
                    back = {"rule": "increment", "bands": self.bands(), **back}
                    variants.append({"name": "increment-switch", "set": {"rebate": back}})
            elif rb is not None and self.chance(0.35):
                switch = {k: v for k, v in rb.items() if k not in increment_keys}
                switch = {"rule": "linked", "linked": self.linked_params(), **switch}
                if self.chance(0.3):
                    switch["termYears"] = rng.randint(1, 4)
                variants.append({"name": "linked-switch", "set": {"rebate": switch}})
            if variants:
                cfg["variants"] = variants
        finally:
            self.rng = saved

    # ------------------------------------------------------------ waves (model.md §20)
    def waves_pass(self, cfg, units):
        """Adds evidence-gated waves to about 40 % of the scenarios (own random stream
        `waves-SEED`, so scenarios without waves stay as they were): pilots chosen by tag,
        unit or district, members by district, tag or unit (never two waves for one unit),
        every condition metric, step thresholds, earliest, deadline, lag, windows, stopWhen,
        after, pilotEffort, and variants that set wave keys."""
        saved, self.rng = self.rng, random.Random(f"waves-{self.seed}")
        try:
            rng, b, end = self.rng, self.b, self.end
            if not self.chance(0.4):
                return
            ro = cfg.setdefault("rollout", {})
            by_unit = set(ro.get("byUnit") or {})
            ids = [u["id"] for u in units]

            def matched(sel):
                return [u["id"] for u in units if u["id"] in sel.get("units", [])
                        or any(t in sel.get("tags", []) for t in u["tags"])
                        or u["district"] in sel.get("districts", [])]

            waves, claimed = [], set()
            for k in range(rng.choice([1, 1, 2, 2, 3])):
                kind = rng.choice(["tags", "units", "districts"])
                if kind == "tags":
                    evidence = {"tags": rng.sample(TAGS, rng.randint(1, 2))}
                elif kind == "units":
                    evidence = {"units": rng.sample(ids, rng.randint(1, min(3, len(ids))))}
                else:
                    evidence = {"districts": [rng.choice(cfg["districts"])["id"]]}
                if not matched(evidence):
                    continue
                free = [i for i in ids if i not in claimed and i not in matched(evidence) and i not in by_unit]
                if not free:
                    continue
                members = {"units": rng.sample(free, rng.randint(1, len(free)))}
                if k == 0 and self.chance(0.4):
                    members = {"districts": [d["id"] for d in cfg["districts"]]}
                got = [i for i in matched(members) if i not in matched(evidence) and i not in by_unit]
                if not got or any(i in claimed for i in got):
                    continue
                claimed.update(got)
                w = {"id": f"w{k + 1}", "members": members, "evidence": evidence}
                if self.chance(0.5):
                    w["earliest"] = rng.randint(b - 1, end)
                if self.chance(0.5):
                    first = max(w.get("earliest", b + 1), b + 1)
                    w["deadline"] = rng.choice(["never", rng.randint(first, end + 1)])
                if self.chance(0.6):
                    w["lag"] = rng.randint(1, 3)
                if self.chance(0.6):
                    w["window"] = rng.randint(1, 3)
                w["when"] = self.wave_condition(cfg)
                if self.chance(0.35):
                    w["stopWhen"] = self.wave_condition(cfg)
                if waves and self.chance(0.4):
                    w["after"] = rng.choice(waves)["id"]
                waves.append(w)
            if not waves:
                if not ro:
                    cfg.pop("rollout")
                return
            ro["waves"] = waves
            if self.chance(0.4):
                ro["pilotEffort"] = self.param(0.0, 0.03)
            variants = cfg.get("variants") or []
            if self.chance(0.6):
                w = rng.choice(waves)
                direction = "above" if "above" in w["when"] else "below"
                key, value = rng.choice([
                    (f"rollout.waves.{w['id']}.when.{direction}", self.threshold(w["when"]["metric"], cfg)),
                    (f"rollout.waves.{w['id']}.lag", rng.randint(1, 3)),
                    (f"rollout.waves.{w['id']}.deadline", rng.choice(["never", rng.randint(b + 1, end)])),
                    ("rollout.pilotEffort", self.num(0.0, 0.05)),
                ])
                if key.endswith(".deadline") and value != "never" and value < max(w.get("earliest", b + 1), b + 1):
                    value = "never"
                variants.append({"name": "wave-set", "set": {key: value}})
            if variants:
                cfg["variants"] = variants
        finally:
            self.rng = saved

    def threshold(self, metric, cfg):
        if metric == "self_sufficiency":
            return self.num(0.5, 1.6)
        if metric == "gap_share":
            return self.rng.choice([0.0, 0.25, 0.5, 1.0, self.num(0.0, 1.0)])
        if metric == "tax_growth":
            return self.num(-0.02, 0.12, 4)
        if metric == "growth_advantage":
            return self.num(-0.05, 0.05, 4)
        return -self.num(0.0, 3000.0 * self.scale, 2)

    def wave_condition(self, cfg):
        metric = self.rng.choice(["self_sufficiency", "gap_share", "tax_growth", "growth_advantage", "reform_effect"])
        direction = self.rng.choice(["above", "below"])
        if self.chance(0.25):
            first = self.rng.randint(self.b - 1, self.b + 1)
            value = {first: self.threshold(metric, cfg), self.rng.randint(self.b + 2, self.end + 1): self.threshold(metric, cfg)}
        else:
            value = self.threshold(metric, cfg)
        cond = {"metric": metric, direction: value}
        if self.chance(0.3):
            cond["window"] = self.rng.randint(1, 3)
        return cond

    def variant_set(self, cfg):
        rng, b, end, scale = self.rng, self.b, self.end, self.scale
        years = list(range(b + 1, end + 1))
        opts = []
        rb = cfg.get("rebate")
        if rb:
            opts += [lambda: ("rebate.bands", self.bands()),
                     lambda: ("rebate.bands.0.rate", self.num(0.1, 0.9, 2)),
                     lambda: ("rebate.reference", rng.choice(["fixed", "rolling", "ratchet"])),
                     lambda: ("rebate.eligibility.excludeTags", []),
                     lambda: ("rebate.capPerUnit", self.num(3 * scale, 40 * scale, 2))]
            if len(rb["bands"]) == 2:
                opts.append(lambda: ("rebate.bands.0.upTo", self.num(5 * scale, 300 * scale, 2)))
        opts.append(lambda: ("rollout.default", rng.choice([b + 1, b + 2, "never"])))
        opts.append(lambda: ("growth.tax", self.num(-0.01, 0.09)))
        opts.append(lambda: ("growth.byTag.pilot", self.num(0.0, 0.15)))
        opts.append(lambda: ("incentive.elasticity", self.num(0.0, 0.8)))
        opts.append(lambda: ("rollout.byTag.pilot", rng.choice([b + 1, b + 2, "never"])))
        for d in cfg["districts"]:
            opts.append(lambda d=d: (f"districts.{d['id']}.capacity.maxAmount",
                                     self.num(1 * scale, 80 * scale, 2)))
            cap = d.get("capacity") or {}
            if isinstance(cap.get("maxShareOfRevenue"), dict):
                opts.append(lambda d=d: (f"districts.{d['id']}.capacity.maxShareOfRevenue.{rng.choice(years)}",
                                         self.num(0.001, 0.05, 4)))
        for lf in cfg.get("lineFees") or []:
            opts.append(lambda lf=lf: (f"lineFees.{lf['id']}.transferShare", self.num(0.0, 1.0, 2)))
            if True:  # step function or scalar
                opts.append(lambda lf=lf: (f"lineFees.{lf['id']}.transferShare.{rng.choice(years)}",
                                           self.num(0.0, 1.0, 2)))
        rs = cfg.get("restructuring")
        if rs and rs.get("exitRate") is not None:
            # a year segment on a step function, or on a scalar (which then
            # stays in force before that year)
            opts.append(lambda: (f"restructuring.exitRate.{rng.choice([b - 1] + years)}",
                                 self.num(0.0, 0.5)))
        if rb:
            opts.append(lambda: (f"rebate.bands.{len(rb['bands']) - 1}.rate.{rng.choice(years)}",
                                 self.num(0.0, 1.0, 2)))
        dn = cfg.get("donations")
        if dn:
            opts.append(lambda: ("donations.reserveShare", self.num(0.0, 0.3)))
            for s in dn["sources"]:
                opts.append(lambda s=s: (f"donations.sources.{s['id']}.growth", self.num(-0.02, 0.1)))
            if dn.get("minimumPerUnit") is not None:
                opts.append(lambda: ("donations.minimumPerUnit", self.num(1 * scale, 200 * scale, 2)))
        for it in cfg.get("needs") or []:
            opts.append(lambda it=it: (f"needs.{it['id']}.unitCost", self.num(0.01 * scale, 10 * scale, 3)))
        return rng.choice(opts)()


def main(argv):
    if len(argv) != 3:
        print("usage: generate_scenario.py SEED OUTDIR", file=sys.stderr)
        return 2
    print(Gen(int(argv[1])).build(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
