import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// `fiscal-sim sweep` (model.md §15.1): point order and values, design files, integer paths,
/// rejected sweeps, and rows that agree with `fiscal-sim run` of each point's scenario.
@Suite("Sweep")
struct SweepTests {
    @Test("grid points: Cartesian product, first axis slowest; LO:HI:N in Double, last exactly HI")
    func gridOrder() throws {
        let plan = try SweepRun.plan(grid: ["rollout.default=2026,never", "rebate.bands.0.rate=0:0.3:4"])
        let rates = ["0.0", "0.09999999999999999", "0.19999999999999998", "0.3"]
        #expect(plan.definition.points.map(\.values) == rates.map { ["2026", $0] } + rates.map { ["never", $0] })
        #expect(plan.definition.points.map(\.number) == Array(1...8))
        let table = try SweepRun.table(plan)
        #expect(table.header.prefix(5) == ["point", "point_name", "rollout.default", "rebate.bands.0.rate", "district"])
        #expect(table.rows.count == 16)  // siming and all per point
        // Non-pilot streets that never adopt get no rebate: fewer rebates than adopting in 2026.
        for point in 1...4 {
            let early = Double(table.cell("\(point)|siming", "rebates")!)!
            let never = Double(table.cell("\(point + 4)|siming", "rebates")!)!
            #expect(never < early || (point == 1 && never == 0 && early == 0), "point \(point)")
        }
        // One district: the all row repeats it.
        #expect(table.cell("6|all", "reform_effect") == table.cell("6|siming", "reform_effect"))
    }

    @Test("integer paths: 2026.0 is 2026, LO:HI:N on years, a fractional year names its point")
    func integerPaths() throws {
        let plan = try SweepRun.plan(grid: ["rollout.default=2026:2030:3", "rebate.termYears=3.0,5"])
        #expect(plan.definition.points.map(\.values) == [["2026", "3"], ["2026", "5"], ["2028", "3"], ["2028", "5"], ["2030", "3"], ["2030", "5"]])
        let errors = SweepRun.errors { try SweepRun.plan(grid: ["rollout.default=2026:2029:3"]) }
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("point 2 (rollout.default=2027.5): rollout.default: '2027.5' is not a whole number") == true)
    }

    @Test("design files: point names, values as typed, diagnostics at FILE:LINE:COLUMN")
    func designFile() throws {
        let folder = try TemporaryFolder()
        let design = "point,incentive.elasticity,rebate.bands.0.rate\nlow,0.010,0.3\nhigh,0.06,0.25\n"
        let definition = try SweepDefinition.design(Data(design.utf8), file: "design.csv")
        let plan = try SweepPlan(template: ScenarioTemplate(path: SweepRun.siming), definition: definition)
        let table = try SweepRun.table(plan)
        #expect(table.cell("1|siming", "point_name") == "low")
        #expect(table.cell("1|siming", "incentive.elasticity") == "0.010")
        #expect(table.cell("2|all", "point_name") == "high")
        // Invalid values point at their cells; every problem in one pass.
        let bad = "incentive.elasticity,rebate.bands.0.rate\n0.01,1.5\nx,0.3\n"
        let errors = SweepRun.errors {
            try SweepPlan(template: ScenarioTemplate(path: SweepRun.siming), definition: SweepDefinition.design(Data(bad.utf8), file: "bad.csv"))
        }
        #expect(errors.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" } == ["bad.csv:2:2", "bad.csv:3:1"])
        #expect(errors.first?.message.contains("point 1 (incentive.elasticity=0.01, rebate.bands.0.rate=1.5)") == true)
        _ = folder
    }

    @Test("empty, ragged and header-only design files are rejected with their locations")
    func badDesignFiles() {
        func problems(_ text: String) -> [String] {
            do {
                _ = try SweepDefinition.design(Data(text.utf8), file: "d.csv")
                return []
            } catch {
                return error.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
            }
        }
        #expect(problems("").first?.contains("empty") == true)
        #expect(problems("point,incentive.elasticity\n").first?.contains("no points") == true)
        #expect(problems("point\nlow\n").first?.contains("names no path") == true)
        let ragged = problems("a.b,c.d\n1,2\n3,\n4,5,6\n")
        #expect(ragged.count == 2)
        #expect(ragged[0].hasPrefix("3:2 point 2: the cell for 'c.d' is empty"))
        #expect(ragged[1].hasPrefix("4:3 this row has 3 cells"))
        #expect(problems("a.b,a.b\n1,2\n").first?.contains("appears twice") == true)
    }

    @Test("bad grids: every kind reported in one pass, naming point and values")
    func badGrids() {
        let usage = SweepRun.errors { try SweepRun.plan(grid: ["incentive.elasticity=0:1:1", "nopath", "rebate.capPerUnit=1,,2"]) }
        #expect(usage.count == 3)
        #expect(usage[0].message.contains("N of LO:HI:N must be a whole number from 2 to 1000000"))
        let huge = SweepRun.errors { try SweepRun.plan(grid: ["incentive.elasticity=0:1:1000", "growth.tax=0:1:1001"]) }
        #expect(huge.first?.message.contains("the grid has 1001000 points; a sweep may have at most 1000000") == true)
        let errors = SweepRun.errors {
            try SweepRun.plan(grid: [
                "rebate.bands.0.rate=abc", "years.base=2020", "rebatez.capPerUnit=1", "rebate.bands.7.rate=0.1",
                "districts.0.id=other",
            ])
        }
        let messages = errors.map(\.message)
        #expect(messages.allSatisfy { $0.hasPrefix("point 1 (rebate.bands.0.rate=abc, years.base=2020, rebatez.capPerUnit=1, rebate.bands.7.rate=0.1, districts.0.id=other): ") })
        #expect(messages.contains { $0.contains("'years.base' cannot be swept") })
        #expect(messages.contains { $0.contains("unknown section 'rebatez' (did you mean 'rebate'?)") })
        #expect(messages.contains { $0.contains("'rebate.bands.7' names no entry") })
        // With those fixed, a wrong type and a broken restriction are found by validation.
        let later = SweepRun.errors { try SweepRun.plan(grid: ["rebate.bands.0.rate=abc,0.3", "districts.0.id=siming,other"]) }
        #expect(later.count == 3)
        #expect(later.contains { $0.message.hasPrefix("point 1 (rebate.bands.0.rate=abc, districts.0.id=siming): rebate.bands[0].rate: expected a number") })
        #expect(later.contains { $0.message.hasPrefix("point 4 (rebate.bands.0.rate=0.3, districts.0.id=other): a point may not add, remove or reorder districts") })
        let variant = SweepRun.errors { try SweepRun.plan(grid: ["incentive.elasticity=0.1"], variant: "rebate-5") }
        #expect(variant.first?.message.contains("did you mean 'rebate-50'?") == true)
    }

    @Test("output is byte-identical for any thread count, deterministic and Monte Carlo")
    func threadInvariance() throws {
        let deterministic = try SweepRun.plan(grid: ["incentive.elasticity=0:0.08:5", "rollout.default=2027,2029"])
        #expect(try SweepRun.csv(deterministic, threads: 1) == SweepRun.csv(deterministic, threads: 3))
        let monteCarlo = try SweepRun.plan(grid: ["rebate.bands.0.rate=0.2,0.4", "growth.tax=0.05,0.06"], paths: 130, seed: 4)
        #expect(try SweepRun.csv(monteCarlo, threads: 1) == SweepRun.csv(monteCarlo, threads: 3))
    }

    @Test("a deterministic row is the sum over years of the point's districts.csv from run")
    func deterministicAgreesWithRun() throws {
        let folder = try TemporaryFolder()
        let table = try SweepRun.table(SweepRun.plan(grid: ["incentive.elasticity=0.02"]))
        let run = try SweepRun.runEdited("incentive: {elasticity: 0.04}", "incentive: {elasticity: 0.02}", in: folder)
        for metric in SweepMetrics.money {
            let expected = SweepRun.yearlySum(run, metric)
            #expect(abs(Double(table.cell("1|siming", metric)!)! - expected) < 0.005, "\(metric)")
        }
        let districts = ParsedCSV(String(decoding: run.file(named: "districts.csv")!, as: UTF8.self))
        let binding = districts.rows.filter { $0[0] == "reform" && Double($0[districts.column("capacity_factor")!])! < 1 }.count
        #expect(table.cell("1|siming", "capacity_binding_years") == String(binding))
        let units = ParsedCSV(String(decoding: run.file(named: "units.csv")!, as: UTF8.self))
        let gaps = units.rows.filter { $0[0] == "reform" && $0[units.column("year")!] == "2035" && Double($0[units.column("gap")!])! < 0 }.count
        #expect(table.cell("1|all", "units_with_gap") == String(gaps))
    }

    @Test("Monte Carlo: each mean is the sum over years of run's districts_quantiles means; the counterfactual is shared")
    func monteCarloAgreesWithRun() throws {
        let folder = try TemporaryFolder()
        let plan = try SweepRun.plan(grid: ["incentive.elasticity=0.02,0.06"], paths: 300, seed: 99)
        let table = try SweepRun.table(plan)
        for (point, elasticity) in [(1, "0.02"), (2, "0.06")] {
            let run = try SweepRun.runEdited("incentive: {elasticity: 0.04}", "incentive: {elasticity: \(elasticity)}", paths: 300, seed: 99, in: folder)
            for metric in SweepMetrics.money {
                let (sum, years) = SweepRun.yearlyMeans(run, metric)
                let mean = Double(table.cell("\(point)|siming", metric + "_mean")!)!
                #expect(years == 10 && abs(mean - sum) <= 0.005 * Double(years) + 1e-9, "point \(point) \(metric): \(mean) vs \(sum)")
            }
        }
        for statistic in ["_mean", "_p05", "_p50", "_p95"] {
            let column = "counterfactual_net_revenue" + statistic
            #expect(table.cell("1|siming", column) == table.cell("2|siming", column))
            #expect(table.cell("1|all", column) == table.cell("2|all", column))
        }
        for column in ["prob_reform_effect_negative", "prob_capacity_binding", "units_with_gap_mean"] {
            let value = Double(table.cell("1|all", column)!)!
            #expect(value >= 0 && (column == "units_with_gap_mean" || value <= 1), "\(column)")
        }
    }
}

/// Sweeps and solves in pinned test files, and the reserved district id.
@Suite("Sweep pinning")
struct SweepPinningTests {
    @Test("command sweep with a design file and command solve pin their tables")
    func pinnedSweepAndSolve() throws {
        let folder = try TemporaryFolder()
        try folder.write("design.csv", "point,incentive.elasticity\nlow,0.02\nhigh,0.06\n")
        let test = try folder.write("search.yaml", """
            scenario: \(SweepRun.siming)
            cases:
              - command: sweep
                design: design.csv
                table: sweep
                expect:
                  - {key: {point: 2, district: all}, column: point_name, value: high}
                  - {key: {point: 1, district: siming}, column: reform_effect, value: 1}
              - command: solve
                vary: rollout.default
                between: [2026, 2030]
                target: reform_effect=0
                table: solve
                expect:
                  - {key: {}, column: evaluations, value: 5}
            """)
        var runner = PinRunner()
        let checks = runner.run(try PinSuite.read(test))
        #expect(checks.count == 3)
        #expect(checks[0].passed)
        #expect(!checks[1].passed)  // the reform effect is not 1: the check can fail
        #expect(checks[1].problem?.contains("expected 1, actual") == true)
        #expect(checks[2].passed, "\(checks[2].problem ?? "")")  // five whole years scanned, no sign change
    }

    @Test("the district id all is reserved")
    func reservedAll() throws {
        let folder = try TemporaryFolder()
        let text = try String(contentsOfFile: SweepRun.siming, encoding: .utf8)
            .replacingOccurrences(of: "  - id: siming\n", with: "  - id: all\n")
            .replacingOccurrences(of: "units: data/", with: "units: \(Repository.path("scenarios/data"))/")
        let errors = loadErrors(try folder.write("all.yaml", text))
        #expect(errors.contains { $0.message.contains("the district id 'all' is reserved") })
    }
}
