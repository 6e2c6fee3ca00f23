/// One unit-year of a `UnitYearTable` read in place from its columns (issue 22): the same values
/// as the `UnitYear` that `units[i][y]` builds, without building it; resources, gap and
/// self-sufficiency come from `UnitYearValues`' one formula each.
public struct StoredUnitYear: UnitYearValues {
    let columns: UnitYearColumns
    /// Unit index in file order.
    public let unit: Int
    /// The year index.
    let yearIndex: Int

    /// The unit-year's position in the per-field columns, `[y * n + i]`.
    private var at: Int { yearIndex * columns.unitCount + unit }

    /// Projected year.
    public var year: Int { columns.years[yearIndex] }
    /// t ≥ α.
    public var adopted: Bool { columns.adopted[at] }
    /// Tax T(t).
    public var tax: Double { columns.tax[at] }
    /// R(t), `nil` where none is held (stored as NaN).
    public var reference: Double? {
        let value = columns.reference[at]
        return value.isNaN ? nil : value
    }
    /// Increment I(t).
    public var increment: Double { columns.increment[at] }
    /// Rebate ρ(t).
    public var rebate: Double { columns.rebate[at] }
    /// Allocation A(t).
    public var allocation: Double { columns.allocation[at] }
    /// F_k(t).
    public func fee(_ k: Int) -> Double { columns.fees[at * columns.feeCount + k] }
    /// Q_k(t).
    public func taskCost(_ k: Int) -> Double { columns.taskCosts[at * columns.feeCount + k] }
    /// Σ_k F_k, added in category order from 0 (as `UnitYear.feesTotal`).
    public var feesTotal: Double {
        var total = 0.0
        for k in 0..<columns.feeCount { total += fee(k) }
        return total
    }
    /// Donations received.
    public var donations: Double { columns.donations[at] }
    /// E(t).
    public var enterpriseIncome: Double { columns.enterpriseIncome[at] }
    /// K(t).
    public var collectiveIncome: Double { columns.collectiveIncome[at] }
    /// N(t).
    public var need: Double { columns.need[at] }
}
