import FiscalModel
import Testing

/// The linked rule (挂钩返还, model.md §14) by hand: two units, base year 2025, 2026–2028,
/// both adopting in 2026, base share 0.5, coefficient 0.5, no incentive.
///
/// Unit a's tax is planned: 1200, 900 (a fall), 1000. B = 0.5 × 1000 = 500;
/// ρ* = 500 × 1.1 = 550; × (1 + 0.5 × (900/1200 − 1)) = × 0.875 → 481.25;
/// × (1 + 0.5 × (1000/900 − 1)) = × 19/18 → 507.9861….
/// Unit b grows 10 %: 2200, 2420, 2662. B = 1000; ρ* = 1050, 1102.5, 1157.625.
/// 2026: maxAmount 800 < Σρ* 1600 scales both by φ = 0.5 (275, 525); 2027: capPerUnit 1000 caps b.
/// Neither lowers the next year's entitlement.
@Suite("Linked rebate 挂钩返还 (model.md §14)")
struct LinkedRebateTests {
    static let horizon = Horizon(baseYear: 2025, endYear: 2028)

    static func handScenario(termYears: Int? = nil, capacity: Bool = true, cap: Bool = true) -> Scenario {
        var a = Fixture.unit("a", tax: 1000)
        a.plannedTax = [2026: 1200, 2027: 900, 2028: 1000]
        let b = Fixture.unit("b", tax: 2000)
        return Fixture.scenario(units: [a, b], horizon: horizon) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.rollout = RolloutPolicy(defaultYear: .year(2026))
            policy.rebate = .linked(
                baseShare: StepFunction(0.5), coefficient: StepFunction(0.5), termYears: termYears,
                capPerUnit: cap ? StepFunction(steps: [2026: 10_000, 2027: 1000, 2028: 10_000]) : nil)
            if capacity {
                policy.capacities = [DistrictCapacity(maxAmount: StepFunction(steps: [2026: 800, 2027: 1e9]))]
            }
        }
    }

    @Test func handComputedTwoUnitsThreeYears() {
        let result = Fixture.reform(Self.handScenario())
        let (a, b, district) = (result.units[0], result.units[1], result.districts[0])
        RebateTests.expectRows(
            a, references: [1000, 1000, 1000], increments: [200, 0, 0], rebates: [275, 481.25, 481.25 * 19 / 18])
        RebateTests.expectRows(
            b, references: [2000, 2000, 2000], increments: [200, 420, 662], rebates: [525, 1000, 1157.625])
        expectAmount(district[0].capacityFactor, 0.5, "φ(2026) = 800 / 1600")
        expectAmount(district[1].capacityFactor, 1, "φ(2027): 1481.25 is within the limit")
        expectAmount(district[0].rebates, 800, "Σρ 2026")
        expectAmount(district[1].rebates, 1481.25, "Σρ 2027")
    }

    @Test func capAndCapacityDoNotFeedBackIntoTheRecursion() {
        let bound = Fixture.reform(Self.handScenario())
        let free = Fixture.reform(Self.handScenario(capacity: false, cap: false))
        RebateTests.expectRows(
            free.units[1], references: [2000, 2000, 2000], increments: [200, 420, 662], rebates: [1050, 1102.5, 1157.625])
        // 2028 is neither capped nor scaled: the same entitlement with or without the earlier limits.
        for i in 0..<2 { #expect(bound.units[i][2].rebate == free.units[i][2].rebate, "unit \(i) 2028") }
    }

    @Test func theTermEndsThePaymentNotTheRecursion() {
        let rows = Fixture.reform(Self.handScenario(termYears: 2)).units[0]
        #expect(rows[2].reference == nil && rows[2].rebate == 0 && rows[2].increment == 0, "2028 is past the term")
        #expect(rows[2].adopted)
        expectAmount(rows[1].rebate, 481.25, "2027 is still within the term")
    }

    @Test func theIncentiveRateIsCoefficientTimesBaseShare() {
        // s = 0.2 in force in α = 2027 (0.9 before), c = 0.5: r = 0.1; ε = 0.5 adds 5 points to 10 %.
        let scenario = Fixture.scenario(units: [Fixture.unit("a", tax: 1000)]) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.incentiveElasticity = StepFunction(0.5)
            policy.rollout = RolloutPolicy(defaultYear: .year(2027))
            policy.rebate = .linked(baseShare: StepFunction(steps: [2026: 0.9, 2027: 0.2]), coefficient: StepFunction(0.5))
        }
        let rows = Fixture.reform(scenario).units[0]
        expectAmount(rows[0].tax, 1100, "2026: not adopted, no incentive")
        expectAmount(rows[1].tax, 1265, "2027: 1100 × 1.15")
        expectAmount(rows[1].rebate, 220 * (1 + 0.5 * 0.15), "B = 0.2 × T(2026) = 220, γ = 15 %")
    }

    @Test func zeroTaxLastYearMeansZeroGrowth() {
        var unit = Fixture.unit("a", tax: 0)
        unit.plannedTax = [2027: 500]
        let scenario = Fixture.scenario(units: [unit]) { policy in
            policy.rollout = RolloutPolicy(defaultYear: .year(2026))
            policy.rebate = .linked(baseShare: StepFunction(1), coefficient: StepFunction(1))
        }
        let rows = Fixture.reform(scenario).units[0]
        #expect(rows.allSatisfy { $0.rebate == 0 }, "B = s × 0 = 0 stays 0: \(rows.map(\.rebate))")
        expectAmount(rows[1].increment, 500, "increment against the base tax 0")
    }

    // MARK: Invariants (model.md §14), seeded

    static let seeds = UInt64(1)...UInt64(150)

    /// `scenario` with statutory amounts visible as rebates: no incentive, cap or capacity.
    static func statutory(_ scenario: Scenario) -> Scenario {
        var s = scenario
        s.reform.incentiveElasticity = .zero
        s.reform.rebate?.capPerUnit = nil
        s.reform.capacities = s.reform.capacities.map { _ in .unlimited }
        return s
    }

    static func withRule(_ scenario: Scenario, _ change: (inout LinkedRebate) -> Void) -> Scenario {
        var s = scenario
        guard let rebate = s.reform.rebate, case .linked(var rule) = rebate.rule else { return s }
        change(&rule)
        s.reform.rebate?.rule = .linked(rule)
        return s
    }

    @Test func rebatesAreNonNegativeAndEmptyWhereTheRebateDoesNotApply() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            let result = Simulation(random.linkedScenario()).runDeterministic()
            for variant in result.variants {
                for row in variant.units.joined() {
                    #expect(row.rebate >= 0 && row.rebate.isFinite, "seed \(seed) \(variant.name) unit \(row.unit) \(row.year): rebate \(row.rebate)")
                    if row.reference == nil { #expect(row.rebate == 0 && row.increment == 0, "seed \(seed)") }
                }
            }
        }
    }

    @Test func statutoryAmountIsNonDecreasingInBaseShare() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            let scenario = Self.statutory(random.linkedScenario())
            guard scenario.reform.rebate != nil else { continue }
            let raise = random.double(0...0.5)
            let higher = Self.withRule(scenario) { $0.baseShare = StepFunction($0.baseShare.values.max()! * (1 - raise) + raise) }
            let lower = Self.withRule(scenario) { $0.baseShare = StepFunction($0.baseShare.values.min()! * 0.5) }
            Self.expectNotBelow(Fixture.reform(higher), Fixture.reform(lower), "baseShare", seed: seed)
        }
    }

    @Test func statutoryAmountIsNonDecreasingInCoefficientWhileGrowthIsNonNegative() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            var scenario = Self.statutory(random.linkedScenario())
            guard scenario.reform.rebate != nil else { continue }
            Self.makeGrowthNonNegative(&scenario, random: &random)
            let higher = Self.withRule(scenario) { $0.coefficient = StepFunction($0.coefficient.values.max()! + 0.3) }
            let lower = Self.withRule(scenario) { $0.coefficient = StepFunction($0.coefficient.values.min()! * 0.5) }
            Self.expectNotBelow(Fixture.reform(higher), Fixture.reform(lower), "coefficient", seed: seed)
        }
    }

    @Test func statutoryShareOfTaxFallsWhenCoefficientIsBelowOneAndGrowthPositive() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            var scenario = Self.statutory(random.linkedScenario())
            guard scenario.reform.rebate != nil else { continue }
            Self.makeGrowthNonNegative(&scenario, random: &random, minimum: 0.01)
            let coefficient = random.step(0...0.95, horizon: scenario.horizon)
            scenario = Self.withRule(scenario) { $0.coefficient = coefficient }
            for (i, rows) in Fixture.reform(scenario).units.enumerated() {
                for (last, row) in zip(rows, rows.dropFirst()) where last.reference != nil && row.reference != nil && last.rebate > 0 {
                    #expect(row.rebate / row.tax < last.rebate / last.tax, "seed \(seed) unit \(i) \(row.year): ρ*/T rose from \(last.rebate / last.tax) to \(row.rebate / row.tax)")
                }
            }
        }
    }

    /// Tax growth at least `minimum` every year for every unit (no planned tax, no negative overrides).
    static func makeGrowthNonNegative(_ scenario: inout Scenario, random: inout RandomScenario, minimum: Double = 0) {
        scenario.reform.taxGrowth.rate = random.step(minimum...0.15, horizon: scenario.horizon)
        scenario.reform.taxGrowth.byTag = [:]
        for i in scenario.units.indices {
            scenario.units[i].plannedTax = [:]
            if scenario.units[i].taxGrowthOverride != nil { scenario.units[i].taxGrowthOverride = random.double(minimum...0.1) }
        }
        scenario.variants = []
    }

    static func expectNotBelow(_ high: VariantResult, _ low: VariantResult, _ what: String, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) {
        for (i, (lows, highs)) in zip(low.units, high.units).enumerated() {
            for (x, y) in zip(lows, highs) {
                #expect(y.rebate >= x.rebate * (1 - 1e-12) - 1e-12, "seed \(seed) unit \(i) \(x.year): ρ* fell from \(x.rebate) to \(y.rebate) when \(what) rose", sourceLocation: sourceLocation)
            }
        }
    }
}

/// The linked rule's path-dependent state in the Monte Carlo engine.
@Suite("Linked rebate in Monte Carlo runs")
struct LinkedRebateMonteCarloTests {
    @Test func resultsAreIdenticalForAnyThreadCount() {
        for seed in UInt64(1)...UInt64(5) {
            var random = RandomScenario(seed: seed)
            let scenario = MonteCarloTests.uncertain(random.linkedScenario(), random: &random, volatility: 0.15)
            let simulation = MonteCarloSimulation(scenario)
            let one = MonteCarloTests.bits(simulation.run(paths: 150, seed: seed, threads: 1))
            for threads in [2, 3] {
                #expect(MonteCarloTests.bits(simulation.run(paths: 150, seed: seed, threads: threads)) == one, "seed \(seed): \(threads) threads differ from 1")
            }
        }
    }

    @Test func oneDrawnPathWithoutVolatilityEqualsTheDeterministicRun() {
        for seed in UInt64(1)...UInt64(20) {
            var random = RandomScenario(seed: seed)
            let scenario = random.linkedScenario()
            let deterministic = Simulation(scenario).runDeterministic()
            let monteCarlo = MonteCarloSimulation(scenario).run(paths: 1, seed: seed, threads: 1)
            for (v, variant) in deterministic.variants.enumerated() {
                for (i, years) in variant.units.enumerated() {
                    for (y, row) in years.enumerated() {
                        let stats = monteCarlo.statistics(variant: v, unit: i, year: y, metric: .rebate)
                        #expect(stats.allSatisfy { $0 == row.rebate }, "seed \(seed) \(variant.name) unit \(i) \(row.year)")
                    }
                }
            }
        }
    }

    @Test func rebatesStayNonNegativeOnEveryPathAndFollowFallingTax() {
        // High volatility: many years of falling tax; the lowest quantile must stay ≥ 0.
        for seed in UInt64(1)...UInt64(8) {
            var random = RandomScenario(seed: seed)
            let scenario = MonteCarloTests.uncertain(random.linkedScenario(), random: &random, volatility: 0.6)
            let result = MonteCarloSimulation(scenario).run(paths: 100, seed: seed, threads: 2)
            for v in result.variants.indices {
                for i in scenario.units.indices {
                    for y in 0..<scenario.horizon.count {
                        let stats = result.statistics(variant: v, unit: i, year: y, metric: .rebate)
                        #expect(stats.allSatisfy { $0 >= 0 }, "seed \(seed) variant \(v) unit \(i) year \(y): \(stats)")
                    }
                }
            }
        }
    }
}
