"""Tests for notebooks-export (stdlib unittest; run with the notebooks' venv):

    .venv/bin/python -m unittest discover -s notebooks-export/tests -v

They build fake run folders with make_fake_run.py (no Swift tool needed).
FISCAL_SKIP_NOTEBOOK_TESTS=1 skips the slow part that executes every notebook.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
NB_DIR = HERE.parent
REPO = NB_DIR.parent
sys.path.insert(0, str(NB_DIR))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import fiscalplot as fp  # noqa: E402

PY = sys.executable


def make_run(dest: Path, *args: str) -> Path:
    subprocess.run([PY, str(HERE / "make_fake_run.py"), str(dest), *args], check=True, capture_output=True)
    return dest


class FakeRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = Path(cls.tmp.name)
        cls.det = make_run(root / "det")
        cls.mc = make_run(root / "mc", "--mc", "12")
        cls.bare = make_run(root / "bare", "--no-extras", "--no-datapackage")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check(self, run_dir, *extra):
        return subprocess.run([PY, str(NB_DIR / "check_dtypes.py"), str(run_dir), *extra],
                              capture_output=True, text=True)


class TestCheckDtypes(FakeRuns):
    def test_valid_folders_pass(self):
        for d, n in ((self.det, 3), (self.mc, 2)):
            r = self.check(d)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(r.stdout.strip().splitlines()[-1], f"{n} passed, 0 failed")

    def test_no_datapackage_is_an_error(self):
        r = self.check(self.bare)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no datapackage.json", r.stderr)

    def corrupt(self, name, mutate):
        d = Path(self.tmp.name) / name
        subprocess.run(["cp", "-r", str(self.det), str(d)], check=True)
        mutate(d)
        return self.check(d)

    def test_text_in_number_column_names_file_and_column(self):
        def mutate(d):
            lines = (d / "districts.csv").read_text(encoding="utf-8").splitlines()
            cells = lines[3].split(",")
            cells[3] = "1.234.5"
            lines[3] = ",".join(cells)
            (d / "districts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        r = self.corrupt("badnum", mutate)
        self.assertEqual(r.returncode, 1)
        self.assertIn("districts.csv: column 'tax': declared number but pandas reads it as", r.stdout)
        self.assertIn("line 4: '1.234.5'", r.stdout)
        self.assertEqual(r.stdout.strip().splitlines()[-1], "2 passed, 1 failed")

    def test_bad_integer_and_boolean(self):
        def mutate(d):
            lines = (d / "units.csv").read_text(encoding="utf-8").splitlines()
            cells = lines[1].split(",")
            cells[3] = "2026.5"       # year
            cells[4] = "yes"          # adopted
            lines[1] = ",".join(cells)
            (d / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        r = self.corrupt("badint", mutate)
        self.assertEqual(r.returncode, 1)
        self.assertIn("units.csv: column 'year': 1 value(s) do not parse as integer: line 2: '2026.5'", r.stdout)
        self.assertIn("units.csv: column 'adopted'", r.stdout)

    def test_undeclared_csv_and_column(self):
        def mutate(d):
            (d / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
            dp = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
            dp["resources"][0]["schema"]["fields"].pop()  # unit_name no longer declared
            (d / "datapackage.json").write_text(json.dumps(dp), encoding="utf-8")
        r = self.corrupt("undeclared", mutate)
        self.assertEqual(r.returncode, 1)
        self.assertIn("extra.csv: CSV in the run folder without a resource", r.stdout)
        self.assertIn("column 'unit_name': in the CSV header, not declared", r.stdout)
        self.assertEqual(r.stdout.strip().splitlines()[-1], "2 passed, 2 failed")

    def test_chinese_headers_map_back_through_title_zh(self):
        zh = {"variant": "方案", "district": "区", "unit": "街道", "year": "年份", "adopted": "是否已实施",
              "tax": "税收", "rebate": "增量返还", "gap": "财力缺口", "unit_name": "街道名称"}
        def mutate(d):
            dp = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
            for f in dp["resources"][0]["schema"]["fields"]:
                if f["name"] in zh:
                    f["title_zh"] = zh[f["name"]]
            (d / "datapackage.json").write_text(json.dumps(dp, ensure_ascii=False), encoding="utf-8")
            text = (d / "units.csv").read_text(encoding="utf-8")
            head, rest = text.split("\n", 1)
            head = ",".join(zh.get(c, c) for c in head.split(","))
            (d / "units.csv").write_text("\ufeff" + head + "\n" + rest, encoding="utf-8")  # with a BOM, like --excel
        r = self.corrupt("zh", mutate)
        self.assertEqual(r.returncode, 0, r.stdout)
        run = fp.load_run(Path(self.tmp.name) / "zh")
        self.assertIn("rebate", run.units.columns)
        self.assertEqual(str(run.units["adopted"].dtype), "boolean")
        self.assertEqual(run.unit_label("gulangyu"), "鼓浪屿街道")

    def test_constraints_enum_range_and_primary_key(self):
        def mutate(d):
            dp = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
            sch = dp["resources"][1]["schema"]
            for f in sch["fields"]:
                if f["name"] == "variant":
                    f["constraints"] = {"required": True, "enum": ["counterfactual", "reform"]}
                if f["name"] == "year":
                    f["constraints"] = {"minimum": 2026, "maximum": 2034}
            sch["primaryKey"] = ["variant", "district"]
            (d / "datapackage.json").write_text(json.dumps(dp), encoding="utf-8")
        r = self.corrupt("constraints", mutate)
        self.assertEqual(r.returncode, 1)
        self.assertIn("districts.csv: column 'variant':", r.stdout)
        self.assertIn("not in ['counterfactual', 'reform']", r.stdout)
        self.assertIn("districts.csv: column 'year': 8 value(s) outside [2026, 2034]", r.stdout)
        self.assertIn("primary key ['variant', 'district'] not unique", r.stdout)

    def test_empty_cells_are_missing_values(self):
        # reference / self_sufficiency / coverage_* have empty cells in the fake run: they must pass
        df = pd.read_csv(self.det / "units.csv")
        self.assertTrue(df["reference"].isna().any())
        self.assertEqual(self.check(self.det).returncode, 0)


class TestFiscalplot(FakeRuns):
    def test_cjk_font_is_configured(self):
        self.assertFalse(plt.rcParams["axes.unicode_minus"])
        self.assertEqual(plt.rcParams["font.sans-serif"][0], "WenQuanYi Micro Hei")
        path = fp.cjk_font_path("思明区街道办事处资金缺口自给率")
        self.assertIsNotNone(path, "no CJK font: run notebooks-export/setup_env.sh")
        self.assertIn("wqy", path.lower())

    def test_every_shipped_unit_name_has_glyphs(self):
        path = fp.cjk_font_path()
        names = set()
        for csv in sorted((REPO / "scenarios" / "data").glob("*.csv")):
            df = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if "name" in df.columns:
                names.update(df["name"])
        for f in sorted((REPO / "scenarios").glob("*.yaml")):
            import yaml
            for d in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("districts") or []:
                names.add(str(d.get("name", "")))
        names.update(fp.FEE_LABELS.values())
        missing = [n for n in names if not fp.font_has_glyphs(path, n)]
        self.assertEqual(missing, [])

    def test_chinese_renders_without_missing_glyphs(self):
        with tempfile.TemporaryDirectory() as d:
            os.environ["FISCAL_FIGURE_DIR"] = d
            os.environ["FISCAL_STRICT_GLYPHS"] = "1"
            try:
                fig, ax = plt.subplots()
                ax.set_title("鼓浪屿街道: 资金缺口 −100 万元")
                ax.plot([1, 2], [-1, 1])
                out = fp.savefig(fig, "cjk-ok")
                self.assertTrue(out.is_file() and out.stat().st_size > 1000)
                fig2, ax2 = plt.subplots()
                ax2.set_title("\U0001F600")  # an emoji no configured font has
                with self.assertRaises(RuntimeError):
                    fp.savefig(fig2, "cjk-missing")
            finally:
                del os.environ["FISCAL_FIGURE_DIR"], os.environ["FISCAL_STRICT_GLYPHS"]
                plt.close("all")

    def test_load_deterministic(self):
        run = fp.load_run(self.det)
        self.assertFalse(run.is_monte_carlo)
        self.assertEqual(run.variants[:2], ["counterfactual", "reform"])
        self.assertEqual(run.fee_categories, ["greening", "sanitation", "security"])
        self.assertEqual(run.unit_label("gulangyu"), "鼓浪屿街道")
        self.assertEqual(run.district_label("siming"), "思明区")
        groups, note = run.pilot_groups()
        self.assertEqual(groups["lujiang"], "试点")
        self.assertEqual(groups["xiagang"], "非试点")
        self.assertEqual(str(run.units["adopted"].dtype), "boolean")
        self.assertEqual(run.units["year"].dtype.kind, "i")
        self.assertEqual(run.money_unit, "万元")
        self.assertIn("gap_did", run.tables["groups"].columns)

    def test_names_and_tags_from_scenario_when_output_has_none(self):
        run = fp.load_run(self.bare)  # no unit_name column, no datapackage.json
        self.assertNotIn("unit_name", run.units.columns)
        self.assertEqual(run.unit_label("gulangyu"), "鼓浪屿街道")  # from the scenario's units CSV
        self.assertEqual(run.pilot_groups()[0]["yundang"], "试点")

    def test_units_csv_from_env(self):
        with tempfile.TemporaryDirectory() as d:
            moved = Path(d) / "run"
            subprocess.run(["cp", "-r", str(self.bare), str(moved)], check=True)
            units_csv = moved / "scenario" / "data" / "streets.csv"
            (moved / "run.json").write_text(json.dumps({"scenario": "/nonexistent/x.yaml"}), encoding="utf-8")
            run = fp.load_run(moved)
            self.assertEqual(run.unit_label("gulangyu"), "gulangyu")
            self.assertTrue(any("not found" in n for n in run.notes))
            os.environ["FISCAL_UNITS_CSV"] = str(units_csv)
            try:
                run = fp.load_run(moved)
            finally:
                del os.environ["FISCAL_UNITS_CSV"]
            self.assertEqual(run.unit_label("gulangyu"), "鼓浪屿街道")
            self.assertEqual(run.pilot_groups()[0]["huli"], "试点")

    def test_monte_carlo_wide_tables(self):
        run = fp.load_run(self.mc)
        self.assertTrue(run.is_monte_carlo)
        ut = run.unit_table("mean")
        self.assertEqual(len(ut), 4 * 11 * 10)
        self.assertFalse(ut.duplicated(["variant", "unit", "year"]).any())
        for col in ("tax", "rebate", "gap", "coverage_greening"):
            self.assertIn(col, ut.columns)
        dt = run.district_table("p50")
        self.assertEqual(len(dt), 4 * 2 * 10)


@unittest.skipIf(os.environ.get("FISCAL_SKIP_NOTEBOOK_TESTS") == "1", "FISCAL_SKIP_NOTEBOOK_TESTS=1")
class TestRunAll(FakeRuns):
    def test_run_all_exports_html_and_figures(self):
        with tempfile.TemporaryDirectory() as out:
            # The sweep notebook (06) needs the fiscal-sim binary; it runs once, not per folder.
            env = dict(os.environ, FISCAL_EXPORT_DIR=out, FISCAL_SKIP_SETUP="1", FISCAL_SWEEP_NOTEBOOKS="0")
            r = subprocess.run(["bash", str(NB_DIR / "run_all.sh"), str(self.det), str(self.mc)],
                               capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 0, r.stderr[-3000:])
            notebooks = sorted(p.stem for p in NB_DIR.glob("[0-9][0-9]-*.ipynb") if p.stem not in ("06-sensitivity", "08-rollout"))
            self.assertEqual(r.stdout.strip().splitlines()[-1], f"{2 * (len(notebooks) + 1)} passed, 0 failed")
            for name in ("det", "mc"):
                html = sorted(p.stem for p in (Path(out) / "html" / name).glob("*.html"))
                self.assertEqual(html, notebooks)
                figs = list((Path(out) / "figures" / name).glob("*.png"))
                prefixes = {p.name[:2] for p in figs}
                # 07 draws only for runs whose units have a calibration (not these fake runs)
                self.assertEqual(prefixes, {n[:2] for n in notebooks} - {"07"}, "every notebook saves figures")

    def test_run_all_fails_on_a_broken_folder(self):
        with tempfile.TemporaryDirectory() as out:
            broken = Path(out) / "broken"
            broken.mkdir()
            (broken / "run.json").write_text("{}", encoding="utf-8")
            env = dict(os.environ, FISCAL_EXPORT_DIR=out, FISCAL_SKIP_SETUP="1")
            r = subprocess.run(["bash", str(NB_DIR / "run_all.sh"), str(broken)], capture_output=True, text=True,
                               env=env)
            self.assertEqual(r.returncode, 1)
            self.assertIn("FAIL 01-net-revenue.ipynb", r.stderr)
            self.assertIn("is this a fiscal-sim run folder", r.stderr)


if __name__ == "__main__":
    unittest.main()
