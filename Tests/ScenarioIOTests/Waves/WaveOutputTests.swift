import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// What a run with waves writes and prints (model.md §20): `waves.csv`, the `run.json` entries,
/// the data package, the summary lines and `explain`'s decision trail, on the shipped
/// evidence-gated scenario (its hand checks: scenarios/pinned/siming-rollout.yaml).
@Suite("Waves: output")
struct WaveOutputTests {
    static let path = "scenarios/siming-rollout.yaml"

    func files(paths: Int? = nil) throws -> (LoadedScenario, ScenarioRun) {
        var loaded = try ScenarioLoader().load(Repository.path(Self.path))
        if let paths { loaded.scenario.paths = paths }
        return (loaded, try ScenarioRun(loaded, threads: 2))
    }

    @Test func deterministicRunWritesWavesCSVAndRunJSON() throws {
        let (loaded, run) = try files()
        let csv = String(decoding: try #require(run.file(named: "waves.csv")), as: UTF8.self)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "variant,wave,year,adopted_share,abandoned_share")
        // reform and no-effort have the wave (10 years each); fixed-2029 has none.
        #expect(lines.count == 1 + 2 * 10)
        #expect(lines.contains("reform,expand,2028,0.000000,0.000000"))
        #expect(lines.contains("reform,expand,2029,1.000000,0.000000"))
        #expect(lines.contains("no-effort,expand,2029,0.000000,1.000000"))
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(run.file(named: "run.json")))
        #expect(manifest.waves?["reform"]?["expand"] == .deterministic(year: 2029, abandoned: nil))
        #expect(manifest.waves?["no-effort"]?["expand"] == .deterministic(year: nil, abandoned: 2029))
        #expect(manifest.waves?["fixed-2029"] == nil)
        let json = String(decoding: try #require(run.file(named: "run.json")), as: UTF8.self)
        #expect(json.contains("\"year\" : null"))
        let package = String(decoding: try #require(run.file(named: "datapackage.json")), as: UTF8.self)
        #expect(package.contains("\"path\" : \"waves.csv\""))
        let deterministic = try #require(run.result)
        let report = try #require(WaveReport(scenario: loaded.scenario, result: deterministic))
        #expect(report.summaryLines() == [
            "reform: wave expand adopted in 2029 (self_sufficiency ≥ 1.75 held in 2027–2028)",
            "no-effort: wave expand abandoned in 2029 (stopWhen reform_effect ≤ -3000 held in 2028)",
        ])
    }

    @Test func monteCarloRunWritesShares() throws {
        let (loaded, run) = try files(paths: 200)
        guard case let .monteCarlo(result) = run.outcome else {
            Issue.record("expected a Monte Carlo run")
            return
        }
        let reform = result.waves[1][0]
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(run.file(named: "run.json")))
        guard case let .monteCarlo(adopted, abandoned, mean)? = manifest.waves?["reform"]?["expand"] else {
            Issue.record("no Monte Carlo wave entry")
            return
        }
        #expect(adopted == reform.adoptedShare(throughYearIndex: 9))
        #expect(abs(adopted + abandoned - 1) < 1e-12, "with a deadline in 2031 every path decides")
        let years = reform.statusByPath.compactMap(\.adoptedIndex).map { Double(2026 + $0) }
        let meanYear = try #require(mean)
        #expect(abs(meanYear - years.reduce(0, +) / Double(years.count)) < 1e-6)
        let line = try #require(WaveReport(scenario: loaded.scenario, result: result)?.summaryLines().first)
        #expect(line.hasPrefix("reform: wave expand adopted by 2035 on ") && line.contains("% of paths, mean year 20") && line.contains("; abandoned on "))
    }

    @Test func explainShowsTheDecisionTrail() throws {
        let loaded = try ScenarioLoader().load(Repository.path(Self.path))
        let result = Simulation(loaded.scenario).runDeterministic()
        let text = try UnitYearExplainer(scenario: loaded.scenario, result: result).explain(unit: "xiagang", year: 2030).render()
        #expect(text.contains("adoption year α = 2029, decided by wave 'expand'"))
        #expect(text.contains("before 2028: when self_sufficiency: 2026 1.683103 not ≥ 1.75, 2027 1.874994 ≥ 1.75"))
        #expect(text.contains("before 2029: when self_sufficiency: 2027 1.874994 ≥ 1.75, 2028 2.137016 ≥ 1.75; stopWhen reform_effect: 2028 -2524.14 not ≤ -3000"))
    }
}
