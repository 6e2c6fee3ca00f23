#!/usr/bin/env python3
"""Independent reference implementation of the fiscal-sim DETERMINISTIC model.

Pure Python 3.11 (stdlib + PyYAML). Implements model.md §4-§7, §9 and §13 for
``paths: 1`` (all shocks zero; volatilities and correlations are read and
ignored).  Output: ``units.csv`` and ``districts.csv`` with exactly the §9
columns, the §13 row order and the §9/§13 rounding rules.

Usage:  python3 reference_model.py SCENARIO.yaml OUTDIR

Readings of points docs/model.md leaves open follow docs/interpretations.md; the
further readings taken here are listed in Tests/crosscheck/README.md.
"""
from __future__ import annotations

import copy
import csv
import decimal
import math
import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP

import yaml

import reference_brief

decimal.getcontext().prec = 60


class ScenarioError(Exception):
    pass


# --------------------------------------------------------------------------
# Rounding helpers (§9, §13 "Output")
# --------------------------------------------------------------------------

def to_dec(x: float) -> Decimal:
    """Shortest round-trip decimal of a Double (Python repr == Swift description)."""
    if isinstance(x, Decimal):
        return x
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"non-finite value {x!r}")
    return Decimal(repr(x))


class Rounder:
    def __init__(self, precision: int, mode: str):
        self.p = precision
        self.mode = ROUND_HALF_UP if mode == "half-up" else ROUND_HALF_EVEN
        self.q = Decimal(1).scaleb(-precision)

    def round(self, x, p: int | None = None) -> Decimal:
        q = self.q if p is None else Decimal(1).scaleb(-p)
        return to_dec(x).quantize(q, rounding=self.mode)

    def fmt(self, d: Decimal, p: int | None = None) -> str:
        q = self.q if p is None else Decimal(1).scaleb(-p)
        d = d.quantize(q, rounding=self.mode)
        if d == 0:
            d = abs(d)  # -0.00 -> 0.00
        return format(d, "f")

    def money(self, x) -> str:
        return self.fmt(self.round(x))

    def ratio(self, x) -> str:
        return self.fmt(self.round(x, 6), 6)

    TIE_TOL = 1e-6  # in units of the last kept decimal

    def is_tie(self, x, p: int | None = None) -> bool:
        """True if x sits (within float noise) on a rounding half-way point, so
        another evaluation order of the same formula may round it the other way."""
        p = self.p if p is None else p
        d = to_dec(x).scaleb(p)
        frac = d - d.to_integral_value(rounding=ROUND_FLOOR)
        return abs(frac - Decimal("0.5")) <= Decimal(self.TIE_TOL) * max(1, abs(d)) * Decimal("1e-6")

    def split(self, whole: float, parts: list[float]) -> list[Decimal]:
        """Largest-remainder split: rounded parts add up to the rounded whole.

        Floors and remainders are taken of the shortest round-trip decimals of
        the parts; ties go to the earlier part.
        """
        return self.split_ex(whole, parts)[0]

    def split_ex(self, whole: float, parts: list[float]):
        """split() plus, per part, whether float noise could move a unit of
        the last decimal to or from it (near-tied remainders at the cut-off, a
        whole on a half-way point, a part a hair below an integer step)."""
        W = int(self.round(whole).scaleb(self.p))
        ds = [to_dec(x).scaleb(self.p) for x in parts]
        fl = [int(d.to_integral_value(rounding=ROUND_FLOOR)) for d in ds]
        rem = [d - f for d, f in zip(ds, fl)]
        n = len(parts)
        deficit = W - sum(fl)
        if n:
            if deficit >= 0:
                order = sorted(range(n), key=lambda i: (-rem[i], i))
                for j in range(deficit):
                    fl[order[j % n]] += 1
            else:  # cannot happen with non-negative parts; defensive
                order = sorted(range(n), key=lambda i: (rem[i], -i))
                for j in range(-deficit):
                    fl[order[j % n]] -= 1
        fragile = [False] * n
        tol = Decimal(self.TIE_TOL)
        if n and 0 <= deficit <= n:
            order = sorted(range(n), key=lambda i: (-rem[i], i))
            cut = []
            if 0 < deficit:
                cut.append(rem[order[deficit - 1]])
            if deficit < n:
                cut.append(rem[order[deficit]])
            near_tie = len(cut) == 2 and cut[0] - cut[1] <= tol
            whole_tie = self.is_tie(whole)
            for i in range(n):
                if (near_tie or whole_tie) and any(abs(rem[i] - c) <= tol for c in cut):
                    fragile[i] = True
                if 0 < rem[i] <= tol or rem[i] >= 1 - tol:
                    fragile[i] = True
        return [Decimal(f).scaleb(-self.p) for f in fl], fragile


# --------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------

def is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_param(v, where: str, b: int):
    """Validate a scalar-or-step-function parameter."""
    if v is None:
        return
    if is_num(v):
        return
    if isinstance(v, dict):
        if not v:
            raise ScenarioError(f"{where}: empty step function")
        keys = []
        for k, val in v.items():
            try:
                ki = int(k)
            except (TypeError, ValueError):
                raise ScenarioError(f"{where}: step-function key {k!r} is not a year")
            if isinstance(k, bool) or not is_num(val):
                raise ScenarioError(f"{where}: bad step-function entry {k!r}: {val!r}")
            keys.append(ki)
        if min(keys) > b + 1:
            raise ScenarioError(f"{where}: first step-function year {min(keys)} > base+1")
        return
    raise ScenarioError(f"{where}: expected number or step function, got {v!r}")


def sf(v, t: int, default: float = 0.0) -> float:
    """Value in force in year t of a scalar or step function."""
    if v is None:
        return float(default)
    if is_num(v):
        return float(v)
    best = None
    for k, val in v.items():
        ki = int(k)
        if ki <= t and (best is None or ki > best[0]):
            best = (ki, val)
    if best is None:
        raise ScenarioError(f"no step-function value in force in {t}")
    return float(best[1])


class Growth:
    """Cumulative growth factor Π_{u=b+1..t} (1+g(u)) (§13)."""

    def __init__(self, rate, b: int, end: int):
        self.f = {b: 1.0}
        acc = 1.0
        for t in range(b + 1, end + 1):
            acc = acc * (1.0 + sf(rate, t))
            self.f[t] = acc

    def __getitem__(self, t):
        return self.f[t]


# --------------------------------------------------------------------------
# Scenario loading
# --------------------------------------------------------------------------

class UniqueKeyLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ScenarioError(f"duplicate key {key!r} (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_csv(path: str) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise ScenarioError(f"{path}: empty file")
    header = [h.strip() for h in rows[0]]
    out = []
    for r in rows[1:]:
        if not r or all(not c.strip() for c in r):
            continue
        out.append({h: (r[j].strip() if j < len(r) else "") for j, h in enumerate(header)})
    return header, out


def parse_decimal(s: str, where: str, allow_negative=False) -> float:
    import re
    s2 = s.strip()
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", s2):
        raise ScenarioError(f"{where}: not a plain decimal: {s!r}")
    v = float(s2)
    if v < 0 and not allow_negative:
        raise ScenarioError(f"{where}: negative value {s!r}")
    return v


@dataclass
class Unit:
    id: str
    district: str
    tags: list
    row: dict
    tax: float
    allocation: float
    enterprise: float
    collective: float
    tax_growth: float | None

    def col(self, name: str) -> float:
        cache = self.__dict__.setdefault("_cols", {})
        if name not in cache:
            if name not in self.row:
                raise ScenarioError(f"units CSV: missing column {name!r}")
            cache[name] = parse_decimal(self.row[name], f"unit {self.id} column {name}")
        return cache[name]


def apply_set(root: dict, dotted: str, value):
    """§11/§13 `set`: replace the value at a dotted path."""
    segs = dotted.split(".")
    cur = root
    for depth, seg in enumerate(segs):
        last = depth == len(segs) - 1
        if isinstance(cur, list):
            idx = None
            for j, e in enumerate(cur):
                if isinstance(e, dict) and str(e.get("id")) == seg:
                    idx = j
                    break
            if idx is None:
                if seg.isdigit() and int(seg) < len(cur):
                    idx = int(seg)
                else:
                    raise ScenarioError(f"set {dotted}: no list entry {seg!r}")
            if last:
                cur[idx] = copy.deepcopy(value)
            else:
                if cur[idx] is None or is_num(cur[idx]):
                    cur[idx] = {}
                cur = cur[idx]
        elif isinstance(cur, dict):
            key = seg
            if seg.isdigit():
                # a digit segment addresses a step-function year
                key = int(seg)
                if key not in cur and seg in cur:
                    key = seg
            if last:
                cur[key] = copy.deepcopy(value)
            else:
                nxt = cur.get(key)
                nseg = segs[depth + 1]
                if is_num(nxt) and nseg.isdigit():
                    # a year set on a scalar: the scalar stays in force before
                    # that year (it becomes a step function), e.g. 0.2 with
                    # `.2028: 0.5` -> {b+1: 0.2, 2028: 0.5}
                    b = int(root["years"]["base"])
                    nxt = {min(b + 1, int(nseg) - 1): nxt}
                    cur[key] = nxt
                elif not isinstance(nxt, (dict, list)):
                    nxt = {}
                    cur[key] = nxt
                cur = nxt
        else:
            raise ScenarioError(f"set {dotted}: cannot descend into {cur!r}")
    return root


@dataclass
class Model:
    cfg: dict
    base_dir: str
    b: int
    end: int
    districts: list  # list of ids, declared order
    dist_cfg: dict
    units: list      # file order
    tax_series: dict  # (unit, year) -> tax
    precision: int
    rounding: str

    @property
    def years(self):
        return list(range(self.b + 1, self.end + 1))


def load(path: str) -> tuple[dict, str]:
    with open(path, encoding="utf-8-sig") as fh:
        cfg = yaml.load(fh, Loader=UniqueKeyLoader)
    if not isinstance(cfg, dict):
        raise ScenarioError("scenario is not a mapping")
    return cfg, os.path.dirname(os.path.abspath(path))


def build_model(cfg: dict, base_dir: str, units_cache=None) -> Model:
    b = int(cfg["years"]["base"])
    end = int(cfg["years"]["end"])
    if end <= b:
        raise ScenarioError("years.end must be > years.base")
    precision = int(cfg.get("precision", 2))
    rounding = cfg.get("rounding", "half-up")
    if rounding not in ("half-up", "half-even"):
        raise ScenarioError(f"rounding {rounding!r}")
    dists = [str(d["id"]) for d in cfg["districts"]]
    dist_cfg = {str(d["id"]): d for d in cfg["districts"]}

    if units_cache is None:
        upath = os.path.join(base_dir, cfg["units"])
        header, rows = read_csv(upath)
        units = []
        for r in rows:
            tg = r.get("tax_growth", "")
            units.append(Unit(
                id=r["id"], district=r["district"],
                tags=[t.strip() for t in r.get("tags", "").split(";") if t.strip()],
                row=r,
                tax=parse_decimal(r["tax"], f"{r['id']} tax"),
                allocation=parse_decimal(r["allocation"], f"{r['id']} allocation"),
                enterprise=parse_decimal(r["enterprise_income"], "enterprise_income") if r.get("enterprise_income", "") != "" else 0.0,
                collective=parse_decimal(r["collective_income"], "collective_income") if r.get("collective_income", "") != "" else 0.0,
                tax_growth=parse_decimal(tg, f"{r['id']} tax_growth", allow_negative=True) if tg.strip() else None,
            ))
            if units[-1].district not in dist_cfg:
                raise ScenarioError(f"unit {r['id']}: unknown district {r['district']}")
        tax_series = {}
        if cfg.get("taxSeries"):
            _, trows = read_csv(os.path.join(base_dir, cfg["taxSeries"]))
            for r in trows:
                y = int(r["year"])
                if not (b + 1 <= y <= end):
                    raise ScenarioError(f"taxSeries year {y} outside projection")
                key = (r["unit"], y)
                if key in tax_series:
                    raise ScenarioError(f"taxSeries duplicate {key}")
                tax_series[key] = parse_decimal(r["tax"], "taxSeries tax")
    else:
        units, tax_series = units_cache
    m = Model(cfg=cfg, base_dir=base_dir, b=b, end=end, districts=dists,
              dist_cfg=dist_cfg, units=units, tax_series=tax_series,
              precision=precision, rounding=rounding)
    validate(m)
    return m


def _key_weights(key: dict, where: str, m: Model):
    if not isinstance(key, dict) or not key:
        raise ScenarioError(f"{where}: allocationKey missing")
    for col, w in key.items():
        check_param(w, f"{where}.allocationKey.{col}", m.b)
        for t in m.years:
            if sf(w, t) < 0:
                raise ScenarioError(f"{where}: negative weight")
    for t in m.years:
        s = sum(sf(w, t) for w in key.values())
        if abs(s - 1.0) > 1e-9:
            raise ScenarioError(f"{where}: weights sum to {s} in {t}")
    for d in m.districts:
        for col in key:
            tot = sum(u.col(col) for u in m.units if u.district == d)
            if tot == 0:
                raise ScenarioError(f"{where}: column {col} sums to 0 in district {d}")


def validate(m: Model):
    cfg, b = m.cfg, m.b
    for d in m.districts:
        if not any(u.district == d for u in m.units):
            raise ScenarioError(f"district {d} has no units")
        cap = m.dist_cfg[d].get("capacity") or {}
        for k in ("maxShareOfRevenue", "maxAmount"):
            check_param(cap.get(k), f"districts.{d}.capacity.{k}", b)
    g = cfg.get("growth") or {}
    check_param(g.get("tax"), "growth.tax", b)
    for tag, v in (g.get("byTag") or {}).items():
        check_param(v, f"growth.byTag.{tag}", b)
    check_param(g.get("volatility"), "growth.volatility", b)
    check_param((cfg.get("allocation") or {}).get("indexation"), "allocation.indexation", b)
    check_param((cfg.get("collective") or {}).get("growth"), "collective.growth", b)
    check_param((cfg.get("incentive") or {}).get("elasticity"), "incentive.elasticity", b)
    rs = cfg.get("restructuring") or {}
    check_param(rs.get("exitRate"), "restructuring.exitRate", b)
    check_param(rs.get("taxYield"), "restructuring.taxYield", b)
    rb = cfg.get("rebate")
    if rb is not None and rb.get("rule", "increment") == "linked":
        # model.md §14: the increment rule's keys are errors; `linked` needs both keys.
        for key in ("bands", "reference", "rebaseEveryYears", "referenceGrowth"):
            if key in rb:
                raise ScenarioError(f"rebate.{key} belongs to rule: increment")
        lk = rb.get("linked")
        if not isinstance(lk, dict) or set(lk) != {"baseShare", "coefficient"}:
            raise ScenarioError("rebate.linked needs exactly baseShare and coefficient")
        check_param(lk["baseShare"], "rebate.linked.baseShare", b)
        check_param(lk["coefficient"], "rebate.linked.coefficient", b)
        for t in m.years:
            if not (0 <= sf(lk["baseShare"], t) <= 1) or sf(lk["coefficient"], t) < 0:
                raise ScenarioError("rebate.linked out of range")
        check_param(rb.get("capPerUnit"), "rebate.capPerUnit", b)
    elif rb is not None:
        if rb.get("rule", "increment") != "increment" or "linked" in rb:
            raise ScenarioError("rebate.rule / rebate.linked")
        if rb.get("reference", "fixed") not in ("fixed", "rolling", "ratchet"):
            raise ScenarioError("rebate.reference")
        bands = rb.get("bands")
        if not bands:
            raise ScenarioError("rebate.bands missing")
        for j, bd in enumerate(bands):
            check_param(bd.get("rate"), f"rebate.bands.{j}.rate", b)
            if j < len(bands) - 1:
                check_param(bd.get("upTo"), f"rebate.bands.{j}.upTo", b)
            elif "upTo" in bd:
                raise ScenarioError("last band has upTo")
        for t in m.years:
            prev = 0.0
            for bd in bands[:-1]:
                u = sf(bd["upTo"], t)
                if u <= prev:
                    raise ScenarioError(f"bands not increasing in {t}")
                prev = u
            for bd in bands:
                r = sf(bd["rate"], t)
                if not (0 <= r <= 1):
                    raise ScenarioError("band rate out of [0,1]")
        check_param(rb.get("capPerUnit"), "rebate.capPerUnit", b)
        check_param(rb.get("referenceGrowth"), "rebate.referenceGrowth", b)
    for j, lf in enumerate(cfg.get("lineFees") or []):
        for k in ("growth", "transferShare"):
            check_param(lf.get(k), f"lineFees.{lf['id']}.{k}", b)
        _key_weights(lf.get("allocationKey"), f"lineFees.{lf['id']}", m)
        for u in m.units:
            u.col(lf["collectedColumn"])
        tc = lf.get("taskCost")
        if tc:
            check_param(tc.get("unitCost"), "taskCost.unitCost", b)
            check_param(tc.get("growth"), "taskCost.growth", b)
    dn = cfg.get("donations")
    if dn is not None:
        check_param(dn.get("reserveShare"), "donations.reserveShare", b)
        check_param(dn.get("minimumPerUnit"), "donations.minimumPerUnit", b)
        _key_weights(dn.get("allocationKey"), "donations", m)
        for s in dn.get("sources") or []:
            check_param(s.get("growth"), f"donations.sources.{s['id']}.growth", b)
            for dd in (s.get("amount") or {}):
                if str(dd) not in m.dist_cfg:
                    raise ScenarioError(f"donation amount for undeclared district {dd}")
    for it in cfg.get("needs") or []:
        check_param(it.get("unitCost"), f"needs.{it['id']}.unitCost", b)
        check_param(it.get("growth"), f"needs.{it['id']}.growth", b)
    ro = cfg.get("rollout") or {}
    ids = {u.id for u in m.units}
    for uid in (ro.get("byUnit") or {}):
        if str(uid) not in ids:
            raise ScenarioError(f"rollout.byUnit: unknown unit {uid}")


# --------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------

NEVER = None


def adoption_year(m: Model, u: Unit):
    ro = m.cfg.get("rollout") or {}
    by_unit = {str(k): v for k, v in (ro.get("byUnit") or {}).items()}
    by_tag = {str(k): v for k, v in (ro.get("byTag") or {}).items()}
    if u.id in by_unit:
        v = by_unit[u.id]
    else:
        v = "__none__"
        for tag in u.tags:
            if tag in by_tag:
                v = by_tag[tag]
                break
        if v == "__none__":
            v = ro.get("default", m.b + 1)
    if v is None or (isinstance(v, str) and v == "never"):
        return NEVER
    y = int(v)
    return max(y, m.b + 1)


def eligible(section: dict | None, tags: list, default_exclude: list) -> bool:
    el = (section or {}).get("eligibility") or {}
    exclude = el["excludeTags"] if "excludeTags" in el else default_exclude
    exclude = exclude or []
    include = el.get("includeTags")
    if any(t in exclude for t in tags):
        return False
    if include is not None:
        return any(t in include for t in tags)
    return True


def shares(key: dict, t: int, members: list[Unit]) -> list[float]:
    s = [0.0] * len(members)
    for col, w in key.items():
        beta = sf(w, t)
        xs = [u.col(col) for u in members]
        tot = sum(xs)
        for j, x in enumerate(xs):
            s[j] += beta * x / tot
    return s


def allocate_floor(props: list[float], sh: list[float], floor: float | None) -> list[float]:
    """Donation floor among receivers (§6.3, §13, interpretations #2)."""
    n = len(props)
    if n == 0:
        return []
    P = sum(props)
    if floor is None:
        return list(props)
    if P < floor * n:
        return [P / n] * n
    alloc = list(props)
    floored = [False] * n
    while True:
        new = [j for j in range(n) if not floored[j] and alloc[j] < floor]
        if not new:
            return alloc
        for j in new:
            floored[j] = True
            alloc[j] = floor
        others = [j for j in range(n) if not floored[j]]
        if not others:
            return alloc
        remaining = P - floor * sum(1 for f in floored if f)
        ssum = sum(sh[j] for j in others)
        for j in others:
            alloc[j] = remaining * sh[j] / ssum if ssum > 0 else remaining / len(others)


@dataclass
class UnitYear:
    adopted: bool
    tax: float
    reference: float | None
    increment: float
    rebate: float
    allocation: float
    fees: dict
    donations: float
    enterprise: float
    collective: float
    need: float
    task_cost: dict = field(default_factory=dict)

    @property
    def resources(self):
        return (self.allocation + self.rebate + sum(self.fees.values())
                + self.donations + self.enterprise + self.collective)


@dataclass
class DistYear:
    tax: float
    rebates: float
    phi: float
    fee_collected: dict      # k -> C
    fee_retained: dict       # k -> retained
    don_pooled: float
    don_retained: float
    don_reserve: float


def simulate(m: Model, counterfactual: bool, shock=None, cf_res=None):
    """One path; `shock`, if given, maps (unit id, year) to the additive growth shock
    sigma(t)*z (mc_means.py); deterministic runs pass none.  `cf_res` is the
    counterfactual's result on the same path (the waves' reform_effect, model.md §20).
    Returns (units, districts) with the waves' decisions in `.waves`."""
    cfg, b, years = m.cfg, m.b, m.years
    g = cfg.get("growth") or {}
    by_tag_growth = g.get("byTag") or {}
    rb = cfg.get("rebate")
    fees = cfg.get("lineFees") or []
    dn = cfg.get("donations")
    needs = cfg.get("needs") or []
    rs = cfg.get("restructuring") or {}
    eps = (cfg.get("incentive") or {}).get("elasticity")
    alloc_g = Growth((cfg.get("allocation") or {}).get("indexation"), b, m.end)
    coll_rate = (cfg.get("collective") or {}).get("growth")

    alpha = {u.id: (NEVER if counterfactual else adoption_year(m, u)) for u in m.units}
    waves = [] if counterfactual else resolve_waves(m)
    for w in waves:
        for uid in w.members:
            alpha[uid] = NEVER  # decided during the projection (model.md §20)
    effort = (cfg.get("rollout") or {}).get("pilotEffort")
    term = int(rb["termYears"]) if rb is not None and rb.get("termYears") is not None else None
    linked = rb.get("linked") if rb is not None and rb.get("rule") == "linked" else None
    rho_star = {}  # uid -> statutory linked amount ρ*(t), model.md §14
    el_reb = {u.id: rb is not None and eligible(rb, u.tags, ["village-converted"]) for u in m.units}
    el_fee = {(lf["id"], u.id): eligible(lf, u.tags, []) for lf in fees for u in m.units}
    el_don = {u.id: dn is not None and eligible(dn, u.tags, []) for u in m.units}
    fee_g = {lf["id"]: Growth(lf.get("growth"), b, m.end) for lf in fees}
    cost_g = {lf["id"]: Growth((lf.get("taskCost") or {}).get("growth"), b, m.end) for lf in fees}
    need_g = {it["id"]: Growth(it.get("growth"), b, m.end) for it in needs}
    src_g = {s["id"]: Growth(s.get("growth"), b, m.end) for s in ((dn or {}).get("sources") or [])}

    def adopted(u, t):
        a = alpha[u.id]
        return a is not None and t >= a

    def rebate_applies(u, t):
        if rb is None or not adopted(u, t) or not el_reb[u.id]:
            return False
        return term is None or t <= alpha[u.id] + term - 1

    def mu(u, t):
        if u.tax_growth is not None:
            return u.tax_growth
        for tag in u.tags:
            if tag in by_tag_growth:
                return sf(by_tag_growth[tag], t)
        return sf(g.get("tax"), t)

    T = {u.id: {b: u.tax} for u in m.units}
    E = {u.id: u.enterprise for u in m.units}
    K = {u.id: u.collective for u in m.units}
    out_units = {}  # (uid, t) -> UnitYear
    out_dists = {}  # (d, t) -> DistYear

    for t in years:
        # ---- waves decide before the year (model.md §20)
        decide_waves(waves, t, alpha, b)
        judged = {uid for w in waves if w.status is None for uid in w.evidence}
        # ---- drivers
        for u in m.units:
            ad = adopted(u, t)
            if not rebate_applies(u, t):
                r1 = 0.0
            elif linked is not None:  # §14: r = c(t)·s_i, s_i in force in α_i
                r1 = sf(linked["coefficient"], t) * sf(linked["baseShare"], alpha[u.id])
            else:
                r1 = sf(rb["bands"][0]["rate"], t)
            base = mu(u, t)
            if u.id in judged and ad:
                base = base + sf(effort, t)
            gr = base + sf(eps, t) * r1
            x = sf(rs.get("exitRate"), t) if ad else 0.0
            V = E[u.id] * x
            E[u.id] = E[u.id] - V
            if (u.id, t) in m.tax_series:
                T[u.id][t] = m.tax_series[(u.id, t)]
            else:
                if shock is not None:
                    gr += shock[(u.id, t)]
                T[u.id][t] = T[u.id][t - 1] * max(0.0, 1.0 + gr) + sf(rs.get("taxYield"), t) * V
            K[u.id] = K[u.id] * (1.0 + sf(coll_rate, t))
            out_units[(u.id, t)] = UnitYear(
                adopted=ad, tax=T[u.id][t], reference=None, increment=0.0, rebate=0.0,
                allocation=u.allocation * alloc_g[t], fees={lf["id"]: 0.0 for lf in fees},
                donations=0.0, enterprise=E[u.id], collective=K[u.id], need=0.0,
                task_cost={lf["id"]: 0.0 for lf in fees})

        # ---- linked rule: ρ* runs every year from α on (also after the term), §14
        if linked is not None:
            for u in m.units:
                a = alpha[u.id]
                if a is None or t < a:
                    continue
                if t == a:
                    rho_star[u.id] = sf(linked["baseShare"], a) * T[u.id][a - 1]
                prev, cur = T[u.id][t - 1], T[u.id][t]
                gamma = 0.0 if prev == 0 else cur / prev - 1.0
                rho_star[u.id] *= max(0.0, 1.0 + sf(linked["coefficient"], t) * gamma)

        # ---- rebate
        for u in m.units:
            if not rebate_applies(u, t):
                continue
            if linked is not None:
                uy = out_units[(u.id, t)]
                R = T[u.id][alpha[u.id] - 1]
                rho = rho_star[u.id]
                if rb.get("capPerUnit") is not None:
                    rho = min(rho, sf(rb["capPerUnit"], t))
                uy.reference, uy.increment, uy.rebate = R, max(0.0, uy.tax - R), rho
                continue
            a = alpha[u.id]
            ref_kind = rb.get("reference", "fixed")
            if ref_kind == "rolling":
                R = T[u.id][t - 1]
            elif ref_kind == "ratchet":
                R = max(T[u.id][y] for y in range(a - 1, t))
            else:
                k = rb.get("rebaseEveryYears")
                s = a + int(k) * ((t - a) // int(k)) if k else a
                R = T[u.id][s - 1]
                q = rb.get("referenceGrowth")
                if q is not None:
                    for y in range(s, t + 1):
                        R = R * (1.0 + sf(q, y))
            uy = out_units[(u.id, t)]
            inc = max(0.0, uy.tax - R)
            rho = 0.0
            lower = 0.0
            bands = rb["bands"]
            for j, bd in enumerate(bands):
                rate = sf(bd["rate"], t)
                if j < len(bands) - 1:
                    up = sf(bd["upTo"], t)
                    rho += rate * max(0.0, min(inc, up) - lower)
                    lower = up
                else:
                    rho += rate * max(0.0, inc - lower)
            if rb.get("capPerUnit") is not None:
                rho = min(rho, sf(rb["capPerUnit"], t))
            uy.reference, uy.increment, uy.rebate = R, inc, rho

        for d in m.districts:
            members = [u for u in m.units if u.district == d]
            sum_T = sum(out_units[(u.id, t)].tax for u in members)
            sum_rho = sum(out_units[(u.id, t)].rebate for u in members)
            phi = 1.0
            cap = m.dist_cfg[d].get("capacity") or {}
            if not counterfactual and rb is not None and sum_rho > 0:
                limits = []
                if cap.get("maxShareOfRevenue") is not None:
                    limits.append(sf(cap["maxShareOfRevenue"], t) * sum_T)
                if cap.get("maxAmount") is not None:
                    limits.append(sf(cap["maxAmount"], t))
                if limits:
                    limit = min(limits)
                    if sum_rho > limit:
                        phi = limit / sum_rho
                        for u in members:
                            out_units[(u.id, t)].rebate *= phi
                        sum_rho = sum(out_units[(u.id, t)].rebate for u in members)

            # ---- line fees
            fc, fr = {}, {}
            for lf in fees:
                kid = lf["id"]
                C = sum(u.col(lf["collectedColumn"]) * fee_g[kid][t] for u in members)
                tau = sf(lf.get("transferShare"), t)
                sh = shares(lf["allocationKey"], t, members)
                transferred = 0.0
                tc = lf.get("taskCost")
                for u, s_i in zip(members, sh):
                    if adopted(u, t) and el_fee[(kid, u.id)]:
                        F = tau * C * s_i
                        out_units[(u.id, t)].fees[kid] = F
                        transferred += F
                        if tc:
                            out_units[(u.id, t)].task_cost[kid] = (
                                sf(tc.get("unitCost"), t) * u.col(tc["indicator"]) * cost_g[kid][t])
                fc[kid] = C
                fr[kid] = C - transferred

            # ---- donations
            D = 0.0
            reserve = 0.0
            allocated = 0.0
            if dn is not None:
                for s in dn.get("sources") or []:
                    amt = (s.get("amount") or {}).get(d, 0.0) or 0.0
                    D += float(amt) * src_g[s["id"]][t]
                if not counterfactual:
                    psi = sf(dn.get("reserveShare"), t)
                    reserve = psi * D
                    sh = shares(dn["allocationKey"], t, members)
                    recv = [j for j, u in enumerate(members) if adopted(u, t) and el_don[u.id]]
                    props = [(1.0 - psi) * D * sh[j] for j in recv]
                    floor = sf(dn["minimumPerUnit"], t) if dn.get("minimumPerUnit") is not None else None
                    alloc = allocate_floor(props, [sh[j] for j in recv], floor)
                    for j, a in zip(recv, alloc):
                        out_units[(members[j].id, t)].donations = a
                        allocated += a
            out_dists[(d, t)] = DistYear(
                tax=sum_T, rebates=sum_rho, phi=phi, fee_collected=fc, fee_retained=fr,
                don_pooled=D, don_retained=D - reserve - allocated, don_reserve=reserve)

        # ---- needs
        for u in m.units:
            uy = out_units[(u.id, t)]
            n = 0.0
            for it in needs:
                n += sf(it.get("unitCost"), t) * u.col(it["indicator"]) * need_g[it["id"]][t]
            n += sum(uy.task_cost.values())
            uy.need = n
        if waves:
            record_waves(m, waves, t, T, out_units, out_dists, cf_res[1] if cf_res else out_dists, adopted)
    result = SimResult((out_units, out_dists))
    result.waves = waves
    return result


# --------------------------------------------------------------------------
# Evidence-gated waves (model.md §20)
# --------------------------------------------------------------------------

class SimResult(tuple):
    """(units, districts) of one simulated variant, with `.waves` (list of Wave)."""
    waves = None


def select(m: Model, sel: dict) -> list:
    """Unit ids (file order) matched by a selector {tags, units, districts}."""
    tags, ids, dists = sel.get("tags") or [], sel.get("units") or [], sel.get("districts") or []
    return [u.id for u in m.units if u.id in ids or any(t in tags for t in u.tags) or u.district in dists]


@dataclass
class Wave:
    id: str
    members: list
    evidence: list
    districts: list
    comparison: list
    earliest: int
    deadline: int | None
    lag: int
    when: dict
    stop: dict | None
    after: int | None
    status: tuple | None = None          # None undecided, ("adopted", t), ("abandoned", t)
    history: dict = field(default_factory=dict)   # (slot, e) -> metric or None
    effect: float = 0.0


def resolve_waves(m: Model) -> list:
    ro = m.cfg.get("rollout") or {}
    by_unit = {str(k) for k in (ro.get("byUnit") or {})}
    out = []
    ids = [str(w["id"]) for w in ro.get("waves") or []]
    for w in ro.get("waves") or []:
        evidence = select(m, w["evidence"])
        members = [u for u in select(m, w["members"]) if u not in evidence and u not in by_unit]
        dists = [d for d in m.districts if any(u.district == d and u.id in evidence for u in m.units)]
        comparison = [u.id for u in m.units if u.district in dists and u.id not in evidence]
        earliest = max(int(w.get("earliest", m.b + 1)), m.b + 1)
        dl = w.get("deadline", "never")
        deadline = None if dl in (None, "never") else max(int(dl), m.b + 1)
        lag = int(w.get("lag", 1))
        when = dict(w["when"])
        when.setdefault("window", int(w.get("window", 1)))
        stop = dict(w["stopWhen"]) if w.get("stopWhen") else None
        if stop is not None:
            stop.setdefault("window", 1)
        after = ids.index(str(w["after"])) if w.get("after") is not None else None
        out.append(Wave(str(w["id"]), members, evidence, dists, comparison, earliest, deadline, lag, when, stop, after))
    return out


def condition_holds(w: Wave, cond: dict, slot: int, t: int, b: int) -> bool:
    last = t - w.lag
    first = last - int(cond["window"]) + 1
    if first < b + 1:
        return False
    for e in range(first, last + 1):
        v = w.history.get((slot, e))
        if v is None:
            return False
        if "above" in cond:
            if not v >= sf(cond["above"], e):
                return False
        elif not v <= sf(cond["below"], e):
            return False
    return True


def decide_waves(waves: list, t: int, alpha: dict, b: int):
    """model.md §20's decision order before year t, waves in listed order."""
    for w in waves:
        if w.status is not None or t < w.earliest:
            continue
        if w.stop is not None and condition_holds(w, w.stop, 1, t, b):
            w.status = ("abandoned", t)
            continue
        if w.after is not None:
            v = waves[w.after].status
            if v is not None and v[0] == "abandoned":
                w.status = ("abandoned", t)
                continue
            if v is None or v[1] >= t:
                continue
        if condition_holds(w, w.when, 0, t, b) or (w.deadline is not None and t >= w.deadline):
            w.status = ("adopted", t)
            for uid in w.members:
                alpha[uid] = t


def record_waves(m: Model, waves: list, t: int, T: dict, out_units: dict, out_dists: dict, cf_dists: dict, adopted):
    """Each wave's metrics at evidence year t, from unrounded values, sums in file order."""
    units = {u.id: u for u in m.units}
    for w in waves:
        g = [units[i] for i in w.evidence if adopted(units[i], t)]
        c = [units[i] for i in w.comparison if not adopted(units[i], t)]
        res = need = tax = prev = ctax = cprev = 0.0
        gaps = 0
        for u in g:
            uy = out_units[(u.id, t)]
            res += uy.resources
            need += uy.need
            gaps += 1 if uy.resources - uy.need < 0 else 0
            tax += uy.tax
            prev += T[u.id][t - 1]
        for u in c:
            ctax += out_units[(u.id, t)].tax
            cprev += T[u.id][t - 1]
        year_effect = 0.0
        for d in w.districts:
            dy, cf = out_dists[(d, t)], cf_dists[(d, t)]
            year_effect += (dy.tax - dy.rebates) - (cf.tax - cf.rebates)
        w.effect += year_effect
        values = {}
        if g:
            values["self_sufficiency"] = None if need == 0 else res / need
            values["gap_share"] = gaps / len(g)
            values["tax_growth"] = None if prev == 0 else tax / prev - 1.0
            values["growth_advantage"] = (None if prev == 0 or not c or cprev == 0
                                          else (tax / prev - 1.0) - (ctax / cprev - 1.0))
            values["reform_effect"] = w.effect
        w.history[(0, t)] = values.get(w.when["metric"])
        if w.stop is not None:
            w.history[(1, t)] = values.get(w.stop["metric"])


def waves_rows(m: Model, name: str, waves: list, rd: Rounder) -> list:
    """waves.csv rows of one deterministic variant."""
    rows = []
    for w in waves:
        for t in m.years:
            adopted = w.status is not None and w.status[0] == "adopted" and w.status[1] <= t
            abandoned = w.status is not None and w.status[0] == "abandoned" and w.status[1] <= t
            rows.append([name, w.id, str(t), rd.ratio(1.0 if adopted else 0.0), rd.ratio(1.0 if abandoned else 0.0)])
    return rows


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def unit_header(m: Model):
    return (["variant", "district", "unit", "year", "adopted", "tax", "reference",
             "increment", "rebate", "allocation"]
            + [f"fee_{lf['id']}" for lf in (m.cfg.get("lineFees") or [])]
            + ["fees_total", "donations", "enterprise_income", "collective_income",
               "resources", "need", "gap", "self_sufficiency"])


DIST_HEADER = ["variant", "district", "year", "tax", "rebates", "capacity_factor",
               "net_revenue", "counterfactual_net_revenue", "reform_effect",
               "fees_collected", "fees_transferred", "fees_retained", "donations_pooled",
               "donations_allocated", "donations_retained", "donations_reserve",
               "need", "resources", "gap"]


def rows_for(m: Model, name: str, res, cf_res, rd: Rounder, fragile=None):
    """Rows of units.csv and districts.csv for one variant.  If `fragile` is a
    set, (file, row key, column) of cells whose rounding is float-tie sensitive
    are added to it (used by crosscheck.py)."""
    units_out, dists_out = res
    _, cf_dists = cf_res
    fee_ids = [lf["id"] for lf in (m.cfg.get("lineFees") or [])]
    urows, drows = [], []
    for d in m.districts:
        members = [u for u in m.units if u.district == d]
        # rounded pooled parts per year
        fee_parts = {}  # (uid, k, t) -> Decimal
        fee_fragile = {}
        dist_extra = {}
        dist_fragile = {}
        for t in m.years:
            dy = dists_out[(d, t)]
            fcol = ftr = fret = Decimal(0)
            fr_col = fr_tr = fr_ret = False
            for k in fee_ids:
                parts = [units_out[(u.id, t)].fees[k] for u in members] + [dy.fee_retained[k]]
                sp, fr = rd.split_ex(dy.fee_collected[k], parts)
                for u, p, f in zip(members, sp[:-1], fr[:-1]):
                    fee_parts[(u.id, k, t)] = p
                    fee_fragile[(u.id, k, t)] = f
                fcol += rd.round(dy.fee_collected[k])
                ftr += sum(sp[:-1], Decimal(0))
                fret += sp[-1]
                fr_col |= rd.is_tie(dy.fee_collected[k])
                fr_tr |= any(fr[:-1])
                fr_ret |= fr[-1]
            parts = ([units_out[(u.id, t)].donations for u in members]
                     + [dy.don_retained, dy.don_reserve])
            sp, fr = rd.split_ex(dy.don_pooled, parts)
            for u, p, f in zip(members, sp[:len(members)], fr[:len(members)]):
                fee_parts[(u.id, "__don__", t)] = p
                fee_fragile[(u.id, "__don__", t)] = f
            dist_extra[t] = (fcol, ftr, fret, rd.round(dy.don_pooled),
                             sum(sp[:len(members)], Decimal(0)), sp[-2], sp[-1])
            dist_fragile[t] = {"fees_collected": fr_col, "fees_transferred": fr_tr,
                               "fees_retained": fr_ret,
                               "donations_pooled": rd.is_tie(dy.don_pooled),
                               "donations_allocated": any(fr[:len(members)]),
                               "donations_retained": fr[-2], "donations_reserve": fr[-1]}
        for u in members:
            for t in m.years:
                uy = units_out[(u.id, t)]
                fparts = [fee_parts[(u.id, k, t)] for k in fee_ids]
                res_ = uy.resources
                row = [name, d, u.id, str(t), "true" if uy.adopted else "false",
                       rd.money(uy.tax),
                       "" if uy.reference is None else rd.money(uy.reference),
                       rd.money(uy.increment), rd.money(uy.rebate), rd.money(uy.allocation)]
                row += [rd.fmt(p) for p in fparts]
                row += [rd.fmt(sum(fparts, Decimal(0))), rd.fmt(fee_parts[(u.id, "__don__", t)]),
                        rd.money(uy.enterprise), rd.money(uy.collective), rd.money(res_),
                        rd.money(uy.need), rd.money(res_ - uy.need),
                        "" if uy.need == 0 else rd.ratio(res_ / uy.need)]
                urows.append(row)
                if fragile is not None:
                    key = ("units.csv", f"{name}/{d}/{u.id}/{t}")
                    vals = {"tax": uy.tax, "reference": uy.reference, "increment": uy.increment,
                            "rebate": uy.rebate, "allocation": uy.allocation,
                            "enterprise_income": uy.enterprise,
                            "collective_income": uy.collective, "resources": res_,
                            "need": uy.need, "gap": res_ - uy.need}
                    for c, v in vals.items():
                        if v is not None and rd.is_tie(v):
                            fragile.add(key + (c,))
                    if uy.need != 0 and rd.is_tie(res_ / uy.need, 6):
                        fragile.add(key + ("self_sufficiency",))
                    for k in fee_ids:
                        if fee_fragile[(u.id, k, t)]:
                            fragile.add(key + (f"fee_{k}",))
                            fragile.add(key + ("fees_total",))
                    if fee_fragile[(u.id, "__don__", t)]:
                        fragile.add(key + ("donations",))
        for t in m.years:
            dy = dists_out[(d, t)]
            net = dy.tax - dy.rebates
            cfd = cf_dists[(d, t)]
            cf_net = cfd.tax - cfd.rebates
            need = sum(units_out[(u.id, t)].need for u in members)
            resources = sum(units_out[(u.id, t)].resources for u in members)
            fcol, ftr, fret, dpool, dall, dret, dres = dist_extra[t]
            drows.append([name, d, str(t), rd.money(dy.tax), rd.money(dy.rebates),
                          rd.ratio(dy.phi), rd.money(net), rd.money(cf_net),
                          rd.money(net - cf_net), rd.fmt(fcol), rd.fmt(ftr), rd.fmt(fret),
                          rd.fmt(dpool), rd.fmt(dall), rd.fmt(dret), rd.fmt(dres),
                          rd.money(need), rd.money(resources), rd.money(resources - need)])
            if fragile is not None:
                key = ("districts.csv", f"{name}/{d}/{t}")
                vals = {"tax": dy.tax, "rebates": dy.rebates, "net_revenue": net,
                        "counterfactual_net_revenue": cf_net, "reform_effect": net - cf_net,
                        "need": need, "resources": resources, "gap": resources - need}
                for c, v in vals.items():
                    if rd.is_tie(v):
                        fragile.add(key + (c,))
                if rd.is_tie(dy.phi, 6):
                    fragile.add(key + ("capacity_factor",))
                for c, f in dist_fragile[t].items():
                    if f:
                        fragile.add(key + (c,))
    return urows, drows


def variant_configs(cfg: dict):
    out = []
    names = set()
    for v in cfg.get("variants") or []:
        name = str(v["name"])
        if name in ("reform", "counterfactual") or name in names:
            raise ScenarioError(f"bad variant name {name}")
        names.add(name)
        vc = copy.deepcopy(cfg)
        vc.pop("variants", None)
        for path, value in (v.get("set") or {}).items():
            apply_set(vc, str(path), value)
        for k in ("name", "years", "currency", "unit", "precision", "rounding", "seed",
                  "paths", "units", "taxSeries"):
            if vc.get(k) != cfg.get(k):
                raise ScenarioError(f"variant {name} may not change {k}")
        if [d.get("id") for d in vc["districts"]] != [d.get("id") for d in cfg["districts"]]:
            raise ScenarioError(f"variant {name} may not change districts")
        if [lf.get("id") for lf in (vc.get("lineFees") or [])] != \
                [lf.get("id") for lf in (cfg.get("lineFees") or [])]:
            raise ScenarioError(f"variant {name} may not change fee categories")
        out.append((name, vc))
    return out


def run(scenario_path: str, outdir: str, fragile=None):
    """Write OUTDIR/units.csv and OUTDIR/districts.csv; return the model's
    precision.  `fragile`, if a set, collects float-tie sensitive cells."""
    cfg, base_dir = load(scenario_path)
    m = build_model(cfg, base_dir)
    rd = Rounder(m.precision, m.rounding)
    cache = (m.units, m.tax_series)
    cf = simulate(m, counterfactual=True)
    runs = [("counterfactual", m, cf, cf), ("reform", m, simulate(m, False, cf_res=cf), cf)]
    for name, vc in variant_configs(cfg):
        vm = build_model(vc, base_dir, units_cache=cache)
        vcf = simulate(vm, True)
        runs.append((name, vm, simulate(vm, False, cf_res=vcf), vcf))
    urows, drows, brows, wrows = [], [], [], []
    for name, mm, res, cfres in runs:
        u, d = rows_for(mm, name, res, cfres, rd, fragile)
        urows += u
        drows += d
        if name != "counterfactual":
            brows += reference_brief.brief_rows(mm, name, res, cfres, rd, fragile)
        if name != "counterfactual" and res.waves:
            wrows += waves_rows(mm, name, res.waves, rd)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "units.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(unit_header(m))
        w.writerows(urows)
    with open(os.path.join(outdir, "districts.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(DIST_HEADER)
        w.writerows(drows)
    with open(os.path.join(outdir, "brief.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(reference_brief.BRIEF_HEADER)
        w.writerows(brows)
    if wrows:
        with open(os.path.join(outdir, "waves.csv"), "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["variant", "wave", "year", "adopted_share", "abandoned_share"])
            w.writerows(wrows)
    return m.precision


def main(argv):
    if len(argv) != 3:
        print("usage: reference_model.py SCENARIO.yaml OUTDIR", file=sys.stderr)
        return 2
    try:
        run(argv[1], argv[2])
    except (ScenarioError, KeyError) as e:
        print(f"{argv[1]}: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
