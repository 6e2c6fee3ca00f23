import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// `fiscal-sim solve` (model.md §15.2) on the shipped scenarios and through the command line.
@Suite("Solve")
struct SolveTests {
    @Test("the break-even elasticity: the reform effect changes sign across the final bracket")
    func breakEven() throws {
        let template = try ScenarioTemplate(path: SweepRun.siming)
        let solver = try Solver(template: template, path: "incentive.elasticity", lo: 0, hi: 0.1, metric: "reform_effect", target: 0, threads: 2)
        let outcome = try solver.run()
        #expect(outcome.kind == .found)
        #expect(outcome.hi - outcome.lo <= 1e-7)
        #expect(outcome.metricLo < 0 && outcome.metricHi > 0)
        // The same two points swept afresh give the same cells.
        let plan = try SweepRun.plan(grid: ["incentive.elasticity=\(solver.text(outcome.lo)),\(solver.text(outcome.hi))"])
        let table = try SweepRun.table(plan)
        #expect(Double(table.cell("1|all", "reform_effect")!)! == outcome.metricLo)
        #expect(Double(table.cell("2|all", "reform_effect")!)! == outcome.metricHi)
        #expect(outcome.x! > outcome.lo && outcome.x! < outcome.hi)
    }

    @Test("Monte Carlo targets and integer roll-out years")
    func monteCarloAndYears() throws {
        let template = try ScenarioTemplate(path: SweepRun.siming)
        let solver = try Solver(
            template: template, path: "incentive.elasticity", lo: 0, hi: 0.1, metric: "reform_effect_p05", target: 0,
            tolerance: 0.001, paths: 64, seed: 3, threads: 2)
        let outcome = try solver.run()
        #expect(outcome.kind == .found && outcome.metricLo < 0 && outcome.metricHi >= 0)
        let years = try Solver(template: template, path: "rollout.default", lo: 2026, hi: 2035, metric: "capacity_binding_years", target: 3.5, threads: 2)
        let found = try years.run()
        #expect(found.evaluations.allSatisfy { $0.x == $0.x.rounded() })
        #expect(found.kind != .found || found.hi - found.lo == 1)
    }

    @Test("bad solve inputs are input errors")
    func badInputs() throws {
        let template = try ScenarioTemplate(path: SweepRun.siming)
        func message(_ make: () throws -> Solver) -> String {
            do { _ = try make(); return "" } catch { return "\(error)" }
        }
        #expect(message { try Solver(template: template, path: "incentive.elasticity", lo: 0, hi: 1, metric: "reform_efect", target: 0) }.contains("did you mean 'reform_effect'?"))
        #expect(message { try Solver(template: template, path: "incentive.elasticity", lo: 1, hi: 0, metric: "reform_effect", target: 0) }.contains("LO must be below HI"))
        #expect(message { try Solver(template: template, path: "incentive.elasticity", lo: 0, hi: .infinity, metric: "reform_effect", target: 0) }.contains("finite"))
        #expect(message { try Solver(template: template, path: "rollout.default", lo: 2026.5, hi: 2030, metric: "reform_effect", target: 0) }.contains("whole numbers"))
        #expect(message { try Solver(template: template, path: "incentive.elasticity", lo: 0, hi: 1, metric: "reform_effect", target: 0, district: "huli") }.contains("not a district"))
    }

    @Test("command line: no solution exits 1 with the message and solve.json; bad sweeps exit 2 and write nothing")
    func commandLine() throws {
        let folder = try TemporaryFolder()
        let errors = Pipe(), output = Pipe()
        let solve = try ToolBinary.process(
            ["solve", SweepRun.siming, "--vary", "incentive.elasticity", "--between", "0.05", "0.1", "--target", "reform_effect=0", "--out", "s"],
            in: folder.url, stdout: output, stderr: errors)
        try solve.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        solve.waitUntilExit()
        #expect(solve.terminationStatus == 1)
        #expect(printed.contains("no value in [0.05, 0.1] reaches reform_effect = 0"))
        #expect(printed.contains("widen the range below 0.05"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("s/solve.json"))) as! [String: Any]
        #expect(json["x"] is NSNull)
        #expect((json["evaluations"] as? [Any])?.count == 9)
        for arguments in [
            ["sweep", SweepRun.siming, "--grid", "rebate.bands.0.rate=2", "--out", "w"],
            ["sweep", SweepRun.siming, "--grid", "rebate.bands.0.rate=0.2", "--design", "d.csv", "--out", "w"],
            ["sweep", SweepRun.siming, "--grid", "rollout.default=2026:2030:1", "--out", "w"],
        ] {
            let result = try ToolBinary.run(arguments, in: folder.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty && !result.stderr.contains("Fatal"))
            #expect(!FileManager.default.fileExists(atPath: folder.path("w")))
        }
        let negative = try ToolBinary.run(
            ["solve", SweepRun.siming, "--vary", "growth.tax", "--between", "-0.02", "0.08", "--target", "reform_effect=0", "--out", "n"],
            in: folder.url)
        #expect(negative.status != 2, "a negative LO is a number, not an option: \(negative.stderr)")
        let ok = try ToolBinary.run(["sweep", SweepRun.siming, "--grid", "rebate.bands.0.rate=0.2,0.3", "--out", "w", "--quiet"], in: folder.url)
        #expect(ok.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("w")).sorted()
        #expect(files == ["datapackage.json", "sweep.csv", "sweep.json"])
    }
}
