#!/usr/bin/env python3
"""`make bench`, the what-if page (model.md §21, issue 20): `wrk` against `POST /api/run` of the
shipped scenario (one lever changed) with 1, 4 and 16 connections for 10 s each — requests per
second and p50/p99 latency — beside the CLI's `run` of the same scenario measured in the same
invocation, and the page's recompute end to end (one request at a time, as the page sends it).

    serve_bench.py --serve .build/release/fiscal-sim-serve --cli .build/release/fiscal-sim
                   [--seconds 10] [--connections 1,4,16]

Targets (issue 20): the recompute within 0.3 s end to end; p99 of /api/run under 200 ms at 4
connections on this 2-core machine. A benchmark, not a test: it asserts nothing.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Tests", "serve"))
from served import Served  # noqa: E402

BODY = '{"set": {"rebate.bands.0.rate": 0.35}}'
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def milliseconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


def wrk(url, connections, seconds, script):
    threads = min(connections, 2)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", script, f"{url}api/run"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.MULTILINE))
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "connections": connections, "requests_per_second": float(rate.group(1)) if rate else None,
        "p50_ms": milliseconds(latency.get("50", "")), "p99_ms": milliseconds(latency.get("99", "")),
        "non_2xx": int(errors.group(1)) if errors else 0, "wrk_output": output,
    }


def cli_run_seconds(cli, repeat):
    folder = tempfile.mkdtemp(prefix="fiscal-sim-serve-bench-")
    try:
        times = []
        for index in range(repeat):
            start = time.perf_counter()
            subprocess.run([cli, "run", "--quiet", "--out", os.path.join(folder, str(index))], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        return statistics.median(times), min(times)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def recompute_seconds(url, repeat):
    times = []
    for _ in range(repeat):
        request = urllib.request.Request(f"{url}api/run", data=BODY.encode(), headers={"Content-Type": "application/json"})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as answer:
            answer.read()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="1,4,16")
    parser.add_argument("--out", default="/tmp/fiscal-sim-bench")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    load = os.getloadavg()[0]
    cli_median, cli_min = cli_run_seconds(arguments.cli, 10)
    script = os.path.join(arguments.out, "post-run.lua")
    with open(script, "w") as lua:
        lua.write(f'wrk.method = "POST"\nwrk.body = \'{BODY}\'\nwrk.headers["Content-Type"] = "application/json"\n')
    rows = []
    with Served(os.path.abspath(arguments.serve)) as server:
        recompute_median, recompute_max = recompute_seconds(server.url, 20)
        for connections in [int(c) for c in arguments.connections.split(",")]:
            rows.append(wrk(server.url, connections, arguments.seconds, script))
    result = {
        "case": "serve", "load": load, "cli_run_median_s": cli_median, "cli_run_min_s": cli_min,
        "recompute_median_s": recompute_median, "recompute_max_s": recompute_max, "wrk": rows,
    }
    with open(os.path.join(arguments.out, "results.jsonl"), "a") as results:
        results.write(json.dumps(result) + "\n")
    print(f"what-if page (load {load:.1f}): fiscal-sim run {cli_median * 1000:.0f} ms median (min {cli_min * 1000:.0f} ms, "
          f"whole process); POST /api/run one at a time {recompute_median * 1000:.0f} ms median (max {recompute_max * 1000:.0f} ms)")
    print("| connections | requests/s | p50 | p99 | non-2xx |")
    print("|---|---|---|---|---|")
    def shown(value, unit=""):
        return "–" if value is None else f"{value:.1f}{unit}"
    for row in rows:
        print(f"| {row['connections']} | {shown(row['requests_per_second'])} | {shown(row['p50_ms'], ' ms')} | {shown(row['p99_ms'], ' ms')} | {row['non_2xx']} |")


if __name__ == "__main__":
    main()
