import FiscalModel
import Testing

/// Three units with green area 1, 2, 1 (shares ¼, ½, ¼) and fees collected 100, 50, 50: the
/// district collects 200 in 2025, 220 in 2026 at 10 % growth.
@Suite("Line fees to blocks and the 费随事转 check (model.md §6.2, §13)")
struct LineFeeTests {
    static let units = [
        Fixture.unit("a", indicators: ["green": 1, "fee": 100]),
        Fixture.unit("b", indicators: ["green": 2, "fee": 50]),
        Fixture.unit("c", tags: ["x"], indicators: ["green": 1, "fee": 50]),
    ]

    static func greening(eligibility: Eligibility = .everyone) -> LineFeePolicy {
        LineFeePolicy(
            id: "greening", collectedColumn: "fee", growth: StepFunction(0.1),
            transferShare: StepFunction(steps: [2026: 0.5, 2028: 1]),
            allocationKey: AllocationKey(terms: [.init(column: "green", weight: StepFunction(1))]),
            taskCost: .init(indicator: "green", unitCost: StepFunction(10), growth: StepFunction(0.05)),
            eligibility: eligibility)
    }

    static func run(eligibility: Eligibility = .everyone) -> VariantResult {
        let scenario = Fixture.scenario(units: units) { policy in
            policy.rollout = RolloutPolicy(defaultYear: .year(2026), byUnit: ["b": .year(2028)])
            policy.lineFees = [greening(eligibility: eligibility)]
        }
        return Fixture.reform(scenario)
    }

    @Test func sharesAreOverAllUnitsAndNonAdoptedSharesStayWithTheLineDepartment() {
        let result = Self.run()
        // 2026: τ = 0.5, C = 220: a and c get 0.5·220·¼ = 27.5; b has not adopted.
        expectAmount(result.units[0][0].fees[0], 27.5, "a 2026")
        #expect(result.units[1][0].fees[0] == 0)
        expectAmount(result.units[2][0].fees[0], 27.5, "c 2026")
        let district = result.districts[0][0]
        expectAmount(district.feesCollected[0], 220, "collected")
        expectAmount(district.feesTransferred[0], 55, "transferred")
        expectAmount(district.feesRetained[0], 165, "retained")
        // 2028: τ = 1, C = 200·1.1³ = 266.2, everyone adopted.
        expectAmount(result.units[1][2].fees[0], 133.1, "b 2028")
        expectAmount(result.districts[0][2].feesRetained[0], 0, "nothing retained")
    }

    @Test func taskCostAndCoverageCountOnlyForUnitsThatTakeTheTaskOn() {
        let result = Self.run()
        let a = result.units[0][0]
        expectAmount(a.taskCosts[0], 10.5, "10 × 1 × 1.05")
        expectAmount(a.coverage(0), 27.5 / 10.5, "coverage")
        expectAmount(a.need, 10.5, "need includes the task cost")
        let b = result.units[1][0]
        #expect(b.taskCosts[0] == 0)
        #expect(b.coverage(0) == nil)
        expectAmount(result.units[1][2].taskCosts[0], 2 * 10 * 1.05 * 1.05 * 1.05, "b 2028")
    }

    @Test func excludedUnitsGetNoFeeAndNoTask() {
        let result = Self.run(eligibility: Eligibility(excludeTags: ["x"]))
        #expect(result.units[2][0].fees[0] == 0)
        #expect(result.units[2][0].taskCosts[0] == 0)
        expectAmount(result.districts[0][0].feesRetained[0], 192.5, "220 − 27.5")
    }

    @Test func weightedKeysCombineIndicatorShares() {
        let key = AllocationKey(terms: [
            .init(column: "green", weight: StepFunction(0.5)), .init(column: "fee", weight: StepFunction(0.5)),
        ])
        let scenario = Fixture.scenario(units: Self.units) { policy in
            var fee = Self.greening()
            fee.allocationKey = key
            policy.lineFees = [fee]
        }
        let shares = CompiledLineFee(scenario.reform.lineFees[0], scenario: scenario).shares
        // a: 0.5·¼ + 0.5·½ = 0.375; b: 0.5·½ + 0.5·¼ = 0.375; c: 0.5·¼ + 0.5·¼ = 0.25.
        expectAmount(shares[0], 0.375, "a")
        expectAmount(shares[1], 0.375, "b")
        expectAmount(shares[2], 0.25, "c")
    }
}
