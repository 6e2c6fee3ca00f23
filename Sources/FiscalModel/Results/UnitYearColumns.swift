/// The columns of a `UnitYearTable` (issue 22), immutable once built: one flat array per
/// `UnitYear` field, `[y * unitCount + i]`; fees and task costs `[(y * unitCount + i) *
/// feeCount + k]`; a missing rebate reference held as NaN (as the engine writes it).
final class UnitYearColumns: Sendable {
    let unitCount: Int
    let feeCount: Int
    /// The calendar year of each year index.
    let years: [Int]
    let adopted: [Bool]
    let tax, reference, increment, rebate, allocation: [Double]
    let fees, taskCosts: [Double]
    let donations, enterpriseIncome, collectiveIncome, need: [Double]

    init(_ builder: UnitYearTable.Builder) {
        unitCount = builder.unitCount
        feeCount = builder.feeCount
        years = builder.years
        adopted = builder.adopted
        tax = builder.tax
        reference = builder.reference
        increment = builder.increment
        rebate = builder.rebate
        allocation = builder.allocation
        fees = builder.fees
        taskCosts = builder.taskCosts
        donations = builder.donations
        enterpriseIncome = builder.enterpriseIncome
        collectiveIncome = builder.collectiveIncome
        need = builder.need
    }

    /// The row of `unit` in year index `year`.
    func row(unit i: Int, year y: Int) -> UnitYear {
        let at = y * unitCount + i
        let feeStart = at * feeCount
        let reference = reference[at]
        return UnitYear(
            unit: i, year: years[y], adopted: adopted[at], tax: tax[at], reference: reference.isNaN ? nil : reference,
            increment: increment[at], rebate: rebate[at], allocation: allocation[at],
            fees: Array(fees[feeStart..<feeStart + feeCount]), taskCosts: Array(taskCosts[feeStart..<feeStart + feeCount]),
            donations: donations[at], enterpriseIncome: enterpriseIncome[at], collectiveIncome: collectiveIncome[at],
            need: need[at])
    }

    /// Every column equal (NaN references, meaning none, equal each other).
    func equals(_ other: UnitYearColumns) -> Bool {
        unitCount == other.unitCount && feeCount == other.feeCount && years == other.years && adopted == other.adopted
            && tax == other.tax && increment == other.increment && rebate == other.rebate && allocation == other.allocation
            && fees == other.fees && taskCosts == other.taskCosts && donations == other.donations
            && enterpriseIncome == other.enterpriseIncome && collectiveIncome == other.collectiveIncome && need == other.need
            && reference.count == other.reference.count
            && zip(reference, other.reference).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

extension UnitYearTable {
    /// Collects a table year by year (the deterministic projection appends each year's rows).
    struct Builder {
        let unitCount: Int
        let feeCount: Int
        var years: [Int] = []
        var adopted: [Bool] = []
        var tax: [Double] = [], reference: [Double] = [], increment: [Double] = [], rebate: [Double] = []
        var allocation: [Double] = [], fees: [Double] = [], taskCosts: [Double] = [], donations: [Double] = []
        var enterpriseIncome: [Double] = [], collectiveIncome: [Double] = [], need: [Double] = []

        /// A builder for `unitCount` units with `feeCount` fee categories, room reserved for `years` years.
        init(unitCount: Int, feeCount: Int, years: Int) {
            self.unitCount = unitCount
            self.feeCount = feeCount
            let cells = unitCount * years
            adopted.reserveCapacity(cells)
            for column in [\Builder.tax, \.reference, \.increment, \.rebate, \.allocation, \.donations, \.enterpriseIncome, \.collectiveIncome, \.need] {
                self[keyPath: column].reserveCapacity(cells)
            }
            fees.reserveCapacity(cells * feeCount)
            taskCosts.reserveCapacity(cells * feeCount)
        }

        /// Appends calendar year `year`: the i-th of `rows` is unit i's values, a `UnitYear` or a
        /// view of the engine's columns (`ProjectedUnitYear`).
        mutating func append<Rows: Sequence>(_ rows: Rows, year: Int) where Rows.Element: UnitYearValues {
            years.append(year)
            var count = 0
            for row in rows {
                count += 1
                adopted.append(row.adopted)
                tax.append(row.tax)
                reference.append(row.reference ?? .nan)
                increment.append(row.increment)
                rebate.append(row.rebate)
                allocation.append(row.allocation)
                for k in 0..<feeCount {
                    fees.append(row.fee(k))
                    taskCosts.append(row.taskCost(k))
                }
                donations.append(row.donations)
                enterpriseIncome.append(row.enterpriseIncome)
                collectiveIncome.append(row.collectiveIncome)
                need.append(row.need)
            }
            precondition(count == unitCount, "one row per unit")
        }

        /// The table collected so far.
        var table: UnitYearTable { UnitYearTable(columns: UnitYearColumns(self)) }
    }
}
