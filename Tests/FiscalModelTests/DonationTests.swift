import FiscalModel
import Testing

/// Three units with population 60, 30, 10 (shares 0.6, 0.3, 0.1); one source of 1000 a year;
/// reserve 10 %, so 900 is distributable.
@Suite("Pooled donations, reserve and floors (model.md §6.3, §13)")
struct DonationTests {
    static func run(floor: Double? = nil, adoption: [String: AdoptionYear] = [:], defaultYear: AdoptionYear = .year(2026)) -> RunResult {
        let units = [
            Fixture.unit("a", indicators: ["pop": 60]), Fixture.unit("b", indicators: ["pop": 30]),
            Fixture.unit("c", indicators: ["pop": 10]),
        ]
        let scenario = Fixture.scenario(units: units) { policy in
            policy.rollout = RolloutPolicy(defaultYear: defaultYear, byUnit: adoption)
            policy.donations = DonationPolicy(
                reserveShare: StepFunction(0.1), minimumPerUnit: floor.map(StepFunction.init),
                allocationKey: AllocationKey(terms: [.init(column: "pop", weight: StepFunction(1))]),
                sources: [.init(id: "enterprises", amounts: [1000])])
        }
        return Simulation(scenario).runDeterministic()
    }

    static func amounts(_ result: RunResult, variant: String = Variant.reformName) -> [Double] {
        result.variant(variant)!.units.map { $0[0].donations }
    }

    @Test func proportionalBlocksWithoutFloor() {
        let result = Self.run()
        let a = Self.amounts(result)
        for (got, want) in zip(a, [540.0, 270, 90]) { expectAmount(got, want, "amount") }
        let district = result.variant(Variant.reformName)!.districts[0][0]
        expectAmount(district.donationsReserve, 100, "reserve")
        expectAmount(district.donationsRetained, 0, "retained")
    }

    @Test func bindingFloorIsPaidFromTheOthersInProportion() {
        let a = Self.amounts(Self.run(floor: 100))
        // c is floored at 100; 800 goes to a and b as 0.6 : 0.3.
        for (got, want) in zip(a, [1600.0 / 3, 800.0 / 3, 100]) { expectAmount(got, want, "amount") }
    }

    @Test func floorIteratesUntilStable() {
        // 280: b (270) and c (90) floored; a gets 900 − 560 = 340 ≥ 280.
        let a = Self.amounts(Self.run(floor: 280))
        for (got, want) in zip(a, [340.0, 280, 280]) { expectAmount(got, want, "amount") }
    }

    @Test func infeasibleFloorMeansEqualShares() {
        // 900 < 350 × 3.
        let a = Self.amounts(Self.run(floor: 350))
        for got in a { expectAmount(got, 300, "amount") }
    }

    @Test func floorNotBindingChangesNothing() {
        let a = Self.amounts(Self.run(floor: 50))
        for (got, want) in zip(a, [540.0, 270, 90]) { expectAmount(got, want, "amount") }
    }

    @Test func nonAdoptedUnitsShareStaysInThePool() {
        let result = Self.run(adoption: ["c": .year(2030)])
        let district = result.variant(Variant.reformName)!.districts[0][0]
        expectAmount(Self.amounts(result)[2], 0, "c")
        expectAmount(district.donationsAllocated, 810, "a + b")
        expectAmount(district.donationsRetained, 90, "c's share")
        expectAmount(district.donationsReserve, 100, "reserve")
    }

    @Test func reserveIsSetAsideBeforeAnyoneAdoptsButNotInTheCounterfactual() {
        let result = Self.run(defaultYear: .never)
        let reform = result.variant(Variant.reformName)!.districts[0][0]
        expectAmount(reform.donationsReserve, 100, "reserve")
        expectAmount(reform.donationsRetained, 900, "retained")
        let counterfactual = result.variant(Variant.counterfactualName)!.districts[0][0]
        expectAmount(counterfactual.donationsPooled, 1000, "pooled")
        expectAmount(counterfactual.donationsReserve, 0, "no reserve")
        expectAmount(counterfactual.donationsRetained, 1000, "all retained")
    }

    @Test func allocationFunctionHandlesZeroShares() {
        let amounts = DonationAllocation.allocate(receivable: 100, shares: [0, 0.5, 0.5], floor: 10)
        for (got, want) in zip(amounts, [10.0, 45, 45]) { expectAmount(got, want, "amount") }
        #expect(DonationAllocation.allocate(receivable: 0, shares: [0, 0], floor: nil) == [0, 0])
    }
}
