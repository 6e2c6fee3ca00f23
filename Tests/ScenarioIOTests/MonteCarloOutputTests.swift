import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// The Monte Carlo run folder (model.md §8, §9, §13): quantile tables in long format, byte-identical
/// for any thread count, amounts rounded exactly as the deterministic tables round them.
@Suite("Monte Carlo output")
struct MonteCarloOutputTests {
    /// The shipped Siming scenario with `paths` paths.
    static func siming(paths: Int) throws -> LoadedScenario {
        var loaded = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path)
        loaded.scenario.paths = paths
        return loaded
    }

    @Test func filesAreByteIdenticalForOneTwoAndFourThreads() throws {
        let loaded = try Self.siming(paths: 130)
        let one = try ScenarioRun(loaded, threads: 1).files
        #expect(one.map(\.name) == ["units_quantiles.csv", "districts_quantiles.csv", "brief.csv", "run.json", "datapackage.json"])
        for threads in [2, 4] {
            let other = try ScenarioRun(loaded, threads: threads).files
            #expect(other.map(\.name) == one.map(\.name))
            for (a, b) in zip(one, other) {
                #expect(a.data == b.data, "\(a.name) differs between 1 and \(threads) threads")
            }
        }
    }

    @Test func quantileTablesAreLongFormatInWideColumnOrder() throws {
        let loaded = try Self.siming(paths: 50)
        let run = try ScenarioRun(loaded, threads: 2)
        let units = String(decoding: run.file(named: "units_quantiles.csv")!, as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(units[0] == ["variant", "district", "unit", "year", "metric", "mean", "p05", "p25", "p50", "p75", "p95"])
        let fees = loaded.scenario.feeCategories
        let metrics = ["tax", "reference", "increment", "rebate", "allocation"] + fees.map { "fee_\($0)" }
            + ["fees_total", "donations", "enterprise_income", "collective_income", "resources", "need", "gap", "self_sufficiency"]
        #expect(units[1..<(1 + metrics.count)].map { $0[4] } == metrics)
        let scenario = loaded.scenario
        let expectedRows = (scenario.variants.count + 2) * scenario.units.count * scenario.horizon.count * metrics.count
        #expect(units.count - 1 == expectedRows)
        for row in units.dropFirst() {
            // p05 ≤ p25 ≤ p50 ≤ p75 ≤ p95 wherever defined.
            let values = row[6...].compactMap(Double.init)
            #expect(values == values.sorted(), "quantiles out of order in \(row)")
            if row[0] == "counterfactual" && row[4] == "reference" {
                #expect(row[5...].allSatisfy { $0.isEmpty }, "the counterfactual has no reference: \(row)")
            }
        }
        let districts = String(decoding: run.file(named: "districts_quantiles.csv")!, as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(districts[0] == ["variant", "district", "year", "metric", "mean", "p05", "p25", "p50", "p75", "p95"])
        #expect(districts[1..<17].map { $0[3] } == [
            "tax", "rebates", "capacity_factor", "net_revenue", "counterfactual_net_revenue", "reform_effect",
            "fees_collected", "fees_transferred", "fees_retained", "donations_pooled", "donations_allocated",
            "donations_retained", "donations_reserve", "need", "resources", "gap",
        ])
        let manifest = try JSONSerialization.jsonObject(with: run.file(named: "run.json")!) as! [String: Any]
        #expect(manifest["paths"] as? Int == 50)
        let diagnostics = manifest["diagnostics"] as? [String: Int]
        #expect(diagnostics?["paths"] == 50 && diagnostics?["clampedTax"] == 0)
    }

    @Test func fastDecimalTextRoundsExactlyLikeMoneyRounding() {
        var seeded = SplitMix64(seed: 17)
        for precision in [0, 2, 6] {
            for rule in RoundingRule.allCases {
                let rounding = MoneyRounding(precision: precision, rule: rule)
                let fast = NumberText(.rounded(rounding))
                var cases: [Double] = [0, -0.0, 2.675, -2.675, 0.125, 0.5, 1.5, 2.5, -0.5, 1e-9, -1e-9, 123456789.125, 0.015, 0.005]
                for _ in 0..<4000 {
                    let magnitude = [1.0, 100, 1e4, 1e7][seeded.nextInt() % 4]
                    var value = seeded.unit() * magnitude * (seeded.nextInt() % 2 == 0 ? 1 : -1)
                    // Every third value sits on a decimal tie at this precision.
                    if seeded.nextInt() % 3 == 0 {
                        var scale = 1.0
                        for _ in 0..<precision { scale *= 10 }
                        value = ((value * scale).rounded(.down) + 0.5) / scale
                    }
                    cases.append(value)
                }
                for value in cases {
                    var bytes: [UInt8] = []
                    fast.append(value, to: &bytes)
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(text == rounding.text(value), "\(value) at precision \(precision) \(rule)")
                }
            }
        }
    }
}
