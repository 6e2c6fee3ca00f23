#!/usr/bin/env python3
"""Check that pandas reads every CSV of a fiscal-sim run folder with the types its
datapackage.json declares.

    python3 notebooks-export/check_dtypes.py RUN_DIR [--frictionless] [--quiet]

datapackage.json is a Frictionless Data Package: each resource has a `path` and a
Table Schema (`schema.fields`: name, type).  Each CSV is read twice with pandas:

1. as a researcher would, `pd.read_csv(path)` with inferred types: a column
   declared `number`/`integer` that pandas reads as text (object/str) fails;
2. with the declared dtypes (number -> float64, integer/year -> Int64,
   boolean -> boolean, string -> string): every non-empty cell must parse;
   the failing values are named with their CSV line.

A CSV of the folder without a resource, a resource whose file is missing, a
declared field missing from the header, a header column not declared, a value
outside a field's `enum`/`minimum`/`maximum` constraints, an empty `required`
cell or a repeated `primaryKey` also fail.  Chinese headers (`fiscal-sim run
--lang zh`) are mapped back to the field names through each field's `title_zh`.  Empty cells are missing values (Table Schema default `missingValues: [""]`).
No datapackage.json is an error.  The last line is `N passed, M failed` (files).
Exit status: 0 all passed, 1 any failure, 2 usage.
With --frictionless, `frictionless validate` is also run on the package.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd
from pandas.api import types as ptypes

PANDAS_DTYPE = {"number": "float64", "integer": "Int64", "year": "Int64", "boolean": "boolean", "string": "string"}
NUMERIC = {"number", "integer", "year"}
# Table Schema lexical forms (numbers: optional sign, digits, optional fraction/exponent, NaN/INF)
NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(NaN|INF|-INF)$")
INTEGER_RE = re.compile(r"^[+-]?\d+$")
DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]
MAX_SHOWN = 5


class Problems(list):
    def add(self, msg: str) -> None:
        self.append(msg)


def resource_path(res: dict) -> str | None:
    p = res.get("path")
    if isinstance(p, list):
        return p[0] if len(p) == 1 else None
    return p


def check_resource(run_dir: Path, res: dict) -> Problems:
    probs = Problems()
    rel = resource_path(res)
    name = res.get("name", rel)
    if not rel:
        probs.add(f"resource {name!r}: no single `path`")
        return probs
    path = run_dir / rel
    if not path.is_file():
        probs.add(f"{rel}: declared in datapackage.json but missing")
        return probs
    schema = res.get("schema")
    if isinstance(schema, str):  # schema given as a path
        schema = json.loads((run_dir / schema).read_text(encoding="utf-8"))
    fields = (schema or {}).get("fields") or []
    if not fields:
        probs.add(f"{rel}: resource has no schema fields")
        return probs
    missing_values = (schema or {}).get("missingValues", [""])
    encoding = res.get("encoding", "utf-8")
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # a BOM is fine

    # --- header ----------------------------------------------------------------
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    declared = [f["name"] for f in fields]
    # `fiscal-sim run --lang zh` writes Chinese headers; the package keeps the English
    # names and gives each column's Chinese label as `title_zh`: map them back.
    zh = {f["title_zh"]: f["name"] for f in fields if f.get("title_zh")}
    rename = {c: zh[c] for c in raw.columns if c not in declared and c in zh}
    raw = raw.rename(columns=rename)
    header = list(raw.columns)
    for c in declared:
        if c not in header:
            probs.add(f"{rel}: column {c!r}: declared in datapackage.json, not in the CSV header")
    for c in header:
        if c not in declared:
            probs.add(f"{rel}: column {c!r}: in the CSV header, not declared in datapackage.json")
    if declared != [c for c in header if c in declared] and not any("not in the CSV" in p for p in probs):
        probs.add(f"{rel}: columns are not in the declared order")

    # --- 1. inferred read: numbers must not come back as text ------------------------
    inferred = pd.read_csv(path, encoding=encoding, na_values=missing_values, keep_default_na=False).rename(columns=rename)
    for f in fields:
        c, t = f["name"], f.get("type", "string")
        if c in inferred.columns and t in NUMERIC and not ptypes.is_numeric_dtype(inferred[c]):
            if inferred[c].isna().all():
                continue  # an all-empty column reads as float64 normally; object only if it is not empty
            probs.add(f"{rel}: column {c!r}: declared {t} but pandas reads it as {inferred[c].dtype} (text)")

    # --- 2. declared dtypes: every cell must parse ---------------------------
    for f in fields:
        c, t = f["name"], f.get("type", "string")
        if c not in raw.columns:
            continue
        col = raw[c]
        present = ~col.isin(missing_values)
        vals = col[present]
        if t == "number":
            bad = vals[~vals.str.strip().str.match(NUMBER_RE)]
        elif t in ("integer", "year"):
            bad = vals[~vals.str.strip().str.match(INTEGER_RE)]
        elif t == "boolean":
            ok = set(f.get("trueValues", DEFAULT_TRUE)) | set(f.get("falseValues", DEFAULT_FALSE))
            bad = vals[~vals.isin(ok)]
        else:
            bad = vals.iloc[0:0]
        if len(bad):
            shown = ", ".join(f"line {i + 2}: {v!r}" for i, v in list(bad.items())[:MAX_SHOWN])
            more = f" (+{len(bad) - MAX_SHOWN} more)" if len(bad) > MAX_SHOWN else ""
            probs.add(f"{rel}: column {c!r}: {len(bad)} value(s) do not parse as {t}: {shown}{more}")
        cons = f.get("constraints") or {}
        if cons.get("required") and (~present).any():
            first = int((~present).to_numpy().nonzero()[0][0]) + 2
            probs.add(f"{rel}: column {c!r}: required but empty (first at line {first})")
        if "enum" in cons:
            out = vals[~vals.isin([str(e) for e in cons["enum"]])]
            if len(out):
                probs.add(f"{rel}: column {c!r}: {len(out)} value(s) not in {cons['enum']}: "
                          + ", ".join(f"line {i + 2}: {v!r}" for i, v in list(out.items())[:MAX_SHOWN]))
        if t in NUMERIC and not len(bad) and ("minimum" in cons or "maximum" in cons):
            num = pd.to_numeric(vals, errors="coerce")
            lo, hi = cons.get("minimum"), cons.get("maximum")
            out = num[((num < lo) if lo is not None else False) | ((num > hi) if hi is not None else False)]
            if len(out):
                probs.add(f"{rel}: column {c!r}: {len(out)} value(s) outside [{lo}, {hi}]: "
                          + ", ".join(f"line {i + 2}: {vals[i]!r}" for i in list(out.index)[:MAX_SHOWN]))

    key = (schema or {}).get("primaryKey")
    if isinstance(key, str):
        key = [key]
    if key and all(k in raw.columns for k in key):
        dup = raw[raw.duplicated(key, keep=False)]
        if len(dup):
            probs.add(f"{rel}: primary key {key} not unique: {len(dup)} rows, first at line {dup.index[0] + 2}")

    # --- and pandas itself reads it with those dtypes --------------------------------
    if not probs:
        dtypes, bools = {}, {}
        for f in fields:
            t = f.get("type", "string")
            if t == "boolean":
                bools[f["name"]] = f
                dtypes[f["name"]] = "string"
            else:
                dtypes[f["name"]] = PANDAS_DTYPE.get(t, "string")
        try:
            back = {v: k for k, v in rename.items()}
            df = pd.read_csv(path, dtype={back.get(c, c): t for c, t in dtypes.items()}, na_values=missing_values,
                             keep_default_na=False, encoding=encoding).rename(columns=rename)
            for c, f in bools.items():
                m = {v: True for v in f.get("trueValues", DEFAULT_TRUE)} | {v: False for v in f.get("falseValues", DEFAULT_FALSE)}
                df[c] = df[c].map(m).astype("boolean")
            for c, want in dtypes.items():
                if c in bools:
                    continue
                if want in ("float64", "Int64") and not ptypes.is_numeric_dtype(df[c]):
                    probs.add(f"{rel}: column {c!r}: read as {df[c].dtype}, expected {want}")
        except (ValueError, TypeError) as e:
            probs.add(f"{rel}: pandas cannot read it with the declared dtypes: {e}")
    return probs


def run_frictionless(run_dir: Path) -> list[str]:
    try:
        from frictionless import validate
    except ImportError:
        return ["--frictionless: the frictionless package is not installed (notebooks-export/setup_env.sh)"]
    report = validate(str(run_dir / "datapackage.json"))
    if report.valid:
        return []
    out = []
    for task in report.tasks:
        for err in task.errors[:MAX_SHOWN]:
            out.append(f"frictionless: {task.name}: {err.message}")
    for err in report.errors[:MAX_SHOWN]:
        out.append(f"frictionless: {err.message}")
    return out or ["frictionless: package is not valid"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run_dir", help="a fiscal-sim run folder (holds datapackage.json)")
    ap.add_argument("--frictionless", action="store_true", help="also run frictionless validate")
    ap.add_argument("--quiet", action="store_true", help="print failures and the summary only")
    a = ap.parse_args(argv)
    run_dir = Path(a.run_dir)
    if not run_dir.is_dir():
        print(f"error: {run_dir}: no such run folder", file=sys.stderr)
        return 2
    dp_path = run_dir / "datapackage.json"
    if not dp_path.is_file():
        print(f"error: {dp_path}: no datapackage.json in the run folder, so there are no declared types to check "
              f"(fiscal-sim writes it next to units.csv; model.md §9)", file=sys.stderr)
        return 1
    try:
        dp = json.loads(dp_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        print(f"error: {dp_path}: not valid JSON: {e}", file=sys.stderr)
        return 1
    resources = dp.get("resources") or []
    passed = failed = 0
    described = set()
    for res in resources:
        rel = resource_path(res) or res.get("name", "?")
        described.add(Path(rel).name if rel else None)
        if not str(rel).lower().endswith(".csv") and res.get("format", "csv") != "csv":
            continue
        probs = check_resource(run_dir, res)
        if probs:
            failed += 1
            print(f"FAIL {rel}")
            for p in probs:
                print(f"  {p}")
        else:
            passed += 1
            if not a.quiet:
                n = len((res.get("schema") or {}).get("fields") or [])
                print(f"ok   {rel} ({n} columns)")
    for csv_path in sorted(run_dir.glob("*.csv")):
        if csv_path.name not in described:
            failed += 1
            print(f"FAIL {csv_path.name}")
            print(f"  {csv_path.name}: CSV in the run folder without a resource in datapackage.json")
    if a.frictionless:
        msgs = run_frictionless(run_dir)
        for m in msgs:
            print(f"  {m}")
        if msgs:
            failed += 1
            print("FAIL datapackage.json (frictionless)")
        else:
            passed += 1
            if not a.quiet:
                print("ok   datapackage.json (frictionless validate)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
