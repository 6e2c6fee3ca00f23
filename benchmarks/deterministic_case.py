"""Issue 22's deterministic cases for run_bench.py: (g) a 1000-unit, 10-year deterministic run
with two variants (target <= 0.5 s whole process) and (h) the same at --units-h units (default
100 000; targets: time per unit within 20 % of (g)'s, peak RSS <= 1 GiB). The reference of (h)
is (g) measured in the same invocation; the reference of (g) is its stated target."""
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def scenario(args, name, units):
    folder = os.path.join(args.out, name)
    if not os.path.exists(os.path.join(folder, "synthetic.yaml")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_synthetic.py"), folder, "--units", str(units),
                        "--years", "10", "--paths", "1"], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(folder, "synthetic.yaml")


def measure(args, timed, env_with, name, units, repeat):
    path = scenario(args, name, units)
    out = os.path.join(args.out, name, "swift")
    walls, rss = [], 0.0
    for _ in range(repeat):
        wall, peak, _, _ = timed([args.binary, "run", path, "--paths", "1", "--out", out, "--quiet"], env=env_with(None))
        walls.append(wall)
        rss = max(rss, peak)
    return statistics.median(walls), rss


def run(args, rows, timed, record, env_with, cases):
    """Measures (g) and, if asked, (h); appends rows and results.jsonl entries."""
    g_wall, g_rss = measure(args, timed, env_with, "g", 1000, max(3, args.repeat))
    record(args.out, {"case": "g", "tool": "fiscal-sim", "units": 1000, "wall_s": g_wall, "peak_rss_mb": g_rss,
                      "ratio_vs_target": 0.5 / g_wall})
    rows.append(["g", "fiscal-sim run", "-", f"{g_wall:.2f} s", "-", "-", f"{g_rss:.0f}",
                 f"{0.5 / g_wall:.2f}x target", "1000 units, 10 years, 2 variants; target <= 0.5 s"])
    if "h" not in cases:
        return
    h_wall, h_rss = measure(args, timed, env_with, "h", args.units_h, 1)
    per_unit = (h_wall / args.units_h) / (g_wall / 1000)
    record(args.out, {"case": "h", "tool": "fiscal-sim", "units": args.units_h, "wall_s": h_wall,
                      "peak_rss_mb": h_rss, "per_unit_vs_g": per_unit})
    rows.append(["h", "fiscal-sim run", "-", f"{h_wall:.2f} s", "-", "-", f"{h_rss:.0f}", f"{per_unit:.2f}x (g) per unit",
                 f"{args.units_h} units; targets: per unit <= 1.2x (g), RSS <= 1024 MiB"])
