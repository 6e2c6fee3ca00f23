import FiscalModel
import Testing

/// The engine's trace of one unit-year (what `explain` formats), against the hand-computed
/// scenarios of the rebate tests.
@Suite("Unit-year trace")
struct UnitYearTraceTests {
    static func engine(_ scenario: Scenario) -> YearEngine {
        YearEngine(CompiledPolicy(scenario.reform, of: scenario, counterfactual: false))
    }

    @Test func linkedChainIsTheEnginesStatutoryAmount() {
        // LinkedRebateTests.handScenario: unit a, B = 500, ρ* = 550, 481.25, 481.25 × 19/18;
        // 2027: b is capped at 1000 before capacity.
        let engine = Self.engine(LinkedRebateTests.handScenario())
        let trace = engine.trace(unit: 0, yearIndex: 2)
        #expect(trace.linkedChain.map(\.year) == [2025, 2026, 2027, 2028])
        for (step, expected) in zip(trace.linkedChain, [500, 550, 481.25, 481.25 * 19 / 18]) {
            expectAmount(step.amount, expected, "ρ*(\(step.year))")
        }
        expectAmount(trace.linkedChain[2].factor, 0.875, "1 + 0.5 × (900/1200 − 1)")
        expectAmount(trace.linkedChain[2].chained, 1.1 * 0.875, "chained to 2027")
        expectAmount(trace.statutoryRebate, 481.25 * 19 / 18, "2028 statutory")
        #expect(trace.incentiveRate == 0.25, "c × s = 0.5 × 0.5")
        #expect(trace.growthSource == .rate)
        let capped = engine.trace(unit: 1, yearIndex: 1)
        expectAmount(capped.statutoryRebate, 1102.5, "b's ρ*(2027) before the cap")
        expectAmount(capped.rebatesBeforeCapacity[1], 1000, "b after capPerUnit, before capacity")
        expectAmount(engine.trace(unit: 1, yearIndex: 0).rebatesBeforeCapacity.reduce(0, +), 1600, "2026: before φ = 0.5")
    }

    @Test func incrementSharingPeriodStartAndStatutoryRebate() {
        // A fixed reference rebased every 2 years from α = 2027: periods start 2027 and 2029.
        let unit = Fixture.unit("u", tax: 1000, tags: ["fast"])
        let scenario = Fixture.scenario(units: [unit]) { policy in
            policy.taxGrowth = TaxGrowthPolicy(rate: StepFunction(0.1), byTag: ["fast": StepFunction(0.2)])
            policy.rollout = RolloutPolicy(defaultYear: .year(2027))
            policy.rebate = Fixture.rebate(rate: 0.5, rebase: 2, cap: 50)
        }
        let engine = Self.engine(scenario)
        #expect(engine.trace(unit: 0, yearIndex: 0).periodStart == nil, "2026: not adopted")
        #expect([1, 2, 3, 4].map { engine.trace(unit: 0, yearIndex: $0).periodStart } == [2027, 2027, 2029, 2029])
        let trace = engine.trace(unit: 0, yearIndex: 2)
        #expect(trace.growthSource == .tag("fast"))
        // 2028: T = 1000 × 1.2³ = 1728 over the base T(2026) = 1200: I = 528, statutory 264, capped at 50.
        expectAmount(trace.statutoryRebate, 264, "0.5 × 528")
        expectAmount(trace.rebatesBeforeCapacity[0], 50, "capPerUnit")
        #expect(trace.linkedChain.isEmpty)
    }
}
