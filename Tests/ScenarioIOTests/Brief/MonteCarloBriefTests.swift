import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21 / model.md §22: `brief.csv` of a Monte Carlo run.
@Suite("brief.csv of a Monte Carlo run")
struct MonteCarloBriefTests {
    /// Without any volatility every path is the deterministic projection: the statistics of the
    /// per-path values are the deterministic brief's figures (totals from unrounded values).
    @Test func withoutShocksEveryPathIsTheDeterministicBrief() throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/pilot-districts.yaml")))
        var scenario = loaded.scenario
        scenario.reform.taxGrowth.volatility = StepFunction(0)
        scenario.variants = scenario.variants.map { var v = $0; v.policy.taxGrowth.volatility = StepFunction(0); return v }
        for k in scenario.reform.donations?.sources.indices ?? 0..<0 { scenario.reform.donations?.sources[k].volatility = StepFunction(0) }
        scenario.variants = scenario.variants.map { variant in
            var variant = variant
            for k in variant.policy.donations?.sources.indices ?? 0..<0 { variant.policy.donations?.sources[k].volatility = StepFunction(0) }
            return variant
        }
        scenario.discountRate = 0.04
        let deterministic = DeterministicBrief.rows(scenario: scenario, result: try Simulation(scenario).runDeterministic().checked())
        let result = try MonteCarloSimulation(scenario).run(paths: 7, seed: 3, threads: 1).checked()
        let csv = ParsedCSV(MonteCarloBrief.csv(scenario: scenario, result: result))
        #expect(csv.header == BriefColumns.monteCarlo)
        #expect(csv.rows.count == deterministic.count)
        for (row, expected) in zip(csv.rows, deterministic) {
            func cell(_ name: String) -> String { row[csv.column(name)!] }
            let label = "\(expected.variant)/\(expected.district)"
            #expect(row[0] == expected.variant && row[1] == expected.district, "\(label)")
            for statistic in ["mean", "p05", "p50", "p95"] {
                #expect(cell("present_value_\(statistic)") == expected.presentValue.text, "\(label)")
                let total = try #require(Double(cell("reform_effect_total_\(statistic)")))
                #expect(abs(total - Double(expected.reformEffectTotal.text)!) <= 0.01 * Double(expected.years.count), "\(label)")
            }
            #expect(cell("prob_any_loss_year") == (expected.lossYears.isEmpty ? "0.000000" : "1.000000"), "\(label)")
            #expect(cell("prob_capacity_binding") == (expected.capacityBindingYears.isEmpty ? "0.000000" : "1.000000"), "\(label)")
            #expect(cell("prob_total_negative") == (expected.reformEffectTotal.units < 0 ? "1.000000" : "0.000000"), "\(label)")
            #expect(cell("worst_year_mode") == String(expected.worstYear), "\(label)")
            #expect(Double(cell("units_with_gap_mean")) == Double(expected.unitsWithGap), "\(label)")
        }
    }

    /// The printed Monte Carlo brief states brief.csv's mean and 90 % band per row.
    @Test func printedMonteCarloBriefStatesTheFileMeans() throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/pilot-districts.yaml")))
        let result = try MonteCarloSimulation(loaded.scenario).run(paths: 50, seed: 11, threads: 2).checked()
        let csv = ParsedCSV(MonteCarloBrief.csv(scenario: loaded.scenario, result: result))
        let summary = BriefSummary(scenario: loaded.scenario, result: result, language: .english)
        #expect(summary.lines.count == csv.rows.count, "one line per brief.csv row (several districts: all rows too)")
        for (line, row) in zip(summary.lines, csv.rows) {
            let mean = ScaledAmount(units: Int128((Double(row[csv.column("reform_effect_total_mean")!])! * 100).rounded()), precision: 2)
            #expect(line.sentence.contains("mean \(MoneyText.signed(mean))"), "\(line.sentence)")
        }
        #expect(summary.lines.last?.heading.hasSuffix("all districts") == true)
    }

    /// The partials file round-trips and adds up exactly.
    @Test func partialsRoundTripAndAddExactly() throws {
        let brief = PathBrief(variants: 2, districts: 1, years: 3, paths: 4, discountRate: 0.03, keepsPartials: true)
        var partials = BriefPartials(brief)
        partials.partials[1][5] = -(Int128(1) << 90) + 7
        partials.binding[0][2] = true
        partials.unitsWithGap[1][3] = 5
        let read = try #require(BriefPartials(partials.encoded()))
        #expect(read == partials)
        let twice = try #require(BriefPartials.sum([read, read]))
        #expect(twice.partials[1][5] == 2 * partials.partials[1][5] && twice.unitsWithGap[1][3] == 10 && twice.binding[0][2])
        #expect(BriefPartials(Data("FSBRIEF1".utf8)) == nil)
    }
}
