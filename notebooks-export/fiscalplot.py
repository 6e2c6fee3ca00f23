"""Shared loading and plotting setup for the fiscal-sim notebooks.

Every notebook does

    import os
    RUN_DIR = os.environ.get("FISCAL_RUN_DIR", "../out/siming-pilot")
    import fiscalplot as fp
    run = fp.load_run(RUN_DIR)

and then draws with matplotlib; ``fp.savefig(fig, name)`` writes each figure as
PNG into ``$FISCAL_FIGURE_DIR`` (nothing is written when it is unset).

Chinese text: ``setup_matplotlib()`` (called on import) selects the font family
"WenQuanYi Micro Hei" (Debian fonts-wqy-microhei, see setup_env.sh) with other
CJK fonts as fallbacks and sets ``axes.unicode_minus = False``.  With
``FISCAL_STRICT_GLYPHS=1`` (run_all.sh sets it) a glyph missing from every font
is an error instead of a warning, so an export never ships tofu boxes.

Run folder layout: model.md §9 (units.csv, districts.csv, or units_quantiles.csv /
districts_quantiles.csv for Monte Carlo runs, run.json, datapackage.json).
"""
from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_RUN_DIR = "../out/siming-pilot"

CJK_FONTS = [
    "WenQuanYi Micro Hei",  # fonts-wqy-microhei (what setup_env.sh installs)
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Arial Unicode MS",
]
FALLBACK_FONTS = ["DejaVu Sans"]

KEY_COLUMNS_UNITS = ["variant", "district", "unit", "year"]
KEY_COLUMNS_DISTRICTS = ["variant", "district", "year"]
QUANTILES = ["p05", "p25", "p50", "p75", "p95"]

# model.md §9 column lists (extras may follow them)
UNIT_COLUMNS = ["variant", "district", "unit", "year", "adopted", "tax", "reference", "increment", "rebate",
                "allocation", "fees_total", "donations", "enterprise_income", "collective_income", "resources",
                "need", "gap", "self_sufficiency"]
DISTRICT_COLUMNS = ["variant", "district", "year", "tax", "rebates", "capacity_factor", "net_revenue",
                    "counterfactual_net_revenue", "reform_effect", "fees_collected", "fees_transferred",
                    "fees_retained", "donations_pooled", "donations_allocated", "donations_retained",
                    "donations_reserve", "need", "resources", "gap"]

# Chinese names of things the output only names in English
FEE_LABELS = {"greening": "绿化", "sanitation": "环卫", "security": "治安"}
VARIANT_LABELS = {"counterfactual": "反事实 (无改革)", "reform": "改革方案 (reform)"}
METRIC_LABELS = {
    "rebates": "税收增量返还", "rebate": "税收增量返还",
    "fees_transferred": "条费转块 (转移的规费)", "donations_allocated": "社会募集资金下拨",
    "reform_effect": "改革对区级净收入的影响", "net_revenue": "区级净收入",
    "counterfactual_net_revenue": "反事实净收入", "gap": "资金缺口", "self_sufficiency": "自给率",
    "increment": "税收增量", "tax": "税收",
}


# ---------------------------------------------------------------------------
# matplotlib
# ---------------------------------------------------------------------------
def _installed_font_names() -> set[str]:
    return {f.name for f in font_manager.fontManager.ttflist}


def setup_matplotlib() -> list[str]:
    """Configure matplotlib for Chinese labels; returns the CJK fonts found."""
    found = [f for f in CJK_FONTS if f in _installed_font_names()]
    if not found:
        # the font may have been installed after matplotlib cached its font list
        for path in font_manager.findSystemFonts():
            try:
                font_manager.fontManager.addfont(path)
            except Exception:  # noqa: BLE001 - unreadable font files are skipped
                pass
        found = [f for f in CJK_FONTS if f in _installed_font_names()]
    if not found:
        warnings.warn("no CJK font found (install fonts-wqy-microhei: notebooks-export/setup_env.sh); "
                      "Chinese labels will not render", stacklevel=2)
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": CJK_FONTS + FALLBACK_FONTS,
        "axes.unicode_minus": False,
        "figure.dpi": 110,
        "savefig.dpi": 130,
        "savefig.bbox": "tight",
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "axes.titlesize": 12,
        "figure.titlesize": 13,
    })
    return found


def cjk_font_path(text: str = "思明区街道办事处") -> str | None:
    """Path of the font file that renders *text* with the current settings, or None
    if no configured font has every glyph of it."""
    for name in plt.rcParams["font.sans-serif"]:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
        except ValueError:
            continue
        if font_has_glyphs(path, text):
            return path
    return None


def font_has_glyphs(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font
    cmap = FT2Font(path).get_charmap()
    return all(ord(ch) in cmap for ch in text if not ch.isspace())


_GLYPH_RE = re.compile(r"Glyph \d+ .*missing from (current )?font")


def _figure_dir() -> Path | None:
    d = os.environ.get("FISCAL_FIGURE_DIR")
    if not d:
        return None
    p = Path(d)
    p.mkdir(parents=True, exist_ok=True)
    return p


def savefig(fig, name: str) -> Path | None:
    """Save *fig* as ``$FISCAL_FIGURE_DIR/<name>.png`` (no-op when unset).

    Always draws the figure once and checks for glyphs missing from every font:
    a warning, or an error when ``FISCAL_STRICT_GLYPHS=1``."""
    name = re.sub(r"[^\w.\-]+", "-", name).strip("-")
    out = _figure_dir()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if out is not None:
            target = out / f"{name}.png"
            fig.savefig(target)
        else:
            target = None
            fig.canvas.draw()
    missing = sorted({str(w.message) for w in caught if _GLYPH_RE.search(str(w.message))})
    for w in caught:
        if not _GLYPH_RE.search(str(w.message)):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if missing:
        msg = f"figure {name}: missing glyphs: " + "; ".join(missing[:5])
        if os.environ.get("FISCAL_STRICT_GLYPHS") == "1":
            raise RuntimeError(msg)
        warnings.warn(msg, stacklevel=2)
    return target


# ---------------------------------------------------------------------------
# run folders
# ---------------------------------------------------------------------------
def resolve_run_dir(run_dir: str | os.PathLike | None = None) -> Path:
    """Find the run folder: absolute, or relative to the working directory, to the
    directory jupyter was started from ($PWD), to notebooks-export/ or to the repo root."""
    raw = str(run_dir if run_dir is not None else os.environ.get("FISCAL_RUN_DIR", DEFAULT_RUN_DIR))
    p = Path(raw).expanduser()
    candidates = [p] if p.is_absolute() else [Path.cwd() / p, Path(os.environ.get("PWD", ".")) / p, HERE / p, REPO_ROOT / p]
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"run folder {raw!r} not found (tried {tried}). Set FISCAL_RUN_DIR to a folder written by "
        f"`fiscal-sim run SCENARIO --out DIR`.")


_PANDAS_TYPES = {"number": "float64", "integer": "Int64", "year": "Int64", "boolean": "boolean", "string": "string"}


def _resource_fields(dp: dict | None, filename: str) -> list[dict] | None:
    for res in (dp or {}).get("resources", []):
        path = res.get("path")
        if isinstance(path, list):
            path = path[0] if path else None
        if path and Path(path).name == filename:
            return [f for f in (res.get("schema") or {}).get("fields") or [] if "name" in f]
    return None


def datapackage_dtypes(dp: dict | None, filename: str) -> dict[str, str] | None:
    fields = _resource_fields(dp, filename)
    if fields is None:
        return None
    return {f["name"]: _PANDAS_TYPES.get(f.get("type", "string"), "string") for f in fields}


def read_csv(path: Path, dp: dict | None = None) -> pd.DataFrame:
    """Read a run CSV with the dtypes the datapackage declares, or sensible ones.
    Chinese headers (`fiscal-sim run --lang zh`) are mapped back to the English
    column names through the package's `title_zh`."""
    declared = datapackage_dtypes(dp, path.name)
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    zh = {f["title_zh"]: f["name"] for f in _resource_fields(dp, path.name) or [] if f.get("title_zh")}
    rename = {c: zh[c] for c in header if declared and c not in declared and c in zh}
    if rename:
        back = {v: k for k, v in rename.items()}
        declared = {back.get(c, c): t for c, t in declared.items()}
    if declared:
        dtypes = {c: t for c, t in declared.items() if c in header and t != "boolean"}
        bools = [c for c, t in declared.items() if c in header and t == "boolean"]
    else:
        dtypes = {c: "string" for c in ("variant", "district", "unit", "metric", "unit_name", "district_name")
                  if c in header}
        if "year" in header:
            dtypes["year"] = "Int64"
        bools = [c for c in ("adopted",) if c in header]
    for b in bools:
        dtypes[b] = "string"
    try:
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    except (ValueError, TypeError) as e:
        raise ValueError(f"{path}: cannot read with the {'declared' if declared else 'expected'} column types "
                         f"({e}); run notebooks-export/check_dtypes.py {path.parent} for details") from None
    if rename:
        df = df.rename(columns=rename)
        bools = [rename.get(b, b) for b in bools]
        dtypes = {rename.get(c, c): t for c, t in dtypes.items()}
    for b in bools:
        df[b] = df[b].str.lower().map({"true": True, "false": False, "1": True, "0": False}).astype("boolean")
    for c in df.columns:
        if c not in dtypes and df[c].dtype == object:
            conv = pd.to_numeric(df[c], errors="coerce")
            if conv.notna().sum() == df[c].notna().sum():
                df[c] = conv
    if "year" in df.columns:
        df["year"] = df["year"].astype(int)
    return df


def _read_yaml(path: Path) -> dict:
    try:
        import yaml
        with open(path, encoding="utf-8-sig") as f:
            return yaml.safe_load(f) or {}
    except ImportError:  # pragma: no cover - PyYAML is in requirements.txt
        text = path.read_text(encoding="utf-8-sig")
        out = {}
        for key in ("name", "units", "unit", "currency"):
            m = re.search(rf"^{key}:\s*([^#\n]+)", text, re.M)
            if m:
                out[key] = m.group(1).strip().strip("'\"")
        return out


@dataclass
class Run:
    path: Path
    units: pd.DataFrame | None = None              # units.csv (deterministic runs)
    districts: pd.DataFrame | None = None          # districts.csv
    units_q: pd.DataFrame | None = None            # units_quantiles.csv (Monte Carlo)
    districts_q: pd.DataFrame | None = None        # districts_quantiles.csv
    meta: dict = field(default_factory=dict)       # run.json
    datapackage: dict | None = None
    scenario_path: Path | None = None
    scenario: dict = field(default_factory=dict)
    units_input: pd.DataFrame | None = None       # the scenario's units CSV (id, name, tags, …)
    units_input_source: str = ""
    tables: dict = field(default_factory=dict)     # other CSVs by stem: comparison, groups, …
    notes: list[str] = field(default_factory=list)

    # -- shape ---------------------------------------------------------------
    @property
    def name(self) -> str:
        return str(self.scenario.get("name") or self.meta.get("name") or self.path.name)

    @property
    def is_monte_carlo(self) -> bool:
        return self.units is None and (self.units_q is not None or self.districts_q is not None)

    @property
    def money_unit(self) -> str:
        return str(self.scenario.get("unit") or self.meta.get("unit") or "万元")

    def unit_table(self, stat: str = "mean") -> pd.DataFrame:
        """One row per variant × unit × year with the units.csv columns; for a Monte
        Carlo run the chosen statistic (mean, p50, …) of every metric."""
        if self.units is not None:
            return self.units
        if self.units_q is None:
            raise FileNotFoundError(f"{self.path}: neither units.csv nor units_quantiles.csv")
        return _wide(self.units_q, KEY_COLUMNS_UNITS, stat)

    def district_table(self, stat: str = "mean") -> pd.DataFrame:
        if self.districts is not None:
            return self.districts
        if self.districts_q is None:
            raise FileNotFoundError(f"{self.path}: neither districts.csv nor districts_quantiles.csv")
        return _wide(self.districts_q, KEY_COLUMNS_DISTRICTS, stat)

    @property
    def variants(self) -> list[str]:
        df = self.districts if self.districts is not None else self.districts_q
        if df is None:
            df = self.units if self.units is not None else self.units_q
        return list(pd.unique(df["variant"]))

    @property
    def policy_variants(self) -> list[str]:
        return [v for v in self.variants if v != "counterfactual"]

    @property
    def district_ids(self) -> list[str]:
        df = self.districts if self.districts is not None else self.districts_q
        if df is None:
            df = self.units if self.units is not None else self.units_q
        return list(pd.unique(df["district"]))

    @property
    def unit_ids(self) -> list[str]:
        df = self.units if self.units is not None else self.units_q
        return list(pd.unique(df["unit"])) if df is not None else []

    @property
    def fee_categories(self) -> list[str]:
        if self.units is not None:
            cols = list(self.units.columns)
        elif self.units_q is not None:
            cols = list(pd.unique(self.units_q["metric"]))
        else:
            return []
        return [c[4:] for c in cols if c.startswith("fee_") and c != "fees_total"]

    # -- labels ----------------------------------------------------------------
    def unit_labels(self) -> dict[str, str]:
        """unit id -> display name (Chinese where the data has it)."""
        labels = {u: u for u in self.unit_ids}
        if self.units_input is not None and "name" in self.units_input.columns:
            for uid, nm in zip(self.units_input["id"], self.units_input["name"]):
                if isinstance(nm, str) and nm.strip():
                    labels[str(uid)] = nm.strip()
        if self.units is not None and "unit_name" in self.units.columns:
            pairs = self.units[["unit", "unit_name"]].dropna().drop_duplicates("unit")
            labels.update({u: n for u, n in zip(pairs["unit"], pairs["unit_name"]) if str(n).strip()})
        return labels

    def unit_label(self, uid: str) -> str:
        return self.unit_labels().get(uid, uid)

    def district_labels(self) -> dict[str, str]:
        labels = {d: d for d in self.district_ids}
        for d in self.scenario.get("districts") or []:
            if isinstance(d, dict) and d.get("id") in labels and d.get("name"):
                labels[d["id"]] = str(d["name"])
        if self.districts is not None and "district_name" in self.districts.columns:
            pairs = self.districts[["district", "district_name"]].dropna().drop_duplicates("district")
            labels.update(dict(zip(pairs["district"], pairs["district_name"])))
        return labels

    def district_label(self, did: str) -> str:
        return self.district_labels().get(did, did)

    # -- tags ------------------------------------------------------------------
    def unit_tags(self) -> dict[str, list[str]]:
        """unit id -> tags (from a `tags` column of units.csv, else the units input)."""
        src = None
        if self.units is not None and "tags" in self.units.columns:
            src = self.units[["unit", "tags"]].drop_duplicates("unit").rename(columns={"unit": "id"})
        elif self.units_input is not None and "tags" in self.units_input.columns:
            src = self.units_input[["id", "tags"]]
        out = {u: [] for u in self.unit_ids}
        if src is None:
            return out
        for uid, tags in zip(src["id"], src["tags"]):
            tags = tags if isinstance(tags, str) else ""
            out[str(uid)] = [t.strip() for t in tags.split(";") if t.strip()]
        return out

    def pilot_groups(self, tag: str | None = None) -> tuple[dict[str, str], str]:
        """unit id -> "试点" / "非试点", and a sentence saying how it was decided.

        Pilot = carries the tag (default $FISCAL_PILOT_TAG or `pilot`).  Without any
        tag information, units adopted in the first projected year of `reform` count
        as pilots (an explicit fallback, said in the returned note)."""
        tag = tag or os.environ.get("FISCAL_PILOT_TAG", "pilot")
        tags = self.unit_tags()
        if any(tag in t for t in tags.values()):
            return ({u: ("试点" if tag in t else "非试点") for u, t in tags.items()},
                    f"试点 = 标签 `{tag}` ({self.units_input_source or 'units.csv tags'})")
        if self.units is not None and "adopted" in self.units.columns:
            ref = self.units[self.units["variant"] == ("reform" if "reform" in self.variants else self.variants[-1])]
            first = ref["year"].min()
            early = set(ref[(ref["year"] == first) & (ref["adopted"].fillna(False))]["unit"])
            if early:
                return ({u: ("试点" if u in early else "非试点") for u in self.unit_ids},
                        f"未找到标签 `{tag}`: 试点 = {first} 年即采用改革的单位")
        return ({u: "全部单位" for u in self.unit_ids}, f"未找到标签 `{tag}`, 不区分试点")

    def summary(self) -> str:
        kind = "Monte Carlo (quantiles)" if self.is_monte_carlo else "deterministic"
        lines = [f"run folder: {_show(self.path)}", f"scenario: {_show(self.scenario_path) or '?'} ({self.name})",
                 f"kind: {kind}, paths={self.meta.get('paths', '?')}, seed={self.meta.get('seed', '?')}",
                 f"variants: {', '.join(self.variants)}",
                 f"districts: {', '.join(f'{d} {self.district_label(d)}' for d in self.district_ids)}",
                 f"units: {len(self.unit_ids)}, fee categories: {', '.join(self.fee_categories) or '-'}",
                 f"money unit: {self.money_unit}",
                 f"other tables: {', '.join(sorted(self.tables)) or '-'}"]
        return "\n".join(lines + [f"note: {n}" for n in self.notes])


def _show(p: Path | None) -> str:
    """A path for display: relative to the repo root when inside it."""
    if p is None:
        return ""
    try:
        return str(Path(p).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(p)


def _wide(long: pd.DataFrame, keys: list[str], stat: str) -> pd.DataFrame:
    order = list(pd.unique(long["metric"]))
    key_order = long[keys].drop_duplicates()
    wide = long.pivot(index=keys, columns="metric", values=stat)
    wide = wide.reindex(index=pd.MultiIndex.from_frame(key_order), columns=order).reset_index()
    wide.columns.name = None
    return wide


def _find_scenario(raw: str, run_dir: Path) -> Path | None:
    p = Path(raw).expanduser()
    if p.is_absolute():
        return p if p.is_file() else None
    for base in (run_dir, Path.cwd(), Path(os.environ.get("PWD", ".")), REPO_ROOT, run_dir.parent, run_dir.parent.parent):
        if (base / p).is_file():
            return (base / p).resolve()
    return None


def _units_from_datapackage(dp: dict | None, run_dir: Path) -> tuple[pd.DataFrame | None, str]:
    """A datapackage resource that looks like the units input (has id + tags)."""
    for res in (dp or {}).get("resources", []):
        names = [f.get("name") for f in (res.get("schema") or {}).get("fields") or []]
        path = res.get("path")
        if "id" in names and "tags" in names and isinstance(path, str) and (run_dir / path).is_file():
            return pd.read_csv(run_dir / path, dtype=str, keep_default_na=False, encoding="utf-8-sig"), f"datapackage: {path}"
    return None, ""


def load_run(run_dir: str | os.PathLike | None = None) -> Run:
    """Load every table of a run folder (see module docstring)."""
    path = resolve_run_dir(run_dir)
    run = Run(path=path)
    if (path / "datapackage.json").is_file():
        run.datapackage = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    if (path / "run.json").is_file():
        run.meta = json.loads((path / "run.json").read_text(encoding="utf-8"))
    else:
        run.notes.append("no run.json")
    for attr, fname in (("units", "units.csv"), ("districts", "districts.csv"),
                        ("units_q", "units_quantiles.csv"), ("districts_q", "districts_quantiles.csv")):
        if (path / fname).is_file():
            setattr(run, attr, read_csv(path / fname, run.datapackage))
    for extra in sorted(path.glob("*.csv")):
        if extra.name not in ("units.csv", "districts.csv", "units_quantiles.csv", "districts_quantiles.csv"):
            try:
                run.tables[extra.stem] = read_csv(extra, run.datapackage)
            except Exception as e:  # noqa: BLE001 - an extra table must not stop the main plots
                run.notes.append(f"{extra.name} unreadable: {e}")
    if run.units is None and run.units_q is None and run.districts is None and run.districts_q is None:
        raise FileNotFoundError(f"{path}: no units.csv/districts.csv or *_quantiles.csv — is this a fiscal-sim run folder?")

    # scenario and its units CSV (names, tags)
    scen = run.meta.get("scenario") or run.meta.get("scenario_path")
    if isinstance(scen, dict):
        scen = scen.get("path")
    if scen:
        run.scenario_path = _find_scenario(str(scen), path)
        if run.scenario_path is None:
            run.notes.append(f"scenario {scen} from run.json not found")
        else:
            try:
                run.scenario = _read_yaml(run.scenario_path)
            except Exception as e:  # noqa: BLE001 - plotting must go on
                run.notes.append(f"scenario {run.scenario_path} unreadable: {e}")
    env_units = os.environ.get("FISCAL_UNITS_CSV")
    candidates = []
    if env_units:
        candidates.append((Path(env_units), "FISCAL_UNITS_CSV"))
    if run.scenario_path is not None and run.scenario.get("units"):
        candidates.append((run.scenario_path.parent / str(run.scenario["units"]), "scenario units"))
    for cand, src in candidates:
        if cand.is_file():
            run.units_input = pd.read_csv(cand, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            run.units_input_source = f"{src}: {cand}"
            break
    else:
        run.units_input, run.units_input_source = _units_from_datapackage(run.datapackage, path)
    if run.units_input is None and not (run.units is not None and "tags" in run.units.columns):
        run.notes.append("units input not found (set FISCAL_UNITS_CSV): no tags, names = ids")
    return run


# ---------------------------------------------------------------------------
# plotting helpers
# ---------------------------------------------------------------------------
def variant_colors(variants: list[str]) -> dict[str, str]:
    palette = plt.get_cmap("tab10").colors
    out, i = {}, 0
    for v in variants:
        if v == "counterfactual":
            out[v] = "#555555"
        else:
            out[v] = matplotlib.colors.to_hex(palette[i % len(palette)])
            i += 1
    return out


def variant_label(v: str) -> str:
    return VARIANT_LABELS.get(v, v)


def fee_label(k: str) -> str:
    return f"{FEE_LABELS[k]} ({k})" if k in FEE_LABELS else k


def metric_label(m: str) -> str:
    return METRIC_LABELS.get(m, m)


def year_axis(ax, years) -> None:
    years = sorted(set(int(y) for y in years))
    step = 1 if len(years) <= 12 else 2
    ax.set_xticks(years[::step])
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.3)


def fmt_money(x: float, decimals: int = 0) -> str:
    """1,234 style; never "-0"."""
    s = f"{x:,.{decimals}f}"
    return s[1:] if s.startswith("-") and float(s[1:].replace(",", "")) == 0 else s


def money_formatter():
    return matplotlib.ticker.FuncFormatter(lambda x, _: fmt_money(x))


def money_axis(ax, unit: str, axis: str = "y") -> None:
    if axis == "y":
        ax.yaxis.set_major_formatter(money_formatter())
        ax.set_ylabel(f"{unit}")
    else:
        ax.xaxis.set_major_formatter(money_formatter())
        ax.set_xlabel(f"{unit}")


def variant_styles(variants: list[str]) -> dict[str, dict]:
    """Line styles per variant. Earlier variants are drawn wider and below later
    ones, so variants whose lines coincide still show as nested coloured bands."""
    colors = variant_colors(variants)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    pol = [v for v in variants if v != "counterfactual"]
    out = {}
    for i, v in enumerate(pol):
        out[v] = dict(color=colors[v], lw=1.4 + 1.0 * (len(pol) - 1 - i), marker=markers[i % len(markers)],
                      ms=4, zorder=2 + i, label=variant_label(v))
    if "counterfactual" in variants:
        out["counterfactual"] = dict(color=colors["counterfactual"], lw=2.2, ls="--", zorder=2 + len(pol),
                                     label=variant_label("counterfactual"))
    return out


def legend_below(fig, axes=None, ncol: int | None = None, **kw):
    """One legend for the whole figure, under the plots (never on top of data)."""
    axes = list(np.ravel(axes)) if axes is not None else fig.axes
    handles, labels, seen = [], [], set()
    for ax in axes:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in seen and not lab.startswith("_"):
                seen.add(lab)
                handles.append(h)
                labels.append(lab)
    if not handles:
        return None
    ncol = ncol or min(len(labels), 4)
    return fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
                      fontsize=kw.pop("fontsize", 9), **kw)


def grid_shape(n: int, max_cols: int = 3) -> tuple[int, int]:
    cols = min(max_cols, max(1, n))
    return int(np.ceil(n / cols)), cols


setup_matplotlib()
