/// A street office (街道办事处), the unit of account, with its base-year data.
public struct FiscalUnit: Sendable, Equatable {
    /// Unique identifier (the `id` column).
    public var id: String
    /// Display name, often Chinese (the `name` column; defaults to `id`).
    public var name: String
    /// Position of the unit's district in the scenario's district list.
    public var districtIndex: Int
    /// Tags in file order, e.g. `pilot`, `village-converted`.
    public var tags: [String]
    /// Base-year district-retained tax attributable to the unit, T(b).
    public var tax: Double
    /// Base-year fiscal allocation (财政下拨经费), A(b).
    public var allocation: Double
    /// Base-year own-enterprise income (自办企业), E(b).
    public var enterpriseIncome: Double
    /// Base-year collective income (集体经济, typically 村改居 units), K(b).
    public var collectiveIncome: Double
    /// Per-unit tax growth rate (`tax_growth` column) that wins over every other rate.
    public var taxGrowthOverride: Double?
    /// Indicator and fee columns the scenario uses, by column name.
    public var indicators: [String: Double]
    /// Planned or observed tax (`taxSeries`) by year.
    public var plannedTax: [Int: Double]

    /// Creates a unit.
    public init(
        id: String, name: String? = nil, districtIndex: Int, tags: [String] = [],
        tax: Double, allocation: Double, enterpriseIncome: Double = 0, collectiveIncome: Double = 0,
        taxGrowthOverride: Double? = nil, indicators: [String: Double] = [:],
        plannedTax: [Int: Double] = [:]
    ) {
        self.id = id
        self.name = name ?? id
        self.districtIndex = districtIndex
        self.tags = tags
        self.tax = tax
        self.allocation = allocation
        self.enterpriseIncome = enterpriseIncome
        self.collectiveIncome = collectiveIncome
        self.taxGrowthOverride = taxGrowthOverride
        self.indicators = indicators
        self.plannedTax = plannedTax
    }

    /// The value of an indicator column (0 when the column was not read).
    public func indicator(_ column: String) -> Double { indicators[column] ?? 0 }
}
