import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 19: the wave summary lines in both languages (`--lang zh` prints `describeChinese`),
/// with hand-written expectations: the shipped scenario's decisions (`reform` adopts `expand` in
/// 2029 after self-sufficiency ≥ 1.75 in 2027–2028; `no-effort` abandons it in 2029 after a
/// cumulative reform effect ≤ −3000 in 2028) and hand-made results for the other reasons and the
/// Monte Carlo shares.
@Suite("Waves: summary lines in English and Chinese")
struct WaveSummaryLanguageTests {
    static let path = "scenarios/siming-rollout.yaml"

    func deterministicReport() throws -> WaveReport {
        let loaded = try ScenarioLoader().load(Repository.path(Self.path))
        return try #require(WaveReport(scenario: loaded.scenario, result: Simulation(loaded.scenario).runDeterministic()))
    }

    func monteCarloReport() throws -> WaveReport {
        var loaded = try ScenarioLoader().load(Repository.path(Self.path))
        loaded.scenario.paths = 8
        guard case let .monteCarlo(result) = try ScenarioRun(loaded, threads: 1).outcome else {
            Issue.record("expected a Monte Carlo run")
            throw CancellationError()
        }
        return try #require(WaveReport(scenario: loaded.scenario, result: result))
    }

    /// A one-path result over 2026–2035 deciding in year index `index` for `reason`.
    func decided(_ reason: WaveResult.Reason, adoptedAt: Int? = nil, abandonedAt: Int? = nil) -> WaveResult {
        var result = WaveResult(
            id: "expand", paths: 1, adoptedIn: (0..<10).map { $0 == adoptedAt ? 1 : 0 },
            abandonedIn: (0..<10).map { $0 == abandonedAt ? 1 : 0 })
        result.reason = reason
        return result
    }

    @Test func shippedScenarioLinesInBothLanguages() throws {
        let report = try deterministicReport()
        #expect(report.summaryLines() == [
            "reform: wave expand adopted in 2029 (self_sufficiency ≥ 1.75 held in 2027–2028)",
            "no-effort: wave expand abandoned in 2029 (stopWhen reform_effect ≤ -3000 held in 2028)",
        ])
        #expect(report.summaryLines(language: .chinese) == [
            "改革方案：批次 expand 于 2029 年推开（2027–2028 年财力自给率 ≥ 1.75 均成立）",
            "no-effort：批次 expand 于 2029 年放弃推开（放弃条件：2028 年累计改革效应 ≤ -3000 万元 成立）",
        ])
    }

    @Test func everyDeterministicReasonInChinese() throws {
        let report = try deterministicReport()
        let plan = Simulation(report.scenario).wavePlan(ofVariant: "reform")?.waves[0]
        #expect(report.describeChinese(decided(.when(first: 2, last: 2), adoptedAt: 3), plan: plan)
            == "于 2029 年推开（2028 年财力自给率 ≥ 1.75 成立）")
        #expect(report.describeChinese(decided(.deadline, adoptedAt: 5), plan: plan)
            == "于 2031 年推开（已到最迟推开年份，推开条件未曾满足）")
        #expect(report.describe(decided(.deadline, adoptedAt: 5), plan: plan)
            == "adopted in 2031 (deadline; its condition had not held)")
        #expect(report.describeChinese(decided(.afterAbandoned("pilot"), abandonedAt: 3), plan: plan)
            == "于 2029 年放弃推开（其跟随的批次 pilot 已放弃）")
        #expect(report.describe(decided(.afterAbandoned("pilot"), abandonedAt: 3), plan: plan)
            == "abandoned in 2029 (wave pilot, which it follows, was abandoned)")
        #expect(report.describeChinese(decided(.notAdopted), plan: plan) == "截至 2035 年未推开")
        #expect(report.describe(decided(.notAdopted), plan: plan) == "not adopted by 2035")
    }

    @Test func monteCarloSharesInBothLanguages() throws {
        let report = try monteCarloReport()
        // 1000 paths: 100 adopt in 2028, 300 in 2029, 224 in 2030 (62.4 %, mean year
        // 2026 + (2·100 + 3·300 + 4·224) / 624 = 2029.199 → 2029.2); 110 abandon in 2029 (11.0 %).
        let zeros = Array(repeating: 0, count: 10)
        var adopted = zeros, abandoned = zeros
        adopted[2] = 100
        adopted[3] = 300
        adopted[4] = 224
        abandoned[3] = 110
        let wave = WaveResult(id: "expand", paths: 1000, adoptedIn: adopted, abandonedIn: abandoned)
        #expect(report.describe(wave, plan: nil) == "adopted by 2035 on 62.4 % of paths, mean year 2029.2; abandoned on 11.0 %")
        #expect(report.describeChinese(wave, plan: nil) == "截至 2035 年在 62.4% 的路径上推开，平均推开年份 2029.2；在 11.0% 的路径上放弃")
        let never = WaveResult(id: "expand", paths: 1000, adoptedIn: zeros, abandonedIn: zeros)
        #expect(report.describeChinese(never, plan: nil) == "截至 2035 年在 0.0% 的路径上推开；在 0.0% 的路径上放弃", "no mean year when no path adopts")
        let lines = report.summaryLines(language: .chinese)
        #expect(lines.count == 2 && lines[0].hasPrefix("改革方案：批次 expand 截至 2035 年在 ") && lines[1].hasPrefix("no-effort：批次 expand "))
    }
}
