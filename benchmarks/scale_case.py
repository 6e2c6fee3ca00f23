"""`make bench` scale case (issue 10, model.md §16): a synthetic 40 000-unit, 2 000-district
scenario (T = 10, S = 200) run as 8 shards one after another plus `merge`, against one
unsharded run; the merged folder must be byte-identical to the unsharded one.

Records wall time and peak RSS of every process (under /usr/bin/time), the merge's time, and
extrapolates from the measured per-unit-year-path cost the wall time of S = 2 000, T = 30 on
64 nodes (one shard per node). Called by run_bench.py with `--cases scale`.
"""
import filecmp
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def identical(a, b):
    """Whether folders a and b hold the same files with the same bytes."""
    names = sorted(os.listdir(a))
    if names != sorted(os.listdir(b)):
        return False
    return all(filecmp.cmp(os.path.join(a, n), os.path.join(b, n), shallow=False) for n in names)


def run(args, rows, timed, record, env_with, cpu):
    units, districts, years, paths, shards = args.scale_units, args.scale_districts, 10, 200, 8
    folder = os.path.join(args.out, "scale")
    scenario = os.path.join(folder, "synthetic.yaml")
    if not os.path.exists(scenario):
        subprocess.run([sys.executable, os.path.join(HERE, "make_synthetic.py"), folder, "--units", str(units),
                        "--districts", str(districts), "--years", str(years), "--paths", str(paths)],
                       check=True, stdout=subprocess.DEVNULL)
    env = env_with(None)
    threads = ["--threads", str(os.cpu_count() or 1)]
    full = os.path.join(folder, "unsharded")
    shutil.rmtree(full, ignore_errors=True)
    full_wall, full_rss, _, _ = timed([args.binary, "run", scenario, "--out", full, "--quiet"] + threads, env=env)
    full_cpu = cpu["last"]
    shard_dirs, shard_walls, shard_rss, shard_cpu = [], [], [], []
    for i in range(shards):
        out = os.path.join(folder, f"shard-{i}")
        shutil.rmtree(out, ignore_errors=True)
        wall, rss, _, _ = timed([args.binary, "run", scenario, "--shard", f"{i}/{shards}", "--out", out, "--quiet"]
                                + threads, env=env)
        shard_dirs.append(out)
        shard_walls.append(wall)
        shard_rss.append(rss)
        shard_cpu.append(cpu["last"])
    merged = os.path.join(folder, "merged")
    shutil.rmtree(merged, ignore_errors=True)
    merge_wall, merge_rss, _, _ = timed([args.binary, "merge"] + shard_dirs + ["--out", merged], env=env)
    same = identical(full, merged)
    size_mb = sum(os.path.getsize(os.path.join(full, n)) for n in os.listdir(full)) / 2**20

    # Extrapolation (on paper): a shard's work is (its units) x T x S unit-year-paths, so the cost
    # per cell is measured as CPU seconds over all shards (wall times on a loaded 2-core machine
    # are not reliable); S = 2000, T = 30 on 64 nodes gives each node N/64 units and 30x the
    # cells per unit, run on `cores` cores as here. The merge streams the output, which grows
    # with T (not S): 3x the rows.
    cells = units * years * paths
    per_cell = sum(shard_cpu) / cells
    big_cells = units * 30 * 2000
    nodes, cores = 64, os.cpu_count() or 1
    node_wall = per_cell * big_cells / nodes / cores
    big_merge = merge_wall * 30 / years
    entry = record(args.out, {
        "case": "scale", "units": units, "districts": districts, "years": years, "paths": paths, "shards": shards,
        "unsharded_wall_s": full_wall, "unsharded_cpu_s": full_cpu, "unsharded_peak_rss_mb": full_rss,
        "shard_wall_s": shard_walls, "shard_cpu_s": shard_cpu, "shard_peak_rss_mb": shard_rss,
        "merge_wall_s": merge_wall, "merge_peak_rss_mb": merge_rss, "output_mb": size_mb,
        "merged_identical": same, "max_shard_rss_over_unsharded": max(shard_rss) / full_rss,
        "per_unit_year_path_cpu_ns": per_cell * 1e9,
        "extrapolated_s2000_t30_64_nodes_s": node_wall + big_merge})
    rows.append(["scale", "unsharded", "unset", f"{full_wall:.2f} s (cpu {full_cpu:.1f} s)",
                 f"{cells / full_wall / 1e6:.1f} M", "-", f"{full_rss:.0f}", "-",
                 f"{units} units, {districts} districts, T={years}, S={paths}; output {size_mb:.0f} MiB"])
    rows.append(["scale", f"{shards} shards", "unset",
                 f"{sum(shard_walls):.2f} s in all (max {max(shard_walls):.2f} s)", f"{cells / sum(shard_walls) / 1e6:.1f} M",
                 "-", f"max {max(shard_rss):.0f}", f"{max(shard_rss) / full_rss:.2f}x RSS",
                 "per shard RSS MiB: " + ", ".join(f"{r:.0f}" for r in shard_rss)])
    rows.append(["scale", "merge", "-", f"{merge_wall:.2f} s", "-", "-", f"{merge_rss:.0f}", "-",
                 f"byte-identical to unsharded: {'yes' if same else 'NO'}"])
    rows.append(["scale", "extrapolated", "-", f"{(node_wall + big_merge) / 60:.1f} min", "-", "-", "-", "-",
                 f"S=2000, T=30, 64 nodes of {cores} cores: {per_cell * 1e9:.0f} CPU-ns/unit-year-path x"
                 f" {big_cells / nodes / 1e6:.1f} M cells per node / {cores} = {node_wall:.0f} s, + merge ~{big_merge:.0f} s"])
    return entry
