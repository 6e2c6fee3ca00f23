import FiscalModel

/// The brief (简报, model.md §22) of a deterministic run: per reported variant (not the
/// counterfactual), one `BriefRow` per district in declared order, then the variant's `all`
/// row, whose yearly reform effect is the sum of the districts' rounded cells, whose shares
/// are over all districts and whose streets are all units in file order.
public enum DeterministicBrief {
    /// The id of the total row.
    public static let allDistricts = "all"

    /// The rows of `result`, in `brief.csv` order.
    public static func rows(scenario: Scenario, result: RunResult) -> [BriefRow] {
        let money = scenario.moneyRounding
        let years = Array(scenario.horizon.years)
        var rows: [BriefRow] = []
        for variant in result.variants where variant.name != Variant.counterfactualName {
            let series = variant.districts.map { districtYears in
                BriefRow.Series(
                    years: years, rounded: districtYears.map { money.round($0.reformEffect) },
                    reformEffect: districtYears.map(\.reformEffect),
                    counterfactualNetRevenue: districtYears.map(\.counterfactualNetRevenue),
                    capacityFactor: districtYears.map(\.capacityFactor))
            }
            func row(_ id: String, _ name: String, _ series: BriefRow.Series, units: [Int]) -> BriefRow {
                BriefRow(
                    variant: variant.name, district: id, districtName: name, series: series,
                    baseYear: scenario.horizon.baseYear, discountRate: scenario.discountRate, rounding: money,
                    gapUnits: gapUnits(units, variant: variant, scenario: scenario),
                    uncoveredTasks: uncoveredTasks(units, variant: variant, scenario: scenario))
            }
            for (d, district) in scenario.districts.enumerated() {
                rows.append(row(district.id, district.name, series[d], units: scenario.unitsByDistrict[d].sorted()))
            }
            rows.append(row(allDistricts, allDistricts, total(series, years: years, precision: scenario.precision),
                            units: Array(scenario.units.indices)))
        }
        return rows
    }

    /// The districts' series added year by year (φ: the lowest of the year).
    static func total(_ parts: [BriefRow.Series], years: [Int], precision: Int) -> BriefRow.Series {
        let zero = ScaledAmount(units: 0, precision: precision)
        return BriefRow.Series(
            years: years,
            rounded: years.indices.map { y in parts.reduce(zero) { $0 + $1.rounded[y] } },
            reformEffect: years.indices.map { y in parts.reduce(0) { $0 + $1.reformEffect[y] } },
            counterfactualNetRevenue: years.indices.map { y in parts.reduce(0) { $0 + $1.counterfactualNetRevenue[y] } },
            capacityFactor: years.indices.map { y in parts.map { $0.capacityFactor[y] }.min() ?? 1 })
    }

    /// The `units` (file order) whose rounded last-year gap is negative, as `comparison.csv`
    /// counts them.
    static func gapUnits(_ units: [Int], variant: VariantResult, scenario: Scenario) -> [BriefRow.GapUnit] {
        let money = scenario.moneyRounding
        return units.compactMap { i in
            guard let last = variant.units[i].last else { return nil }
            let gap = money.round(last.gap)
            return gap.units < 0 ? BriefRow.GapUnit(name: scenario.units[i].name, gap: gap) : nil
        }
    }

    /// `name:category` of the `units` (file order, then category order) whose last-year fee
    /// coverage F/Q (unrounded) is below 1.
    static func uncoveredTasks(_ units: [Int], variant: VariantResult, scenario: Scenario) -> [String] {
        let fees = scenario.feeCategories
        return units.flatMap { i -> [String] in
            guard let last = variant.units[i].last else { return [] }
            return fees.indices.compactMap { k in
                guard let coverage = last.coverage(k), coverage < 1 else { return nil }
                return "\(scenario.units[i].name):\(fees[k])"
            }
        }
    }
}
