#!/usr/bin/env python3
"""Reads report.xlsx of run folders back with openpyxl and checks it against the folder's CSVs.

    check_workbook.py FOLDER[:zh] ...

For each folder (":zh" when it was run with --lang zh), checks (model.md §18):
- sheet names in the language, About first (with the scenario's SHA-256, seed and paths),
  Summary second, one sheet per CSV, Charts last; a fixed creation time 1980-01-01;
- every CSV cell equals its sheet cell: numbers as number cells equal to the CSV value (to 16
  significant digits), `adopted` as booleans, text as text, empty cells empty; the header row
  equals the CSV's header (which is Chinese under --lang zh);
- money cells formatted with a thousands separator and `precision` decimals, ratios with 4;
- the header row and the key columns frozen, an autofilter over the whole table;
- the native charts listed in model.md §18 as issue 21 changed them (xl/charts/chart*.xml parts, line
  or bar charts), titled in the language; the Brief sheet (model.md §22) read back;
- a sweep folder (sweep.json): sweep.xlsx with About, Sweep and Charts (one chart per district and
  `all`), the same cell checks, the key columns up to `district` frozen;
- where FOLDER.txt exists (what `run` printed), the Summary sheet holds the same tables, cell by
  cell.
Exits 1 listing every mismatch.
"""
import csv
import io
import json
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

SHEETS = {
    "en": {"about": "About", "brief": "Brief", "summary": "Summary", "charts": "Charts", "comparison.csv": "Comparison",
           "districts.csv": "Districts", "units.csv": "Units", "groups.csv": "Groups",
           "districts_quantiles.csv": "District quantiles", "units_quantiles.csv": "Unit quantiles"},
    "zh": {"about": "说明", "brief": "简报", "summary": "汇总", "charts": "图表", "comparison.csv": "对比", "districts.csv": "区",
           "units.csv": "街道", "groups.csv": "分组", "districts_quantiles.csv": "区分位数",
           "units_quantiles.csv": "街道分位数"},
}
SHEETS["en"]["sweep.csv"], SHEETS["zh"]["sweep.csv"] = "Sweep", "扫描"
SHEETS["en"]["waves.csv"], SHEETS["zh"]["waves.csv"] = "Waves", "推开批次"
DETERMINISTIC = ["comparison.csv", "districts.csv", "units.csv", "groups.csv"]
MONTE_CARLO = ["districts_quantiles.csv", "units_quantiles.csv"]
RATIO_METRICS = {"self_sufficiency", "capacity_factor"}
STATISTICS = {"mean", "p05", "p25", "p50", "p75", "p95"}


class Checker:
    def __init__(self, folder, lang):
        self.folder, self.lang, self.problems = Path(folder), lang, []

    def fail(self, message):
        if len(self.problems) < 40:
            self.problems.append(f"{self.folder}/report.xlsx: {message}")

    def run(self, stdout=None):
        self.sweep = (self.folder / "sweep.json").exists()
        manifest = json.loads((self.folder / ("sweep.json" if self.sweep else "run.json")).read_text())
        package = json.loads((self.folder / "datapackage.json").read_text())
        precision = manifest.get("precision", 2)
        self.money_format = "#,##0" + ("." + "0" * precision if precision else "")
        self.money_unit = f'{manifest["currency"]} {manifest["unit"]}'
        book_name = "sweep.xlsx" if self.sweep else "report.xlsx"
        path = self.folder / book_name
        if book_name not in manifest["files"]:
            self.fail(f"the manifest does not list {book_name}")
        book = openpyxl.load_workbook(path)
        names = SHEETS[self.lang]
        tables = ["sweep.csv"] if self.sweep else MONTE_CARLO if manifest["paths"] > 1 else DETERMINISTIC
        # Issue 19: a run with waves adds the Waves sheet after the other tables (not a shard's
        # header-only waves.csv).
        self.waves = self.wave_rows()
        if self.waves:
            tables = tables + ["waves.csv"]
        parts = {t: [n for n in book.sheetnames if re.fullmatch(re.escape(names[t]) + r"( \(\d+\))?", n)] for t in tables}
        self.deterministic = not self.sweep and manifest["paths"] == 1
        expected = ([names["about"]] + ([] if self.sweep else [names["brief"]])
                    + ([] if self.sweep else [names["summary"]]))
        for t in tables:
            expected += [names[t]] + [f"{names[t]} ({k})" for k in range(2, len(parts[t]) + 1)]
        expected.append(names["charts"])
        if book.sheetnames != expected:
            self.fail(f"sheets {book.sheetnames}, expected {expected}")
            return self.problems
        if book.properties.created != datetime(1980, 1, 1):
            self.fail(f"creation time {book.properties.created}, expected 1980-01-01T00:00:00Z")
        self.check_about(book[names["about"]], manifest)
        schemas = {r["path"]: r["schema"] for r in package["resources"]}
        for table in tables:
            self.check_table([book[n] for n in parts[table]], table, schemas[table])
        self.check_charts(path, manifest, tables)
        if self.waves:
            self.check_wave_cells(book[names["charts"]])
        if stdout:
            self.check_summary(book[names["summary"]], Path(stdout).read_text())
        if not self.sweep:
            self.check_brief(book[names["brief"]], Path(stdout).read_text() if stdout else None)
        return self.problems

    def wave_rows(self):
        path = self.folder / "waves.csv"
        if self.sweep or not path.exists():
            return []
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))

    def check_wave_charts(self, xml):
        """The roll-out wave charts (issue 19), last: adopted share (line) and, when some share is
        abandoned, abandoned share (line), one series per variant x wave, plotting waves.csv's
        values (the cells beside the chart are checked against the table on the Charts sheet)."""
        abandoned = any(float(r[k]) > 0 for r in self.waves for k in r if k in ("abandoned_share", "已放弃比例"))
        want = 1 + abandoned
        pairs = {tuple(list(r.values())[:2]) for r in self.waves}
        for body in xml[-want:]:
            if "<c:lineChart>" not in body:
                self.fail("a roll-out wave chart is not a line chart")
            if body.count("<c:ser>") != len(pairs):
                self.fail(f"a roll-out wave chart has {body.count('<c:ser>')} series, expected {len(pairs)} (variant x wave)")
            if "<c:max val=\"1\"/>" not in body or "<c:min val=\"0\"/>" not in body:
                self.fail("a roll-out wave chart's value axis does not run from 0 to 1")
        return want

    def check_wave_cells(self, sheet):
        """The cells the wave charts plot (on the Charts sheet, under each chart's title) equal
        waves.csv's shares: one column per variant x wave in the file's order, one row per year."""
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        titles = [i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith(("Roll-out waves", "各推开批次"))]
        pairs = []
        for r in self.waves:
            pair = tuple(list(r.values())[:2])
            if pair not in pairs:
                pairs.append(pair)
        if not titles:
            self.fail("the Charts sheet has no roll-out wave chart")
        for t in titles:
            column = 4 if "放弃" in rows[t][0] or "abandoned" in rows[t][0] else 3
            for k, pair in enumerate(pairs):
                want = [float(list(r.values())[column]) for r in self.waves if tuple(list(r.values())[:2]) == pair]
                got = [rows[t + 2 + y][k + 1] for y in range(len(want))]
                if got != want:
                    self.fail(f"Charts: {rows[t][0]!r} series {k + 1} is {got}, waves.csv has {want}")

    def check_about(self, sheet, manifest):
        values = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        for fact in (manifest["scenarioSHA256"], str(manifest["seed"]), str(manifest["paths"]), manifest["scenario"],
                     self.money_unit):
            if fact not in values:
                self.fail(f"About does not show {fact!r}")

    def known_names(self):
        """Names by id as the folder's own CSVs write them (districts.csv, units.csv), to check
        the name columns the workbook adds beside ids; empty for a Monte Carlo folder."""
        known = {"district": {}, "unit": {}}
        for table, id_column, name_column in (("districts.csv", "district", "district_name"), ("units.csv", "unit", "unit_name")):
            path = self.folder / table
            if path.exists():
                rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
                package = json.loads((self.folder / "datapackage.json").read_text())
                fields = next(r["schema"]["fields"] for r in package["resources"] if r["path"] == table)
                english = [f.get("title", f["name"]) for f in fields]
                i, j = english.index(id_column), english.index(name_column)
                known[id_column].update({r[i]: r[j] for r in rows[1:]})
        if self.sweep:
            known["district"]["all"] = "全区合计" if self.lang == "zh" else "all districts"
        return known

    @staticmethod
    def sheet_layout(english):
        """The sheet's columns as the workbook lays them out (issue 21): the CSV's columns, each
        name column beside its id (`unit_name` after `unit`, `district_name` after `district`),
        a name column added beside an id the CSV does not name. Entries: ("csv", index) or
        ("name", id index, name column)."""
        names = {"district": "district_name", "unit": "unit_name"}
        moved = {english.index(n) for i, n in names.items() if i in english and n in english}
        layout = []
        for c, column in enumerate(english):
            if c in moved:
                continue
            layout.append(("csv", c))
            if column in names:
                name = names[column]
                layout.append(("csv", english.index(name)) if name in english else ("name", c, name))
        return layout

    def check_table(self, sheets, name, schema):
        """The table's sheet and its continuation sheets (past the row limit) against the CSV:
        every CSV cell in its sheet column, each name column beside its id."""
        text = (self.folder / name).read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        header, data = rows[0], rows[1:]
        kinds = [f["type"] for f in schema["fields"]]
        english = [f.get("title", f["name"]) for f in schema["fields"]]
        if self.lang == "zh" and not self.sweep and header[0] != "方案":
            self.fail(f"{name}: the CSV header is not Chinese: {header[:3]}")
        layout = self.sheet_layout(english)
        labels = {"district_name": "区名称", "unit_name": "街道名称"} if self.lang == "zh" else {}
        want_header = [header[e[1]] if e[0] == "csv" else labels.get(e[2], e[2]) for e in layout]
        known, seen = self.known_names(), {}
        metric = layout.index(("csv", english.index("metric"))) if "metric" in english else None
        offset = 0
        for sheet in sheets:
            cells = list(sheet.iter_rows(values_only=True))
            if list(cells[0]) != want_header:
                self.fail(f"{sheet.title}: header {list(cells[0])}… differs from {want_header}…")
            for r, got in enumerate(cells[1:], start=2):
                line = data[offset + r - 2] if offset + r - 2 < len(data) else []
                for c, (entry, have) in enumerate(zip(layout, got)):
                    if entry[0] == "csv":
                        problem = self.cell_problem(line[entry[1]], have, kinds[entry[1]]) if entry[1] < len(line) else None
                    else:
                        problem = self.name_problem(english[entry[1]], line[entry[1]], have, known, seen)
                    if problem:
                        self.fail(f"{sheet.title}!{get_column_letter(c + 1)}{r}: {problem} ({name} line {offset + r})")
            self.check_formats(sheet, [schema["fields"][e[1]] if e[0] == "csv" else {"name": e[2]} for e in layout], metric)
            keys = english.index("district") + 1 if self.sweep else len(schema.get("primaryKey", [])) or 1
            # A name column stands beside its id and is frozen with it.
            anchors = [layout[k - 1][1] if e[0] == "name" or english[e[1]].endswith("_name") else e[1]
                       for k, e in enumerate(layout)]
            frozen_columns = sum(1 for a in anchors if a < keys)
            frozen = f"{get_column_letter(frozen_columns + 1)}2"
            if sheet.freeze_panes != frozen:
                self.fail(f"{sheet.title}: frozen at {sheet.freeze_panes}, expected {frozen} (header and {keys} key columns with their names)")
            ref = f"A1:{get_column_letter(len(layout))}{len(cells)}"
            if sheet.auto_filter.ref != ref:
                self.fail(f"{sheet.title}: autofilter {sheet.auto_filter.ref}, expected {ref}")
            offset += len(cells) - 1
        if offset != len(data):
            self.fail(f"{name}: {offset} data rows on {len(sheets)} sheet(s), the CSV has {len(data)}")

    @staticmethod
    def name_problem(kind, identifier, have, known, seen):
        """A name the workbook added beside an id: not empty, the name the folder's CSVs give
        that id (when they give one), and the same on every row."""
        if not isinstance(have, str) or not have:
            return f"no name beside {kind} {identifier!r}"
        want = known[kind].get(identifier, seen.setdefault((kind, identifier), have))
        return None if have == want else f"name {have!r} beside {kind} {identifier!r}, expected {want!r}"

    @staticmethod
    def cell_problem(want, have, kind):
        if want == "":
            return None if have is None else f"{have!r} where the CSV cell is empty"
        if kind == "boolean":
            return None if have is (want == "true") else f"{have!r}, expected the boolean {want}"
        if kind in ("number", "integer"):
            if isinstance(have, bool) or not isinstance(have, (int, float)):
                return f"{have!r} is not a number cell (CSV {want})"
            # libxlsxwriter writes %.16G; the CSV value to 16 significant digits must match exactly.
            return None if float(have) == float("%.16G" % float(want)) else f"{have!r} != CSV {want}"
        return None if have == want else f"{have!r} != CSV {want!r}"

    def check_formats(self, sheet, fields, metric):
        """Money with a thousands separator and `precision` decimals, ratios with 4, on every cell
        (`fields`: the schema's field of each sheet column)."""
        for row in sheet.iter_rows(min_row=2):
            for field, cell in zip(fields, row):
                column = field.get("title", field["name"])
                if column in STATISTICS:
                    want = "0.0000" if metric is not None and row[metric].value in RATIO_METRICS else self.money_format
                elif field.get("unit") == "ratio":
                    want = "0.0000"
                elif field.get("unit") == self.money_unit:
                    want = self.money_format
                else:
                    continue
                if cell.value is not None and cell.number_format != want:
                    self.fail(f"{sheet.title}!{cell.coordinate} ({column}): format {cell.number_format!r}, expected {want!r}")
                    return

    def check_charts(self, path, manifest, tables):
        with zipfile.ZipFile(path) as z:
            charts = sorted((n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)),
                            key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
            xml = [z.read(n).decode() for n in charts]
            drawings = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/_rels/"))
        districts = {row[1] for row in csv.reader(io.StringIO((self.folder / tables[0]).read_text(encoding="utf-8-sig")))
                     if row} - {"区", "district"}
        if self.sweep:
            districts = {row["district"] for row in csv.DictReader(io.StringIO((self.folder / "sweep.csv").read_text()))}
            # Per district and `all`: reform effect (line), capacity binding and streets with a gap (columns).
            want = 3 * len(districts)
        else:
            adopting = [v for v in manifest["variants"] if v != "counterfactual"]
            # Per district: net revenue vs the counterfactual (line), reform effect (column), and by
            # street the last year's gap, self-sufficiency and roll-out year (columns).
            want = len(districts) * (5 if manifest["paths"] == 1 else len(adopting))
            # The Brief sheet: reform effect (columns) and capacity factor (line) of reform per
            # district, and of the all row when there are several districts.
            brief = 2 * (len(districts) + (len(districts) > 1)) if manifest["paths"] == 1 else 0
            want += brief
        if self.waves:
            want += self.check_wave_charts(xml)
        if len(charts) != want:
            self.fail(f"{len(charts)} native chart parts, expected {want}")
        for name, body in zip(charts, xml):
            if "<c:lineChart>" not in body and "<c:barChart>" not in body:
                self.fail(f"{name} is neither a line nor a column chart")
            if Path(name).name not in drawings:
                self.fail(f"{name} is not placed on a sheet")
            if self.lang == "zh" and not re.search(r"<a:t>[^<]*[\u4e00-\u9fff]", body):
                self.fail(f"{name} has no Chinese title")
        kinds = ["<c:lineChart>" in b for b in xml]
        if not self.sweep and manifest["paths"] == 1:
            # Brief charts come first (their sheet is second): columns then line, per row.
            if kinds[:brief] != [False, True] * (brief // 2):
                self.fail("the Brief's charts are not reform effect (column) and capacity factor (line) per district")
            kinds = kinds[brief:]
        if not self.sweep and manifest["paths"] == 1 and kinds[:5] != [True, False, False, False, False]:
            self.fail("the charts of a district are not net revenue vs the counterfactual (line), reform effect, "
                      "and by street gap, self-sufficiency and roll-out (columns)")

    def check_summary(self, sheet, printed):
        """The printed tables (stdout of run) against the Summary sheet, cell by cell."""
        tables, current = [], None
        for line in printed.splitlines():
            if line.startswith("---"):
                current = []
                tables.append(current)
            elif current is not None and line.strip() and not line.startswith(("Wrote ", "已写入 ")):
                current.append(re.split(r"\s{2,}", line.strip()))
            else:
                current = None
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        body = [r for r in cells if r[1] is not None and r[0] is not None and not isinstance(r[2], str)]
        printed_rows = [r for t in tables for r in t]
        if len(body) != len(printed_rows):
            self.fail(f"Summary has {len(body)} rows of figures, run printed {len(printed_rows)}")
        for got, want in zip(body, printed_rows):
            for have, text in zip(got, want):
                if re.fullmatch(r"-?\d+(\.\d+)?", text):
                    ok = isinstance(have, (int, float)) and float(have) == float(text)
                elif " of " in text:
                    ok = have in (text, text.replace(" of ", " / "))
                else:
                    ok = have == text
                if not ok:
                    self.fail(f"Summary cell {have!r} differs from the printed {text!r}")


    def check_brief(self, sheet, printed):
        """The Brief sheet (model.md §22) read back: the sentence of every brief.csv row's variant and
        district (as run printed it, when given), and per district of reform the yearly reform
        effect equal to the districts.csv cells."""
        cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
        texts = [c for row in cells for c in row if isinstance(c, str)]
        brief = list(csv.DictReader(io.StringIO((self.folder / "brief.csv").read_text(encoding="utf-8-sig"))))
        if self.lang == "en" and brief and self.deterministic:
            first = brief[0]
            total = float(first["reform_effect_total"])
            if not any(f"{total:+,.2f}".replace("-", "−") in t for t in texts):
                self.fail(f"Brief does not state the reform effect {first['reform_effect_total']} of {first['variant']}")
        if printed:
            lines = printed.split("\n\n")[0].splitlines()[1:]
            for line in lines:
                if line.startswith("    "):
                    want = [line.strip()]
                else:
                    want = re.split(r": |：", line, maxsplit=1)
                for part in want:
                    if part not in texts:
                        self.fail(f"Brief does not show the printed {part[:60]!r}")
        if not self.deterministic:
            return
        districts = list(csv.DictReader(io.StringIO((self.folder / "districts.csv").read_text(encoding="utf-8-sig"))))
        if self.lang == "en":
            reform = [float(r["reform_effect"]) for r in districts if r["variant"] == "reform"]
            shown = [row[1] for row in cells if len(row) > 2 and isinstance(row[0], (int, float)) and 1900 < row[0] < 3000
                     and isinstance(row[1], (int, float))]
            if shown[:len(reform)] != reform:
                self.fail(f"Brief's yearly reform effect {shown[:4]}… differs from districts.csv {reform[:4]}…")


def main(argv):
    problems = []
    for target in argv:
        folder, _, lang = target.partition(":")
        printed = Path(folder + ".txt")
        problems += Checker(folder, lang or "en").run(printed if printed.exists() else None)
    for problem in problems:
        print(problem)
    print(f"workbook check: {len(argv)} workbook(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
