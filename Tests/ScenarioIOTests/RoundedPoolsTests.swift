import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// The compact store of a run's rounded pool parts (issue 22) holds exactly what the
/// largest-remainder split gives, `Int64` units or, beyond them, the exact amount.
@Suite("Rounded pools: a flat Int64 store equal to the split it holds (issue 22)")
struct RoundedPoolsTests {
    @Test(arguments: [UInt64(3), 22, 1_000_003])
    func storeGivesBackEveryAmount(seed: UInt64) {
        var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        let edges: [Int128] = [0, 1, -1, Int128(Int64.max), Int128(Int64.min), Int128(Int64.min) + 1, Int128(Int64.max) + 1,
                               ScaledAmount.maximumUnits, -ScaledAmount.maximumUnits]
        var builder = PoolStore.Builder(precision: 4, capacity: 10)
        var expected: [ScaledAmount] = []
        for _ in 0..<200 {
            let chunk = (0..<Int.random(in: 0...7, using: &generator)).map { _ -> ScaledAmount in
                let units: Int128
                switch Int.random(in: 0...3, using: &generator) {
                case 0: units = edges.randomElement(using: &generator)!
                case 1: units = Int128(Int64.random(in: .min ... .max, using: &generator)) * 1_000_003
                default: units = Int128(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator))
                }
                return ScaledAmount(units: units, precision: 4)
            }
            builder.append(chunk)
            expected += chunk
        }
        let store = PoolStore(builder)
        #expect(store.count == expected.count, "seed \(seed)")
        #expect((0..<store.count).map { store[$0] } == expected, "seed \(seed)")
        #expect(PoolParts(store: store, start: 5, count: 9).elementsEqual(expected[5..<14]), "seed \(seed)")
    }

    @Test(arguments: [UInt64(22), 2026, 90_210])
    func poolsAreTheSplitOfEveryPool(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        guard let loaded = loadScenario(try StreamedTableTests.generated(seed: seed, count: 30, in: folder)) else { return }
        let scenario = loaded.scenario
        let rounding = scenario.moneyRounding
        let result = Simulation(scenario).runDeterministic()
        for variant in result.variants {
            let pools = RoundedPools(variant, scenario: scenario, rounding: rounding)
            for (d, members) in scenario.unitsByDistrict.enumerated() {
                for (y, row) in variant.districts[d].enumerated() {
                    for k in scenario.feeCategories.indices {
                        let parts = members.map { variant.units[$0][y].fees[k] } + [row.feesRetained[k]]
                        #expect(Array(pools.fees(k, d, y)) == rounding.split(whole: row.feesCollected[k], parts: parts),
                                "seed \(seed) \(variant.name) fee \(k) district \(d) year \(y)")
                    }
                    let parts = members.map { variant.units[$0][y].donations } + [row.donationsRetained, row.donationsReserve]
                    #expect(Array(pools.donations(d, y)) == rounding.split(whole: row.donationsPooled, parts: parts),
                            "seed \(seed) \(variant.name) donations district \(d) year \(y)")
                    for (position, i) in members.enumerated() { #expect(pools.slot[i] == position, "seed \(seed)") }
                }
            }
        }
    }
}
