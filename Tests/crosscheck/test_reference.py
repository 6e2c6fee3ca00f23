"""Hand-computed checks of the reference model itself.

Run:  cd Tests/crosscheck && python3 -m unittest test_reference
"""
import csv
import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import reference_model as R  # noqa: E402


UNITS = """\
id,district,tags,tax,allocation,population
a,d1,pilot,1000,10,50
b,d1,pilot,1000,10,30
c,d1,village-converted,1000,10,20
"""


def run_scenario(body: str, units: str = UNITS):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "units.csv"), "w", encoding="utf-8") as fh:
            fh.write(units)
        path = os.path.join(tmp, "s.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(textwrap.dedent(body))
        R.run(path, os.path.join(tmp, "out"))
        with open(os.path.join(tmp, "out", "units.csv"), encoding="utf-8") as fh:
            units_rows = list(csv.DictReader(fh))
        with open(os.path.join(tmp, "out", "districts.csv"), encoding="utf-8") as fh:
            dist_rows = list(csv.DictReader(fh))
    return units_rows, dist_rows


BASE = """\
name: t
years: {base: 2025, end: 2026}
units: units.csv
districts: [{id: d1, name: D1}]
"""


class RoundingTests(unittest.TestCase):
    def test_half_up_vs_half_even(self):
        up, even = R.Rounder(2, "half-up"), R.Rounder(2, "half-even")
        # 2.675 is stored as 2.67499999…, but its shortest decimal is 2.675
        self.assertEqual(up.money(2.675), "2.68")
        self.assertEqual(even.money(2.675), "2.68")  # 7 is odd -> up to 8
        self.assertEqual(up.money(0.125), "0.13")
        self.assertEqual(even.money(0.125), "0.12")
        self.assertEqual(up.money(-0.125), "-0.13")  # away from zero
        self.assertEqual(up.money(-0.001), "0.00")   # no -0.00
        self.assertEqual(R.Rounder(0, "half-up").money(2.5), "3")
        self.assertEqual(R.Rounder(0, "half-even").money(2.5), "2")
        self.assertEqual(up.ratio(1 / 3), "0.333333")

    def test_largest_remainder_ties_to_earlier(self):
        rd = R.Rounder(2, "half-up")
        self.assertEqual([str(p) for p in rd.split(0.02, [0.015, 0.005])], ["0.02", "0.00"])
        self.assertEqual([str(p) for p in rd.split(1.0, [1 / 3, 1 / 3, 1 / 3])],
                         ["0.34", "0.33", "0.33"])
        # largest remainder wins over order
        self.assertEqual([str(p) for p in rd.split(1.0, [0.331, 0.332, 0.337])],
                         ["0.33", "0.33", "0.34"])


class ModelTests(unittest.TestCase):
    def test_marginal_bands(self):
        # T(2026) = 1000*1.7 = 1700, fixed reference T(2025) = 1000, I = 700
        # rebate = 0.3*500 + 0.5*200 = 250; village-converted unit c excluded
        units, dists = run_scenario(BASE + """\
growth: {tax: 0.7}
rebate:
  reference: fixed
  bands: [{upTo: 500, rate: 0.3}, {rate: 0.5}]
""")
        reform = {r["unit"]: r for r in units if r["variant"] == "reform"}
        self.assertEqual(reform["a"]["tax"], "1700.00")
        self.assertEqual(reform["a"]["reference"], "1000.00")
        self.assertEqual(reform["a"]["increment"], "700.00")
        self.assertEqual(reform["a"]["rebate"], "250.00")
        self.assertEqual(reform["c"]["reference"], "")
        self.assertEqual(reform["c"]["rebate"], "0.00")
        d = [r for r in dists if r["variant"] == "reform"][0]
        self.assertEqual(d["rebates"], "500.00")
        self.assertEqual(d["net_revenue"], "4600.00")
        self.assertEqual(d["counterfactual_net_revenue"], "5100.00")
        self.assertEqual(d["reform_effect"], "-500.00")

    def test_capacity_scaling(self):
        units, dists = run_scenario(BASE.replace(
            "districts: [{id: d1, name: D1}]",
            "districts: [{id: d1, name: D1, capacity: {maxShareOfRevenue: 0.05, maxAmount: 400}}]") + """\
growth: {tax: 0.7}
rebate: {bands: [{upTo: 500, rate: 0.3}, {rate: 0.5}]}
""")
        # limits: 0.05*5100 = 255 and 400 -> 255; Σρ = 500 -> φ = 0.51
        d = [r for r in dists if r["variant"] == "reform"][0]
        self.assertEqual(d["capacity_factor"], "0.510000")
        self.assertEqual(d["rebates"], "255.00")
        reform = {r["unit"]: r for r in units if r["variant"] == "reform"}
        self.assertEqual(reform["a"]["rebate"], "127.50")

    def test_donation_floor_binding(self):
        # D = 100, shares .5/.3/.2, floor 25: c floored, 75 split 5:3 ->
        # 46.875 / 28.125 / 25; largest remainder: tie -> earlier unit
        units, dists = run_scenario(BASE + """\
donations:
  minimumPerUnit: 25
  allocationKey: {population: 1.0}
  sources: [{id: s, amount: {d1: 100}}]
""")
        reform = {r["unit"]: r["donations"] for r in units if r["variant"] == "reform"}
        self.assertEqual(reform, {"a": "46.88", "b": "28.12", "c": "25.00"})
        d = [r for r in dists if r["variant"] == "reform"][0]
        self.assertEqual((d["donations_pooled"], d["donations_allocated"],
                          d["donations_retained"], d["donations_reserve"]),
                         ("100.00", "100.00", "0.00", "0.00"))
        cf = [r for r in dists if r["variant"] == "counterfactual"][0]
        self.assertEqual(cf["donations_retained"], "100.00")

    def test_donation_floor_infeasible_equal_split(self):
        units, _ = run_scenario(BASE + """\
donations:
  reserveShare: 0.1
  minimumPerUnit: 40
  allocationKey: {population: 1.0}
  sources: [{id: s, amount: {d1: 100}}]
""")
        # receivable 90 < 3*40 -> equal split 30 each
        reform = {r["unit"]: r["donations"] for r in units if r["variant"] == "reform"}
        self.assertEqual(reform, {"a": "30.00", "b": "30.00", "c": "30.00"})

    def test_variant_set_paths(self):
        cfg = {"rebate": {"bands": [{"upTo": 5, "rate": 0.1}, {"rate": 0.2}]},
               "lineFees": [{"id": "greening", "transferShare": {2025: 0.5}}]}
        R.apply_set(cfg, "rebate.bands.0.rate", 0.3)
        R.apply_set(cfg, "lineFees.greening.transferShare.2027", 0.9)
        R.apply_set(cfg, "incentive.elasticity", 0.2)
        self.assertEqual(cfg["rebate"]["bands"][0]["rate"], 0.3)
        self.assertEqual(cfg["lineFees"][0]["transferShare"], {2025: 0.5, 2027: 0.9})
        self.assertEqual(cfg["incentive"], {"elasticity": 0.2})


class WaveTests(unittest.TestCase):
    """model.md §20 by hand: pilots a, b (adopted 2026) and member c."""

    def waves(self, wave: str, extra: str = "", end: int = 2030):
        body = f"""\
name: t
years: {{base: 2025, end: {end}}}
units: units.csv
districts: [{{id: d1, name: D1}}]
growth: {{tax: 0.1}}
{extra}rollout:
  default: never
  byTag: {{pilot: 2026}}
  waves:
{textwrap.indent(textwrap.dedent(wave), '    ')}"""
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "units.csv"), "w", encoding="utf-8") as fh:
                fh.write(UNITS + "e,d1,,500,10,10\n")
            path = os.path.join(tmp, "s.yaml")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(body)
            R.run(path, os.path.join(tmp, "out"))
            with open(os.path.join(tmp, "out", "waves.csv"), encoding="utf-8") as fh:
                return [r for r in csv.DictReader(fh)]

    @staticmethod
    def first(rows, column):
        return next((int(r["year"]) for r in rows if r[column] == "1.000000"), None)

    def test_lag_two_window_two(self):
        # tax growth 10 % passes `above: 0.05` from 2026; t − 3 ≥ 2026 first in 2029
        rows = self.waves("""\
            - id: w
              members: {units: [c]}
              evidence: {tags: [pilot]}
              lag: 2
              window: 2
              when: {metric: tax_growth, above: 0.05}
            """)
        self.assertEqual(self.first(rows, "adopted_share"), 2029)

    def test_reform_effect_abandons(self):
        # rolling rebate 50 % of the pilots' yearly increment: 2 × 50 = 100 in 2026,
        # 2 × 55 = 110 in 2027 -> cumulative −100, −210; below −150 holds on 2027 -> 2028
        rows = self.waves("""\
            - id: w
              members: {units: [c]}
              evidence: {tags: [pilot]}
              when: {metric: tax_growth, above: 5}
              stopWhen: {metric: reform_effect, below: -150}
            """, extra="rebate: {reference: rolling, bands: [{rate: 0.5}]}\n")
        self.assertEqual(self.first(rows, "abandoned_share"), 2028)
        self.assertIsNone(self.first(rows, "adopted_share"))

    def test_after_with_deadline(self):
        # `first` never passes and adopts on its deadline 2028; `second` passes every year and
        # has deadline 2027 but waits for `first`: released in 2029
        rows = self.waves("""\
            - id: first
              members: {units: [c]}
              evidence: {tags: [pilot]}
              deadline: 2028
              when: {metric: tax_growth, above: 5}
            - id: second
              members: {units: [e]}
              evidence: {units: [a]}
              deadline: 2027
              after: first
              when: {metric: tax_growth, above: 0}
            """)
        self.assertEqual(self.first([r for r in rows if r["wave"] == "first"], "adopted_share"), 2028)
        self.assertEqual(self.first([r for r in rows if r["wave"] == "second"], "adopted_share"), 2029)


if __name__ == "__main__":
    unittest.main()
