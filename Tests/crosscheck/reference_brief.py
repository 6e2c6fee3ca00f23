"""brief.csv of the independent Python reference (model.md §22), from the reference's own
unrounded projection: one row per reported variant (not the counterfactual) and district in
declared order, then the variant's `all` row.  Written without looking at fiscal-sim's code:
the rules are §22's sentences, one by one."""
from __future__ import annotations

from decimal import Decimal

BRIEF_HEADER = ["variant", "district", "reform_effect_total", "loss_years", "worst_year",
                "worst_reform_effect", "worst_share_of_revenue", "payback_year",
                "capacity_binding_years", "min_capacity_factor", "present_value",
                "units_with_gap", "gap_units", "gap_total", "uncovered_tasks"]
# Columns compared as text (exactly) by crosscheck.py.
BRIEF_TEXT = {"loss_years", "worst_year", "payback_year", "capacity_binding_years",
              "gap_units", "uncovered_tasks", "units_with_gap"}
BRIEF_RATIOS = {"worst_share_of_revenue", "min_capacity_factor"}


def unit_name(u) -> str:
    name = (u.row.get("name") or "").strip()
    return name or u.id


def _row(name, district, years, effects, cf_net, phis, units, units_out, fee_ids, rd, rate, b,
         fragile):
    """One row: `effects[t]` unrounded reform effect per year (a list of per-district values
    to be rounded and added for the `all` row), `cf_net[t]` unrounded counterfactual net
    revenue, `phis[t]` the capacity factors of the year's districts."""
    rounded = [sum((rd.round(x) for x in effects[t]), Decimal(0)) for t in years]
    unrounded = [sum(effects[t]) for t in years]
    total = sum(rounded, Decimal(0))
    loss = [t for t, r in zip(years, rounded) if r < 0]
    worst_i = min(range(len(years)), key=lambda i: (rounded[i], i))
    revenue = sum(cf_net[years[worst_i]])
    share = "" if revenue == 0 else rd.ratio(unrounded[worst_i] / revenue)
    payback = None
    running = Decimal(0)
    for t, r in zip(years, rounded):
        running += r
        if running < 0:
            payback = None
        elif payback is None:
            payback = t
    binding = [t for t in years if min(phis[t]) < 1]
    lowest = min(1.0, min(min(phis[t]) for t in years))
    pv = sum(x * (1 + rate) ** -(t - b) for t, x in zip(years, unrounded))
    last = years[-1]
    gaps = []
    uncovered = []
    for u in units:
        uy = units_out[(u.id, last)]
        g = rd.round(uy.resources - uy.need)
        if g < 0:
            gaps.append((unit_name(u), g))
        for k in fee_ids:
            q = uy.task_cost.get(k, 0.0)
            if q != 0 and uy.fees[k] / q < 1:
                uncovered.append(f"{unit_name(u)}:{k}")
    key = f"{name}/{district}"
    if any(rd.is_tie(x) for t in years for x in effects[t]):
        for c in ("reform_effect_total", "worst_reform_effect"):
            fragile.add(("brief.csv", key, c))
    if rd.is_tie(pv):
        fragile.add(("brief.csv", key, "present_value"))
    if any(rd.is_tie(units_out[(u.id, last)].resources - units_out[(u.id, last)].need) for u in units):
        fragile.add(("brief.csv", key, "gap_total"))
    return [name, district, rd.fmt(total), ";".join(map(str, loss)), str(years[worst_i]),
            rd.fmt(rounded[worst_i]), share, "" if payback is None else str(payback),
            ";".join(map(str, binding)), rd.ratio(lowest), rd.money(pv), str(len(gaps)),
            ";".join(n for n, _ in gaps), rd.fmt(sum((g for _, g in gaps), Decimal(0))),
            ";".join(uncovered)]


def brief_rows(m, name, res, cf_res, rd, fragile=None):
    """The brief rows of variant `name` (res, cf_res: the reference's projection and its
    no-adoption run)."""
    fragile = set() if fragile is None else fragile
    units_out, dists_out = res
    _, cf_dists = cf_res
    fee_ids = [lf["id"] for lf in (m.cfg.get("lineFees") or [])]
    rate = float(m.cfg.get("discountRate") or 0)
    years = m.years

    def series(districts):
        effects, cf_net, phis = {}, {}, {}
        for t in years:
            effects[t] = [(dists_out[(d, t)].tax - dists_out[(d, t)].rebates)
                          - (cf_dists[(d, t)].tax - cf_dists[(d, t)].rebates) for d in districts]
            cf_net[t] = [cf_dists[(d, t)].tax - cf_dists[(d, t)].rebates for d in districts]
            phis[t] = [dists_out[(d, t)].phi for d in districts]
        return effects, cf_net, phis

    rows = []
    for d in m.districts:
        members = [u for u in m.units if u.district == d]
        rows.append(_row(name, d, years, *series([d]), members, units_out, fee_ids, rd, rate, m.b,
                         fragile))
    rows.append(_row(name, "all", years, *series(m.districts), list(m.units), units_out, fee_ids,
                     rd, rate, m.b, fragile))
    return rows
