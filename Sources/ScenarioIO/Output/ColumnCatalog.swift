/// What each output column means: its Table Schema type, whether it is money, a description
/// and a Chinese label. Used for `datapackage.json` and the column guide.
public enum ColumnCatalog {
    /// How a column is typed in the data package.
    public enum Kind: String, Sendable {
        /// Identifiers and names.
        case string
        /// Whole numbers (years, counts).
        case integer
        /// `true`/`false`.
        case boolean
        /// Money in the scenario's unit.
        case money
        /// A ratio (no unit).
        case ratio
        /// Another number.
        case number

        /// The Table Schema type.
        public var tableSchemaType: String {
            switch self {
            case .string: return "string"
            case .integer: return "integer"
            case .boolean: return "boolean"
            case .money, .ratio, .number: return "number"
            }
        }
    }

    /// A column's entry.
    public struct Entry: Sendable, Equatable {
        /// Type.
        public var kind: Kind
        /// English description.
        public var description: String
        /// Chinese label.
        public var chinese: String
    }

    private static let fixed: [String: Entry] = [
        "variant": .init(kind: .string, description: "Variant: counterfactual (nothing adopted), reform (the scenario as written) or a listed variant", chinese: "方案"),
        "district": .init(kind: .string, description: "District id (区)", chinese: "区"),
        "district_name": .init(kind: .string, description: "District name", chinese: "区名称"),
        "unit": .init(kind: .string, description: "Street office id (街道办事处)", chinese: "街道"),
        "unit_name": .init(kind: .string, description: "Street office name", chinese: "街道名称"),
        "year": .init(kind: .integer, description: "Projected year", chinese: "年份"),
        "metric": .init(kind: .string, description: "Name of the column of units.csv / districts.csv summarised in this row", chinese: "指标"),
        "adopted": .init(kind: .boolean, description: "The unit has adopted the reform (year ≥ adoption year), whatever its eligibility; always false in the counterfactual", chinese: "是否已实施"),
        "tax": .init(kind: .money, description: "District-retained tax attributable to the unit (district rows: sum over units)", chinese: "税收"),
        "reference": .init(kind: .money, description: "Rebate reference (基数) R (under the linked rule the base tax T(α−1)); empty where the rebate does not apply", chinese: "返还基数"),
        "increment": .init(kind: .money, description: "Tax increment above the reference, max(0, T − R) (under the linked rule reported for comparison only)", chinese: "税收增量"),
        "rebate": .init(kind: .money, description: "Rebate received (税收增量返还, or 挂钩返还 under the linked rule), after the per-unit cap and district capacity scaling", chinese: "增量返还"),
        "allocation": .init(kind: .money, description: "Fiscal allocation (财政下拨经费), indexed", chinese: "财政拨款"),
        "fees_total": .init(kind: .money, description: "Sum of line fees received over all categories", chinese: "条费合计"),
        "donations": .init(kind: .money, description: "Pooled donations received (社会募集资金切块下拨)", chinese: "募集资金"),
        "enterprise_income": .init(kind: .money, description: "Own-enterprise income after divestment (自办经济)", chinese: "自办企业收入"),
        "collective_income": .init(kind: .money, description: "Collective income (集体经济收入)", chinese: "集体经济收入"),
        "resources": .init(kind: .money, description: "Allocation + rebate + fees + donations + enterprise income + collective income", chinese: "可用财力"),
        "need": .init(kind: .money, description: "Spending need: need items plus task costs of the fees the unit receives", chinese: "支出需求"),
        "gap": .init(kind: .money, description: "Resources − need (negative: a funding gap)", chinese: "财力缺口"),
        "self_sufficiency": .init(kind: .ratio, description: "Resources / need; empty when need is 0", chinese: "财力自给率"),
        "rebates": .init(kind: .money, description: "Rebates paid by the district", chinese: "返还总额"),
        "capacity_factor": .init(kind: .ratio, description: "Capacity scaling factor φ applied to the district's rebates (1 when the limit does not bind)", chinese: "承受能力系数"),
        "net_revenue": .init(kind: .money, description: "Retained tax − rebates", chinese: "净收入"),
        "counterfactual_net_revenue": .init(kind: .money, description: "Net revenue of the same variant with nothing adopted, on the same draws", chinese: "反事实净收入"),
        "reform_effect": .init(kind: .money, description: "Net revenue − counterfactual net revenue: negative means extra pressure on the upper-level budget", chinese: "改革效应"),
        "fees_collected": .init(kind: .money, description: "Line fees collected in the district (all categories)", chinese: "条费征收"),
        "fees_transferred": .init(kind: .money, description: "Line fees passed to units (条费转块)", chinese: "条费下拨"),
        "fees_retained": .init(kind: .money, description: "Line fees kept by the line departments", chinese: "条费留存"),
        "donations_pooled": .init(kind: .money, description: "Donations pooled in the district", chinese: "募集资金总额"),
        "donations_allocated": .init(kind: .money, description: "Donations handed down to units", chinese: "募集资金下拨"),
        "donations_retained": .init(kind: .money, description: "Donations left in the pool (units not adopted or not eligible)", chinese: "募集资金留存"),
        "donations_reserve": .init(kind: .money, description: "Donation reserve kept at district level", chinese: "募集资金储备"),
        "mean": .init(kind: .number, description: "Mean over Monte Carlo paths", chinese: "均值"),
        "p05": .init(kind: .number, description: "5th percentile over paths (linear interpolation, NumPy's default)", chinese: "5%分位数"),
        "p25": .init(kind: .number, description: "25th percentile over paths", chinese: "25%分位数"),
        "p50": .init(kind: .number, description: "Median over paths", chinese: "中位数"),
        "p75": .init(kind: .number, description: "75th percentile over paths", chinese: "75%分位数"),
        "p95": .init(kind: .number, description: "95th percentile over paths", chinese: "95%分位数"),
        "sd": .init(kind: .number, description: "Standard deviation over paths", chinese: "标准差"),
        "units_with_gap": .init(kind: .integer, description: "Number of units whose rounded gap is negative (a funding gap)", chinese: "缺口街道数"),
        "mean_self_sufficiency": .init(kind: .ratio, description: "Mean self-sufficiency over the units with need > 0", chinese: "平均财力自给率"),
        "tag": .init(kind: .string, description: "The unit tag that defines the group (e.g. pilot, village-converted)", chinese: "标签"),
        "group": .init(kind: .string, description: "with: the units carrying the tag; without: the other units", chinese: "组别"),
        "units": .init(kind: .integer, description: "Number of units in the group", chinese: "街道数"),
        "mean_gap": .init(kind: .money, description: "Mean gap per unit of the group", chinese: "平均缺口"),
        "gap_did": .init(kind: .money, description: "Difference-in-differences of the mean gap, tagged minus other units, this year minus did_before_year (from the tagged units' first adoption year on)", chinese: "缺口双重差分"),
        "wave": .init(kind: .string, description: "Id of an evidence-gated roll-out wave (SPEC §20)", chinese: "推开批次"),
        "adopted_share": .init(kind: .ratio, description: "Share of paths on which the wave has adopted by this year (deterministic: 0 or 1)", chinese: "已推开比例"),
        "abandoned_share": .init(kind: .ratio, description: "Share of paths on which the wave was abandoned (stopWhen) by this year", chinese: "已放弃比例"),
        "did_before_year": .init(kind: .integer, description: "The year before the tagged units first adopt, whose gaps are the 'before' of gap_did (the base year uses base-year data)", chinese: "双重差分基准年"),
    ]

    private static let perCategory: [(prefix: String, entry: Entry)] = [
        ("fees_collected_", .init(kind: .money, description: "Fee collected in the district for category", chinese: "征收")),
        ("fees_transferred_", .init(kind: .money, description: "Fee passed to units for category", chinese: "下拨")),
        ("fees_retained_", .init(kind: .money, description: "Fee kept by the line department for category", chinese: "留存")),
        ("task_cost_", .init(kind: .money, description: "Task cost Q (费随事转) for units that take the task on, category", chinese: "任务成本")),
        ("coverage_", .init(kind: .ratio, description: "Fee received / task cost for category; empty when the task cost is 0", chinese: "覆盖率")),
        ("fee_", .init(kind: .money, description: "Line fee received for category", chinese: "条费")),
    ]

    /// The entry for `column`; columns nobody described are numbers.
    public static func entry(for column: String) -> Entry {
        if let entry = fixed[column] { return entry }
        if column.hasPrefix("wave_") {
            // Sweep columns of a wave (SPEC §20).
            let id = column.dropFirst(5)
            if id.hasSuffix("_adopted_share") {
                return Entry(kind: .ratio, description: "Share of paths on which wave '\(id.dropLast(14))' adopts by the last year", chinese: "\(id.dropLast(14))推开比例")
            }
            if id.hasSuffix("_year_mean") {
                return Entry(kind: .number, description: "Mean adoption year of wave '\(id.dropLast(10))' over the paths that adopt (empty when none does)", chinese: "\(id.dropLast(10))平均推开年份")
            }
            if id.hasSuffix("_year") {
                return Entry(kind: .integer, description: "Adoption year of wave '\(id.dropLast(5))' (empty when not adopted)", chinese: "\(id.dropLast(5))推开年份")
            }
        }
        for (suffix, against, chinese) in [("_vs_counterfactual", "the counterfactual", "较反事实"), ("_vs_reform", "reform", "较改革方案")]
        where column.hasSuffix(suffix) {
            let base = entry(for: String(column.dropLast(suffix.count)))
            return Entry(kind: base.kind, description: "\(base.description): this variant minus \(against), same district and year", chinese: base.chinese + chinese)
        }
        for (prefix, entry) in perCategory where column.hasPrefix(prefix) {
            let category = String(column.dropFirst(prefix.count))
            return Entry(kind: entry.kind, description: "\(entry.description) '\(category)'", chinese: "\(category)\(entry.chinese)")
        }
        return Entry(kind: .number, description: "See README.md, 'Output columns'", chinese: column)
    }
}
