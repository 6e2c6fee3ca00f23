import FiscalModel
import Testing

@Suite("Drivers: growth, restructuring, allocation, collective income, needs, tax series (model.md §4, §7, §13)")
struct DriverTests {
    @Test func baselineGrowthPrefersTheUnitColumnThenTheFirstMatchingTag() {
        let units = [
            Fixture.unit("plain"), Fixture.unit("tagged", tags: ["other", "vc", "pilot"]),
            Fixture.unit("override", tags: ["vc"], growth: 0.07),
        ]
        let scenario = Fixture.scenario(units: units) { policy in
            policy.taxGrowth = TaxGrowthPolicy(rate: StepFunction(0.06), byTag: ["vc": StepFunction(0.04), "pilot": StepFunction(0.09)])
        }
        let result = Fixture.reform(scenario)
        expectAmount(result.units[0][0].tax, 1060, "default")
        expectAmount(result.units[1][0].tax, 1040, "first tag found: vc")
        expectAmount(result.units[2][0].tax, 1070, "tax_growth wins")
    }

    @Test func restructuringDivestsFromAdoptionAndYieldsTax() {
        let scenario = Fixture.scenario(units: [Fixture.unit("a", enterprise: 100)]) { policy in
            policy.rollout = RolloutPolicy(defaultYear: .year(2027))
            policy.restructuring = RestructuringPolicy(exitRate: StepFunction(0.2), taxYield: StepFunction(0.5))
        }
        let rows = Fixture.reform(scenario).units[0]
        expectAmount(rows[0].enterpriseIncome, 100, "constant before adoption")
        expectAmount(rows[0].tax, 1000, "no yield before adoption")
        expectAmount(rows[1].enterpriseIncome, 80, "2027: 20 divested")
        expectAmount(rows[1].tax, 1010, "1000 + 0.5 × 20")
        expectAmount(rows[2].enterpriseIncome, 64, "2028: 16 divested")
        expectAmount(rows[2].tax, 1018, "1010 + 0.5 × 16")
    }

    @Test func allocationIsIndexedAndCollectiveIncomeGrowsForEveryUnit() {
        let scenario = Fixture.scenario(units: [Fixture.unit("a", allocation: 100, collective: 50)]) { policy in
            policy.allocationIndexation = StepFunction(0.02)
            policy.collectiveGrowth = StepFunction(0.03)
            policy.rollout = RolloutPolicy(defaultYear: .never)
        }
        let rows = Fixture.reform(scenario).units[0]
        expectAmount(rows[1].allocation, 104.04, "100 × 1.02²")
        expectAmount(rows[0].collectiveIncome, 51.5, "50 × 1.03")
        expectAmount(rows[1].collectiveIncome, 53.045, "50 × 1.03²")
    }

    @Test func needsResourcesAndGap() {
        let unit = Fixture.unit("a", allocation: 100, enterprise: 20, collective: 10, indicators: ["staff": 5])
        let scenario = Fixture.scenario(units: [unit]) { policy in
            policy.needs = [NeedItem(id: "staff", indicator: "staff", unitCost: StepFunction(9.6), growth: StepFunction(0.05))]
            policy.rollout = RolloutPolicy(defaultYear: .never)
        }
        let row = Fixture.reform(scenario).units[0][0]
        expectAmount(row.need, 50.4, "5 × 9.6 × 1.05")
        expectAmount(row.resources, 130, "A + E + K")
        expectAmount(row.gap, 79.6, "resources − need")
        expectAmount(row.selfSufficiency, 130 / 50.4, "ratio")
    }

    @Test func taxSeriesFixesListedYearsAndGrowthResumesFromThem() {
        var unit = Fixture.unit("a", enterprise: 100)
        unit.plannedTax = [2027: 2000]
        let scenario = Fixture.scenario(units: [unit]) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.restructuring = RestructuringPolicy(exitRate: StepFunction(0.5), taxYield: StepFunction(1))
        }
        let rows = Fixture.reform(scenario).units[0]
        expectAmount(rows[0].tax, 1150, "1000 × 1.1 + 50")
        expectAmount(rows[1].tax, 2000, "listed: no growth, no yield")
        expectAmount(rows[1].enterpriseIncome, 25, "divestment still reduces E")
        expectAmount(rows[2].tax, 2212.5, "2000 × 1.1 + 12.5")
    }

    @Test func counterfactualAdoptsNothing() {
        let scenario = Fixture.scenario(units: [Fixture.unit("a", enterprise: 100)]) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.rebate = Fixture.rebate(rate: 1)
            policy.restructuring = RestructuringPolicy(exitRate: StepFunction(0.5), taxYield: StepFunction(1))
            policy.incentiveElasticity = StepFunction(1)
        }
        let result = Simulation(scenario).runDeterministic()
        #expect(result.variants.map(\.name) == ["counterfactual", "reform"])
        let counterfactual = result.variant("counterfactual")!
        #expect(counterfactual.units[0].allSatisfy { !$0.adopted && $0.rebate == 0 && $0.enterpriseIncome == 100 })
        expectAmount(counterfactual.units[0][4].tax, 1000 * 1.61051, "plain growth")
        let reform = result.variant("reform")!
        expectAmount(
            reform.districts[0][0].counterfactualNetRevenue, counterfactual.districts[0][0].netRevenue, "same no-adoption run")
        #expect(counterfactual.districts[0].allSatisfy { $0.reformEffect == 0 })
    }
}
