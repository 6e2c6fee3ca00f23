import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Sweeps and solve over wave keys (model.md §15, §20): the wave columns agree with runs of the same
/// points, points must share their wave ids, and solve treats "not adopted" as later than any year.
@Suite("Waves: sweep and solve")
struct WaveSweepTests {
    static let rollout = Repository.path("scenarios/siming-rollout.yaml")
    static let threshold = "rollout.waves.expand.when.above"

    /// The wave year of each point equals the one a run with that threshold decides; with the
    /// pilots' self-sufficiency 1.683, 1.875, 2.137, 1.632, … (pins) 1.6 passes from 2026
    /// (→ 2028), 1.75 from 2027 (→ 2029), and 1.9 never twice in a row (→ deadline 2031).
    @Test func deterministicWaveYearPerPoint() throws {
        let plan = try SweepRun.plan(Self.rollout, grid: ["\(Self.threshold)=1.6,1.75,1.9"])
        let table = try SweepRun.table(plan)
        #expect(table.header.suffix(1) == ["wave_expand_year"])
        #expect(["1", "2", "3"].map { table.cell("\($0)|all", "wave_expand_year") } == ["2028", "2029", "2031"])
        #expect(table.cell("2|siming", "wave_expand_year") == "2029")
    }

    /// A Monte Carlo point's share and mean year are those of `run` with the same paths and seed.
    @Test func monteCarloColumnsEqualTheRun() throws {
        let plan = try SweepRun.plan(Self.rollout, grid: ["\(Self.threshold)=1.75,1.9"], paths: 130, seed: 5)
        let table = try SweepRun.table(plan)
        var loaded = try ScenarioLoader().load(Self.rollout)
        loaded.scenario.paths = 130
        loaded.scenario.seed = 5
        loaded.scenario.variants = []
        let run = try ScenarioRun(loaded, threads: 2)
        guard case let .monteCarlo(result) = run.outcome else { return }
        let wave = result.waves[1][0]
        let ratio = loaded.scenario.ratioRounding
        #expect(table.cell("1|all", "wave_expand_adopted_share") == ratio.text(wave.adoptedShare(throughYearIndex: 9)))
        #expect(table.cell("1|all", "wave_expand_year_mean") == ratio.text(2026 + wave.meanAdoptionIndex!))
    }

    /// Points whose wave ids differ (here a renamed wave) are an input error naming the point.
    @Test func pointsMustShareWaveIDs() {
        let plan = SweepRun.errors {
            try SweepRun.plan(Self.rollout, grid: ["rollout.waves.expand.id=expand,grow"])
        }
        #expect(plan.contains { $0.message.contains("point 2") && $0.message.contains("differ from the first point's (expand)") }, "\(plan)")
    }

    /// solve on the wave year: the lowest threshold at which expansion waits until 2031 lies
    /// between 1.875 (the 2027 value; 2029 still possible) and the range's top.
    @Test func solveFindsTheThresholdThatDelaysTheExpansion() throws {
        let template = try ScenarioTemplate(path: Self.rollout)
        let solver = try Solver(template: template, path: Self.threshold, lo: 1.7, hi: 2.0, metric: "wave_expand_year", target: 2030.5, threads: 2)
        let outcome = try solver.run()
        #expect(outcome.kind == .found)
        let x = try #require(outcome.x)
        // At most 1.874994 (the pilots' 2027 value) the wave adopts in 2029; above it, in 2031.
        #expect(abs(x - 1.874994) < 1e-5, "\(x)")
    }
}
