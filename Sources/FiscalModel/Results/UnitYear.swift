/// One unit in one projected year of one variant, unrounded: a row of `units.csv`.
public struct UnitYear: UnitYearValues, Sendable, Equatable {
    /// Unit index in file order.
    public var unit: Int
    /// Projected year.
    public var year: Int
    /// t ≥ α (whatever the eligibility); always false in the counterfactual.
    public var adopted: Bool
    /// Tax T(t).
    public var tax: Double
    /// Rebate reference R(t), `nil` where the rebate does not apply.
    public var reference: Double?
    /// Increment I(t).
    public var increment: Double
    /// Rebate ρ(t) after cap and capacity scaling.
    public var rebate: Double
    /// Fiscal allocation A(t).
    public var allocation: Double
    /// Line fees received F_k(t), by category.
    public var fees: [Double]
    /// Task costs Q_k(t), by category.
    public var taskCosts: [Double]
    /// Donations received.
    public var donations: Double
    /// Enterprise income E(t) after divestment.
    public var enterpriseIncome: Double
    /// Collective income K(t).
    public var collectiveIncome: Double
    /// Need N(t): need items plus task costs.
    public var need: Double

    /// Creates a unit-year.
    public init(
        unit: Int, year: Int, adopted: Bool, tax: Double, reference: Double?, increment: Double, rebate: Double,
        allocation: Double, fees: [Double], taskCosts: [Double], donations: Double, enterpriseIncome: Double,
        collectiveIncome: Double, need: Double
    ) {
        self.unit = unit
        self.year = year
        self.adopted = adopted
        self.tax = tax
        self.reference = reference
        self.increment = increment
        self.rebate = rebate
        self.allocation = allocation
        self.fees = fees
        self.taskCosts = taskCosts
        self.donations = donations
        self.enterpriseIncome = enterpriseIncome
        self.collectiveIncome = collectiveIncome
        self.need = need
    }

    /// Σ_k F_k.
    public var feesTotal: Double { fees.reduce(0, +) }
    /// F_k.
    public func fee(_ k: Int) -> Double { fees[k] }
    /// Q_k.
    public func taskCost(_ k: Int) -> Double { taskCosts[k] }
}
