#!/usr/bin/env python3
"""Vectorised NumPy implementation of fiscal-sim's Monte Carlo model (model.md §4-§9, §13).

    numpy_peer.py SCENARIO.yaml OUTDIR [--paths S] [--seed N] [--sd] [--threads K]
                                       [--extra-columns] [--dense]

It is the benchmark peer for `fiscal-sim run` with paths > 1 and an
independent check of its means (compare_means.py). It supports the features
benchmarks/make_synthetic.py uses, plus a few more that cost nothing
(rolling/ratchet references, referenceGrowth, termYears, includeTags); any
other section is refused rather than silently ignored.

Design: arrays are (units, paths) float64, paths contiguous; the year loop is
Python, everything inside a year is vectorised over units and paths (no loop
over units or paths; small loops over districts, fee categories, bands and
donation sources only). Quantities that do not depend on the draws (fees,
allocation, enterprise income, needs, ...) stay (units, 1) and broadcast;
their statistics are the value itself. Tax shocks and donation shocks are drawn
once per year and shared by every variant and every counterfactual (common
random numbers). Statistics for a year are computed right after the year is
simulated, so memory stays O(variants x units x paths). Sorting (the cost of
the quantiles) and the per-variant simulation run on --threads threads
(numpy releases the GIL); BLAS (the Cholesky product) uses its own threads.

Output: OUTDIR/units_quantiles.csv and OUTDIR/districts_quantiles.csv in model.md
§9 long format (key columns, metric, mean, p05, p25, p50, p75, p95 and, with
--sd, the sample standard deviation `sd`), quantiles as numpy's default
'linear' method, money rounded to the scenario's precision by its rounding
rule applied to the shortest round-trip decimal (§13), ratios to 6 decimals;
plus OUTDIR/run.json. The last line on stdout is a JSON timing record.
With --paths 1 no shocks are drawn (deterministic run; every quantile equals
the value).
"""
import argparse
import copy
import csv
import hashlib
import json
import math
import os
import resource
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import numpy as np
import yaml

try:  # a triangular BLAS product halves the flops of L @ eta; numpy alone has no trmm
    from scipy.linalg.blas import dtrmm as _dtrmm
except ImportError:  # pragma: no cover
    _dtrmm = None

QUANTILES = np.array([0.05, 0.25, 0.50, 0.75, 0.95])
STAT_NAMES = ["mean", "p05", "p25", "p50", "p75", "p95"]
NEVER = 10 ** 9


class InputError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Scenario
# --------------------------------------------------------------------------------------------

def step_value(v, t, what="parameter"):
    """Value in force in year t of a scalar or a year-keyed step function (§3)."""
    if isinstance(v, dict):
        keys = [k for k in v if k <= t]
        if not keys:
            raise InputError(f"{what}: no value in force in {t}")
        return float(v[max(keys)])
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InputError(f"{what}: not a number: {v!r}")
    return float(v)


def apply_set(doc, dotted, value):
    """`variants[].set` (§13): replace the value at a dotted path."""
    segs = str(dotted).split(".")
    node = doc
    for i, seg in enumerate(segs):
        last = i == len(segs) - 1
        if isinstance(node, list):
            idx = next((j for j, e in enumerate(node) if isinstance(e, dict) and e.get("id") == seg), None)
            if idx is None and seg.isdigit() and int(seg) < len(node):
                idx = int(seg)
            if idx is None:
                raise InputError(f"variant set {dotted}: no list entry {seg!r}")
            if last:
                node[idx] = copy.deepcopy(value)
            else:
                node = node[idx]
        elif isinstance(node, dict):
            key = int(seg) if seg.isdigit() else seg
            if last:
                node[key] = copy.deepcopy(value)
            else:
                if key not in node or node[key] is None:
                    node[key] = {}
                elif not isinstance(node[key], (dict, list)):
                    # a scalar parameter addressed by year: turn it into a step function
                    if isinstance(key, str) and i + 1 < len(segs) and segs[i + 1].isdigit():
                        node[key] = {}
                    else:
                        raise InputError(f"variant set {dotted}: {seg} is not a mapping")
                node = node[key]
        else:
            raise InputError(f"variant set {dotted}: cannot descend into {seg!r}")


SUPPORTED_TOP = {"name", "years", "currency", "unit", "precision", "rounding", "seed", "paths", "units",
                 "districts", "growth", "allocation", "collective", "incentive", "restructuring",
                 "rollout", "rebate", "lineFees", "donations", "needs", "variants"}


class Units:
    def __init__(self, path, district_ids):
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header = [h.strip() for h in rows[0]]
        self.columns = {h: [r[j].strip() if j < len(r) else "" for r in rows[1:]] for j, h in enumerate(header)}
        for req in ("id", "district", "tax", "allocation"):
            if req not in self.columns:
                raise InputError(f"{path}: missing column {req}")
        ids = self.columns["id"]
        dist = self.columns["district"]
        order = {d: k for k, d in enumerate(district_ids)}
        for u, d in zip(ids, dist):
            if d not in order:
                raise InputError(f"{path}: unit {u}: unknown district {d}")
        # Output order (§13): district in declared order, unit in file order.
        self.perm = sorted(range(len(ids)), key=lambda i: (order[dist[i]], i))
        self.ids = [ids[i] for i in self.perm]
        self.district = [dist[i] for i in self.perm]
        self.dist_idx = np.array([order[d] for d in self.district], dtype=np.intp)
        tags = self.columns.get("tags", [""] * len(ids))
        self.tags = [[t.strip() for t in tags[i].split(";") if t.strip()] for i in self.perm]
        self.counts = np.bincount(self.dist_idx, minlength=len(district_ids))
        if np.any(self.counts == 0):
            raise InputError(f"{path}: district {district_ids[int(np.argmin(self.counts))]} has no units")
        self.starts = np.concatenate([[0], np.cumsum(self.counts)[:-1]]).astype(np.intp)
        self.path = path
        self._num_cache = {}

    def __len__(self):
        return len(self.ids)

    def num(self, col, default=None):
        key = (col, default)
        if key not in self._num_cache:
            self._num_cache[key] = self._num(col, default)
        return self._num_cache[key]

    def _num(self, col, default=None):
        if col not in self.columns:
            if default is None:
                raise InputError(f"{self.path}: missing column {col}")
            return np.full(len(self.ids), float(default))
        vals = self.columns[col]
        out = np.empty(len(self.ids))
        for k, i in enumerate(self.perm):
            try:
                out[k] = float(vals[i])
            except ValueError:
                raise InputError(f"{self.path}: unit {self.ids[k]}: column {col}: not a number: {vals[i]!r}")
        return out

    def optional_num(self, col):
        """Column with empty cells allowed (tax_growth): NaN where empty."""
        if col not in self.columns:
            return np.full(len(self.ids), np.nan)
        vals = self.columns[col]
        return np.array([float(vals[i]) if vals[i] != "" else np.nan for i in self.perm])


class Scenario:
    def __init__(self, path, paths=None, seed=None):
        self.path = path
        with open(path, "rb") as f:
            raw = f.read()
        self.sha256 = hashlib.sha256(raw).hexdigest()
        doc = yaml.safe_load(raw.decode("utf-8"))
        unknown = set(doc) - SUPPORTED_TOP
        if unknown:
            raise InputError(f"{path}: not supported by numpy_peer: {sorted(unknown)}")
        self.doc = doc
        self.dir = os.path.dirname(os.path.abspath(path))
        self.name = doc["name"]
        self.base = int(doc["years"]["base"])
        self.end = int(doc["years"]["end"])
        self.years = list(range(self.base + 1, self.end + 1))
        self.precision = int(doc.get("precision", 2))
        self.rounding = doc.get("rounding", "half-up")
        self.paths = int(paths if paths is not None else doc.get("paths", 1))
        self.seed = int(seed if seed is not None else doc.get("seed", 0))
        self.district_ids = [d["id"] for d in doc["districts"]]
        self.units = Units(os.path.join(self.dir, doc["units"]), self.district_ids)
        self.fee_ids = [k["id"] for k in doc.get("lineFees", []) or []]
        self.variants = [("reform", doc)]
        for v in doc.get("variants", []) or []:
            vdoc = copy.deepcopy(doc)
            for k, val in (v.get("set") or {}).items():
                apply_set(vdoc, k, val)
            if [k["id"] for k in vdoc.get("lineFees", []) or []] != self.fee_ids:
                raise InputError(f"variant {v['name']}: may not change fee categories")
            self.variants.append((v["name"], vdoc))
        self._matrix_cache = {}

    def cholesky_for(self, corr):
        """Lower Cholesky factor of a correlation-matrix file, rows in output unit order."""
        rel = corr["matrix"]
        if rel in self._matrix_cache:
            return self._matrix_cache[rel]
        fpath = os.path.join(self.dir, rel)
        with open(fpath, encoding="utf-8-sig") as f:
            header = f.readline().rstrip("\r\n").split(",")
            ids, rows = [], []
            for line in f:
                uid, _, rest = line.rstrip("\r\n").partition(",")
                ids.append(uid.strip())
                rows.append(rest)
        cols = [h.strip() for h in header[1:]]
        C = np.loadtxt(rows, delimiter=",", dtype=float, ndmin=2)
        n = len(self.units)
        pos_r = {u: k for k, u in enumerate(ids)}
        pos_c = {u: k for k, u in enumerate(cols)}
        if C.shape != (n, n) or set(pos_r) != set(self.units.ids) or set(pos_c) != set(self.units.ids):
            raise InputError(f"{fpath}: matrix must have one row and one column per unit")
        r = np.array([pos_r[u] for u in self.units.ids])
        c = np.array([pos_c[u] for u in self.units.ids])
        C = C[np.ix_(r, c)]
        if not np.array_equal(C, C.T):
            raise InputError(f"{fpath}: correlation matrix is not symmetric")
        if not np.all(np.diag(C) == 1.0):
            raise InputError(f"{fpath}: correlation matrix diagonal is not 1")
        if np.any(np.abs(C) > 1.0):
            raise InputError(f"{fpath}: correlation matrix entry outside [-1, 1]")
        try:
            L = np.linalg.cholesky(C)
        except np.linalg.LinAlgError:
            raise InputError(f"{fpath}: correlation matrix is not positive definite")
        self._matrix_cache[rel] = L
        return L


def eligible(tags_list, elig, default_exclude):
    excl = set(default_exclude)
    incl = None
    if elig:
        if "excludeTags" in elig:
            excl = set(elig["excludeTags"] or [])
        if "includeTags" in elig:
            incl = set(elig["includeTags"] or [])
    out = np.array([(not (set(t) & excl)) and (incl is None or bool(set(t) & incl)) for t in tags_list])
    return out


def cumulative(rate, years, what):
    """Π_{u=b+1..t}(1+g(u)) for every projected year (§13, interpretation 13)."""
    out = np.empty(len(years))
    acc = 1.0
    for j, t in enumerate(years):
        acc *= 1.0 + step_value(rate, t, what)
        out[j] = acc
    return out


def key_shares(units, key, t, what):
    """s_i = Σ_m β_m x_{m,i} / Σ_{j∈d} x_{m,j} over all units of the district (§6)."""
    s = np.zeros(len(units))
    for col, w in key.items():
        x = units.num(col)
        tot = np.add.reduceat(x, units.starts)
        if np.any(tot == 0):
            d = int(np.argmax(tot == 0))
            raise InputError(f"{what}: column {col} sums to 0 in district {units.district[units.starts[d]]}")
        s += step_value(w, t, f"{what}.{col}") * x / tot[units.dist_idx]
    return s


# --------------------------------------------------------------------------------------------
# One simulation run (a variant, or a no-adoption counterfactual)
# --------------------------------------------------------------------------------------------

class Run:
    def __init__(self, sc, doc, counterfactual):
        self.sc, self.doc, self.cf = sc, doc, counterfactual
        U = sc.units
        n, years, b = len(U), sc.years, sc.base
        self.n = n
        g = doc.get("growth", {}) or {}
        self.growth = g
        self.corr = g.get("correlation")
        self.vol = g.get("volatility", 0.0)
        # baseline growth μ_i(t): tax_growth column > first tag in growth.byTag > growth.tax
        tg = U.optional_num("tax_growth")
        by_tag = g.get("byTag", {}) or {}
        tag_rate = [next((by_tag[t] for t in tags if t in by_tag), None) for tags in U.tags]
        self.mu = np.empty((len(years), n))
        for j, t in enumerate(years):
            base_rate = step_value(g.get("tax", 0.0), t, "growth.tax")
            m = np.array([base_rate if r is None else step_value(r, t, "growth.byTag") for r in tag_rate])
            self.mu[j] = np.where(np.isnan(tg), m, tg)

        self.T0 = U.num("tax")
        self.A_path = U.num("allocation")[None, :] * cumulative(
            (doc.get("allocation") or {}).get("indexation", 0.0), years, "allocation.indexation")[:, None]
        self.K_path = U.num("collective_income", 0.0)[None, :] * cumulative(
            (doc.get("collective") or {}).get("growth", 0.0), years, "collective.growth")[:, None]
        self.E0 = U.num("enterprise_income", 0.0)

        # roll-out (§5, §13)
        ro = doc.get("rollout", {}) or {}
        alpha = np.empty(n, dtype=np.int64)
        by_unit, by_tag_ro = ro.get("byUnit", {}) or {}, ro.get("byTag", {}) or {}
        for k in by_unit:
            if k not in U.ids:
                raise InputError(f"rollout.byUnit: unknown unit {k}")
        for i, (uid, tags) in enumerate(zip(U.ids, U.tags)):
            if uid in by_unit:
                a = by_unit[uid]
            else:
                a = next((by_tag_ro[t] for t in tags if t in by_tag_ro), ro.get("default", b + 1))
            alpha[i] = NEVER if a == "never" else max(int(a), b + 1)
        if counterfactual:
            alpha[:] = NEVER
        self.alpha = alpha

        self.incentive = (doc.get("incentive") or {}).get("elasticity", 0.0)
        rs = doc.get("restructuring") or {}
        self.exit_rate, self.tax_yield = rs.get("exitRate", 0.0), rs.get("taxYield", 0.0)

        # rebate
        self.rebate = doc.get("rebate")
        if self.rebate:
            rb = self.rebate
            self.ref_kind = rb.get("reference", "fixed")
            if self.ref_kind not in ("fixed", "rolling", "ratchet"):
                raise InputError(f"rebate.reference: {self.ref_kind}")
            self.rebase = rb.get("rebaseEveryYears")
            self.ref_growth = rb.get("referenceGrowth", 0.0) if self.ref_kind == "fixed" else 0.0
            self.term = rb.get("termYears")
            self.bands = rb["bands"]
            self.cap = rb.get("capPerUnit")
            self.elig_rebate = eligible(U.tags, rb.get("eligibility"), ["village-converted"])
            unknown = set(rb) - {"reference", "rebaseEveryYears", "referenceGrowth", "termYears", "bands",
                                 "capPerUnit", "eligibility"}
            if unknown:
                raise InputError(f"rebate: not supported by numpy_peer: {sorted(unknown)}")
        else:
            self.elig_rebate = np.zeros(n, dtype=bool)
        self.capacity = [(d.get("capacity") or {}) for d in doc["districts"]]

        # line fees: collection is deterministic (§6.2)
        self.fees = []
        for fee in doc.get("lineFees", []) or []:
            c = U.num(fee["collectedColumn"])
            self.fees.append(dict(
                id=fee["id"], c=c,
                cum=cumulative(fee.get("growth", 0.0), years, f"lineFees.{fee['id']}.growth"),
                share=fee.get("transferShare", 0.0), key=fee["allocationKey"],
                elig=eligible(U.tags, fee.get("eligibility"), []),
                task=fee.get("taskCost"),
                task_cum=(cumulative(fee["taskCost"].get("growth", 0.0), years, "taskCost.growth")
                          if fee.get("taskCost") else None),
                task_x=(U.num(fee["taskCost"]["indicator"]) if fee.get("taskCost") else None),
                c_dist=np.add.reduceat(c, U.starts)))

        # donations
        self.don = doc.get("donations")
        if self.don:
            self.don_elig = eligible(U.tags, self.don.get("eligibility"), [])
            self.sources = []
            for s in self.don.get("sources", []) or []:
                amt = np.zeros(len(sc.district_ids))
                for did, v in (s.get("amount") or {}).items():
                    if did not in sc.district_ids:
                        raise InputError(f"donations.{s['id']}.amount: unknown district {did}")
                    amt[sc.district_ids.index(did)] = float(v)
                self.sources.append(dict(id=s["id"], amount=amt, vol=s.get("volatility", 0.0),
                                         cum=cumulative(s.get("growth", 0.0), years, f"donations.{s['id']}")))

        # needs (deterministic, every unit)
        self.need_items = []
        for it in doc.get("needs", []) or []:
            self.need_items.append((U.num(it["indicator"]), it.get("unitCost", 0.0),
                                    cumulative(it.get("growth", 0.0), years, f"needs.{it['id']}")))
        self.reset_state()

    def reset_state(self):
        n, S = self.n, self.sc.paths
        self.T = np.repeat(self.T0[:, None], S, axis=1)
        self.E = self.E0.copy()
        self.ref_base = None
        if self.rebate and not self.cf and self.elig_rebate.any():
            self.ref_base = np.zeros((n, S))     # T(s-1) (fixed) or running max (ratchet)
            self.ref_index = np.ones(n)          # Π(1+q) since the period start (fixed)
        self.clamped = 0

    # ---- one year ---------------------------------------------------------------------------
    def step(self, j, t, shocks):
        sc, U = self.sc, self.sc.units
        n, S, b = self.n, sc.paths, sc.base
        starts, counts, dist = U.starts, U.counts, U.dist_idx
        adopted = t >= self.alpha
        out_u, out_d, masks = {}, {}, {}

        # rebate applies: adopted, eligible, within the term (§13)
        applies = adopted & self.elig_rebate
        if self.rebate and self.term is not None:
            applies &= t <= self.alpha + int(self.term) - 1
        if not self.rebate or self.cf:
            applies[:] = False

        # reference bookkeeping uses T(t-1): do it before updating T
        Tp = self.T
        if self.ref_base is not None:
            track = adopted & self.elig_rebate
            q = step_value(self.ref_growth, t, "rebate.referenceGrowth") if self.ref_kind == "fixed" else 0.0
            if self.ref_kind == "fixed":
                if self.rebase:
                    reset = track & ((t - self.alpha) % int(self.rebase) == 0)
                else:
                    reset = track & (t == self.alpha)
                if reset.any():
                    self.ref_base[reset] = Tp[reset]
                self.ref_index = np.where(reset, 1.0 + q, self.ref_index * (1.0 + q))
            elif self.ref_kind == "ratchet":
                start = track & (t == self.alpha)
                if start.any():
                    self.ref_base[start] = Tp[start]
                cont = track & (t > self.alpha)
                if cont.any():
                    np.maximum(self.ref_base, Tp, out=self.ref_base, where=cont[:, None])

        # restructuring (adopted units only, deterministic)
        x = step_value(self.exit_rate, t, "restructuring.exitRate")
        V = np.where(adopted, self.E * x, 0.0)
        self.E = self.E - V

        # growth g = μ + ε r + σ z, clamp at -100 %; T = T(t-1)·max(0, 1+g) + κ V
        r1 = 0.0
        if self.rebate:
            r1 = step_value(self.bands[0]["rate"], t, "rebate.bands[0].rate")
        eps = step_value(self.incentive, t, "incentive.elasticity")
        c = 1.0 + self.mu[j] + eps * r1 * applies
        sig = step_value(self.vol, t, "growth.volatility")
        z = shocks.z(self.corr) if (S > 1 and sig != 0.0) else None
        if z is None:
            fac = np.broadcast_to(c[:, None], (n, S))
            neg = fac[:, 0] < 0
            self.clamped += int(neg.sum()) * S
            T = Tp * np.maximum(fac[:, :1], 0.0)
        else:
            fac = z * sig
            fac += c[:, None]
            neg = int(np.count_nonzero(fac < 0.0)) if fac.min() < 0.0 else 0
            if neg:
                self.clamped += neg
                np.maximum(fac, 0.0, out=fac)
            T = fac
            T *= Tp
        kappa = step_value(self.tax_yield, t, "restructuring.taxYield")
        if kappa != 0.0 and V.any():
            T += (kappa * V)[:, None]
        self.T = T
        T_d = np.add.reduceat(T, starts, axis=0)

        # rebate ρ (§6.1)
        phi = np.ones((len(counts), 1))
        if applies.any():
            if self.ref_kind == "fixed":
                R = self.ref_base * self.ref_index[:, None]
            elif self.ref_kind == "rolling":
                R = Tp
            else:
                R = self.ref_base
            inc = T - R
            np.maximum(inc, 0.0, out=inc)
            if not applies.all():
                inc *= applies[:, None]
            # marginal bands: ρ = r_n I + Σ_{j<n} (r_j - r_{j+1}) min(I, u_j)
            rates = [step_value(bd["rate"], t, "rebate.bands.rate") for bd in self.bands]
            ups = [step_value(bd["upTo"], t, "rebate.bands.upTo") for bd in self.bands[:-1]]
            rho = inc * rates[-1]
            tmp = np.empty_like(inc)
            for k, u in enumerate(ups):
                coef = rates[k] - rates[k + 1]
                if coef != 0.0:
                    np.minimum(inc, u, out=tmp)
                    tmp *= coef
                    rho += tmp
            del tmp
            if self.cap is not None:
                np.minimum(rho, step_value(self.cap, t, "rebate.capPerUnit"), out=rho)
            rho_d = np.add.reduceat(rho, starts, axis=0)
            # district capacity φ: scale when Σρ is strictly above the lower limit
            limit = np.full(len(counts), np.inf)[:, None] * np.ones((1, S))
            any_cap = False
            for d, cap in enumerate(self.capacity):
                if "maxShareOfRevenue" in cap:
                    limit[d] = np.minimum(limit[d], step_value(cap["maxShareOfRevenue"], t) * T_d[d])
                    any_cap = True
                if "maxAmount" in cap:
                    limit[d] = np.minimum(limit[d], step_value(cap["maxAmount"], t))
                    any_cap = True
            if any_cap:
                over = rho_d > limit
                if over.any():
                    phi = np.where(over, limit / np.where(over, rho_d, 1.0), 1.0)
                    for d in np.flatnonzero(over.any(axis=1)):
                        rho[starts[d]:starts[d] + counts[d]] *= phi[d]
                    rho_d = rho_d * phi
            out_u["reference"] = R
            masks["reference"] = applies
            out_u["increment"] = inc
            out_u["rebate"] = rho
        else:
            zero = np.zeros((n, 1))
            rho_d = np.zeros((len(counts), 1))
            rho = zero
            out_u["reference"] = zero
            masks["reference"] = applies  # all False: empty
            out_u["increment"] = zero
            out_u["rebate"] = zero

        # line fees and task costs (deterministic)
        fee_cols, fees_total = [], np.zeros(n)
        task_total = np.zeros(n)
        collected_d = np.zeros(len(counts))
        transferred_d = np.zeros(len(counts))
        task_cols = []
        for fee in self.fees:
            C_d = fee["c_dist"] * fee["cum"][j]
            collected_d += C_d
            recv = adopted & fee["elig"]
            if recv.any():
                tau = step_value(fee["share"], t, f"lineFees.{fee['id']}.transferShare")
                s = key_shares(U, fee["key"], t, f"lineFees.{fee['id']}.allocationKey")
                F = np.where(recv, tau * C_d[dist] * s, 0.0)
            else:
                F = np.zeros(n)
            transferred_d += np.add.reduceat(F, starts)
            fees_total += F
            fee_cols.append(F)
            if fee["task"] is not None:
                Q = np.where(recv, step_value(fee["task"]["unitCost"], t, "taskCost.unitCost")
                             * fee["task_x"] * fee["task_cum"][j], 0.0)
            else:
                Q = np.zeros(n)
            task_total += Q
            task_cols.append((F, Q))

        # donations (§6.3, §8): mean-one lognormal level shocks per source, district, year
        D = len(counts)
        if self.don:
            pool = np.zeros((D, 1))
            for k, src in enumerate(self.sources):
                lvl = (src["amount"] * src["cum"][j])[:, None]
                sv = step_value(src["vol"], t, f"donations.{src['id']}.volatility")
                if S > 1 and sv != 0.0:
                    lvl = lvl * np.exp(sv * shocks.w(k) - 0.5 * sv * sv)
                pool = pool + lvl
            if self.cf:
                reserve = np.zeros_like(pool)
                received, allocated = np.zeros((n, 1)), np.zeros_like(pool)
            else:
                psi = step_value(self.don.get("reserveShare", 0.0), t, "donations.reserveShare")
                reserve = psi * pool
                recv = adopted & self.don_elig
                s = key_shares(U, self.don["allocationKey"], t, "donations.allocationKey")
                m = step_value(self.don.get("minimumPerUnit", 0.0), t, "donations.minimumPerUnit")
                received, allocated = allocate_with_floor((1.0 - psi) * pool, s, recv, m, U)
            retained = pool - reserve - allocated
        else:
            pool = reserve = allocated = retained = np.zeros((D, 1))
            received = np.zeros((n, 1))

        # needs, resources, gap (§7)
        need = task_total.copy()
        for ind, uc, cum in self.need_items:
            need += ind * step_value(uc, t, "needs.unitCost") * cum[j]
        A, K, E = self.A_path[j], self.K_path[j], self.E
        det = A + fees_total + E + K
        resources = rho + det[:, None]
        if received.shape[1] > 1 or received.any():
            resources = resources + received
        if resources.shape[1] == 1:
            gap = resources - need[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                ss = resources / need[:, None]
        else:
            # gap and self-sufficiency are per-path shifts / positive scalings of resources
            # (need does not depend on the draws): their order statistics are those of
            # resources, so their statistics are derived from resources' (see simulate()).
            gap = Derived("resources", "sub", need)
            ss = Derived("resources", "div", need)

        out_u["tax"] = T
        out_u["allocation"] = A[:, None]
        for fee, F in zip(self.fees, fee_cols):
            out_u["fee_" + fee["id"]] = F[:, None]
        out_u["fees_total"] = fees_total[:, None]
        out_u["donations"] = received
        out_u["enterprise_income"] = E[:, None]
        out_u["collective_income"] = K[:, None]
        out_u["resources"] = resources
        out_u["need"] = need[:, None]
        out_u["gap"] = gap
        out_u["self_sufficiency"] = ss
        masks["self_sufficiency"] = need != 0.0
        for fee, (F, Q) in zip(self.fees, task_cols):
            out_u["task_cost_" + fee["id"]] = Q[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                out_u["coverage_" + fee["id"]] = (F / Q)[:, None]
            masks["coverage_" + fee["id"]] = Q != 0.0

        need_d = np.add.reduceat(need, starts)[:, None]
        res_d = np.add.reduceat(det, starts)[:, None] + rho_d + allocated
        out_d["tax"] = T_d
        out_d["rebates"] = rho_d
        out_d["capacity_factor"] = phi
        out_d["net_revenue"] = T_d - rho_d
        out_d["fees_collected"] = collected_d[:, None]
        out_d["fees_transferred"] = transferred_d[:, None]
        out_d["fees_retained"] = (collected_d - transferred_d)[:, None]
        out_d["donations_pooled"] = pool
        out_d["donations_allocated"] = allocated
        out_d["donations_retained"] = retained
        out_d["donations_reserve"] = reserve
        out_d["need"] = need_d
        out_d["resources"] = res_d
        out_d["gap"] = res_d - need_d
        return out_u, masks, out_d


class Derived:
    """A unit metric equal to resources - need or resources / need per path."""

    def __init__(self, source, op, need):
        self.source, self.op, self.need = source, op, need

    def apply(self, st):
        """st: (rows, width) statistics of the source -> statistics of this metric."""
        out = st.copy()
        need = self.need[:, None]
        if self.op == "sub":
            out[:, :6] = st[:, :6] - need
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                out[:, :] = st / need          # the sd scales too
            out[self.need == 0.0] = np.nan
        return out


def allocate_with_floor(avail, s, recv, m, U):
    """Donations to receivers with the `minimumPerUnit` floor (§6.3, §13, interpretation 2).

    avail: (D, S) amount after the reserve; s: shares over all units; recv: receivers.
    Receivers' proportional amounts are avail·s_i; their sum P is what is allocated.
    The model's fixed-point loop ("floor those below, split the rest in proportion to
    share, repeat") floors receivers in ascending share order and stops at the first k
    (number floored) with s_(k+1)·(P - m k)/(Σs - prefix_k) >= m, i.e. P >= θ_k with
    θ_k = m k + m (Σs - prefix_k)/s_(k+1). So per district the whole loop reduces to
    one searchsorted over the paths. If P < m·n every receiver gets P/n.
    Returns (per-unit amounts (N, S) or (N, 1), allocated (D, S))."""
    starts, counts, dist = U.starts, U.counts, U.dist_idx
    n, D = len(s), len(counts)
    s_recv = np.where(recv, s, 0.0)
    share_d = np.add.reduceat(s_recv, starts)
    P = avail * share_d[:, None]                       # (D, S) allocated in total
    if not recv.any():
        return np.zeros((n, 1)), np.zeros_like(P)
    if m <= 0.0:
        return s_recv[:, None] * np.repeat(avail, counts, axis=0), P
    S = P.shape[1]
    rank = np.full(n, n + 1)                           # position among the district's receivers
    kstar = np.zeros((D, S))
    cmult = np.zeros((D, S))                           # amount per unit of share for the unfloored
    mval = np.full((D, S), m)                          # what a floored receiver gets
    for d in range(D):
        lo, hi = starts[d], starts[d] + counts[d]
        idx = np.flatnonzero(recv[lo:hi]) + lo
        nr = len(idx)
        if nr == 0:
            continue
        order = idx[np.argsort(s[idx], kind="stable")]
        rank[order] = np.arange(nr)
        ss = s[order]
        tot = ss.sum()
        prefix = np.concatenate([[0.0], np.cumsum(ss)[:-1]])
        rest = np.maximum(tot - prefix, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            theta = m * np.arange(nr) + np.where(ss > 0, m * rest / ss, np.inf)
        theta = np.minimum.accumulate(theta)           # first k with P >= θ_k
        Pd = P[d]
        k = np.searchsorted(-theta, -Pd, side="left")  # number of θ'_k > P
        k = np.minimum(k, nr - 1)
        den = rest[k]
        with np.errstate(divide="ignore", invalid="ignore"):
            cm = np.where(den > 0, (Pd - m * k) / den, 0.0)
        equal = Pd < m * nr                            # floors cannot all be met
        kstar[d] = np.where(equal, nr, k)
        cmult[d] = np.where(equal, 0.0, cm)
        mval[d] = np.where(equal, Pd / nr, m)
        # interpretation 2: unfloored receivers with zero total share split equally
        zero_rest = (~equal) & (den <= 0)
        if zero_rest.any():
            kstar[d] = np.where(zero_rest, nr, kstar[d])
            mval[d] = np.where(zero_rest, Pd / nr, mval[d])  # only reachable with P = 0 here
    amount = np.empty((n, S))
    for d in range(D):
        lo, hi = starts[d], starts[d] + counts[d]
        blk = amount[lo:hi]
        np.multiply(s_recv[lo:hi, None], cmult[d], out=blk)
        np.copyto(blk, mval[d], where=rank[lo:hi, None] < kstar[d])
    return amount, P


def allocate_with_floor_loop(avail, s, recv, m, U):
    """Literal fixed-point loop of §6.3, vectorised over paths (used by the self-test)."""
    starts, counts, dist = U.starts, U.counts, U.dist_idx
    s_recv = np.where(recv, s, 0.0)
    P = avail * np.add.reduceat(s_recv, starts)[:, None]
    S = P.shape[1]
    n = len(s)
    nrecv = np.add.reduceat(recv.astype(float), starts)[:, None]
    amt = s_recv[:, None] * np.repeat(avail, counts, axis=0)
    floored = np.zeros((n, S), dtype=bool)
    if m > 0:
        for _ in range(n + 1):
            below = recv[:, None] & (amt < m) & ~floored
            if not below.any():
                break
            floored |= below
            nf = np.add.reduceat(floored.astype(float), starts, axis=0)
            rest_s = np.add.reduceat(np.where(floored, 0.0, s_recv[:, None]), starts, axis=0)
            rem = P - m * nf
            with np.errstate(divide="ignore", invalid="ignore"):
                cm = np.where(rest_s > 0, rem / rest_s, 0.0)
            amt = np.where(floored, m, s_recv[:, None] * np.repeat(cm, counts, axis=0))
        equal = P < m * nrecv
        with np.errstate(divide="ignore", invalid="ignore"):
            eq_amt = np.repeat(np.where(nrecv > 0, P / nrecv, 0.0), counts, axis=0)
        amt = np.where(np.repeat(equal, counts, axis=0) & recv[:, None], eq_amt, amt)
    return amt, P


# --------------------------------------------------------------------------------------------
# Shocks: drawn once per year, shared by all runs (common random numbers)
# --------------------------------------------------------------------------------------------

def lower_times(L, X):
    """L @ X for lower-triangular L (C order), X (n, S) C order -> C-order result."""
    if _dtrmm is None or os.environ.get("NUMPY_PEER_NO_TRMM"):
        return L @ X
    # In Fortran order X.T is (S, n) and L.T is the upper-triangular L': X.T @ L' = (L @ X).T,
    # so no copies are made and the result's transpose is C-ordered (n, S).
    return _dtrmm(1.0, L.T, X.T, side=1, lower=0, trans_a=0).T


class YearShocks:
    def __init__(self, sc, rng, n_sources):
        U = sc.units
        n, S, D = len(U), sc.paths, len(U.counts)
        self.sc = sc
        self.f = rng.standard_normal(S)
        self.fd = rng.standard_normal((D, S))
        self.eta = rng.standard_normal((n, S))
        self.ws = rng.standard_normal((n_sources, D, S))
        self.cache = {}

    def z(self, corr):
        key = json.dumps(corr, sort_keys=True, default=str)
        if key not in self.cache:
            U = self.sc.units
            if corr is None:
                z = self.eta
            elif "matrix" in corr:
                z = lower_times(self.sc.cholesky_for(corr), self.eta)
            else:
                rw, rb = float(corr.get("withinDistrict", 0.0)), float(corr.get("acrossDistricts", 0.0))
                if not (0.0 <= rb <= rw < 1.0):
                    raise InputError("growth.correlation: need 0 <= acrossDistricts <= withinDistrict < 1")
                common = math.sqrt(rb) * self.f[None, :] + math.sqrt(rw - rb) * self.fd   # (D, S)
                z = self.eta * math.sqrt(1.0 - rw)
                for d in range(len(U.counts)):
                    z[U.starts[d]:U.starts[d] + U.counts[d]] += common[d]
            self.cache[key] = z
        return self.cache[key]

    def w(self, k):
        return self.ws[k]


# --------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------

class Stats:
    """mean, linear quantiles (bit-identical to numpy.quantile's default) and optionally sd."""

    def __init__(self, S, want_sd):
        self.S, self.want_sd = S, want_sd
        q = QUANTILES
        vi = (S - 1) * q                              # numpy's 'linear' get_virtual_index
        lo = np.floor(vi)
        self.lo = np.minimum(lo, S - 1).astype(np.intp)
        self.hi = np.minimum(lo + 1, S - 1).astype(np.intp)
        above = vi >= S - 1
        self.lo[above] = S - 1
        self.hi[above] = S - 1
        self.gamma = vi - lo
        self.local = threading.local()
        self.width = 7 if want_sd else 6

    def buffer(self, n):
        b = getattr(self.local, "buf", None)
        if b is None or b.shape[0] < n:
            b = np.empty((n, self.S))
            self.local.buf = b
        return b[:n]

    def rows(self, X, mask):
        """Statistics of each row of X ((rows, S) or (rows, 1)); NaN rows where mask is False."""
        nrow = X.shape[0]
        res = np.full((nrow, self.width), np.nan)
        sel = None if mask is None or mask.all() else np.flatnonzero(mask)
        if sel is not None and len(sel) == 0:
            return res
        if X.shape[1] == 1 or self.S == 1:
            v = X[:, 0] if sel is None else X[sel, 0]
            block = np.repeat(v[:, None], self.width, axis=1)
            if self.want_sd:
                block[:, 6] = 0.0
        else:
            k = nrow if sel is None else len(sel)
            b = self.buffer(k)
            if sel is None:
                np.copyto(b, X)
            else:
                np.take(X, sel, axis=0, out=b)
            block = np.empty((k, self.width))
            block[:, 0] = b.mean(axis=1)
            if self.want_sd:
                block[:, 6] = b.std(axis=1, ddof=1)
            b.sort(axis=1)
            a, c = b[:, self.lo], b[:, self.hi]
            diff = c - a
            g = self.gamma
            lerp = a + diff * g
            hi_side = g >= 0.5
            lerp[:, hi_side] = (c - diff * (1 - g))[:, hi_side]
            block[:, 1:6] = lerp
        if sel is None:
            return block
        res[sel] = block
        return res


# --------------------------------------------------------------------------------------------
# Rounding and vectorised CSV formatting
# --------------------------------------------------------------------------------------------

def round_scaled(x, p, mode):
    """x·10^p rounded to an integer (as float) by model.md §9/§13: the rule applies to the
    shortest round-trip decimal of x. Vectorised; values near a tie are redone exactly."""
    scale = 10.0 ** p
    y = x * scale
    ay = np.abs(y)
    k = np.floor(ay + 0.5)
    frac = ay - np.floor(ay)
    tol = 1e-7 + ay * 1e-13
    near = (np.abs(frac - 0.5) < tol) | (ay >= 2.0 ** 52)
    near &= np.isfinite(x)
    k = np.copysign(k, y)
    if near.any():
        rule = ROUND_HALF_UP if mode == "half-up" else ROUND_HALF_EVEN
        q = Decimal(1).scaleb(-p)
        idx = np.flatnonzero(near)
        flat = x.ravel()
        kf = k.ravel()
        for i in idx:
            d = Decimal(repr(float(flat[i]))).quantize(q, rounding=rule)
            kf[i] = float(d.scaleb(p))
    return k + 0.0  # -0 -> 0


def format_fixed(x, p, mode):
    """Format an array of floats as fixed-point decimals with p digits (NaN -> empty cell).

    Returns a (len(x), W) uint8 array of ASCII bytes padded with NUL bytes, which the
    caller removes after assembling whole lines."""
    x = np.asarray(x, dtype=float).ravel()
    nan = np.isnan(x)
    k = round_scaled(np.where(nan, 0.0, x), p, mode)
    neg = k < 0
    a = np.abs(k).astype(np.int64)
    p10 = 10 ** p
    ip, fp = np.divmod(a, p10)
    nd = np.ones(len(x), dtype=np.int64)
    maxip = int(ip.max()) if len(ip) else 0
    e = 1
    while 10 ** e <= maxip:
        nd += ip >= 10 ** e
        e += 1
    D = e                                             # int digit slots
    W = 1 + D + (1 + p if p > 0 else 0)
    out = np.zeros((len(x), W), dtype=np.uint8)
    out[:, 0] = np.where(neg, ord("-"), 0)
    v = ip.copy()
    for slot in range(D - 1, -1, -1):
        pos = D - 1 - slot                            # digit position from the right
        digit = (v % 10).astype(np.uint8) + ord("0")
        out[:, 1 + slot] = np.where(pos < nd, digit, 0)
        v //= 10
    if p > 0:
        out[:, 1 + D] = ord(".")
        v = fp.copy()
        for slot in range(p - 1, -1, -1):
            out[:, 2 + D + slot] = (v % 10).astype(np.uint8) + ord("0")
            v //= 10
    out[nan] = 0
    return out


def text_column(strings, nrows_repeat=None):
    """Fixed-width NUL-padded byte matrix of UTF-8 strings."""
    arr = np.array([s.encode("utf-8") for s in strings], dtype="S")
    w = max(arr.dtype.itemsize, 1)
    return arr.view(np.uint8).reshape(len(strings), w)


def assemble_lines(blocks):
    """blocks: list of (rows, w_k) uint8 matrices, one per field; joins them with commas,
    ends rows with newlines, drops NUL padding, returns bytes."""
    rows = blocks[0].shape[0]
    width = sum(b.shape[1] + 1 for b in blocks)
    M = np.empty((rows, width), dtype=np.uint8)
    c = 0
    for i, b in enumerate(blocks):
        M[:, c:c + b.shape[1]] = b
        c += b.shape[1]
        M[:, c] = ord(",") if i < len(blocks) - 1 else ord("\n")
        c += 1
    flat = M.ravel()
    return flat[flat != 0].tobytes()


def write_long_csv(path, key_names, key_blocks, metrics, stats, ratio_metrics, precision, mode, want_sd,
                   pool=None):
    """stats: array (rows_per_key, n_metrics, width); rows expand key × metric in order."""
    nkey, nmet, width = stats.shape
    header = ",".join(key_names + ["metric"] + STAT_NAMES + (["sd"] if want_sd else [])) + "\n"
    metric_col = text_column(metrics)
    prec = np.array([6 if m in ratio_metrics else precision for m in metrics])
    tmp = path + ".tmp"
    chunk = max(1, 200_000 // nmet)

    def render(lo):
        hi = min(nkey, lo + chunk)
        r = hi - lo
        blocks = [np.repeat(kb[lo:hi], nmet, axis=0) for kb in key_blocks]
        blocks.append(np.tile(metric_col, (r, 1)))
        vals = stats[lo:hi]                             # (r, nmet, width)
        for w in range(width):
            col = vals[:, :, w]
            parts = []
            for pv in np.unique(prec):
                sel = np.flatnonzero(prec == pv)
                # sd (column 6) gets 4 more decimals: it is read back by compare_means.py
                f = format_fixed(col[:, sel], int(pv) + (4 if w == 6 else 0), mode)
                parts.append((sel, f.reshape(r, len(sel), f.shape[1])))
            cw = max(f.shape[2] for _, f in parts)
            cells = np.zeros((r, nmet, cw), dtype=np.uint8)
            for sel, f in parts:
                cells[:, sel, :f.shape[2]] = f
            blocks.append(cells.reshape(r * nmet, cw))
        return assemble_lines(blocks)

    starts = list(range(0, nkey, chunk))
    with open(tmp, "wb") as f:
        f.write(header.encode("utf-8"))
        if pool is not None:
            for piece in pool.map(render, starts):
                f.write(piece)
        else:
            for lo in starts:
                f.write(render(lo))
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

UNIT_BASE_METRICS = ["tax", "reference", "increment", "rebate", "allocation"]
DISTRICT_METRICS = ["tax", "rebates", "capacity_factor", "net_revenue", "counterfactual_net_revenue",
                    "reform_effect", "fees_collected", "fees_transferred", "fees_retained",
                    "donations_pooled", "donations_allocated", "donations_retained", "donations_reserve",
                    "need", "resources", "gap"]
RATIOS = {"self_sufficiency", "capacity_factor"}


def unit_metrics(fee_ids, extra):
    m = UNIT_BASE_METRICS + ["fee_" + k for k in fee_ids] + [
        "fees_total", "donations", "enterprise_income", "collective_income", "resources", "need", "gap",
        "self_sufficiency"]
    if extra:
        for k in fee_ids:
            m += ["task_cost_" + k, "coverage_" + k]
    return m


def peak_rss_mb():
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024.0 if sys.platform != "darwin" else r / 2 ** 20


def simulate(sc, threads, want_sd, extra, dense):
    U = sc.units
    n, S, J, D = len(U), sc.paths, len(sc.years), len(sc.district_ids)
    names = ["counterfactual"] + [v for v, _ in sc.variants]
    # runs: one counterfactual per distinct growth section (§13), then the variants
    cf_runs, cf_of = {}, []
    for _, vdoc in sc.variants:
        key = json.dumps(vdoc.get("growth"), sort_keys=True, default=str)
        if key not in cf_runs:
            cf_runs[key] = Run(sc, vdoc, counterfactual=True)
        cf_of.append(cf_runs[key])
    var_runs = [Run(sc, vdoc, counterfactual=False) for _, vdoc in sc.variants]
    runs = list(cf_runs.values()) + var_runs
    out_runs = [cf_of[0]] + var_runs                  # output order: counterfactual, reform, variants
    n_sources = max((len(r.sources) for r in runs if r.don), default=0)
    src_ids = [s["id"] for s in (var_runs[0].sources if var_runs[0].don else [])]
    for r in runs:
        if r.don and [s["id"] for s in r.sources] != src_ids[:len(r.sources)]:
            raise InputError("variants may not reorder donation sources in numpy_peer")

    umet = unit_metrics(sc.fee_ids, extra)
    V = len(names)
    ustats = np.full((V, n, J, len(umet), 7 if want_sd else 6), np.nan)
    dstats = np.full((V, D, J, len(DISTRICT_METRICS), 7 if want_sd else 6), np.nan)
    st = Stats(S, want_sd)
    rng = np.random.default_rng(sc.seed)
    pool = ThreadPoolExecutor(threads) if threads > 1 else None
    t_sim = t_stats = c_sim = c_stats = 0.0
    phi_binding = 0
    for j, t in enumerate(sc.years):
        t0, c0 = time.perf_counter(), time.process_time()
        shocks = YearShocks(sc, rng, n_sources) if S > 1 else None
        if shocks is not None:                        # correlated z (BLAS product) before the runs
            for r in runs:
                if step_value(r.vol, t) != 0.0:
                    shocks.z(r.corr)
        if pool is not None:
            results = list(pool.map(lambda r: r.step(j, t, shocks), runs))
        else:
            results = [r.step(j, t, shocks) for r in runs]
        res_of = dict(zip(map(id, runs), results))
        year_out = []
        for v, r in enumerate(out_runs):
            ou, masks, od = res_of[id(r)]
            od = dict(od)
            cf_net = res_of[id(cf_of[max(v - 1, 0)])][2]["net_revenue"]
            od["counterfactual_net_revenue"] = cf_net
            od["reform_effect"] = od["net_revenue"] - cf_net
            if v > 0:
                phi_binding += int(np.count_nonzero(od["capacity_factor"] < 1.0))
            year_out.append((ou, masks, od))
        if dense:
            for ou, masks, od in year_out:
                for dct in (ou, od):
                    for k, a in dct.items():
                        if not isinstance(a, Derived) and a.shape[1] == 1 and S > 1:
                            dct[k] = np.repeat(a, S, axis=1)
        t1, c1 = time.perf_counter(), time.process_time()
        tasks, derived = [], []
        for v, (ou, masks, od) in enumerate(year_out):
            for mi, m in enumerate(umet):
                if isinstance(ou[m], Derived):
                    derived.append((v, mi, ou[m]))
                else:
                    tasks.append((ustats, v, mi, ou[m], masks.get(m)))
            for mi, m in enumerate(DISTRICT_METRICS):
                tasks.append((dstats, v, mi, od[m], None))

        def work(task):
            target, v, mi, X, mask = task
            target[v, :, j, mi, :] = st.rows(X, mask)

        if pool is not None:
            # big (stochastic) arrays first so the two threads finish together
            tasks.sort(key=lambda tk: -tk[3].size)
            list(pool.map(work, tasks))
        else:
            for tk in tasks:
                work(tk)
        for v, mi, dv in derived:
            ustats[v, :, j, mi, :] = dv.apply(ustats[v, :, j, umet.index(dv.source), :])
        del year_out, results, res_of, shocks
        t2, c2 = time.perf_counter(), time.process_time()
        t_sim += t1 - t0
        t_stats += t2 - t1
        c_sim += c1 - c0
        c_stats += c2 - c1
    clamped = sum(r.clamped for r in runs)
    return dict(names=names, umet=umet, ustats=ustats, dstats=dstats, t_sim=t_sim, t_stats=t_stats,
                c_sim=c_sim, c_stats=c_stats,
                pool=pool, clamped=clamped, phi_binding=phi_binding)


def main(argv=None):
    ap = argparse.ArgumentParser(description="NumPy peer of fiscal-sim's Monte Carlo run")
    ap.add_argument("scenario")
    ap.add_argument("outdir")
    ap.add_argument("--paths", type=int, help="number of paths S (default: the scenario's)")
    ap.add_argument("--seed", type=int, help="seed (default: the scenario's)")
    ap.add_argument("--sd", action="store_true", help="also write the sample standard deviation `sd`")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                    help="threads for the per-variant simulation, sorting and CSV (default: all cores)")
    ap.add_argument("--extra-columns", action="store_true",
                    help="also write task_cost_<k> and coverage_<k> metrics")
    ap.add_argument("--dense", action="store_true",
                    help="materialise draw-independent quantities as (units, paths) arrays too "
                         "(to measure what broadcasting saves)")
    args = ap.parse_args(argv)

    t_start = time.perf_counter()
    try:
        sc = Scenario(args.scenario, args.paths, args.seed)
        if sc.paths < 1:
            raise InputError("--paths must be >= 1")
        # set-up: read the correlation matrix and factor it (counted in setup_s)
        for _, vdoc in sc.variants:
            corr = (vdoc.get("growth") or {}).get("correlation")
            if corr and "matrix" in corr:
                sc.cholesky_for(corr)
        t_setup = time.perf_counter() - t_start
        res = simulate(sc, max(1, args.threads), args.sd, args.extra_columns, args.dense)
    except InputError as e:
        print(f"{args.scenario}: error: {e}", file=sys.stderr)
        return 2

    t0, c0 = time.perf_counter(), time.process_time()
    U = sc.units
    os.makedirs(args.outdir, exist_ok=True)
    V, J = len(res["names"]), len(sc.years)
    n, D = len(U), len(sc.district_ids)
    # key blocks for units: variant, district, unit, year — rows (v, i, j)
    vcol = text_column(res["names"])
    ycol = text_column([str(y) for y in sc.years])
    dname = text_column(sc.district_ids)
    ucol = text_column(U.ids)
    ukeys = [np.repeat(vcol, n * J, axis=0),
             np.tile(np.repeat(dname[U.dist_idx], J, axis=0), (V, 1)),
             np.tile(np.repeat(ucol, J, axis=0), (V, 1)),
             np.tile(ycol, (V * n, 1))]
    ust = res["ustats"].reshape(V * n * J, len(res["umet"]), -1)
    write_long_csv(os.path.join(args.outdir, "units_quantiles.csv"), ["variant", "district", "unit", "year"],
                   ukeys, res["umet"], ust, RATIOS, sc.precision, sc.rounding, args.sd, res["pool"])
    dkeys = [np.repeat(vcol, D * J, axis=0), np.tile(np.repeat(dname, J, axis=0), (V, 1)),
             np.tile(ycol, (V * D, 1))]
    dst = res["dstats"].reshape(V * D * J, len(DISTRICT_METRICS), -1)
    write_long_csv(os.path.join(args.outdir, "districts_quantiles.csv"), ["variant", "district", "year"],
                   dkeys, DISTRICT_METRICS, dst, RATIOS, sc.precision, sc.rounding, args.sd, res["pool"])
    run = dict(tool="numpy_peer", numpy=np.__version__, scenario=os.path.abspath(args.scenario),
               sha256=sc.sha256, seed=sc.seed, paths=sc.paths, variants=res["names"],
               units=n, years=J, sd=args.sd, threads=args.threads,
               diagnostics=dict(clamped_growth_draws=res["clamped"],
                                capacity_binding_district_years=res["phi_binding"]))
    with open(os.path.join(args.outdir, "run.json"), "w") as f:
        json.dump(run, f, indent=2)
    if res["pool"] is not None:
        res["pool"].shutdown()
    t_csv = time.perf_counter() - t0
    c_csv = time.process_time() - c0
    total = time.perf_counter() - t_start
    print(f"{sc.name}: S={sc.paths} N={n} T={J} variants={V} (incl. counterfactual); "
          f"clamped draws {res['clamped']}, capacity binding in {res['phi_binding']} "
          f"variant-district-year-paths", file=sys.stderr)
    print(json.dumps(dict(S=sc.paths, N=n, T=J, variants=V, setup_s=round(t_setup, 3),
                          simulate_s=round(res["t_sim"], 3),
                          stats_csv_s=round(res["t_stats"] + t_csv, 3),
                          stats_s=round(res["t_stats"], 3), csv_s=round(t_csv, 3),
                          total_s=round(total, 3), peak_rss_mb=round(peak_rss_mb(), 1),
                          cpu_s=dict(simulate=round(res["c_sim"], 2), stats=round(res["c_stats"], 2),
                                     csv=round(c_csv, 2), total=round(time.process_time(), 2)),
                          threads=args.threads,
                          openblas_coretype=os.environ.get("OPENBLAS_CORETYPE"),
                          cholesky_product=("matmul" if _dtrmm is None or os.environ.get("NUMPY_PEER_NO_TRMM")
                                            else "scipy dtrmm"),
                          loadavg_1min_at_end=round(os.getloadavg()[0], 2))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
