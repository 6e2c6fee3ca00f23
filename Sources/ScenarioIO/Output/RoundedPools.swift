import FiscalModel

/// The rounded parts of every pooled amount of one variant (model.md §13): per fee category,
/// district and year the parts are the district's units in file order, then the retained
/// amount; per district and year for donations, the units, then retained, then reserve. Parts
/// are rounded by the largest-remainder method so they add up to the rounded whole.
struct RoundedPools: Sendable {
    /// `fees[k][d][y]`: units of d in file order, then retained.
    var fees: [[[[ScaledAmount]]]]
    /// `donations[d][y]`: units of d in file order, then retained, then reserve.
    var donations: [[[ScaledAmount]]]
    /// Position of each unit within its district's parts.
    var slot: [Int]

    init(_ result: VariantResult, scenario: Scenario, rounding: MoneyRounding) {
        let groups = scenario.unitsByDistrict
        var slot = Array(repeating: 0, count: scenario.units.count)
        for members in groups { for (position, unit) in members.enumerated() { slot[unit] = position } }
        self.slot = slot
        let years = scenario.horizon.count
        fees = scenario.feeCategories.indices.map { k in
            groups.indices.map { d in
                (0..<years).map { y in
                    let row = result.districts[d][y]
                    let parts = groups[d].map { result.units.fee(k, unit: $0, year: y) } + [row.feesRetained[k]]
                    return rounding.split(whole: row.feesCollected[k], parts: parts)
                }
            }
        }
        donations = groups.indices.map { d in
            (0..<years).map { y in
                let row = result.districts[d][y]
                let parts = groups[d].map { result.units.donations(unit: $0, year: y) } + [row.donationsRetained, row.donationsReserve]
                return rounding.split(whole: row.donationsPooled, parts: parts)
            }
        }
    }
}
