#!/usr/bin/env python3
"""`make bench`: fiscal-sim's performance against its targets, the NumPy peer measured in the
same invocation.

    run_bench.py --binary .build/release/fiscal-sim [--out DIR] [--cases a,b,c,d,x]
                 [--coretype NAME|none] [--repeat N] [--no-peer]

Cases (issue 3):
  (a) the deterministic shipped Siming scenario as a whole process (target: <= 50 ms, issue 22);
  (b) S=2000 paths x N=1000 units x T=30 years x 2 variants + reform + counterfactual,
      two-level correlation, against benchmarks/numpy_peer.py (target: >= 10x faster end to
      end; the simulation core >= 100 M unit-year-paths per second per variant);
  (c) the same with a full 1000 x 1000 correlation matrix (Cholesky, BLAS dtrmm);
  (d) S=10 000 for peak memory (target: <= 2 GiB RSS);
  (e) `fiscal-sim sweep`: a 1000-point deterministic grid of the shipped Siming scenario, whole
      process (issue 22's case (b); target: <= 0.3 s and >= 50x the peer evaluating the same
      points), points per second against the peer;
  (f) a 20-point Monte Carlo sweep (S=2000) of the (b) scenario against the peer;
  (x) --xlsx (issue 11): the time it adds to (a), runs with and without alternating (target:
      < 0.2 s), and the peak RSS it adds to a 1000-unit Monte Carlo run (--paths-x paths,
      --years-x years; target: the workbook needs no more memory than the run).
  (w) evidence-gated waves (issue 19, model.md §20): the (b) scenario with a wave deciding when the
      non-pilots adopt, against the same scenario with that wave's deterministic year fixed, both
      Monte Carlo in the same invocation (target: the gated run keeps >= 0.5 of the throughput).
  (g) a 1000-unit, 10-year deterministic run with two variants (issue 22; target <= 0.5 s);
  (h) the same at --units-h units (default 100 000): time per unit against (g)'s (target within
      20 %) and peak RSS (target <= 1 GiB) (benchmarks/deterministic_case.py);
  (scale) 40 000 units, 2 000 districts, T=10, S=200 as 8 shards one after another plus the
      merge, against one unsharded run (benchmarks/scale_case.py; issue 10).
The peer evaluates a sweep's points as variants of one scenario (each point's overrides as its
`set`), so it simulates every point on the same draws in one process, as the sweep does.

Each fiscal-sim run is a separate process under /usr/bin/time (wall seconds, peak RSS); its
hidden `--profile` flag reports the phases (shocks, simulation, statistics, tables + writing),
so the simulation core is reported apart from the statistics. Runs with OPENBLAS_CORETYPE
unset and, for (c), also set to --coretype (Debian's OpenBLAS 0.3.21 does not recognise this
CPU; see shared/NOTES.md). One JSON object per measurement goes to DIR/results.jsonl; a table
goes to stdout. This is a benchmark, not a test: it asserts nothing and exits 0 unless a
program fails.
"""
import argparse
import copy
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PROFILE = re.compile(
    r"profile: shocks ([\d.]+) s, simulation ([\d.]+) s \(([\d.]+) M unit-year-paths/s per simulated run, "
    r"(\d+) runs\), statistics ([\d.]+) s, tables and writing ([\d.]+) s, total ([\d.]+) s"
    r"(?: \(of which setup ([\d.]+) s, tables ([\d.]+) s, writing the folder ([\d.]+) s\))?")


def machine():
    """CPU model, core count, AVX-512/AVX2, load average."""
    model, flags = "unknown", ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and model == "unknown":
                    model = line.split(":", 1)[1].strip()
                if line.startswith("flags") and not flags:
                    flags = line
    except OSError:
        pass
    isa = "avx512f" if " avx512f" in flags else ("avx2" if " avx2" in flags else "baseline")
    return {"cpu": model, "cores": os.cpu_count(), "isa": isa, "kernel": platform.release(),
            "load_1min": os.getloadavg()[0]}


def suggested_coretype():
    isa = machine()["isa"]
    return {"avx512f": "SkylakeX", "avx2": "Haswell"}.get(isa)


CPU = {}


def timed(cmd, env=None, cwd=None):
    """Runs `cmd` under /usr/bin/time; returns (wall s, peak RSS MiB, stdout, stderr). The
    process's CPU seconds (user + system) are kept in CPU[wall] for the caller."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        full = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", t.name] + cmd
        p = subprocess.run(full, capture_output=True, text=True, env=env, cwd=cwd)
        if p.returncode != 0:
            sys.stderr.write(p.stdout[-2000:] + p.stderr[-2000:])
            raise SystemExit(f"run_bench: {' '.join(cmd)} failed with status {p.returncode}")
        wall, rss, user, system = open(t.name).read().split()[-4:]
    CPU["last"] = float(user) + float(system)
    return float(wall), int(rss) / 1024, p.stdout, p.stderr


def env_with(coretype):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    return env


def record(out, entry):
    entry["time"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    with open(os.path.join(out, "results.jsonl"), "a") as f:
        f.write(json.dumps(entry) + "\n")
    return entry


def case_a(args, rows):
    """The deterministic shipped scenario, whole process, median of --repeat-a runs."""
    walls, rsss = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat_a):
            wall, rss, _, _ = timed([args.binary, "run", "--out", os.path.join(tmp, "run"), "--quiet"],
                                    env=env_with(None))
            walls.append(wall)
            rsss.append(rss)
    entry = record(args.out, {"case": "a", "tool": "fiscal-sim", "wall_s": statistics.median(walls),
                              "min_s": min(walls), "runs": len(walls), "peak_rss_mb": max(rsss)})
    rows.append(["a", "fiscal-sim", "-", f"{entry['wall_s'] * 1000:.0f} ms (min {entry['min_s'] * 1000:.0f})",
                 "-", "-", f"{entry['peak_rss_mb']:.0f}", "-", "target <= 50 ms (issue 22)"])


def case_x(args, rows):
    """--xlsx: added wall time on (a), and added peak RSS on a 1000-unit Monte Carlo run."""
    walls, cpus = {False: [], True: []}, {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat_a):
            for xlsx in (False, True):
                cmd = [args.binary, "run", "--out", os.path.join(tmp, "run"), "--quiet"] + (["--xlsx"] if xlsx else [])
                walls[xlsx].append(timed(cmd, env=env_with(None))[0])
                cpus[xlsx].append(CPU["last"])
    plain, book = statistics.median(walls[False]), statistics.median(walls[True])
    cpu_plain, cpu_book = statistics.median(cpus[False]), statistics.median(cpus[True])
    entry = record(args.out, {"case": "x", "tool": "fiscal-sim --xlsx", "wall_s": book, "without_s": plain,
                              "added_s": book - plain, "cpu_s": cpu_book, "cpu_without_s": cpu_plain,
                              "added_cpu_s": cpu_book - cpu_plain, "runs": len(walls[True])})
    rows.append(["x", "fiscal-sim --xlsx", "-", f"{book * 1000:.0f} ms vs {plain * 1000:.0f} ms", "-", "-", "-", "-",
                 f"(a) + {entry['added_s'] * 1000:.0f} ms wall, + {entry['added_cpu_s'] * 1000:.0f} ms CPU; target < 200 ms"])
    folder = os.path.join(args.out, "x")
    if not os.path.exists(os.path.join(folder, "synthetic.yaml")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_synthetic.py"), folder, "--units", str(args.units),
                        "--years", str(args.years_x), "--paths", str(args.paths_x)], check=True, stdout=subprocess.DEVNULL)
    scenario = os.path.join(folder, "synthetic.yaml")
    measured = {}
    for xlsx in (False, True):
        out = os.path.join(folder, "swift")
        shutil.rmtree(out, ignore_errors=True)
        cmd = [args.binary, "run", scenario, "--out", out, "--quiet"] + (["--xlsx"] if xlsx else [])
        measured[xlsx] = timed(cmd, env=env_with(None))[:2]
        shutil.rmtree(out, ignore_errors=True)
    entry = record(args.out, {"case": "x-mc", "tool": "fiscal-sim --xlsx", "units": args.units, "paths": args.paths_x,
                              "years": args.years_x, "wall_s": measured[True][0], "without_s": measured[False][0],
                              "peak_rss_mb": measured[True][1], "without_rss_mb": measured[False][1]})
    rows.append(["x-mc", "fiscal-sim --xlsx", "-", f"{measured[True][0]:.1f} s vs {measured[False][0]:.1f} s", "-", "-",
                 f"{measured[True][1]:.0f} vs {measured[False][1]:.0f}", "-",
                 f"{args.units} units, {args.paths_x} paths, {args.years_x} years, with vs without --xlsx"])


def generate(args, name, extra):
    folder = os.path.join(args.out, name)
    if not os.path.exists(os.path.join(folder, "synthetic.yaml")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_synthetic.py"), folder, "--units", str(args.units),
                        "--years", str(args.years), "--paths", str(args.paths)] + extra, check=True,
                       stdout=subprocess.DEVNULL)
    return os.path.join(folder, "synthetic.yaml")


def swift_run(args, scenario, folder, coretype, paths=None):
    out = os.path.join(folder, "swift")
    shutil.rmtree(out, ignore_errors=True)
    cmd = [args.binary, "run", scenario, "--out", out, "--quiet", "--profile"]
    if paths:
        cmd += ["--paths", str(paths)]
    wall, rss, _, err = timed(cmd, env=env_with(coretype))
    m = PROFILE.search(err)
    profile = {}
    if m:
        keys = ["shocks_s", "simulation_s", "core_mcells_per_s", "simulated_runs", "statistics_s", "tables_s", "total_s",
                "setup_s", "rendering_s", "folder_s"]
        profile = {k: float(v) for k, v in zip(keys, m.groups()) if v is not None}
    shutil.rmtree(out, ignore_errors=True)
    return wall, rss, profile


def peer_run(args, scenario, folder, coretype):
    out = os.path.join(folder, "peer")
    shutil.rmtree(out, ignore_errors=True)
    wall, rss, stdout, _ = timed([sys.executable, os.path.join(HERE, "numpy_peer.py"), scenario, out],
                                 env=env_with(coretype))
    try:
        detail = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        detail = {}
    shutil.rmtree(out, ignore_errors=True)
    return wall, rss, detail


def case_bc(args, rows, name, extra):
    scenario = generate(args, name, extra)
    folder = os.path.dirname(scenario)
    cells = args.paths * args.units * args.years
    coretypes = [None] + ([args.coretype] if args.coretype and name == "c" else [])
    for coretype in coretypes:
        label = coretype or "unset"
        for r in range(args.repeat):
            peer = None
            if not args.no_peer:
                pwall, prss, pdetail = peer_run(args, scenario, folder, coretype)
                peer = record(args.out, {"case": name, "tool": "numpy_peer", "coretype": label, "run": r + 1,
                                         "wall_s": pwall, "cpu_s": CPU["last"], "peak_rss_mb": prss,
                                         "detail": pdetail})
            wall, rss, profile = swift_run(args, scenario, folder, coretype)
            cpu = CPU["last"]
            runs = profile.get("simulated_runs", 4)
            entry = record(args.out, {
                "case": name, "tool": "fiscal-sim", "coretype": label, "run": r + 1, "wall_s": wall, "cpu_s": cpu,
                "cpu_ratio_vs_peer": (peer["cpu_s"] / cpu) if peer else None,
                "peak_rss_mb": rss, "unit_year_paths_per_s": cells * runs / wall, "profile": profile,
                "ratio_vs_peer": (peer["wall_s"] / wall) if peer else None})
            if peer:
                rows.append([name, "numpy peer", label, f"{peer['wall_s']:.2f} s (cpu {peer['cpu_s']:.1f} s)",
                             f"{cells * 4 / peer['wall_s'] / 1e6:.1f} M", "-", f"{peer['peak_rss_mb']:.0f}", "1.0x", ""])
            core = profile.get("core_mcells_per_s")
            rows.append([name, "fiscal-sim", label, f"{wall:.2f} s (cpu {cpu:.1f} s)",
                         f"{entry['unit_year_paths_per_s'] / 1e6:.1f} M",
                         f"{core:.0f} M" if core else "-", f"{rss:.0f}",
                         f"{entry['ratio_vs_peer']:.1f}x (cpu {entry['cpu_ratio_vs_peer']:.1f}x)" if peer else "-",
                         "phases: shocks {shocks_s:.2f} s, simulation {simulation_s:.2f} s, statistics {statistics_s:.2f} s, "
                         "tables+write {tables_s:.2f} s".format(**profile) if profile else ""])


def case_w(args, rows):
    """Monte Carlo with a wave vs the same scenario with the wave's year fixed (model.md §20)."""
    base = generate(args, "b", [])
    folder = os.path.join(args.out, "w")
    os.makedirs(folder, exist_ok=True)
    with open(base, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    cfg["units"] = os.path.join(os.path.dirname(base), cfg["units"])
    districts = [d["id"] for d in cfg["districts"]]
    gated = copy.deepcopy(cfg)
    gated["rollout"]["default"] = "never"
    gated["rollout"]["pilotEffort"] = 0.005
    gated["rollout"]["waves"] = [{
        "id": "expand", "members": {"districts": districts}, "evidence": {"tags": ["pilot"]}, "window": 2,
        "deadline": 2035, "when": {"metric": "tax_growth", "above": 0.075},
        "stopWhen": {"metric": "reform_effect", "below": -200000}}]
    paths = {}
    for name, scenario in (("gated", gated),):
        paths[name] = os.path.join(folder, f"{name}.yaml")
        with open(paths[name], "w", encoding="utf-8") as f:
            yaml.safe_dump(scenario, f, allow_unicode=True, sort_keys=False)
    # the fixed scenario adopts in the year the gated one decides on its deterministic path
    probe = os.path.join(folder, "probe")
    out = subprocess.run([args.binary, "run", paths["gated"], "--paths", "1", "--out", probe, "--quiet"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"reform: wave expand adopted in (\d+)", out)
    fixed = copy.deepcopy(cfg)
    fixed["rollout"]["default"] = int(m.group(1)) if m else "never"
    paths["fixed"] = os.path.join(folder, "fixed.yaml")
    with open(paths["fixed"], "w", encoding="utf-8") as f:
        yaml.safe_dump(fixed, f, allow_unicode=True, sort_keys=False)
    measured = {}
    for name in ("fixed", "gated"):
        wall, rss, profile = swift_run(args, paths[name], folder, None, paths=args.paths_w)
        measured[name] = (wall, profile.get("simulation_s"))
        record(args.out, {"case": "w", "tool": "fiscal-sim", "run": name, "paths": args.paths_w, "wall_s": wall,
                          "peak_rss_mb": rss, "profile": profile})
    ratio = measured["fixed"][0] / measured["gated"][0]
    sim = (measured["fixed"][1] / measured["gated"][1]) if measured["gated"][1] else None
    record(args.out, {"case": "w", "tool": "fiscal-sim", "throughput_ratio": ratio, "simulation_ratio": sim})
    rows.append(["w", "fiscal-sim waves", "-", f"{measured['gated'][0]:.2f} s vs fixed {measured['fixed'][0]:.2f} s",
                 "-", "-", "-", f"{ratio:.2f}x of fixed" + (f" (simulation {sim:.2f}x)" if sim else ""),
                 f"{args.paths_w} paths; target >= 0.5x (fixed year {fixed['rollout']['default']})"])


def case_d(args, rows):
    scenario = generate(args, "b", [])
    folder = os.path.join(args.out, "d")
    os.makedirs(folder, exist_ok=True)
    wall, rss, profile = swift_run(args, scenario, folder, None, paths=args.paths_d)
    cells = args.paths_d * args.units * args.years
    entry = record(args.out, {"case": "d", "tool": "fiscal-sim", "paths": args.paths_d, "wall_s": wall,
                              "peak_rss_mb": rss, "unit_year_paths_per_s": cells * profile.get("simulated_runs", 4) / wall,
                              "profile": profile})
    rows.append(["d", "fiscal-sim", "unset", f"{wall:.2f} s", f"{entry['unit_year_paths_per_s'] / 1e6:.1f} M",
                 f"{profile.get('core_mcells_per_s', 0):.0f} M", f"{rss:.0f}", "-", "target <= 2048 MiB"])


def grid_points(grid):
    """The points of `--grid` options as fiscal-sim numbers them (first axis slowest; LO:HI:N
    as LO + k(HI - LO)/(N - 1), the last exactly HI), as (path, YAML value) lists."""
    axes = []
    for option in grid:
        path, values = option.split("=", 1)
        parts = values.split(":")
        if len(parts) == 3 and "," not in values:
            lo, hi, n = float(parts[0]), float(parts[1]), int(parts[2])
            vals = [hi if k == n - 1 else lo + k * (hi - lo) / (n - 1) for k in range(n)]
            if path.startswith("rollout."):
                vals = [int(v) for v in vals]
        else:
            vals = [yaml.safe_load(v) for v in values.split(",")]
        axes.append([(path, v) for v in vals])
    return [list(p) for p in itertools.product(*axes)]


def peer_sweep_scenario(scenario, grid, folder):
    """The scenario with one variant per sweep point (its overrides as `set`), for the peer."""
    with open(scenario, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc["units"] = os.path.join(os.path.dirname(os.path.abspath(scenario)), doc["units"])
    doc["variants"] = [{"name": f"p{k + 1}", "set": dict(point)} for k, point in enumerate(grid_points(grid))]
    path = os.path.join(folder, "peer-sweep.yaml")
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
    return path, len(doc["variants"])


def case_sweep(args, rows, name, scenario, grid, note):
    """`fiscal-sim sweep` of `grid` (whole process) against the peer on the same points."""
    folder = os.path.join(args.out, name)
    os.makedirs(folder, exist_ok=True)
    peer_yaml, points = peer_sweep_scenario(scenario, grid, folder)
    peer = None
    if not args.no_peer:
        pwall, prss, pdetail = peer_run(args, peer_yaml, folder, None)
        peer = record(args.out, {"case": name, "tool": "numpy_peer", "points": points, "wall_s": pwall,
                                 "cpu_s": CPU["last"], "peak_rss_mb": prss, "detail": pdetail})
        rows.append([name, "numpy peer", "unset", f"{pwall:.2f} s (cpu {peer['cpu_s']:.1f} s)",
                     f"{points / pwall:.2f} points/s", "-", f"{prss:.0f}", "1.0x", f"{points} points as variants"])
    out = os.path.join(folder, "sweep")
    cmd = [args.binary, "sweep", scenario, "--out", out, "--quiet"]
    for option in grid:
        cmd += ["--grid", option]
    wall, rss, _, _ = timed(cmd, env=env_with(None))
    cpu = CPU["last"]
    entry = record(args.out, {"case": name, "tool": "fiscal-sim", "points": points, "wall_s": wall, "cpu_s": cpu,
                              "points_per_s": points / wall, "peak_rss_mb": rss,
                              "ratio_vs_peer": (peer["wall_s"] / wall) if peer else None,
                              "cpu_ratio_vs_peer": (peer["cpu_s"] / cpu) if peer else None})
    rows.append([name, "fiscal-sim sweep", "unset", f"{wall:.2f} s (cpu {cpu:.1f} s)", f"{points / wall:.2f} points/s",
                 "-", f"{rss:.0f}",
                 f"{entry['ratio_vs_peer']:.1f}x (cpu {entry['cpu_ratio_vs_peer']:.1f}x)" if peer else "-", note])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(REPO, ".build/release/fiscal-sim"))
    ap.add_argument("--out", default="/tmp/fiscal-sim-bench")
    ap.add_argument("--cases", default="a,b,c,d,e,f,g,h,w,x,scale")
    ap.add_argument("--scale-units", type=int, default=40000)
    ap.add_argument("--scale-districts", type=int, default=2000)
    ap.add_argument("--coretype", default=suggested_coretype() or "none",
                    help="OPENBLAS_CORETYPE for the second run of (c) (default from /proc/cpuinfo; 'none' skips it)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of (b) and (c) per setting")
    ap.add_argument("--repeat-a", type=int, default=15)
    ap.add_argument("--paths", type=int, default=2000)
    ap.add_argument("--paths-d", type=int, default=10000)
    ap.add_argument("--paths-w", type=int, default=2000)
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--units-h", type=int, default=100000)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--paths-x", type=int, default=200)
    ap.add_argument("--years-x", type=int, default=10)
    ap.add_argument("--no-peer", action="store_true")
    args = ap.parse_args(argv)
    args.coretype = None if args.coretype == "none" else args.coretype
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"run_bench: no binary at {args.binary}; run `make bench` (it builds the release binary)")
    os.makedirs(args.out, exist_ok=True)
    info = record(args.out, {"case": "machine", **machine()})
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['isa']}, load {info['load_1min']:.2f}")
    rows = []
    cases = args.cases.split(",")
    if "a" in cases:
        case_a(args, rows)
    if "b" in cases:
        case_bc(args, rows, "b", [])
    if "c" in cases:
        case_bc(args, rows, "c", ["--matrix"])
    if "d" in cases:
        case_d(args, rows)
    if "e" in cases:
        grid = ["rebate.bands.0.rate=0.1:0.5:10", "incentive.elasticity=0:0.1:10", "rollout.default=2026:2035:10"]
        case_sweep(args, rows, "e", os.path.join(REPO, "scenarios", "siming-pilot.yaml"), grid,
                   "target <= 0.3 s, >= 50x the peer (issue 22)")
    if "f" in cases:
        case_sweep(args, rows, "f", generate(args, "b", []), ["rebate.bands.0.rate=0.1:0.5:20"], "")
    if "w" in cases:
        case_w(args, rows)
    if "x" in cases:
        case_x(args, rows)
    if "g" in cases or "h" in cases:
        import deterministic_case
        deterministic_case.run(args, rows, timed, record, env_with, cases)
    if "scale" in cases:
        import scale_case
        scale_case.run(args, rows, timed, record, env_with, CPU)
    header = ["case", "tool", "OPENBLAS_CORETYPE", "wall", "unit-year-paths/s", "sim core/s", "peak RSS MiB",
              "vs peer", "notes"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths]] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 cores; wall times are unreliable above ~1)")
    print(f"results appended to {os.path.join(args.out, 'results.jsonl')}")


if __name__ == "__main__":
    main()
