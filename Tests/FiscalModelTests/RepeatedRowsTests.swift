import FiscalModel
import Testing

/// The rows whose Monte Carlo statistics are taken without reading them
/// (`YearEngine.referenceRepeats`, `YearEngine.rebateIsZero`): each fact checked against the
/// columns the engine writes, on drawn paths of generated scenarios.
@Suite("Rows the engine repeats")
struct RepeatedRowsTests {
    @Test func aRepeatedReferenceIsLastYearsBitForBitAndANonApplyingRebateIsPositiveZero() {
        var repeated = 0, zero = 0, applying = 0
        for seed in UInt64(2460)..<UInt64(2500) {
            var random = RandomScenario(seed: seed)
            let scenario = random.scenario()
            let n = scenario.units.count
            for counterfactual in [false, true] {
                var lastReference: [UInt64] = []
                MonteCarloTests.eachPathYear(scenario, scenario.reform, counterfactual: counterfactual, seed: seed) {
                    engine, y, columns in
                    let paths = columns.paths
                    func row(_ column: UnitYearColumn, _ i: Int) -> [UInt64] {
                        (0..<paths).map { columns[column][i * paths + $0].bitPattern }
                    }
                    for i in 0..<n {
                        if engine.referenceRepeats(unit: i, yearIndex: y) {
                            repeated += 1
                            #expect(
                                row(.reference, i) == Array(lastReference[(i * paths)..<((i + 1) * paths)]),
                                "seed \(seed) unit \(i) year index \(y): the reference repeats last year's")
                        }
                        if engine.rebateIsZero(unit: i, yearIndex: y) {
                            zero += 1
                            #expect(row(.increment, i).allSatisfy { $0 == 0 }, "seed \(seed) unit \(i) year index \(y): increment +0")
                            #expect(row(.rebate, i).allSatisfy { $0 == 0 }, "seed \(seed) unit \(i) year index \(y): rebate +0")
                        } else {
                            applying += 1
                        }
                    }
                    lastReference = (0..<(n * paths)).map { columns[UnitYearColumn.reference][$0].bitPattern }
                }
            }
        }
        // Every case occurs often enough for the checks to mean something.
        #expect(repeated >= 20 && zero >= 100 && applying >= 100, "repeated \(repeated), zero \(zero), applying \(applying)")
    }
}
