import FiscalModel
import Testing

/// The Monte Carlo engine (model.md §8, §10, §13): reproducibility, the deterministic limit and
/// the invariants on every path.
@Suite("Monte Carlo engine")
struct MonteCarloTests {
    /// `scenario` with tax-growth volatility, correlated shocks, volatile donations and a
    /// variant that changes tax growth (so it needs its own counterfactual).
    static func uncertain(_ scenario: Scenario, random: inout RandomScenario, volatility: Double? = nil) -> Scenario {
        var s = scenario
        s.reform.taxGrowth.volatility = StepFunction(volatility ?? random.double(0.01...0.2))
        let across = random.double(0...0.4)
        s.reform.taxGrowth.correlation = random.chance(0.8)
            ? .twoLevel(withinDistrict: across + random.double(0...0.5), acrossDistricts: across) : .independent
        if var donations = s.reform.donations {
            for k in donations.sources.indices { donations.sources[k].volatility = StepFunction(random.double(0...0.4)) }
            s.reform.donations = donations
        }
        var faster = s.reform
        faster.taxGrowth.rate = StepFunction(0.08)
        s.variants = [Variant(name: "faster", policy: faster)]
        return s
    }

    /// The bit patterns of every statistic, for exact comparison (NaN included).
    static func bits(_ result: MonteCarloResult) -> [UInt64] {
        (0..<result.unitStatistics.rows).flatMap { result.unitStatistics[$0].map(\.bitPattern) }
            + (0..<result.districtStatistics.rows).flatMap { result.districtStatistics[$0].map(\.bitPattern) }
    }

    @Test func resultsAreIdenticalForAnyThreadCount() {
        for seed in UInt64(1)...UInt64(6) {
            var random = RandomScenario(seed: seed)
            let scenario = Self.uncertain(random.scenario(), random: &random)
            let simulation = MonteCarloSimulation(scenario)
            // 150 paths: two full batches of 64 and a partial one.
            let one = simulation.run(paths: 150, seed: seed, threads: 1)
            let reference = Self.bits(one)
            for threads in [2, 4] {
                let other = simulation.run(paths: 150, seed: seed, threads: threads)
                #expect(Self.bits(other) == reference, "seed \(seed): \(threads) threads differ from 1")
                #expect(other.clampedTax == one.clampedTax)
            }
        }
    }

    @Test func oneDrawnPathWithoutVolatilityEqualsTheDeterministicRun() {
        for seed in UInt64(1)...UInt64(40) {
            var random = RandomScenario(seed: seed)
            let scenario = random.scenario()  // no volatility anywhere
            let deterministic = Simulation(scenario).runDeterministic()
            let monteCarlo = MonteCarloSimulation(scenario).run(paths: 1, seed: seed, threads: 1)
            #expect(monteCarlo.variants == deterministic.variants.map(\.name))
            for (v, variant) in deterministic.variants.enumerated() {
                for (i, years) in variant.units.enumerated() {
                    for (y, row) in years.enumerated() {
                        func check(_ metric: UnitYearColumn, category: Int? = nil, _ expected: Double?) {
                            let stats = monteCarlo.statistics(variant: v, unit: i, year: y, metric: metric, category: category)
                            let same = expected.map { e in stats.allSatisfy { $0 == e } } ?? stats.allSatisfy(\.isNaN)
                            #expect(same, "seed \(seed) \(variant.name) unit \(i) \(row.year) \(metric): \(stats) vs \(String(describing: expected))")
                        }
                        check(.tax, row.tax)
                        check(.reference, row.reference)
                        check(.increment, row.increment)
                        check(.rebate, row.rebate)
                        check(.allocation, row.allocation)
                        for k in row.fees.indices { check(.fee, category: k, row.fees[k]) }
                        check(.feesTotal, row.feesTotal)
                        check(.donations, row.donations)
                        check(.enterpriseIncome, row.enterpriseIncome)
                        check(.collectiveIncome, row.collectiveIncome)
                        check(.resources, row.resources)
                        check(.need, row.need)
                        check(.gap, row.gap)
                        check(.selfSufficiency, row.selfSufficiency)
                    }
                }
                for (d, years) in variant.districts.enumerated() {
                    for (y, row) in years.enumerated() {
                        func check(_ metric: DistrictYearColumn, _ expected: Double) {
                            let stats = monteCarlo.statistics(variant: v, district: d, year: y, metric: metric)
                            #expect(stats.allSatisfy { $0 == expected }, "seed \(seed) \(variant.name) district \(d) \(row.year) \(metric): \(stats) vs \(expected)")
                        }
                        check(.tax, row.tax)
                        check(.rebates, row.rebates)
                        check(.capacityFactor, row.capacityFactor)
                        check(.netRevenue, row.netRevenue)
                        check(.counterfactualNetRevenue, row.counterfactualNetRevenue)
                        check(.reformEffect, row.reformEffect)
                        check(.feesCollected, row.feesCollected.reduce(0, +))
                        check(.feesTransferred, row.feesTransferred.reduce(0, +))
                        check(.feesRetained, row.feesRetained.reduce(0, +))
                        check(.donationsPooled, row.donationsPooled)
                        check(.donationsAllocated, row.donationsAllocated)
                        check(.donationsRetained, row.donationsRetained)
                        check(.donationsReserve, row.donationsReserve)
                        check(.need, row.need)
                        check(.resources, row.resources)
                        check(.gap, row.gap)
                    }
                }
            }
        }
    }

    /// Advances 64 drawn paths of `policy` through every year and hands each year's columns to `check`.
    static func eachPathYear(
        _ scenario: Scenario, _ policy: Policy, counterfactual: Bool = false, seed: UInt64,
        check: (YearEngine, Int, YearColumns) -> Void
    ) {
        let engine = YearEngine(CompiledPolicy(policy, of: scenario, counterfactual: counterfactual))
        let paths = 64
        let n = scenario.units.count
        let d = scenario.districts.count
        let batch = PathBatch(engine, count: paths)
        let columns = YearColumns(unitCount: n, districtCount: d, paths: paths)
        let shocks = TaxShocks(correlation: policy.taxGrowth.correlation, districtOf: scenario.units.map(\.districtIndex), seed: seed)
        var z = [Double](repeating: 0, count: n * paths)
        var scratch = [Double](repeating: 0, count: d + 1)
        let sources = engine.policy.donations?.sourceVolatility ?? []
        var factors = [Double](repeating: 1, count: max(1, sources.count * d * paths))
        for y in 0..<scenario.horizon.count {
            z.withUnsafeMutableBufferPointer { z in
                scratch.withUnsafeMutableBufferPointer { s in
                    shocks.fill(z.baseAddress!, firstPath: 0, paths: paths, year: y, districtScratch: s.baseAddress!)
                }
            }
            factors.withUnsafeMutableBufferPointer { f in
                DonationShocks.fill(
                    f.baseAddress!, volatility: sources.map { $0[y] }, districtCount: d, draws: NormalDraws(seed: seed),
                    firstPath: 0, paths: paths, year: y)
            }
            z.withUnsafeBufferPointer { z in
                factors.withUnsafeBufferPointer { f in
                    _ = engine.advance(batch, yearIndex: y, taxShocks: z.baseAddress!, donationFactors: f.baseAddress!, into: columns.output)
                }
            }
            check(engine, y, columns)
        }
    }

    @Test func invariantsHoldOnEveryPath() {
        for seed in UInt64(1)...UInt64(60) {
            var random = RandomScenario(seed: seed)
            let scenario = Self.uncertain(random.scenario(), random: &random)
            let n = scenario.units.count
            for policy in scenario.policyVariants.map(\.policy) {
                Self.eachPathYear(scenario, policy, seed: seed) { engine, y, columns in
                    let out = columns.output
                    let paths = columns.paths
                    for i in 0..<n {
                        for p in 0..<paths {
                            let k = i * paths + p
                            #expect(out.tax[k] >= 0, "seed \(seed) unit \(i) year \(y) path \(p): negative tax")
                            #expect(out.rebate[k] >= 0 && out.rebate[k] <= out.increment[k] * (1 + 1e-12) + 1e-12,
                                    "seed \(seed) unit \(i) year \(y) path \(p): rebate \(out.rebate[k]) vs increment \(out.increment[k])")
                        }
                    }
                    for (d, members) in scenario.unitsByDistrict.enumerated() {
                        for p in 0..<paths {
                            let k = d * paths + p
                            let phi = out.capacityFactor[k]
                            #expect(phi > 0 && phi <= 1, "seed \(seed) district \(d) year \(y) path \(p): φ = \(phi)")
                            let received = members.reduce(0) { $0 + out.donations[$1 * paths + p] }
                            expectAmount(received, out.donationsAllocated[k], tolerance: 1e-9, "seed \(seed) allocated")
                            let pooled = out.donationsPooled[k], reserve = out.donationsReserve[k]
                            // pooled = allocated + retained + reserve with retained ≥ 0.
                            #expect(pooled - reserve - out.donationsAllocated[k] >= -1e-7 * max(1, pooled),
                                    "seed \(seed) district \(d) year \(y) path \(p): more allocated than pooled")
                            #expect(pooled >= 0 && reserve >= 0)
                            let rebates = members.reduce(0) { $0 + out.rebate[$1 * paths + p] }
                            expectAmount(rebates, out.rebates[k], tolerance: 1e-9, "seed \(seed) rebates")
                        }
                    }
                    for (k, fee) in engine.policy.fees.enumerated() {
                        for (d, members) in scenario.unitsByDistrict.enumerated() {
                            let transferred = members.reduce(0) { $0 + engine.fees[k][y * n + $1] }
                            #expect(transferred <= fee.collection[y * scenario.districts.count + d] * (1 + 1e-12),
                                    "seed \(seed): fee \(k) transfers more than collected")
                        }
                    }
                }
            }
        }
    }

    @Test func rebateIsNonDecreasingInBandRatesOnEveryPath() {
        for seed in UInt64(1)...UInt64(40) {
            var random = RandomScenario(seed: seed)
            var scenario = Self.uncertain(random.scenario(), random: &random)
            guard var rebate = scenario.reform.rebate, case .increment(var sharing) = rebate.rule else { continue }
            scenario.reform.incentiveElasticity = .zero
            scenario.reform.capacities = scenario.reform.capacities.map { _ in .unlimited }
            var higher = scenario.reform
            let band = random.int(0...sharing.bands.count - 1)
            sharing.bands[band].rate = StepFunction(min(1, sharing.bands[band].rate.values.max()! + 0.1))
            rebate.rule = .increment(sharing)
            higher.rebate = rebate
            var low: [[Double]] = []
            Self.eachPathYear(scenario, scenario.reform, seed: seed) { _, _, columns in
                low.append(Array(UnsafeBufferPointer(start: columns.output.rebate, count: scenario.units.count * columns.paths)))
            }
            var year = 0
            Self.eachPathYear(scenario, higher, seed: seed) { _, y, columns in
                let high = UnsafeBufferPointer(start: columns.output.rebate, count: scenario.units.count * columns.paths)
                for (k, value) in high.enumerated() where value < low[year][k] - 1e-9 {
                    Issue.record("seed \(seed) year \(y) cell \(k): rebate fell from \(low[year][k]) to \(value) when band \(band)'s rate rose")
                }
                year += 1
            }
        }
    }

    @Test func theCounterfactualDependsOnNoPolicyParameter() {
        for seed in UInt64(1)...UInt64(20) {
            var random = RandomScenario(seed: seed)
            let scenario = Self.uncertain(random.scenario(), random: &random)
            var other = scenario
            // Same tax growth, everything else different.
            let changed = random.policy(horizon: scenario.horizon, districts: scenario.districts.count, units: scenario.units)
            other.reform = changed
            other.reform.taxGrowth = scenario.reform.taxGrowth
            other.variants = []
            let a = MonteCarloSimulation(scenario).run(paths: 70, seed: seed, threads: 2)
            let b = MonteCarloSimulation(other).run(paths: 70, seed: seed, threads: 2)
            for d in scenario.districts.indices {
                for y in 0..<scenario.horizon.count {
                    for metric in [DistrictYearColumn.tax, .rebates, .netRevenue, .reformEffect] {
                        let x = a.statistics(variant: 0, district: d, year: y, metric: metric)
                        let z = b.statistics(variant: 0, district: d, year: y, metric: metric)
                        #expect(x == z, "seed \(seed) district \(d) year \(y) \(metric): counterfactual moved with the policy")
                    }
                }
            }
        }
    }

    @Test func growthDrawsBelowMinusOneClampTaxAtZeroAndAreCounted() {
        var random = RandomScenario(seed: 5)
        let scenario = Self.uncertain(random.scenario(), random: &random, volatility: 1.5)
        let result = MonteCarloSimulation(scenario).run(paths: 200, seed: 1, threads: 2)
        #expect(result.clampedTax > 0)
        for v in result.variants.indices {
            for i in scenario.units.indices {
                for y in 0..<scenario.horizon.count {
                    let stats = result.statistics(variant: v, unit: i, year: y, metric: .tax)
                    #expect(stats.allSatisfy { $0 >= 0 }, "variant \(v) unit \(i) year \(y): \(stats)")
                }
            }
        }
    }
}
