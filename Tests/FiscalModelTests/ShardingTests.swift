import FiscalModel
import Testing

/// Sharded Monte Carlo runs (model.md §16): the district partition, and shards that reproduce the
/// unsharded run's statistics bit for bit.
@Suite("Sharding")
struct ShardingTests {
    @Test func thePartitionFollowsTheMidpointRule() {
        // N = 10; midpoints 2.5, 5.5, 6.5, 8.5 of the 10 units.
        #expect(DistrictPartition.shardOf(unitCounts: [5, 1, 1, 3], shards: 1) == [0, 0, 0, 0])
        #expect(DistrictPartition.shardOf(unitCounts: [5, 1, 1, 3], shards: 2) == [0, 1, 1, 1])
        #expect(DistrictPartition.shardOf(unitCounts: [5, 1, 1, 3], shards: 3) == [0, 1, 1, 2])
        // More shards than districts: the others are empty.
        #expect(DistrictPartition.shardOf(unitCounts: [1, 1], shards: 5) == [1, 3])
        let shard = { Shard(index: $0, of: 5)! }
        #expect(DistrictPartition.districts(of: shard(0), unitCounts: [1, 1]).isEmpty)
        #expect(DistrictPartition.districts(of: shard(1), unitCounts: [1, 1]) == 0..<1)
        #expect(DistrictPartition.districts(of: shard(3), unitCounts: [1, 1]) == 1..<2)
        #expect(DistrictPartition.districts(of: shard(4), unitCounts: [1, 1]).isEmpty)
        #expect(Shard(index: 3, of: 3) == nil && Shard(index: -1, of: 3) == nil && Shard(index: 0, of: 0) == nil)
    }

    @Test func partitionsAreContiguousCompleteAndBalanced() {
        var random = SplitMix64(seed: 16, offset: SplitMix64.gamma)
        for trial in 0..<300 {
            let counts = (0..<Int.random(in: 1...40, using: &random)).map { _ in Int.random(in: 1...30, using: &random) }
            let k = Int.random(in: 1...12, using: &random)
            let total = counts.reduce(0, +)
            var next = 0
            for i in 0..<k {
                let range = DistrictPartition.districts(of: Shard(index: i, of: k)!, unitCounts: counts)
                #expect(range.isEmpty || range.lowerBound == next, "trial \(trial): shard \(i) is not contiguous")
                if !range.isEmpty { next = range.upperBound }
                let load = counts[range].reduce(0, +)
                // Within one district (the largest) of an equal share.
                #expect(abs(Double(load) - Double(total) / Double(k)) <= Double(counts.max()!), "trial \(trial): shard \(i) holds \(load) of \(total) units")
            }
            #expect(next == counts.count, "trial \(trial): not every district has a shard")
        }
    }

    /// A random symmetric positive definite correlation matrix of size `n`.
    static func randomMatrix(_ n: Int, random: inout RandomScenario) throws -> CorrelationMatrix {
        let b = (0..<(n * n)).map { _ in random.double(-1...1) }
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = i == j ? Double(n) : 0
                for k in 0..<n { sum += b[i * n + k] * b[j * n + k] }
                c[i * n + j] = sum
                c[j * n + i] = sum
            }
        }
        var entries = c
        for i in 0..<n { for j in 0..<n { entries[i * n + j] = i == j ? 1 : c[i * n + j] / (c[i * n + i] * c[j * n + j]).squareRoot() } }
        return try CorrelationMatrix(size: n, entries: entries)
    }

    /// Every statistic of every shard equals the unsharded run's for the same unit or district,
    /// bit for bit, and the clamped-tax counts add up.
    func expectShardsReproduce(_ scenario: Scenario, seed: UInt64, paths: Int, shards k: Int, _ label: String) {
        let full = MonteCarloSimulation(scenario).run(paths: paths, seed: seed, threads: 2)
        var clamped = 0
        var covered = 0
        for i in 0..<k {
            let part = ScenarioShard(scenario, shard: Shard(index: i, of: k)!)
            let result = MonteCarloSimulation(part.scenario, draws: part.draws).run(paths: paths, seed: seed, threads: 2)
            clamped += result.clampedTax
            covered += part.scenario.units.count
            for v in result.variants.indices {
                for y in 0..<result.yearCount {
                    for (local, unit) in part.draws.units.enumerated() {
                        for m in result.unitMetrics.indices {
                            let got = result.unitStatistics[result.unitRow(variant: v, unit: local, year: y, metric: m)]
                            let want = full.unitStatistics[full.unitRow(variant: v, unit: unit, year: y, metric: m)]
                            #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "\(label): shard \(i)/\(k), variant \(v), unit \(unit), year \(y), metric \(result.unitMetrics[m])")
                        }
                    }
                    for (local, district) in part.draws.districts.enumerated() {
                        for m in result.districtMetrics.indices {
                            let got = result.districtStatistics[result.districtRow(variant: v, district: local, year: y, metric: m)]
                            let want = full.districtStatistics[full.districtRow(variant: v, district: district, year: y, metric: m)]
                            #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "\(label): shard \(i)/\(k), district \(district), metric \(m)")
                        }
                    }
                }
            }
        }
        #expect(covered == scenario.units.count, "\(label): shards cover \(covered) of \(scenario.units.count) units")
        #expect(clamped == full.clampedTax, "\(label): clamped tax \(clamped) over shards, \(full.clampedTax) unsharded")
    }

    @Test func shardsReproduceTheUnshardedRunWithTwoLevelCorrelation() {
        for seed in UInt64(1)...UInt64(5) {
            var random = RandomScenario(seed: seed)
            // Even seeds: the linked rebate (per-path state of its own).
            let base = seed % 2 == 0 ? random.linkedScenario() : random.scenario()
            var scenario = MonteCarloTests.uncertain(base, random: &random, volatility: 0.3)
            scenario.reform.taxGrowth.correlation = .twoLevel(withinDistrict: 0.6, acrossDistricts: 0.2)
            // Units of different districts interleaved in file order.
            scenario.units.shuffle(using: &random.generator)
            expectShardsReproduce(scenario, seed: seed, paths: 70, shards: Int(seed % 4) + 2, "seed \(seed)")
        }
    }

    @Test func shardsReproduceTheUnshardedRunWithACorrelationMatrix() throws {
        for seed in UInt64(11)...UInt64(14) {
            var random = RandomScenario(seed: seed)
            var scenario = MonteCarloTests.uncertain(random.scenario(), random: &random, volatility: 0.2)
            scenario.units.shuffle(using: &random.generator)
            let matrix = try Self.randomMatrix(scenario.units.count, random: &random)
            scenario.reform.taxGrowth.correlation = .matrix(matrix)
            scenario.variants = scenario.variants.map { variant in
                var variant = variant
                variant.policy.taxGrowth.correlation = .matrix(matrix)
                return variant
            }
            expectShardsReproduce(scenario, seed: seed, paths: 130, shards: 3, "seed \(seed)")
        }
    }
}
