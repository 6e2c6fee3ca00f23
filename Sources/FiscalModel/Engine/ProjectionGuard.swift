/// Checks every projected year against model.md §19's computed-value limits, right after the yearly
/// engine has written it: a money value that is not finite or above `ValueLimits.maximumMagnitude`
/// in magnitude, or a ratio that is not finite, is a `ProjectionLimitViolation`. The deterministic
/// projection and the Monte Carlo driver stop there, before any statistic or output is computed
/// from the value (a Monte Carlo year is checked on every path).
public struct ProjectionGuard: Sendable {
    /// Unit ids, file order.
    let unitIDs: [String]
    /// District ids, declared order.
    let districtIDs: [String]
    /// Fee category ids.
    let feeIDs: [String]
    /// Per fee category: what drives it.
    let feeParameters: [String]
    /// The unit columns checked, in output order: every column a Monte Carlo run reports.
    let unitFields: [UnitYearField]
    /// The district columns checked, in output order: every column a Monte Carlo run reports,
    /// a fee total through its categories.
    let districtFields: [DistrictYearField]
    /// Per unit field: whether it is a ratio (a ratio may be any finite value).
    let unitRatios: [Bool]
    /// Per district field: whether it is a ratio.
    let districtRatios: [Bool]

    /// A guard naming the units, districts and fee categories of `scenario`.
    public init(_ scenario: Scenario) {
        unitIDs = scenario.units.map(\.id)
        districtIDs = scenario.districts.map(\.id)
        feeIDs = scenario.reform.lineFees.map(\.id)
        feeParameters = scenario.reform.lineFees.map {
            "lineFees.\($0.id).growth and the units file's \($0.collectedColumn) column"
        }
        let feeCount = feeIDs.count
        unitFields = UnitYearColumn.monteCarloFields(categoryCount: feeCount)
        districtFields = DistrictYearColumn.allCases.filter(\.reportedByMonteCarlo).flatMap { column in
            column.categories.map { parts in (0..<feeCount).map { DistrictYearField(parts, category: $0) } }
                ?? [DistrictYearField(column)]
        }
        unitRatios = unitFields.map { $0.column.entry.kind == .ratio }
        districtRatios = districtFields.map { $0.column.entry.kind == .ratio }
    }

    /// Whether a money value breaks the limit (NaN included).
    @inlinable
    static func isBadMoney(_ value: Double) -> Bool { !(value.magnitude <= ValueLimits.maximumMagnitude) }

    /// The violation of the first field of `fields` whose value (an empty cell counts as 0)
    /// breaks the limit; the column is named only once one does.
    private func firstBad<Column>(
        _ fields: [ColumnField<Column>], ratios: [Bool], value: (ColumnField<Column>) -> Double?,
        variant: String, place: ProjectionLimitViolation.Place, year: Int
    ) -> ProjectionLimitViolation? {
        for (field, ratio) in zip(fields, ratios) {
            let value = value(field) ?? 0
            guard ratio ? !value.isFinite : Self.isBadMoney(value) else { continue }
            return ProjectionLimitViolation(
                variant: variant, place: place, year: year, column: field.name(categories: feeIDs), value: value,
                parameter: field.category.map { feeParameters[$0] })
        }
        return nil
    }

    /// The first violation in one deterministic year: units in file order, then districts, each
    /// in wide-column order.
    /// `units` are rows or views of the engine's columns (`ProjectedYear.units`), read in place.
    public func check<Units: Sequence>(
        variant: String, units: Units, districts: [DistrictYear]
    ) -> ProjectionLimitViolation? where Units.Element: UnitYearValues {
        for row in units {
            if let bad = firstBad(
                unitFields, ratios: unitRatios, value: { $0.column.value(in: row, category: $0.category) },
                variant: variant, place: .unit(unitIDs[row.unit]), year: row.year) { return bad }
        }
        for row in districts {
            if let bad = firstBad(
                districtFields, ratios: districtRatios, value: { $0.column.value(in: row, category: $0.category) },
                variant: variant, place: .district(districtIDs[row.district]), year: row.year) { return bad }
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
            for column in DistrictYearColumn.perPath where !Self.within(columns[column] + district * stride, paths) {
                return false
            }
        }
        if case .increment(let sharing)? = policy.rebate?.rule, sharing.referenceGrowth.contains(where: { $0 != 0 }) {
            let reference = columns[UnitYearColumn.reference]
            for i in 0..<n where !Self.within(reference + i * stride, paths, nanAllowed: true) { return false }
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
        func first(_ column: UnsafeMutablePointer<Double>, row: Int, ratio: Bool, _ map: (Double) -> Double = { $0 }) -> Double? {
            let base = column + row * stride
            for p in paths {
                let value = map(base[p])
                if ratio ? !value.isFinite : Self.isBadMoney(value) { return value }
            }
            return nil
        }
        let resources = columns[UnitYearColumn.resources]
        for i in 0..<n {
            let k = y * n + i
            let need = engine.need[k]
            // Path columns first, in output order, then those derived from resources, then the
            // values every path shares.
            var checks: [(UnitYearColumn, () -> Double?)] = UnitYearColumn.perPath.map { column in
                // NaN marks "the rebate does not apply"; only infinities and magnitudes count.
                let map: (Double) -> Double = column == .reference ? { $0.isNaN ? 0 : $0 } : { $0 }
                return (column, { first(columns[column], row: i, ratio: column.entry.kind == .ratio, map) })
            }
            checks.append((.gap, { first(resources, row: i, ratio: false) { $0 - need } }))
            checks.append((.selfSufficiency, { need == 0 ? nil : first(resources, row: i, ratio: true) { $0 / need } }))
            for (column, check) in checks {
                if let value = check() {
                    return ProjectionLimitViolation(variant: variant, place: .unit(unitIDs[i]), year: year, column: column.name, value: value)
                }
            }
            if let bad = firstBad(
                unitFields, ratios: unitRatios, value: { engine.pathIndependentValue($0, unit: i, yearIndex: y) },
                variant: variant, place: .unit(unitIDs[i]), year: year) { return bad }
        }
        for district in 0..<d {
            for column in DistrictYearColumn.perPath {
                if let value = first(columns[column], row: district, ratio: column.entry.kind == .ratio) {
                    return ProjectionLimitViolation(
                        variant: variant, place: .district(districtIDs[district]), year: year, column: column.name, value: value)
                }
            }
            let shared = policy.fees.indices.map { DistrictYearField(.feesCollectedOf, category: $0) } + [DistrictYearField(.need)]
            let need = policy.unitsByDistrict[district].reduce(0) { $0 + engine.need[y * n + $1] }
            if let bad = firstBad(
                shared, ratios: shared.map { _ in false },
                value: { $0.column == .need ? need : policy.fees[$0.category!].collection[y * d + district] },
                variant: variant, place: .district(districtIDs[district]), year: year) { return bad }
        }
        return nil
    }
}
