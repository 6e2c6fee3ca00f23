/// Every unit-year of one variant (逐街道逐年结果), unrounded, held column by column (issue 22):
/// one flat array per field, `[y * unitCount + i]`, the fee and task-cost columns `[(y *
/// unitCount + i) * feeCount + k]` — about 100 bytes a unit-year instead of a `UnitYear` and
/// two small heap arrays each. Read it as `units[i][y]` (a `UnitYear` built on access) or, in
/// hot loops, through `values(unit:year:)`, `fee(_:unit:year:)` and `donations(unit:year:)`.
public struct UnitYearTable: Sendable, Equatable, RandomAccessCollection {
    /// The columns, shared by every copy and every unit's view.
    let columns: UnitYearColumns

    /// The table of `rows[i][y]` (every unit with the same number of years).
    public init(_ rows: [[UnitYear]]) {
        let feeCount = rows.first?.first?.fees.count ?? 0
        precondition(rows.allSatisfy { $0.allSatisfy { $0.fees.count == feeCount && $0.taskCosts.count == feeCount } },
                     "one fee and task cost per category")
        var builder = Builder(unitCount: rows.count, feeCount: feeCount, years: rows.first?.count ?? 0)
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

    /// `units[unit][year]`'s values read in place, without building the row (hot loops: the
    /// comparison's gaps and self-sufficiency).
    @inline(__always)
    public func values(unit: Int, year: Int) -> StoredUnitYear { StoredUnitYear(columns: columns, unit: unit, yearIndex: year) }

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
