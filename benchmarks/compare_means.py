#!/usr/bin/env python3
"""Compare the Monte Carlo means of two runs (the NumPy peer and fiscal-sim).

    compare_means.py PEER_DIR SWIFT_DIR [--k 4] [--slack 0.01] [--paths-peer S] [--paths-swift S]
                                        [--show 20] [--strict]

Both folders hold model.md §9 long-format `units_quantiles.csv` and
`districts_quantiles.csv`. PEER_DIR must have the `sd` column
(numpy_peer.py --sd); SWIFT_DIR may or may not (without it the peer's sd is
used for both sides). The random streams differ, so a key (variant, district,
[unit,] year, metric) passes when

    |mean_swift - mean_peer| <= k * sqrt(sd_peer^2/S_peer + sd_swift^2/S_swift) + slack

(k = 4, slack = 0.01 for the rounding of the two means). Keys whose values do not
depend on the draws (sd = 0) must therefore agree to the rounding slack. S is
read from each folder's run.json (`paths`) unless given.

If SWIFT_DIR has no quantile files but a deterministic `units.csv` /
`districts.csv` (a paths = 1 run), its wide rows are compared with the peer run
at --paths 1 the same way (sd = 0: equal up to the slack; parts of
largest-remainder pools and their totals get slack x the number of parts they
may be off by, see --pool-slack).

Rows are matched by key, in any order (files in the same order stream in lockstep).
Metrics present on one side only are listed and skipped. Prints the worst keys,
a per-metric summary, the distribution of standardised differences and ends
with `N passed, M failed`.

Exit status: 0 when the failures are consistent with chance, 1 otherwise, 2 on
usage errors. With ~10^6 draw-dependent keys, a handful of 4-sigma misses is what
two correct but independently seeded runs show, so the default verdict fails on
(a) any key with sd = 0 outside the slack, (b) any key more than --hard sigmas off
(default 6.5: chance probability ~1e-10 per key), or (c) more failures than
--allow-chance times the expected number (default 20x, floor 10). --strict fails
on any failed key.
"""
import argparse
import csv
import heapq
import json
import math
import os
import sys

UNIT_KEYS = ["variant", "district", "unit", "year"]
DIST_KEYS = ["variant", "district", "year"]
POOL_METRICS = {"fees_total", "fees_collected", "fees_transferred", "fees_retained", "donations_allocated",
                "donations_retained", "donations_reserve"}
RATIOS = {"self_sufficiency", "capacity_factor"}


def read_paths(folder, override):
    if override:
        return int(override)
    try:
        with open(os.path.join(folder, "run.json"), encoding="utf-8") as f:
            j = json.load(f)
        for k in ("paths", "S"):
            if k in j:
                return int(j[k])
        raise KeyError("paths")
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"compare_means: cannot read `paths` from {folder}/run.json ({e}); use --paths-peer/--paths-swift")


def decimals_resolution(s):
    return 10.0 ** -(len(s) - s.index(".") - 1) if "." in s else 1.0


def spread_sd(mean, q, resolution):
    """An estimate of a sample's sd from its mean and quantiles (p05, p25, p50, p75, p95),
    for outputs without an `sd` column.

    The largest of: the normal-scale widths of the inter-quartile and 5-95 % ranges;
    |mean - median| (never more than the sd); and the between-group part of the variance
    when the central 90 % (mean estimated from the quantiles) and the two 5 % tails (mean
    implied by the overall mean) are taken as two groups. The last one sees rare
    outlying paths that only move the mean, e.g. a rebate at its cap on most paths."""
    if mean is None or any(v is None for v in q):
        return 0.0
    p05, p25, p50, p75, p95 = q
    central = (0.2 * (p05 + p25) + 0.25 * (p25 + p50) + 0.25 * (p50 + p75) + 0.2 * (p75 + p95)) / 2 / 0.9
    tail = (mean - 0.9 * central) / 0.1
    between = math.sqrt(0.9 * (central - mean) ** 2 + 0.1 * (tail - mean) ** 2)
    est = max((p75 - p25) / 1.349, (p95 - p05) / 3.29, abs(mean - p50), between)
    # printed values are rounded: up to ~3.5 units of the last digit this can be rounding noise
    return est if est > 4.0 * resolution else 0.0


def long_rows(path, key_names):
    """Yield (key tuple incl. metric, mean str, sd str or None, spread-based sd) from a long-format file."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f)
        header = next(r)
        try:
            ki = [header.index(k) for k in key_names] + [header.index("metric")]
            mi = header.index("mean")
        except ValueError as e:
            sys.exit(f"compare_means: {path}: {e}")
        si = header.index("sd") if "sd" in header else None
        qi = [header.index(q) for q in ("p05", "p25", "p50", "p75", "p95") if q in header]
        for row in r:
            q = [parse(row[i]) for i in qi] if len(qi) == 5 else None
            spread = spread_sd(parse(row[mi]), q, decimals_resolution(row[mi])) if q else 0.0
            yield tuple(row[i] for i in ki), row[mi], (row[si] if si is not None else None), spread, q


def wide_rows(path, key_names):
    """Deterministic wide file (units.csv / districts.csv) as long rows with sd = 0."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f)
        header = next(r)
        ki = [header.index(k) for k in key_names]
        skip = set(key_names) | {"adopted"}
        metrics = [(j, h) for j, h in enumerate(header) if h not in skip]
        for row in r:
            key = tuple(row[i] for i in ki)
            for j, h in metrics:
                yield key + (h,), row[j], "0", 0.0, None


def parse(s):
    if s is None or s == "":
        return None
    return float(s)


class Tally:
    def __init__(self, k, slack, sp, ss, show, pool_slack):
        self.k, self.slack, self.sp, self.ss, self.show = k, slack, sp, ss, show
        self.pool_slack = pool_slack
        self.passed = self.failed = 0
        self.by_metric = {}
        self.worst = []            # heap of (ratio, seq, text)
        self.seq = 0
        self.n_stoch = 0
        self.z_over = {2: 0, 3: 0, k: 0}
        self.max_z = 0.0
        self.max_z_key = None
        self.det_fail = 0
        self.hard_fail = 0
        self.hard = 6.5
        self.rare = 0
        self.rare_examples = []

    def add(self, fname, key, mp, sdp, ms, sds, spread_p=0.0, spread_s=0.0, q_s=None, q_p=None):
        metric = key[-1]
        bm = self.by_metric.setdefault((fname, metric), [0, 0])
        vp, vs = parse(mp), parse(ms)
        if vp is None or vs is None:
            ok = vp is None and vs is None
            ratio = 0.0 if ok else math.inf
            diff, tol, z = (0.0 if ok else math.inf), self.slack, (0.0 if ok else math.inf)
            se = 0.0
        else:
            sp_ = parse(sdp) or 0.0
            if sds not in (None, ""):
                ss_ = parse(sds)
            else:                                   # no sd from Swift: estimated from its quantiles
                ss_ = spread_s
            # Under the null both sides sample one distribution, so both get the larger sd:
            # a sample that happened to miss rare outlying paths (e.g. all paths at a cap,
            # sd 0) must not make the tolerance vanish.
            sd_ = max(sp_, ss_)
            se = sd_ * math.sqrt(1.0 / self.sp + 1.0 / self.ss)
            rare = False
            if sds in (None, "") and q_s and q_p and all(abs(v - q_p[0]) <= self.slack for v in q_s + q_p):
                # At least 90 % of the paths of both samples sit on one value (e.g. a cap) and a few
                # rare paths move the means. Without Swift's sd the size of its tail is unknowable
                # (one path off by S x diff gives sd ~ sqrt(S) x diff) and the peer's few rare paths
                # say little about it: inconclusive, counted as passed and reported.
                rare = True
            slack = self.slack
            if metric in POOL_METRICS and se == 0.0:
                slack = self.slack * self.pool_slack
            if metric in RATIOS:
                slack = max(slack, 1e-6)
            tol = self.k * se + slack + 1e-9 * max(1.0, abs(vp))
            diff = vs - vp
            ok = abs(diff) <= tol
            ratio = abs(diff) / tol
            excess = max(0.0, abs(diff) - slack)
            z = excess / se if se > 0 else (0.0 if ok else math.inf)
            if rare and not ok:
                self.rare += 1
                if len(self.rare_examples) < 5:
                    self.rare_examples.append(f"{fname}: {','.join(key)}: peer {mp} swift {ms}")
                ok, ratio, z = True, 0.0, 0.0
        if se > 0:
            self.n_stoch += 1                   # keys whose value depends on the draws
            for t in self.z_over:
                if z > t:
                    self.z_over[t] += 1
        if z > self.max_z:
            self.max_z, self.max_z_key = z, (fname,) + key
        if ok:
            self.passed += 1
            bm[0] += 1
        else:
            self.failed += 1
            bm[1] += 1
            if se == 0:
                self.det_fail += 1
            elif z > self.hard:
                self.hard_fail += 1
        item = (ratio, self.seq, f"{fname}: {','.join(key)}: peer {mp or '(empty)'} swift {ms or '(empty)'} "
                                 f"diff {diff:+.6g} tol {tol:.6g} (se {se:.4g})")
        self.seq += 1
        if len(self.worst) < self.show:
            heapq.heappush(self.worst, item)
        elif ratio > self.worst[0][0]:
            heapq.heapreplace(self.worst, item)


def compare_file(tally, fname, peer_iter, swift_iter, notes):
    """Lockstep merge with a pending-dict fallback for rows out of order."""
    pend_p, pend_s = {}, {}
    metrics_p, metrics_s = set(), set()
    have_sd = [False]

    def handle(kp, a, b):
        tally.add(fname, kp, a[0], a[1], b[0], b[1], a[2], b[2], b[3], a[3])

    sentinel = object()
    ip, is_ = iter(peer_iter), iter(swift_iter)
    while True:
        a = next(ip, sentinel)
        b = next(is_, sentinel)
        if a is sentinel and b is sentinel:
            break
        if a is not sentinel:
            metrics_p.add(a[0][-1])
            if a[2] is None:
                sys.exit(f"compare_means: {fname}: the peer output has no `sd` column; run numpy_peer.py --sd")
        if b is not sentinel:
            metrics_s.add(b[0][-1])
            if b[2] is not None:
                have_sd[0] = True
        if a is not sentinel and b is not sentinel and a[0] == b[0]:
            handle(a[0], a[1:], b[1:])
            continue
        if a is not sentinel:
            if a[0] in pend_s:
                handle(a[0], a[1:], pend_s.pop(a[0]))
            else:
                pend_p[a[0]] = a[1:]
        if b is not sentinel:
            if b[0] in pend_p:
                handle(b[0], pend_p.pop(b[0]), b[1:])
            else:
                pend_s[b[0]] = b[1:]
    only_p = metrics_p - metrics_s
    only_s = metrics_s - metrics_p
    if only_p:
        notes.append(f"{fname}: metrics only in the peer output (skipped): {', '.join(sorted(only_p))}")
    if only_s:
        notes.append(f"{fname}: metrics only in the Swift output (skipped): {', '.join(sorted(only_s))}")
    # a key written with empty cells on one side and left out on the other is the same answer
    empty_s = [k for k in pend_p if k[-1] not in only_p and pend_p[k][0] == ""]
    empty_p = [k for k in pend_s if k[-1] not in only_s and pend_s[k][0] == ""]
    for k in empty_s + empty_p:
        tally.add(fname, k, "", "0", "", None)
    if empty_s or empty_p:
        notes.append(f"{fname}: {len(empty_s) + len(empty_p)} keys empty on one side and absent on the other "
                     f"(counted as passed)")
    missing_s = [k for k in pend_p if k[-1] not in only_p and pend_p[k][0] != ""]
    missing_p = [k for k in pend_s if k[-1] not in only_s and pend_s[k][0] != ""]
    for k in missing_s:
        tally.add(fname, k, pend_p[k][0], pend_p[k][1], "", None)
    for k in missing_p:
        tally.add(fname, k, "", "0", pend_s[k][0], pend_s[k][1])
    if missing_s:
        notes.append(f"{fname}: {len(missing_s)} keys missing in the Swift output, e.g. {','.join(missing_s[0])}")
    if missing_p:
        notes.append(f"{fname}: {len(missing_p)} keys missing in the peer output, e.g. {','.join(missing_p[0])}")
    if not have_sd[0]:
        notes.append(f"{fname}: Swift output has no sd column: its sd is estimated from its mean and quantiles")


def normal_tail2(k):
    return math.erfc(k / math.sqrt(2.0))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare Monte Carlo means of the NumPy peer and fiscal-sim")
    ap.add_argument("peer_dir")
    ap.add_argument("swift_dir")
    ap.add_argument("--k", type=float, default=4.0, help="standard errors allowed (default 4)")
    ap.add_argument("--slack", type=float, default=0.01, help="absolute rounding slack (default 0.01)")
    ap.add_argument("--pool-slack", type=float, default=3.0,
                    help="multiplier of --slack for largest-remainder pool totals with sd = 0 (default 3)")
    ap.add_argument("--paths-peer", type=int)
    ap.add_argument("--paths-swift", type=int)
    ap.add_argument("--show", type=int, default=20, help="how many worst keys to print")
    ap.add_argument("--hard", type=float, default=6.5, help="sigmas that fail the verdict at once (default 6.5)")
    ap.add_argument("--allow-chance", type=float, default=20.0,
                    help="failures allowed, as a multiple of the number expected by chance (default 20)")
    ap.add_argument("--strict", action="store_true", help="exit 1 on any failed key")
    args = ap.parse_args(argv)

    sp = read_paths(args.peer_dir, args.paths_peer)
    ss = read_paths(args.swift_dir, args.paths_swift)
    tally = Tally(args.k, args.slack, sp, ss, args.show, args.pool_slack)
    tally.hard = args.hard
    notes = []
    compared = 0
    for base, keys, wide in (("units", UNIT_KEYS, "units.csv"), ("districts", DIST_KEYS, "districts.csv")):
        fname = f"{base}_quantiles.csv"
        pp = os.path.join(args.peer_dir, fname)
        if not os.path.exists(pp):
            sys.exit(f"compare_means: missing {pp}")
        sq = os.path.join(args.swift_dir, fname)
        sw = os.path.join(args.swift_dir, wide)
        if os.path.exists(sq):
            swift_iter = long_rows(sq, keys)
        elif os.path.exists(sw):
            swift_iter = wide_rows(sw, keys)
            notes.append(f"{base}: Swift folder has no {fname}; comparing its deterministic {wide}")
        else:
            notes.append(f"{base}: Swift folder has neither {fname} nor {wide}: skipped")
            continue
        compare_file(tally, fname, long_rows(pp, keys), swift_iter, notes)
        compared += 1
    if compared == 0:
        print("nothing compared")
        return 2

    print(f"peer: {args.peer_dir} (S={sp})   swift: {args.swift_dir} (S={ss})   k={args.k} slack={args.slack}")
    for n in notes:
        print("note:", n)
    worst = sorted(tally.worst, reverse=True)
    print(f"\nworst {len(worst)} keys (|diff| / tolerance):")
    for ratio, _, text in worst:
        print(f"  {ratio:8.3f}  {text}")
    print("\nper metric (passed / failed):")
    for (fname, metric), (p, f) in sorted(tally.by_metric.items()):
        flag = "  <--" if f else ""
        print(f"  {fname:24s} {metric:28s} {p:9d} {f:7d}{flag}")
    n = tally.n_stoch
    exp_fail = n * normal_tail2(args.k)
    if n:
        print(f"\n{n} draw-dependent keys; standardised |diff| > 2: {tally.z_over[2]} "
              f"({100.0 * tally.z_over[2] / n:.2f} %, chance {100 * normal_tail2(2):.2f} %), "
              f"> 3: {tally.z_over[3]} ({100.0 * tally.z_over[3] / n:.3f} %, chance {100 * normal_tail2(3):.3f} %), "
              f"> {args.k:g}: {tally.z_over[args.k]} (chance expects {exp_fail:.1f}); "
              f"max {tally.max_z:.2f} sigma at {','.join(tally.max_z_key) if tally.max_z_key else '-'}")
    if tally.rare:
        print(f"inconclusive (counted as passed): {tally.rare} keys where p05..p95 of both samples are one "
              f"value (e.g. a cap) and a few rare paths move the means apart; an `sd` column in Swift's "
              f"output would decide them. E.g.:")
        for e in tally.rare_examples:
            print("  ", e)
    allowed = max(10.0, args.allow_chance * exp_fail)
    reasons = []
    if tally.det_fail:
        reasons.append(f"{tally.det_fail} draw-independent keys (sd = 0) differ by more than the slack")
    if tally.hard_fail:
        reasons.append(f"{tally.hard_fail} keys more than {args.hard:g} sigma off")
    if tally.failed > allowed:
        reasons.append(f"{tally.failed} failures > {allowed:.0f} allowed by chance")
    if args.strict and tally.failed:
        reasons.append("--strict")
    print("verdict:", "FAIL (" + "; ".join(reasons) + ")" if reasons else
          "OK (failures, if any, are consistent with chance)")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
