import FiscalModel
import Foundation

/// `comparison.csv`: per variant × district × year, headline figures and their differences
/// against the `counterfactual` rows and against the `reform` rows of the same run.
///
/// Money figures are the `districts.csv` cells and their differences are differences of those
/// rounded cells, so every number can be checked against `districts.csv` to the cent.
/// `units_with_gap` counts units whose rounded `gap` in `units.csv` is negative;
/// `mean_self_sufficiency` is the mean over the district's units with need > 0 (unrounded,
/// rounded once to 6 decimals; its differences likewise).
public struct ComparisonTable {
    /// The headline metrics, in column order.
    public static let metrics = [
        "net_revenue", "rebates", "fees_transferred", "donations_allocated", "units_with_gap", "mean_self_sufficiency",
    ]

    /// The columns: key, then per metric its value, `_vs_counterfactual` and `_vs_reform`.
    public static var columns: [String] {
        ["variant", "district", "year"]
            + metrics.flatMap { [$0, "\($0)_vs_counterfactual", "\($0)_vs_reform"] } + ["district_name"]
    }

    /// One district-year's metrics, as written.
    public struct Row: Sendable, Equatable {
        /// Money metrics rounded as in districts.csv.
        public var netRevenue, rebates, feesTransferred, donationsAllocated: ScaledAmount
        /// Units with a negative rounded gap.
        public var unitsWithGap: Int
        /// Mean self-sufficiency (unrounded), `nil` when no unit has need.
        public var meanSelfSufficiency: Double?
    }

    /// The run's rounded cells.
    public let rounded: RoundedRun
    /// The scenario.
    public var scenario: Scenario { rounded.scenario }
    /// The run.
    public var result: RunResult { rounded.result }

    /// Creates the table of `result`.
    public init(scenario: Scenario, result: RunResult) {
        self.init(RoundedRun(scenario: scenario, result: result))
    }

    /// Creates the table of a run whose cells are already rounded.
    public init(_ rounded: RoundedRun) {
        self.rounded = rounded
    }

    private var ratio: MoneyRounding { scenario.ratioRounding }

    /// `rows[variant][district][year]` in output order.
    public func rows() -> [[[Row]]] { rounded.comparisonRows }

    /// One variant's rows, `[district][year]`, from its rounded pools.
    static func rows(of variant: VariantResult, pools: RoundedPools, scenario: Scenario) -> [[Row]] {
        let money = scenario.moneyRounding
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        let groups = scenario.unitsByDistrict
        return groups.indices.map { d in
            variant.districts[d].indices.map { y in
                let row = variant.districts[d][y]
                let members = groups[d]
                return Row(
                    netRevenue: money.round(row.netRevenue), rebates: money.round(row.rebates),
                    feesTransferred: feesTransferred(categories: scenario.feeCategories.count, zero: zero) { pools.fees($0, d, y) },
                    donationsAllocated: donationsAllocated(pools.donations(d, y), units: members.count, zero: zero),
                    unitsWithGap: unitsWithGap(members, money: money) { variant.units.values(unit: $0, year: y).gap },
                    meanSelfSufficiency: mean(members.compactMap { variant.units.values(unit: $0, year: y).selfSufficiency }))
            }
        }
    }

    /// Fees transferred to a district's units in one year: per fee category (`categories` of
    /// them), the unit parts of its rounded pool `parts(k)` — all but the retained amount last — summed.
    static func feesTransferred<Parts: Collection<ScaledAmount>>(
        categories: Int, zero: ScaledAmount, parts: (Int) -> Parts
    ) -> ScaledAmount {
        (0..<categories).reduce(zero) { $0 + parts($1).dropLast().reduce(zero, +) }
    }

    /// Donations allocated to a district's `units` units in one year: the first `units` parts
    /// of its rounded donation pool, summed.
    static func donationsAllocated<Parts: Collection<ScaledAmount>>(_ parts: Parts, units: Int, zero: ScaledAmount) -> ScaledAmount {
        parts.prefix(units).reduce(zero, +)
    }

    /// How many of `units` have a negative rounded gap `gap(unit)`.
    static func unitsWithGap(_ units: [Int], money: MoneyRounding, gap: (Int) -> Double) -> Int {
        units.filter { money.round(gap($0)).units < 0 }.count
    }

    /// The mean of `ratios` added in order, `nil` when there are none.
    static func mean(_ ratios: [Double]) -> Double? {
        ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count)
    }

    /// `comparison.csv` as text.
    public func csv() -> String { String(decoding: data(), as: UTF8.self) }

    /// `comparison.csv`'s bytes, after a byte-order mark with `bom`.
    public func data(bom: Bool = false) -> Data {
        var csv = CSVText(bom: bom)
        csv.append(Self.columns)
        let all = rows()
        let names = result.variants.map(\.name)
        let counterfactual = names.firstIndex(of: Variant.counterfactualName)
        let reform = names.firstIndex(of: Variant.reformName)
        for (v, variant) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                for (y, row) in all[v][d].enumerated() {
                    csv.cell(variant.name)
                    csv.cell(district.id)
                    csv.cell(variant.districts[d][y].year)
                    let against = [counterfactual, reform].map { $0.map { all[$0][d][y] } }
                    func money(_ value: (Row) -> ScaledAmount) {
                        csv.cell(value(row))
                        for other in against {
                            if let other { csv.cell(value(row) - value(other)) } else { csv.emptyCell() }
                        }
                    }
                    money(\.netRevenue)
                    money(\.rebates)
                    money(\.feesTransferred)
                    money(\.donationsAllocated)
                    csv.cell(row.unitsWithGap)
                    for other in against {
                        if let other { csv.cell(row.unitsWithGap - other.unitsWithGap) } else { csv.emptyCell() }
                    }
                    csv.cell(row.meanSelfSufficiency.map(ratio.text) ?? "")
                    for other in against {
                        guard let mine = row.meanSelfSufficiency, let theirs = other?.meanSelfSufficiency else {
                            csv.emptyCell()
                            continue
                        }
                        csv.cell(ratio.text(mine - theirs))
                    }
                    csv.cell(district.name)
                    csv.endRow()
                }
            }
        }
        return csv.data
    }
}
