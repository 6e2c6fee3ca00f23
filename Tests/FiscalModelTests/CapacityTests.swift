import FiscalModel
import Testing

/// Two units, tax 1000 each growing 10 %, adopting 2026, rebate rate 1 on a fixed base:
/// in 2026 each has increment 100, Σρ = 200 and Σ T = 2200.
@Suite("Per-unit cap and district capacity (model.md §6.1, §13)")
struct CapacityTests {
    static func firstYear(cap: Double? = nil, capacity: DistrictCapacity) -> (UnitYear, UnitYear, DistrictYear) {
        let scenario = Fixture.scenario(units: [Fixture.unit("a"), Fixture.unit("b")]) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.rebate = Fixture.rebate(rate: 1, cap: cap)
            policy.capacities = [capacity]
        }
        let result = Fixture.reform(scenario)
        return (result.units[0][0], result.units[1][0], result.districts[0][0])
    }

    @Test func shareOfRevenueLimitScalesEveryRebate() {
        let (a, b, district) = Self.firstYear(capacity: DistrictCapacity(maxShareOfRevenue: StepFunction(0.05)))
        expectAmount(district.capacityFactor, 0.55, "φ = 110 / 200")
        expectAmount(a.rebate, 55, "a")
        expectAmount(b.rebate, 55, "b")
        expectAmount(district.rebates, 110, "Σρ")
        expectAmount(district.netRevenue, 2090, "net")
    }

    @Test func theLowerOfTwoLimitsApplies() {
        let (a, _, district) = Self.firstYear(
            capacity: DistrictCapacity(maxShareOfRevenue: StepFunction(0.05), maxAmount: StepFunction(80)))
        expectAmount(district.capacityFactor, 0.4, "φ = 80 / 200")
        expectAmount(a.rebate, 40, "a")
    }

    @Test func aLimitAboveTheTotalDoesNotBind() {
        let (a, _, district) = Self.firstYear(capacity: DistrictCapacity(maxAmount: StepFunction(200)))
        #expect(district.capacityFactor == 1)
        expectAmount(a.rebate, 100, "exactly at the limit: no scaling (strictly above only)")
    }

    @Test func capPerUnitAppliesBeforeCapacity() {
        let (a, b, district) = Self.firstYear(cap: 60, capacity: DistrictCapacity(maxShareOfRevenue: StepFunction(0.05)))
        expectAmount(district.capacityFactor, 110.0 / 120.0, "φ = 110 / (60 + 60)")
        expectAmount(a.rebate, 55, "a")
        expectAmount(b.rebate, 55, "b")
    }

    @Test func incentiveUsesTheStatutoryRateNotTheScaledOne() {
        let scenario = Fixture.scenario(units: [Fixture.unit("a")]) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.rebate = Fixture.rebate(rate: 0.5)
            policy.incentiveElasticity = StepFunction(0.2)
            policy.capacities = [DistrictCapacity(maxAmount: StepFunction(1))]
        }
        let rows = Fixture.reform(scenario).units[0]
        expectAmount(rows[1].tax, 1200 * 1.2, "growth 0.1 + 0.2 × 0.5 in 2027")
    }
}
