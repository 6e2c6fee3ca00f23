import FiscalModel

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

    /// The scenario.
    public let scenario: Scenario
    /// The run.
    public let result: RunResult

    /// Creates the table of `result`.
    public init(scenario: Scenario, result: RunResult) {
        self.scenario = scenario
        self.result = result
    }

    private var money: MoneyRounding { scenario.moneyRounding }
    private var ratio: MoneyRounding { scenario.ratioRounding }

    /// `rows[variant][district][year]` in output order.
    public func rows() -> [[[Row]]] {
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        let groups = scenario.unitsByDistrict
        return result.variants.map { variant in
            let pools = RoundedPools(variant, scenario: scenario, rounding: money)
            return groups.indices.map { d in
                variant.districts[d].indices.map { y in
                    let row = variant.districts[d][y]
                    let members = groups[d]
                    let transferred = pools.fees.reduce(zero) { $0 + $1[d][y].dropLast().reduce(zero, +) }
                    let allocated = pools.donations[d][y].prefix(members.count).reduce(zero, +)
                    let ratios = members.compactMap { variant.units[$0][y].selfSufficiency }
                    return Row(
                        netRevenue: money.round(row.netRevenue), rebates: money.round(row.rebates),
                        feesTransferred: transferred, donationsAllocated: allocated,
                        unitsWithGap: members.filter { money.round(variant.units[$0][y].gap).units < 0 }.count,
                        meanSelfSufficiency: ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count))
                }
            }
        }
    }

    /// `comparison.csv` as text.
    public func csv() -> String {
        var csv = CSVText()
        csv.append(Self.columns)
        let all = rows()
        let names = result.variants.map(\.name)
        let counterfactual = names.firstIndex(of: Variant.counterfactualName)
        let reform = names.firstIndex(of: Variant.reformName)
        for (v, variant) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                for (y, row) in all[v][d].enumerated() {
                    var fields = [variant.name, district.id, String(variant.districts[d][y].year)]
                    let against = [counterfactual, reform].map { $0.map { all[$0][d][y] } }
                    func money(_ value: (Row) -> ScaledAmount) {
                        fields.append(value(row).text)
                        for other in against { fields.append(other.map { (value(row) - value($0)).text } ?? "") }
                    }
                    money(\.netRevenue)
                    money(\.rebates)
                    money(\.feesTransferred)
                    money(\.donationsAllocated)
                    fields.append(String(row.unitsWithGap))
                    for other in against { fields.append(other.map { String(row.unitsWithGap - $0.unitsWithGap) } ?? "") }
                    fields.append(row.meanSelfSufficiency.map(ratio.text) ?? "")
                    for other in against {
                        guard let mine = row.meanSelfSufficiency, let theirs = other?.meanSelfSufficiency else {
                            fields.append("")
                            continue
                        }
                        fields.append(ratio.text(mine - theirs))
                    }
                    fields.append(district.name)
                    csv.append(fields)
                }
            }
        }
        return csv.text
    }
}
