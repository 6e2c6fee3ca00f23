import FiscalModel
import Testing

/// The sweep's lean Monte Carlo driver (model.md §15.1): the same draws as `MonteCarloSimulation`,
/// per-path horizon sums checked path by path, and statistics that do not depend on threads.
@Suite("Monte Carlo sweep point")
struct HorizonSimulationTests {
    /// One path of `scenario` advanced on its own (a batch of one path, `firstPath` = p): the
    /// reference for the sums of path p.
    static func singlePath(_ scenario: Scenario, counterfactual: Bool, path p: Int, seed: UInt64) -> (net: [Double], binding: [Bool]) {
        let engine = YearEngine(CompiledPolicy(scenario.reform, of: scenario, counterfactual: counterfactual))
        let n = scenario.units.count, d = scenario.districts.count
        let batch = PathBatch(engine, count: 1)
        let columns = YearColumns(unitCount: n, districtCount: d, paths: 1)
        let shocks = TaxShocks(correlation: scenario.reform.taxGrowth.correlation, districtOf: scenario.units.map(\.districtIndex), seed: seed)
        var z = [Double](repeating: 0, count: n)
        var scratch = [Double](repeating: 0, count: d + 1)
        var factors = [Double](repeating: 1, count: max(1, (engine.policy.donations?.sourceAmounts.count ?? 0) * d))
        var net = [Double](repeating: 0, count: d)
        var binding = [Bool](repeating: false, count: d)
        for y in 0..<scenario.horizon.count {
            z.withUnsafeMutableBufferPointer { z in
                scratch.withUnsafeMutableBufferPointer { s in
                    shocks.fill(z.baseAddress!, firstPath: p, paths: 1, year: y, districtScratch: s.baseAddress!)
                }
                factors.withUnsafeMutableBufferPointer { f in
                    engine.advance(batch, yearIndex: y, firstPath: p, taxShocks: UnsafePointer(z.baseAddress!), draws: NormalDraws(seed: seed), factorScratch: f.baseAddress!, into: columns.output)
                }
            }
            for k in 0..<d {
                net[k] += columns[DistrictYearColumn.tax][k] - columns[DistrictYearColumn.rebates][k]
                if columns[DistrictYearColumn.capacityFactor][k] < 1 { binding[k] = true }
            }
        }
        return (net, binding)
    }

    @Test("per-path sums equal each path advanced on its own; probabilities are direct counts", arguments: [3, 17, 29] as [UInt64])
    func pathByPath(seed: UInt64) {
        var random = RandomScenario(seed: seed)
        var scenario = MonteCarloTests.uncertain(random.scenario(), random: &random)
        scenario.variants = []
        let paths = 150  // three batches, the last one short
        let sums = HorizonSimulation.run(scenario, paths: paths, seed: seed, threads: 2)
        var negative = 0
        var binds = 0
        for p in 0..<paths {
            let reform = Self.singlePath(scenario, counterfactual: false, path: p, seed: seed)
            let baseline = Self.singlePath(scenario, counterfactual: true, path: p, seed: seed)
            for d in scenario.districts.indices {
                #expect(abs(sums.netRevenue[d * paths + p] - reform.net[d]) <= 1e-9 * max(1, abs(reform.net[d])), "seed \(seed) path \(p) district \(d)")
                #expect(abs(sums.counterfactualNetRevenue[d * paths + p] - baseline.net[d]) <= 1e-9 * max(1, abs(baseline.net[d])), "seed \(seed) path \(p)")
                #expect(sums.binding[d * paths + p] == reform.binding[d], "seed \(seed) path \(p) district \(d)")
            }
            let effect = zip(reform.net, baseline.net).reduce(0) { $0 + $1.0 - $1.1 }
            if effect < 0 { negative += 1 }
            if reform.binding.contains(true) { binds += 1 }
        }
        let all = PointStatistics(sums, districts: Array(scenario.districts.indices))
        #expect(all.probabilityReformEffectNegative == Double(negative) / Double(paths), "seed \(seed)")
        #expect(all.probabilityCapacityBinding == Double(binds) / Double(paths), "seed \(seed)")
    }

    @Test("horizon means equal the sum over years of MonteCarloSimulation's yearly means", arguments: [5, 41] as [UInt64])
    func sameDrawsAsMonteCarlo(seed: UInt64) {
        var random = RandomScenario(seed: seed)
        var scenario = MonteCarloTests.uncertain(random.scenario(), random: &random)
        scenario.variants = []
        let paths = 200
        let sums = HorizonSimulation.run(scenario, paths: paths, seed: seed, threads: 1)
        let run = MonteCarloSimulation(scenario).run(paths: paths, seed: seed, threads: 1)
        let metrics: [DistrictYearColumn] = [.rebates, .netRevenue, .counterfactualNetRevenue, .reformEffect, .feesTransferred, .donationsAllocated]
        for d in scenario.districts.indices {
            let statistics = PointStatistics(sums, districts: [d])
            for (m, metric) in metrics.enumerated() {
                let yearly = (0..<scenario.horizon.count).reduce(0.0) { total, y in
                    total + run.districtStatistics[run.districtRow(variant: 1, district: d, year: y, metric: run.districtMetrics.firstIndex(of: DistrictYearField(metric))!)][0]
                }
                let mean = statistics.money[m].mean
                #expect(abs(mean - yearly) <= 1e-7 * max(1, abs(yearly)), "seed \(seed) district \(d) \(metric): \(mean) vs \(yearly)")
            }
        }
    }

    @Test("the sums do not depend on threads, and a cached counterfactual gives the same sums")
    func threadInvariance() {
        var random = RandomScenario(seed: 77)
        var scenario = MonteCarloTests.uncertain(random.scenario(), random: &random)
        scenario.variants = []
        let one = HorizonSimulation.run(scenario, paths: 300, seed: 9, threads: 1)
        let three = HorizonSimulation.run(scenario, paths: 300, seed: 9, threads: 3)
        #expect(one == three)
        let baseline = HorizonSimulation.counterfactualNetRevenue(scenario, paths: 300, seed: 9, threads: 2)
        #expect(HorizonSimulation.run(scenario, paths: 300, seed: 9, threads: 2, counterfactualNetRevenue: baseline) == one)
    }

    @Test("path summaries: mean and NumPy-linear quantiles by hand")
    func summary() {
        let summary = PathSummary([4, 1, 3, 2, 10])
        #expect(summary.mean == 4)
        // sorted 1 2 3 4 10: h = 4q; p05 → 1 + 0.2·1, p50 → 3, p95 → 4 + 0.8·6
        #expect(abs(summary.p05 - 1.2) < 1e-12)
        #expect(summary.p50 == 3)
        #expect(abs(summary.p95 - 8.8) < 1e-12)
    }
}
