"""Self-tests of the NumPy peer (run: python3 -m pytest -q benchmarks/test_numpy_peer.py).

The main test re-computes a small synthetic scenario path by path, unit by unit,
with scalar Python written straight from model.md §4-§8/§13 on the same random draws,
and checks the vectorised peer's means and quantiles against it.
"""
import math
import os
import random
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import numpy_peer as P  # noqa: E402
import make_synthetic  # noqa: E402


def test_stats_bit_identical_to_numpy_quantile():
    rng = np.random.default_rng(3)
    for S in (1, 2, 3, 7, 20, 2000):
        X = rng.lognormal(5, 1, (13, S))
        st = P.Stats(S, want_sd=True)
        got = st.rows(X, None)
        want = np.quantile(X, P.QUANTILES, axis=1).T
        assert np.array_equal(got[:, 1:6], want), S
        np.testing.assert_allclose(got[:, 0], X.mean(axis=1), rtol=1e-14)
        if S > 1:
            np.testing.assert_allclose(got[:, 6], X.std(axis=1, ddof=1), rtol=1e-12)
    # masked rows are empty
    X = rng.normal(size=(4, 10))
    got = P.Stats(10, False).rows(X, np.array([True, False, True, False]))
    assert np.isnan(got[1]).all() and not np.isnan(got[0]).any()


def _ref_format(x, p, rule=ROUND_HALF_UP):
    if math.isnan(x):
        return ""
    d = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-p), rounding=rule)
    s = f"{d:f}"
    if s.startswith("-") and Decimal(s) == 0:
        s = s[1:]
    return s


def test_rounding_and_formatting():
    rng = np.random.default_rng(5)
    vals = list(rng.lognormal(3, 3, 20000) * rng.choice([-1, 1], 20000))
    vals += [2.675, 1.005, 0.285, -2.675, 1.115, 0.125, -0.004, -0.005, 0.0, -0.0, 0.5, 1.5, 2.5,
             1234567.125, 99.995, 9.995, 0.994999999, float("nan"), 1e-12, 123456789.005]
    vals += list(np.round(rng.uniform(-1000, 1000, 5000), 3))        # many exact decimal ties
    for p in (0, 2, 6):
        cells = P.format_fixed(np.array(vals), p, "half-up")
        for v, row in zip(vals, cells):
            got = bytes(row[row != 0]).decode()
            assert got == _ref_format(v, p), (v, p, got)
    from decimal import ROUND_HALF_EVEN
    for v, row in zip(vals, P.format_fixed(np.array(vals), 2, "half-even")):
        assert bytes(row[row != 0]).decode() == _ref_format(v, 2, ROUND_HALF_EVEN), v


class _U:
    def __init__(self, counts):
        self.counts = np.array(counts)
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.intp)
        self.dist_idx = np.repeat(np.arange(len(counts)), counts)


def test_floor_closed_form_equals_fixed_point_loop():
    rng = np.random.default_rng(11)
    for trial in range(200):
        counts = rng.integers(1, 12, size=rng.integers(1, 4))
        U = _U(counts)
        n = int(counts.sum())
        x = rng.lognormal(0, 1.2, n) * (rng.random(n) > 0.1)
        x[U.starts] += 0.1                         # no district sums to 0
        s = x / np.add.reduceat(x, U.starts)[U.dist_idx]
        recv = rng.random(n) > 0.3
        S = 50
        avail = rng.lognormal(3, 1, (len(counts), S))
        m = float(rng.choice([0.0, 1.0, 5.0, 20.0, 60.0]))
        a1, P1 = P.allocate_with_floor(avail, s, recv, m, U)
        a2, P2 = P.allocate_with_floor_loop(avail, s, recv, m, U)
        a1 = np.broadcast_to(a1, a2.shape)
        np.testing.assert_allclose(a1, a2, rtol=1e-10, atol=1e-9)
        np.testing.assert_allclose(np.add.reduceat(a1, U.starts, axis=0), P1, rtol=1e-10, atol=1e-9)


# ---------------------------------------------------------------------------------------------
# Scalar reference, straight from docs/model.md, on the peer's draws
# ---------------------------------------------------------------------------------------------

def step(v, t):
    return P.step_value(v, t)


def reference_run(sc, doc, cf, draws):
    """Per-path, per-unit scalar simulation. Returns {metric: array (J, N, S)} and districts."""
    U = sc.units
    N, S, J, D = len(U), sc.paths, len(sc.years), len(sc.district_ids)
    b = sc.base
    g = doc.get("growth", {})
    rw = g["correlation"]["withinDistrict"]
    rb = g["correlation"]["acrossDistricts"]
    cols = {c: U.num(c) for c in ["tax", "allocation", "enterprise_income", "collective_income", "population",
                                  "green_area", "road_km", "elderly", "low_income", "staff", "communities",
                                  "fee_greening", "fee_sanitation"]}
    tg = U.optional_num("tax_growth")
    ro = doc["rollout"]
    alpha = []
    for uid, tags in zip(U.ids, U.tags):
        if uid in ro.get("byUnit", {}):
            a = ro["byUnit"][uid]
        else:
            a = next((ro["byTag"][t] for t in tags if t in ro.get("byTag", {})), ro.get("default", b + 1))
        alpha.append(math.inf if a == "never" or cf else max(int(a), b + 1))
    rb_doc = doc["rebate"]
    elig = [not (set(t) & set(rb_doc["eligibility"]["excludeTags"])) for t in U.tags]
    k_reb = rb_doc.get("rebaseEveryYears")

    def shares(key, t):
        out = [0.0] * N
        for col, w in key.items():
            x = cols[col]
            for i in range(N):
                tot = sum(x[j] for j in range(N) if U.dist_idx[j] == U.dist_idx[i])
                out[i] += step(w, t) * x[i] / tot
        return out

    def cum(rate, t):
        acc = 1.0
        for u in range(b + 1, t + 1):
            acc *= 1 + step(rate, u)
        return acc

    res = {m: np.full((J, N, S), np.nan) for m in ["tax", "reference", "increment", "rebate", "allocation",
                                                   "fee_greening", "fee_sanitation", "fees_total", "donations",
                                                   "enterprise_income", "collective_income", "resources",
                                                   "need", "gap", "self_sufficiency"]}
    dres = {m: np.full((J, D, S), np.nan) for m in ["tax", "rebates", "capacity_factor", "net_revenue",
                                                    "donations_pooled", "donations_allocated",
                                                    "donations_retained", "donations_reserve", "resources"]}
    for p in range(S):
        T = list(cols["tax"])
        E = list(cols["enterprise_income"])
        base = [None] * N
        for j, t in enumerate(sc.years):
            f, fd, eta, ws = draws[j]
            Tp = T[:]
            x = step(doc["restructuring"]["exitRate"], t)
            kappa = step(doc["restructuring"]["taxYield"], t)
            r1 = step(rb_doc["bands"][0]["rate"], t)
            rho = [0.0] * N
            inc = [0.0] * N
            R = [None] * N
            for i in range(N):
                tags = U.tags[i]
                adopted = t >= alpha[i]
                applies = adopted and elig[i]
                if not math.isnan(tg[i]):
                    mu = tg[i]
                else:
                    mu = next((step(g["byTag"][tt], t) for tt in tags if tt in g["byTag"]), step(g["tax"], t))
                d = U.dist_idx[i]
                z = math.sqrt(rb) * f[p] + math.sqrt(rw - rb) * fd[d, p] + math.sqrt(1 - rw) * eta[i, p]
                gr = mu + step(doc["incentive"]["elasticity"], t) * (r1 if applies else 0.0) \
                    + step(g["volatility"], t) * z
                V = E[i] * x if adopted else 0.0
                E[i] -= V
                T[i] = Tp[i] * max(0.0, 1 + gr) + kappa * V
                if applies:
                    s_start = alpha[i] + k_reb * ((t - alpha[i]) // k_reb)
                    if t == s_start:
                        base[i] = Tp[i]
                    R[i] = base[i]
                    inc[i] = max(0.0, T[i] - R[i])
                    lo, r = 0.0, 0.0
                    bands = rb_doc["bands"]
                    for bd in bands:
                        up = step(bd["upTo"], t) if "upTo" in bd else math.inf
                        r += step(bd["rate"], t) * max(0.0, min(inc[i], up) - lo)
                        lo = up
                    rho[i] = min(r, step(rb_doc["capPerUnit"], t))
            # capacity
            phi = [1.0] * D
            if not cf:
                for d in range(D):
                    members = [i for i in range(N) if U.dist_idx[i] == d]
                    srho = sum(rho[i] for i in members)
                    st_ = sum(T[i] for i in members)
                    cap = doc["districts"][d].get("capacity") or {}
                    lim = math.inf
                    if "maxShareOfRevenue" in cap:
                        lim = min(lim, step(cap["maxShareOfRevenue"], t) * st_)
                    if "maxAmount" in cap:
                        lim = min(lim, step(cap["maxAmount"], t))
                    if srho > lim:
                        phi[d] = lim / srho
                rho = [rho[i] * phi[U.dist_idx[i]] for i in range(N)]
            # fees
            F = {}
            Q = [0.0] * N
            for fee in doc["lineFees"]:
                sh = shares(fee["allocationKey"], t)
                Fk = [0.0] * N
                for i in range(N):
                    d = U.dist_idx[i]
                    C = sum(cols[fee["collectedColumn"]][j2] for j2 in range(N) if U.dist_idx[j2] == d) \
                        * cum(fee["growth"], t)
                    if t >= alpha[i]:
                        Fk[i] = step(fee["transferShare"], t) * C * sh[i]
                        tc = fee["taskCost"]
                        Q[i] += step(tc["unitCost"], t) * cols[tc["indicator"]][i] * cum(tc["growth"], t)
                F[fee["id"]] = Fk
            # donations with floor: the literal loop of §6.3
            dn = doc["donations"]
            sh = shares(dn["allocationKey"], t)
            don = [0.0] * N
            for d in range(D):
                pool = 0.0
                for k, src in enumerate(dn["sources"]):
                    sv = step(src["volatility"], t)
                    pool += src["amount"].get(sc.district_ids[d], 0.0) * cum(src["growth"], t) \
                        * math.exp(sv * ws[k, d, p] - sv * sv / 2)
                psi = 0.0 if cf else step(dn["reserveShare"], t)
                recv = [i for i in range(N) if U.dist_idx[i] == d and t >= alpha[i]]
                m = step(dn["minimumPerUnit"], t)
                avail = (1 - psi) * pool
                Ptot = sum(avail * sh[i] for i in recv)
                if recv:
                    if Ptot < m * len(recv):
                        for i in recv:
                            don[i] = Ptot / len(recv)
                    else:
                        floored = set()
                        while True:
                            rest = [i for i in recv if i not in floored]
                            rem = Ptot - m * len(floored)
                            ssum = sum(sh[i] for i in rest)
                            amt = {i: rem * sh[i] / ssum for i in rest}
                            new = {i for i in rest if amt[i] < m}
                            if not new:
                                break
                            floored |= new
                        for i in recv:
                            don[i] = m if i in floored else amt[i]
                j_ = j
                dres["donations_pooled"][j_, d, p] = pool
                dres["donations_reserve"][j_, d, p] = psi * pool
                dres["donations_allocated"][j_, d, p] = sum(don[i] for i in recv)
                dres["donations_retained"][j_, d, p] = pool - psi * pool - sum(don[i] for i in recv)
            for i in range(N):
                A = cols["allocation"][i] * cum(doc["allocation"]["indexation"], t)
                K = cols["collective_income"][i] * cum(doc["collective"]["growth"], t)
                need = Q[i] + sum(cols[it["indicator"]][i] * step(it["unitCost"], t) * cum(it["growth"], t)
                                  for it in doc["needs"])
                fees_total = sum(F[k][i] for k in F)
                res_ = A + rho[i] + fees_total + don[i] + E[i] + K
                vals = dict(tax=T[i], reference=R[i] if R[i] is not None and not cf else np.nan,
                            increment=inc[i], rebate=rho[i], allocation=A, fee_greening=F["greening"][i],
                            fee_sanitation=F["sanitation"][i], fees_total=fees_total, donations=don[i],
                            enterprise_income=E[i], collective_income=K, resources=res_, need=need,
                            gap=res_ - need, self_sufficiency=res_ / need)
                for mname, v in vals.items():
                    res[mname][j, i, p] = v
            for d in range(D):
                members = [i for i in range(N) if U.dist_idx[i] == d]
                dres["tax"][j, d, p] = sum(T[i] for i in members)
                dres["rebates"][j, d, p] = sum(rho[i] for i in members)
                dres["capacity_factor"][j, d, p] = phi[d]
                dres["net_revenue"][j, d, p] = dres["tax"][j, d, p] - dres["rebates"][j, d, p]
                dres["resources"][j, d, p] = sum(res["resources"][j, i, p] for i in members)
    return res, dres


def test_peer_equals_scalar_reference(tmp_path):
    out = tmp_path / "syn"
    make_synthetic.main([str(out), "--units", "24", "--years", "7", "--paths", "9", "--districts", "5",
                         "--seed", "4"])
    sc = P.Scenario(str(out / "synthetic.yaml"))
    res = P.simulate(sc, threads=2, want_sd=False, extra=False, dense=False)
    res["pool"].shutdown()
    # the same draws, in the peer's order
    rng = np.random.default_rng(sc.seed)
    N, S, D = len(sc.units), sc.paths, len(sc.district_ids)
    draws = []
    for _ in sc.years:
        f = rng.standard_normal(S)
        fd = rng.standard_normal((D, S))
        eta = rng.standard_normal((N, S))
        ws = rng.standard_normal((2, D, S))
        draws.append((f, fd, eta, ws))
    ref_cf, ref_cf_d = reference_run(sc, sc.variants[0][1], True, draws)
    runs = [(ref_cf, ref_cf_d)] + [reference_run(sc, vdoc, False, draws) for _, vdoc in sc.variants]
    umet = res["umet"]
    checked = 0
    for v, (ru, rd) in enumerate(runs):
        for mi, m in enumerate(umet):
            X = ru[m]                                           # (J, N, S)
            got = res["ustats"][v, :, :, mi, :]                 # (N, J, 6)
            for j in range(len(sc.years)):
                if np.isnan(X[j]).all(axis=1).any():
                    empty = np.isnan(X[j]).all(axis=1)
                    assert np.isnan(got[empty, j, 0]).all(), (v, m)
                    rows = ~empty
                else:
                    rows = slice(None)
                want_mean = X[j][rows].mean(axis=1)
                want_q = np.quantile(X[j][rows], P.QUANTILES, axis=1).T
                np.testing.assert_allclose(got[rows, j, 0], want_mean, rtol=1e-9, atol=1e-8, err_msg=f"{v} {m}")
                np.testing.assert_allclose(got[rows, j, 1:6], want_q, rtol=1e-9, atol=1e-8, err_msg=f"{v} {m}")
                checked += 1
        for m, X in rd.items():
            mi = P.DISTRICT_METRICS.index(m)
            got = res["dstats"][v, :, :, mi, :]
            for j in range(len(sc.years)):
                np.testing.assert_allclose(got[:, j, 0], X[j].mean(axis=1), rtol=1e-9, atol=1e-8,
                                           err_msg=f"{v} {m}")
                np.testing.assert_allclose(got[:, j, 1:6], np.quantile(X[j], P.QUANTILES, axis=1).T,
                                           rtol=1e-9, atol=1e-8, err_msg=f"{v} {m}")
    assert checked > 100
    # counterfactual_net_revenue and reform_effect
    cfi = P.DISTRICT_METRICS.index("counterfactual_net_revenue")
    nri = P.DISTRICT_METRICS.index("net_revenue")
    rei = P.DISTRICT_METRICS.index("reform_effect")
    for v in range(len(runs)):
        np.testing.assert_allclose(res["dstats"][v, :, :, cfi, 0], res["dstats"][0, :, :, nri, 0])
    assert np.all(res["dstats"][0, :, :, rei, :] == 0)


def test_cli_end_to_end(tmp_path):
    out = tmp_path / "syn"
    make_synthetic.main([str(out), "--units", "30", "--years", "4", "--paths", "50", "--districts", "3",
                         "--matrix"])
    r = subprocess.run([sys.executable, os.path.join(HERE, "numpy_peer.py"), str(out / "synthetic.yaml"),
                        str(tmp_path / "peer"), "--sd"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert '"simulate_s"' in last and '"peak_rss_mb"' in last
    lines = (tmp_path / "peer" / "units_quantiles.csv").read_text().splitlines()
    assert lines[0] == "variant,district,unit,year,metric,mean,p05,p25,p50,p75,p95,sd"
    assert len(lines) == 1 + 4 * 30 * 4 * 15
    c = subprocess.run([sys.executable, os.path.join(HERE, "compare_means.py"), str(tmp_path / "peer"),
                        str(tmp_path / "peer")], capture_output=True, text=True)
    assert c.returncode == 0, c.stdout + c.stderr
    assert " 0 failed" in c.stdout


def test_lower_times_equals_matmul():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((60, 60))
    L = np.linalg.cholesky(A @ A.T + 60 * np.eye(60))
    X = rng.standard_normal((60, 9))
    Z = P.lower_times(L, X)
    assert Z.flags["C_CONTIGUOUS"] and Z.shape == (60, 9)
    np.testing.assert_allclose(Z, L @ X, rtol=1e-12, atol=1e-12)
