/// Checks every projected year against SPEC §19's computed-value limits, right after the yearly
/// engine has written it: a money value that is not finite or above `ValueLimits.maximumMagnitude`
/// in magnitude, or a ratio that is not finite, is a `ProjectionLimitViolation`. The deterministic
/// projection and the Monte Carlo driver stop there, before any statistic or output is computed
/// from the value (a Monte Carlo year is checked on every path).
public struct ProjectionGuard: Sendable {
    /// Unit ids, file order.
    let unitIDs: [String]
    /// District ids, declared order.
    let districtIDs: [String]
    /// Per fee category: its id and what drives it.
    let fees: [(id: String, parameter: String)]

    /// A guard naming the units, districts and fee categories of `scenario`.
    public init(_ scenario: Scenario) {
        unitIDs = scenario.units.map(\.id)
        districtIDs = scenario.districts.map(\.id)
        fees = scenario.reform.lineFees.map {
            ($0.id, "lineFees.\($0.id).growth and the units file's \($0.collectedColumn) column")
        }
    }

    /// Whether a money value breaks the limit (NaN included).
    @inlinable
    static func isBadMoney(_ value: Double) -> Bool { !(value.magnitude <= ValueLimits.maximumMagnitude) }

    /// A named value of one row: output column, value, whether it is a ratio, and its driver.
    private typealias Cell = (column: String, value: Double, ratio: Bool, parameter: String?)

    private func firstBad(_ cells: [Cell], variant: String, place: ProjectionLimitViolation.Place, year: Int)
        -> ProjectionLimitViolation?
    {
        guard let cell = cells.first(where: { $0.ratio ? !$0.value.isFinite : Self.isBadMoney($0.value) }) else { return nil }
        return ProjectionLimitViolation(
            variant: variant, place: place, year: year, column: cell.column, value: cell.value, parameter: cell.parameter)
    }

    private func feeCells(_ prefix: String, _ values: [Double]) -> [Cell] {
        zip(fees, values).map { ("\(prefix)\($0.id)", $1, false, $0.parameter) }
    }

    /// The first violation in one deterministic year: units in file order, then districts, each
    /// in wide-column order.
    public func check(variant: String, units: [UnitYear], districts: [DistrictYear]) -> ProjectionLimitViolation? {
        for row in units {
            let cells: [Cell] =
                [("tax", row.tax, false, nil), ("reference", row.reference ?? 0, false, nil),
                 ("increment", row.increment, false, nil), ("rebate", row.rebate, false, nil),
                 ("allocation", row.allocation, false, nil)]
                + feeCells("fee_", row.fees)
                + [("fees_total", row.feesTotal, false, nil), ("donations", row.donations, false, nil),
                   ("enterprise_income", row.enterpriseIncome, false, nil),
                   ("collective_income", row.collectiveIncome, false, nil), ("resources", row.resources, false, nil),
                   ("need", row.need, false, nil), ("gap", row.gap, false, nil),
                   ("self_sufficiency", row.selfSufficiency ?? 0, true, nil)]
            if let bad = firstBad(cells, variant: variant, place: .unit(unitIDs[row.unit]), year: row.year) { return bad }
        }
        for row in districts {
            let cells: [Cell] =
                [("tax", row.tax, false, nil), ("rebates", row.rebates, false, nil),
                 ("capacity_factor", row.capacityFactor, true, nil), ("net_revenue", row.netRevenue, false, nil),
                 ("counterfactual_net_revenue", row.counterfactualNetRevenue, false, nil),
                 ("reform_effect", row.reformEffect, false, nil)]
                + feeCells("fees_collected_", row.feesCollected) + feeCells("fees_transferred_", row.feesTransferred)
                + feeCells("fees_retained_", row.feesRetained)
                + [("donations_pooled", row.donationsPooled, false, nil),
                   ("donations_allocated", row.donationsAllocated, false, nil),
                   ("donations_retained", row.donationsRetained, false, nil),
                   ("donations_reserve", row.donationsReserve, false, nil), ("need", row.need, false, nil),
                   ("resources", row.resources, false, nil), ("gap", row.gap, false, nil)]
            if let bad = firstBad(cells, variant: variant, place: .district(districtIDs[row.district]), year: row.year) {
                return bad
            }
        }
        return nil
    }

    /// Whether `values[range]` are all finite and within the limit (NaN allowed when `nanAllowed`):
    /// two branch-free reductions, so the scan vectorises.
    @inline(__always)
    static func within(_ values: UnsafePointer<Double>, _ range: Range<Int>, nanAllowed: Bool = false) -> Bool {
        var largest = 0.0, total = 0.0
        for p in range {
            let magnitude = values[p].magnitude
            largest = magnitude > largest ? magnitude : largest  // NaN never wins
            total += values[p]  // NaN and infinities survive the sum
        }
        return largest <= ValueLimits.maximumMagnitude && (nanAllowed || total.isFinite)
    }

    /// Whether year index `y` of a Monte Carlo run of `engine` is within the limits on `paths` of
    /// `columns` — the cheap scan each batch runs; `check` then names the violation.
    ///
    /// Unit tax and resources are non-negative and sum to their district's, so the district
    /// columns bound them, and every part of resources (rebate, donations) with them; the
    /// reference is a past tax unless `referenceGrowth` indexes it, and only then is scanned per
    /// unit (|increment| ≤ max(tax, reference)). NaN and infinities reach the district sums.
    public func isClean(engine: YearEngine, columns: YearColumns, yearIndex y: Int, paths: Range<Int>) -> Bool {
        let policy = engine.policy
        let n = policy.unitCount, d = policy.districtCount, stride = columns.paths
        for district in 0..<d {
            for column in 0..<7 where !Self.within(columns.districtColumn(column) + district * stride, paths) { return false }
        }
        if case .increment(let sharing)? = policy.rebate?.rule, sharing.referenceGrowth.contains(where: { $0 != 0 }) {
            for i in 0..<n where !Self.within(columns.unitColumn(1) + i * stride, paths, nanAllowed: true) { return false }
        }
        for k in (y * n)..<((y + 1) * n) {
            let need = engine.need[k]
            if Self.isBadMoney(policy.allocation[k]) || Self.isBadMoney(engine.feesTotal[k]) || Self.isBadMoney(need)
                || Self.isBadMoney(engine.enterpriseIncome[k]) || Self.isBadMoney(policy.collectiveIncome[k])
            {
                return false
            }
            for fee in engine.fees where Self.isBadMoney(fee[k]) { return false }
            // Resources ≤ 1e15, so resources / need overflows only for a need below about 1e-293.
            if need != 0 && need < 1e-290 { return false }
        }
        return !policy.fees.contains { fee in fee.collection[(y * d)..<((y + 1) * d)].contains(where: Self.isBadMoney) }
    }

    /// `check` behind the cheap `isClean` scan: `nil` for a clean year (the usual case, at the
    /// cost of the scan alone).
    public func firstViolation(
        variant: String, engine: YearEngine, columns: YearColumns, yearIndex y: Int, paths: Range<Int>
    ) -> ProjectionLimitViolation? {
        if isClean(engine: engine, columns: columns, yearIndex: y, paths: paths) { return nil }
        return check(variant: variant, engine: engine, columns: columns, yearIndex: y, paths: paths)
    }

    /// The first violation in year index `y` of a Monte Carlo run of `engine`, over `paths`
    /// of `columns` (units in file order, then districts; the first offending path of a column).
    public func check(
        variant: String, engine: YearEngine, columns: YearColumns, yearIndex y: Int, paths: Range<Int>
    ) -> ProjectionLimitViolation? {
        let policy = engine.policy
        let n = policy.unitCount, d = policy.districtCount, stride = columns.paths
        let year = policy.horizon.year(at: y)
        func first(_ column: Int, unit: Bool, row: Int, ratio: Bool = false, _ map: (Double) -> Double = { $0 }) -> Double? {
            let base = (unit ? columns.unitColumn(column) : columns.districtColumn(column)) + row * stride
            for p in paths {
                let value = map(base[p])
                if ratio ? !value.isFinite : Self.isBadMoney(value) { return value }
            }
            return nil
        }
        for i in 0..<n {
            let k = y * n + i
            let need = engine.need[k]
            // Path columns first, in output order, then the values every path shares.
            let checks: [(String, () -> Double?)] = [
                ("tax", { first(0, unit: true, row: i) }),
                // NaN marks "the rebate does not apply"; only infinities and magnitudes count.
                ("reference", { first(1, unit: true, row: i) { $0.isNaN ? 0 : $0 } }),
                ("increment", { first(2, unit: true, row: i) }), ("rebate", { first(3, unit: true, row: i) }),
                ("donations", { first(4, unit: true, row: i) }), ("resources", { first(5, unit: true, row: i) }),
                ("gap", { first(5, unit: true, row: i) { $0 - need } }),
                ("self_sufficiency", { need == 0 ? nil : first(5, unit: true, row: i, ratio: true) { $0 / need } }),
            ]
            for (column, check) in checks {
                if let value = check() {
                    return ProjectionLimitViolation(variant: variant, place: .unit(unitIDs[i]), year: year, column: column, value: value)
                }
            }
            let shared: [Cell] =
                [("allocation", policy.allocation[k], false, nil)] + feeCells("fee_", engine.fees.map { $0[k] })
                + [("fees_total", engine.feesTotal[k], false, nil),
                   ("enterprise_income", engine.enterpriseIncome[k], false, nil),
                   ("collective_income", policy.collectiveIncome[k], false, nil), ("need", need, false, nil)]
            if let bad = firstBad(shared, variant: variant, place: .unit(unitIDs[i]), year: year) { return bad }
        }
        for district in 0..<d {
            let checks: [(String, () -> Double?)] = [
                ("tax", { first(0, unit: false, row: district) }), ("rebates", { first(1, unit: false, row: district) }),
                ("capacity_factor", { first(2, unit: false, row: district, ratio: true) }),
                ("donations_pooled", { first(3, unit: false, row: district) }),
                ("donations_reserve", { first(4, unit: false, row: district) }),
                ("donations_allocated", { first(5, unit: false, row: district) }),
                ("resources", { first(6, unit: false, row: district) }),
            ]
            for (column, check) in checks {
                if let value = check() {
                    return ProjectionLimitViolation(
                        variant: variant, place: .district(districtIDs[district]), year: year, column: column, value: value)
                }
            }
            let collected = policy.fees.map { $0.collection[y * d + district] }
            let need = policy.unitsByDistrict[district].reduce(0) { $0 + engine.need[y * n + $1] }
            let shared: [Cell] = feeCells("fees_collected_", collected) + [("need", need, false, nil)]
            if let bad = firstBad(shared, variant: variant, place: .district(districtIDs[district]), year: year) { return bad }
        }
        return nil
    }
}
