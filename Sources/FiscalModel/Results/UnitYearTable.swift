/// Every unit-year of one variant (逐街道逐年结果), unrounded, held column by column (issue 22):
/// one flat array per field, `[y * unitCount + i]`, the fee and task-cost columns `[(y *
/// unitCount + i) * feeCount + k]` — about 100 bytes a unit-year instead of a `UnitYear` and
/// two small heap arrays each. Read it as `units[i][y]` (a `UnitYear` built on access) or, in
/// hot loops, through `fee(_:unit:year:)` and `donations(unit:year:)`.
public struct UnitYearTable: Sendable, Equatable, RandomAccessCollection {
    /// The columns, shared by every copy and every unit's view.
    let columns: UnitYearColumns

    /// The table of `rows[i][y]` (every unit with the same number of years).
    public init(_ rows: [[UnitYear]]) {
        var builder = Builder(unitCount: rows.count, feeCount: rows.first?.first?.fees.count ?? 0, years: rows.first?.count ?? 0)
        for y in 0..<(rows.first?.count ?? 0) { builder.append(rows.map { $0[y] }, year: rows[0][y].year) }
        self = builder.table
    }

    init(columns: UnitYearColumns) { self.columns = columns }

    /// The first unit index (0).
    public var startIndex: Int { 0 }
    /// The number of units.
    public var endIndex: Int { columns.unitCount }
    /// Projected years held per unit (fewer than the horizon when a run stopped at a limit).
    public var yearCount: Int { columns.years.count }

    /// Unit `unit`'s rows, one per projected year.
    public subscript(unit: Int) -> UnitRows { UnitRows(columns: columns, unit: unit) }

    /// Line fee F_k received by `unit` in year index `year`.
    @inline(__always)
    public func fee(_ k: Int, unit: Int, year: Int) -> Double {
        columns.fees[(year * columns.unitCount + unit) * columns.feeCount + k]
    }

    /// Donations received by `unit` in year index `year`.
    @inline(__always)
    public func donations(unit: Int, year: Int) -> Double { columns.donations[year * columns.unitCount + unit] }

    /// `units[unit][year].resources`, without building the row.
    public func resources(unit: Int, year: Int) -> Double {
        let at = year * columns.unitCount + unit
        var feesTotal = 0.0
        for k in 0..<columns.feeCount { feesTotal += columns.fees[at * columns.feeCount + k] }
        return UnitYear.resources(
            allocation: columns.allocation[at], rebate: columns.rebate[at], feesTotal: feesTotal,
            donations: columns.donations[at], enterpriseIncome: columns.enterpriseIncome[at],
            collectiveIncome: columns.collectiveIncome[at])
    }

    /// `units[unit][year].gap`, without building the row.
    public func gap(unit: Int, year: Int) -> Double {
        resources(unit: unit, year: year) - columns.need[year * columns.unitCount + unit]
    }

    /// `units[unit][year].selfSufficiency`, without building the row.
    public func selfSufficiency(unit: Int, year: Int) -> Double? {
        UnitYear.selfSufficiency(resources: resources(unit: unit, year: year), need: columns.need[year * columns.unitCount + unit])
    }

    /// Same units, years and values (a missing rebate reference equals a missing one).
    public static func == (lhs: UnitYearTable, rhs: UnitYearTable) -> Bool {
        lhs.columns === rhs.columns || lhs.columns.equals(rhs.columns)
    }
}

/// One unit's rows of a `UnitYearTable`, by year index.
public struct UnitRows: Sendable, RandomAccessCollection {
    let columns: UnitYearColumns
    /// The unit index (file order).
    public let unit: Int

    /// The first year index (0).
    public var startIndex: Int { 0 }
    /// The number of projected years.
    public var endIndex: Int { columns.years.count }

    /// The unit's row in year index `year`.
    public subscript(year: Int) -> UnitYear { columns.row(unit: unit, year: year) }
}
