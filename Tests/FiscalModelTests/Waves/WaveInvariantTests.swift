import FiscalModel
import Testing

/// model.md §20's invariants, as seeded property loops that name the seed that broke.
@Suite("Wave invariants")
struct WaveInvariantTests {
    /// With the pilots adopted from b+1 and a condition that always holds, A_w =
    /// max(earliest, b + lag + window) on every path; one more year of lag delays it by one.
    @Test func adoptionYearIsBasePlusLagPlusWindowAndLagShiftsIt() {
        for seed in UInt64(1)...UInt64(30) {
            var random = RandomScenario(seed: seed)
            let lag = random.int(1...3), window = random.int(1...3), earliest = random.int(2024...2031)
            func scenario(lag: Int) -> Scenario {
                WaveFixture.uncertain(
                    WaveFixture.scenario(waves: [WaveFixture.wave("w", lag: lag, window: window, earliest: earliest)]))
            }
            let b = 2025
            let expected = max(earliest, b + lag + window, b + 1)
            let years = WaveFixture.pathYears(scenario(lag: lag), paths: 70, seed: seed).map { $0 == Int.max ? nil : b + 1 + $0 }
            let want: Int? = expected <= 2032 ? expected : nil
            #expect(years.allSatisfy { $0 == want }, "seed \(seed): lag \(lag) window \(window) earliest \(earliest)")
            #expect(WaveFixture.years(scenario(lag: lag)) == [want], "seed \(seed): deterministic")
            if b + lag + window >= earliest, expected + 1 <= 2032 {
                #expect(WaveFixture.years(scenario(lag: lag + 1)) == [expected + 1], "seed \(seed): lag + 1")
            }
        }
    }

    /// Under common random numbers, every path's A_w is non-decreasing in an `above` threshold
    /// and non-increasing in a `below` threshold of `when`.
    @Test func adoptionIsMonotoneInTheThresholdOnEveryPath() {
        for seed in UInt64(1)...UInt64(12) {
            var random = RandomScenario(seed: seed)
            let metric: WaveMetric = [.selfSufficiency, .taxGrowth, .growthAdvantage, .gapShare][random.int(0...3)]
            let window = random.int(1...2)
            func run(_ condition: WaveCondition) -> [Int] {
                let scenario = WaveFixture.uncertain(
                    WaveFixture.scenario(waves: [WaveFixture.wave("w", members: ["a", "b"], when: condition, window: window)]) {
                        $0.needs = [NeedItem(id: "staff", indicator: "staff", unitCost: StepFunction(75), growth: StepFunction(0.03))]
                        $0.rebate = Fixture.rebate(rate: 0.4)
                        $0.incentiveElasticity = StepFunction(0.1)
                    }, sigma: 0.08)
                return WaveFixture.pathYears(scenario, paths: 130, seed: seed)
            }
            let (low, high): (Double, Double)
            switch metric {
            case .selfSufficiency: (low, high) = (1.2, 1.4)
            case .gapShare: (low, high) = (0.0, 0.5)
            default: (low, high) = (0.03, 0.07)
            }
            let x = random.double(low...high), y = x + random.double(0...(high - low) / 2)
            let above = zip(run(WaveFixture.condition(metric, above: x)), run(WaveFixture.condition(metric, above: y)))
            #expect(above.allSatisfy { $0 <= $1 }, "seed \(seed): \(metric) above \(x) vs \(y)")
            let below = zip(run(WaveFixture.condition(metric, below: x)), run(WaveFixture.condition(metric, below: y)))
            #expect(below.allSatisfy { $0 >= $1 }, "seed \(seed): \(metric) below \(x) vs \(y)")
        }
    }

    /// A wave whose `when` never holds adopts on its deadline on every path, and is never
    /// adopted without one.
    @Test func deadlineAdoptsEveryPathAndNeverMeansNotAdopted() {
        for seed in UInt64(1)...UInt64(10) {
            var random = RandomScenario(seed: seed)
            let deadline = random.int(2024...2032)
            let with = WaveFixture.uncertain(WaveFixture.scenario(waves: [WaveFixture.wave("w", when: WaveFixture.never, deadline: deadline)]))
            let expected = max(deadline, 2026) - 2026
            #expect(WaveFixture.pathYears(with, paths: 70, seed: seed).allSatisfy { $0 == expected }, "seed \(seed): deadline \(deadline)")
            let without = WaveFixture.uncertain(WaveFixture.scenario(waves: [WaveFixture.wave("w", when: WaveFixture.never)]))
            #expect(WaveFixture.pathYears(without, paths: 70, seed: seed).allSatisfy { $0 == Int.max }, "seed \(seed): never")
        }
    }

    /// Waves that decide in fixed years give the same rows as §5 with those years planned
    /// (deterministic and Monte Carlo, every feature of a random scenario switched on).
    @Test func fixedYearWavesEqualPlannedYears() {
        for seed in UInt64(1)...UInt64(15) {
            var random = RandomScenario(seed: seed)
            var planned = MonteCarloTests.uncertain(random.scenario(), random: &random)
            planned.variants = []
            let horizon = planned.horizon
            let year = random.int(horizon.firstYear...horizon.endYear)
            let members = planned.units.indices.filter { _ in random.chance(0.5) }.map { planned.units[$0].id }
            guard !members.isEmpty else { continue }
            var gated = planned
            // Pilots: every non-member adopts in b+1, so the evidence is adopted and the
            // condition (tax growth ≥ −100 %) holds wherever it is defined.
            let evidence = planned.units.map(\.id).filter { !members.contains($0) }
            guard !evidence.isEmpty else { continue }
            for id in evidence { planned.reform.rollout.byUnit[id] = .year(horizon.firstYear) }
            planned.reform.rollout.byTag = [:]
            for id in members { planned.reform.rollout.byUnit[id] = .year(year) }
            gated.reform.rollout = planned.reform.rollout
            for id in members { gated.reform.rollout.byUnit[id] = nil }
            gated.reform.rollout.waves = [Wave(
                id: "w", members: UnitSelector(units: members), evidence: UnitSelector(units: evidence),
                earliest: year, lag: 1, window: 1, when: WaveCondition(metric: .taxGrowth, direction: .below, threshold: StepFunction(1e9)),
                stopWhen: nil)]
            // tax_growth is undefined when the evidence's previous tax is 0; a deadline makes
            // the year certain whatever the draws.
            gated.reform.rollout.waves[0].deadline = year
            let a = Simulation(planned).runDeterministic().variants
            var b = Simulation(gated).runDeterministic().variants
            for k in b.indices { b[k].waves = [] }
            #expect(a == b, "seed \(seed): deterministic rows differ (year \(year), members \(members))")
            let paths = 70
            let x = MonteCarloSimulation(planned).run(paths: paths, seed: seed, threads: 1)
            let y = MonteCarloSimulation(gated).run(paths: paths, seed: seed, threads: 1)
            #expect(MonteCarloTests.bits(x) == MonteCarloTests.bits(y), "seed \(seed): Monte Carlo statistics differ")
        }
    }

    /// The counterfactual depends on no wave parameter and not on pilot effort.
    @Test func counterfactualIgnoresWavesAndPilotEffort() {
        for seed in UInt64(1)...UInt64(8) {
            var random = RandomScenario(seed: seed)
            let first = WaveFixture.uncertain(WaveFixture.scenario(waves: [WaveFixture.wave("w", window: 2)]))
            let second = WaveFixture.uncertain(
                WaveFixture.scenario(
                    waves: [WaveFixture.wave("w", members: ["a"], when: WaveFixture.condition(.selfSufficiency, above: random.double(0.5...2)),
                                             lag: random.int(1...3), deadline: 2030)],
                    pilotEffort: random.double(0.01...0.05)))
            #expect(Simulation(first).runDeterministic().variants[0] == Simulation(second).runDeterministic().variants[0], "seed \(seed)")
            let x = MonteCarloSimulation(first).run(paths: 70, seed: seed, threads: 1)
            let y = MonteCarloSimulation(second).run(paths: 70, seed: seed, threads: 1)
            let rows = x.unitMetrics.count * x.unitCount * x.yearCount
            let cf = (0..<rows).flatMap { x.unitStatistics[$0].map(\.bitPattern) }
            let other = (0..<rows).flatMap { y.unitStatistics[$0].map(\.bitPattern) }
            #expect(cf == other, "seed \(seed): Monte Carlo counterfactual rows differ")
        }
    }

    /// A Monte Carlo run with waves gives the same bits and decisions for any thread count,
    /// and one drawn path without volatility decides as the deterministic run.
    @Test func wavesAreThreadInvariantAndMatchTheDeterministicRun() {
        let stop = WaveFixture.condition(.reformEffect, below: -150)
        let scenario = WaveFixture.scenario(
            growth: 0.08,
            waves: [
                WaveFixture.wave("w", members: ["a", "b"], when: WaveFixture.condition(.taxGrowth, above: 0.09), window: 2, deadline: 2031, stopWhen: stop),
                WaveFixture.wave("v", members: ["c"], when: WaveFixture.condition(.gapShare, below: 0.5), after: "w"),
            ], pilotEffort: 0.01
        ) { $0.rebate = Fixture.rebate(rate: 0.3) }
        let uncertain = WaveFixture.uncertain(scenario, sigma: 0.06)
        let one = MonteCarloSimulation(uncertain).run(paths: 150, seed: 7, threads: 1)
        for threads in [2, 3] {
            let other = MonteCarloSimulation(uncertain).run(paths: 150, seed: 7, threads: threads)
            #expect(MonteCarloTests.bits(other) == MonteCarloTests.bits(one), "\(threads) threads")
            #expect(other.waves == one.waves, "\(threads) threads")
        }
        #expect(one.waves[1][0].statusByPath.contains { $0 != one.waves[1][0].statusByPath[0] }, "paths should differ")
        let single = MonteCarloSimulation(scenario).run(paths: 1, seed: 7, threads: 1)
        let deterministic = Fixture.reform(scenario).waves
        #expect(single.waves[1].map(\.statusByPath) == deterministic.map(\.statusByPath))
    }
}
