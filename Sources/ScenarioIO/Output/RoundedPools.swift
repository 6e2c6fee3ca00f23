import FiscalModel

/// The rounded parts of every pooled amount of one variant (model.md §13): per fee category,
/// district and year the parts are the district's units in file order, then the retained
/// amount; per district and year for donations, the units, then retained, then reserve. Parts
/// are rounded by the largest-remainder method so they add up to the rounded whole. They are
/// held in one flat store per kind of pool, `Int64` units at the scenario's precision (issue 22).
struct RoundedPools: Sendable {
    /// Fee parts, pool after pool: category-major, then year, then district.
    private let feeStore: PoolStore
    /// Donation parts, pool after pool: year-major, then district.
    private let donationStore: PoolStore
    /// Where each district's parts start within one year's pools (fees: units + 1 each).
    private let feeStart: [Int]
    /// Where each district's parts start within one year's pools (donations: units + 2 each).
    private let donationStart: [Int]
    /// Units per district.
    private let members: [Int]
    /// Projected years held.
    private let years: Int
    /// Position of each unit within its district's parts.
    let slot: [Int]

    init(_ result: VariantResult, scenario: Scenario, rounding: MoneyRounding) {
        let groups = scenario.unitsByDistrict
        var slot = Array(repeating: 0, count: scenario.units.count)
        for members in groups { for (position, unit) in members.enumerated() { slot[unit] = position } }
        self.slot = slot
        members = groups.map(\.count)
        let years = scenario.horizon.count
        self.years = years
        feeStart = Self.starts(groups.map { $0.count + 1 })
        donationStart = Self.starts(groups.map { $0.count + 2 })
        var fees = PoolStore.Builder(precision: rounding.precision, capacity: scenario.feeCategories.count * years * feeStart.last!)
        for k in scenario.feeCategories.indices {
            for y in 0..<years {
                for d in groups.indices {
                    fees.append(Self.feeParts(k, of: result.districts[d][y], members: groups[d], rounding: rounding) {
                        result.units.fee(k, unit: $0, year: y)
                    })
                }
            }
        }
        feeStore = PoolStore(fees)
        var donations = PoolStore.Builder(precision: rounding.precision, capacity: years * donationStart.last!)
        for y in 0..<years {
            for d in groups.indices {
                donations.append(Self.donationParts(of: result.districts[d][y], members: groups[d], rounding: rounding) {
                    result.units.donations(unit: $0, year: y)
                })
            }
        }
        donationStore = PoolStore(donations)
    }

    /// Fee category `k`'s pool of one district-year, rounded (the one split of a fee pool, shared
    /// with the sweep's lean projection): the district's units `members` in file order, each
    /// receiving `fee(unit)`, then the retained amount; the parts add up to the rounded collection.
    static func feeParts(
        _ k: Int, of row: DistrictYear, members: [Int], rounding: MoneyRounding, fee: (Int) -> Double
    ) -> [ScaledAmount] {
        rounding.split(whole: row.feesCollected[k], parts: members.map(fee) + [row.feesRetained[k]])
    }

    /// The donation pool of one district-year, rounded (the one split of a donation pool): the
    /// district's units `members` in file order, each receiving `donations(unit)`, then the
    /// retained amount, then the reserve; the parts add up to the rounded pool.
    static func donationParts(
        of row: DistrictYear, members: [Int], rounding: MoneyRounding, donations: (Int) -> Double
    ) -> [ScaledAmount] {
        rounding.split(whole: row.donationsPooled, parts: members.map(donations) + [row.donationsRetained, row.donationsReserve])
    }

    /// Running starts of pools of `sizes`, with the total last.
    private static func starts(_ sizes: [Int]) -> [Int] {
        var starts = [0]
        for size in sizes { starts.append(starts.last! + size) }
        return starts
    }

    /// Fee category `k`'s parts in district `d`, year index `y`: units of d in file order, then retained.
    func fees(_ k: Int, _ d: Int, _ y: Int) -> PoolParts {
        PoolParts(store: feeStore, start: (k * years + y) * feeStart.last! + feeStart[d], count: members[d] + 1)
    }

    /// Donation parts in district `d`, year index `y`: units of d in file order, then retained, then reserve.
    func donations(_ d: Int, _ y: Int) -> PoolParts {
        PoolParts(store: donationStore, start: y * donationStart.last! + donationStart[d], count: members[d] + 2)
    }
}
