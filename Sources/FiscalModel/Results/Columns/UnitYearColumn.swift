/// The columns of `units.csv` (街道年度表, model.md §9), in file order: the one catalogue of a
/// unit-year's name, Chinese title, kind, Monte Carlo reporting, where the engine writes it per
/// path and how it is read from a `UnitYear`.
///
/// To add a column: add a case here, in file order, and fill in each property below (see the
/// README, "How to add an output column").
public enum UnitYearColumn: String, TableColumn {
    /// The variant (方案).
    case variant
    /// The district id.
    case district
    /// The street office id.
    case unit
    /// The projected year.
    case year
    /// t ≥ α.
    case adopted
    /// T(t).
    case tax
    /// R(t), empty where the rebate does not apply.
    case reference
    /// I(t).
    case increment
    /// ρ(t) after cap and capacity.
    case rebate
    /// A(t).
    case allocation
    /// F_k(t), one column per fee category.
    case fee = "fee_"
    /// Σ_k F_k(t).
    case feesTotal = "fees_total"
    /// Donations received.
    case donations
    /// E(t).
    case enterpriseIncome = "enterprise_income"
    /// K(t).
    case collectiveIncome = "collective_income"
    /// A + ρ + Σ F + donations + E + K.
    case resources
    /// N(t).
    case need
    /// Resources − need.
    case gap
    /// Resources / need.
    case selfSufficiency = "self_sufficiency"
    /// Q_k(t), one column per fee category.
    case taskCost = "task_cost_"
    /// F_k / Q_k, one column per fee category.
    case coverage = "coverage_"
    /// The street office's name.
    case unitName = "unit_name"

    /// The header name (the prefix of a per-category column).
    public var name: String { rawValue }

    /// What the column means.
    public var entry: ColumnEntry {
        switch self {
        case .variant: .init(kind: .string, description: "Variant: counterfactual (nothing adopted), reform (the scenario as written) or a listed variant", chinese: "方案")
        case .district: .init(kind: .string, description: "District id (区)", chinese: "区")
        case .unit: .init(kind: .string, description: "Street office id (街道办事处)", chinese: "街道")
        case .year: .init(kind: .integer, description: "Projected year", chinese: "年份")
        case .adopted: .init(kind: .boolean, description: "The unit has adopted the reform (year ≥ adoption year), whatever its eligibility; always false in the counterfactual", chinese: "是否已实施")
        case .tax: .init(kind: .money, description: "District-retained tax attributable to the unit (district rows: sum over units)", chinese: "税收")
        case .reference: .init(kind: .money, description: "Rebate reference (基数) R (under the linked rule the base tax T(α−1)); empty where the rebate does not apply", chinese: "返还基数")
        case .increment: .init(kind: .money, description: "Tax increment above the reference, max(0, T − R) (under the linked rule reported for comparison only)", chinese: "税收增量")
        case .rebate: .init(kind: .money, description: "Rebate received (税收增量返还, or 挂钩返还 under the linked rule), after the per-unit cap and district capacity scaling", chinese: "增量返还")
        case .allocation: .init(kind: .money, description: "Fiscal allocation (财政下拨经费), indexed", chinese: "财政拨款")
        case .fee: .init(kind: .money, description: "Line fee received for category", chinese: "条费")
        case .feesTotal: .init(kind: .money, description: "Sum of line fees received over all categories", chinese: "条费合计")
        case .donations: .init(kind: .money, description: "Pooled donations received (社会募集资金切块下拨)", chinese: "募集资金")
        case .enterpriseIncome: .init(kind: .money, description: "Own-enterprise income after divestment (自办经济)", chinese: "自办企业收入")
        case .collectiveIncome: .init(kind: .money, description: "Collective income (集体经济收入)", chinese: "集体经济收入")
        case .resources: .init(kind: .money, description: "Allocation + rebate + fees + donations + enterprise income + collective income", chinese: "可用财力")
        case .need: .init(kind: .money, description: "Spending need: need items plus task costs of the fees the unit receives", chinese: "支出需求")
        case .gap: .init(kind: .money, description: "Resources − need (negative: a funding gap)", chinese: "财力缺口")
        case .selfSufficiency: .init(kind: .ratio, description: "Resources / need; empty when need is 0", chinese: "财力自给率")
        case .taskCost: .init(kind: .money, description: "Task cost Q (费随事转) for units that take the task on, category", chinese: "任务成本")
        case .coverage: .init(kind: .ratio, description: "Fee received / task cost for category; empty when the task cost is 0", chinese: "覆盖率")
        case .unitName: .init(kind: .string, description: "Street office name", chinese: "街道名称")
        }
    }

    /// Fee lines (0), task costs (1) and coverage (2) each form their own block.
    public var categoryBlock: Int? {
        switch self {
        case .fee: 0
        case .taskCost: 1
        case .coverage: 2
        default: nil
        }
    }

    /// Every value column but `adopted` and the task-cost columns.
    public var reportedByMonteCarlo: Bool {
        switch self {
        case .variant, .district, .unit, .year, .adopted, .taskCost, .coverage, .unitName: false
        default: true
        }
    }

    /// The columns the yearly engine writes per path (they depend on the draws), in the order
    /// of `YearColumns`' unit buffer; every other value is the same on every path.
    public static let perPath: [UnitYearColumn] = [.tax, .reference, .increment, .rebate, .donations, .resources]

    /// The value of this column in `row`, a `UnitYear` or a view of the engine's columns (the
    /// fee category `category` of a per-category column); `nil` for an identifier or an empty cell.
    public func value(in row: some UnitYearValues, category: Int? = nil) -> Double? {
        switch self {
        case .variant, .district, .unit, .unitName: nil
        case .year: Double(row.year)
        case .adopted: row.adopted ? 1 : 0
        case .tax: row.tax
        case .reference: row.reference
        case .increment: row.increment
        case .rebate: row.rebate
        case .allocation: row.allocation
        case .fee: row.fee(category!)
        case .feesTotal: row.feesTotal
        case .donations: row.donations
        case .enterpriseIncome: row.enterpriseIncome
        case .collectiveIncome: row.collectiveIncome
        case .resources: row.resources
        case .need: row.need
        case .gap: row.gap
        case .selfSufficiency: row.selfSufficiency
        case .taskCost: row.taskCost(category!)
        case .coverage: row.coverage(category!)
        }
    }
}
