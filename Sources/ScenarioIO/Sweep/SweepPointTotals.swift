import FiscalModel

/// What a deterministic sweep point keeps of its projection (扫描点的汇总, issue 22), taken year
/// by year from the engine's columns with no unit table: per district the Σ over years of the
/// rounded `comparison.csv` money cells (fee and donation pools split by `RoundedPools`' one
/// rounding), its capacity-binding years, the years any district binds, and of the last year
/// each district's units with a negative rounded gap and each unit's self-sufficiency.
struct SweepPointTotals: ProjectionSink {
    /// The money metrics' sums per district, in `SweepMetrics.money` order.
    private(set) var sums: [[ScaledAmount]]
    /// Years with φ < 1, per district.
    private(set) var bindingYears: [Int]
    /// Years in which any district's φ < 1.
    private(set) var anyBindingYears = 0
    /// Last year: units with a negative rounded gap, per district.
    private(set) var unitsWithGap: [Int]
    /// Last year: each unit's self-sufficiency (file order), `nil` without need.
    private(set) var selfSufficiency: [Double?] = []
    private let money: MoneyRounding
    private let zero: ScaledAmount
    private let groups: [[Int]]
    private let feeCount: Int
    private let lastYearIndex: Int

    /// Empty totals for a projection of `scenario`.
    init(_ scenario: Scenario) {
        money = scenario.moneyRounding
        zero = ScaledAmount(units: 0, precision: scenario.precision)
        groups = scenario.unitsByDistrict
        feeCount = scenario.feeCategories.count
        lastYearIndex = scenario.horizon.count - 1
        sums = Array(repeating: Array(repeating: zero, count: SweepMetrics.money.count), count: groups.count)
        bindingYears = Array(repeating: 0, count: groups.count)
        unitsWithGap = Array(repeating: 0, count: groups.count)
    }

    /// Adds year `year`'s rounded cells; keeps the gaps and ratios of the last year.
    mutating func take(_ year: ProjectedYear, districts: [DistrictYear]) {
        for (d, row) in districts.enumerated() {
            let members = groups[d]
            let transferred = ComparisonTable.feesTransferred(categories: feeCount, zero: zero) { k in
                RoundedPools.feeParts(k, of: row, members: members, rounding: money) { year.unit($0).fee(k) }
            }
            let pool = RoundedPools.donationParts(of: row, members: members, rounding: money) { year.unit($0).donations }
            let cells = [
                money.round(row.rebates), money.round(row.netRevenue), money.round(row.counterfactualNetRevenue),
                money.round(row.reformEffect), transferred,
                ComparisonTable.donationsAllocated(pool, units: members.count, zero: zero),
            ]
            sums[d] = zip(sums[d], cells).map(+)
            if row.capacityFactor < 1 { bindingYears[d] += 1 }
        }
        if districts.contains(where: { $0.capacityFactor < 1 }) { anyBindingYears += 1 }
        guard year.yearIndex == lastYearIndex else { return }
        unitsWithGap = groups.map { ComparisonTable.unitsWithGap($0, money: money) { year.unit($0).gap } }
        selfSufficiency = year.units.map(\.selfSufficiency)
    }
}
