/// How money is rounded when written (model.md §9, §13).
public enum RoundingRule: String, Sendable, Equatable, CaseIterable {
    /// 四舍五入: halves away from zero (the default).
    case halfUp = "half-up"
    /// Banker's rounding: halves to the even digit.
    case halfEven = "half-even"
}

/// A validated scenario: the model the engine runs. Build one with `ScenarioIO`'s loader
/// (which checks everything model.md §11 and §13 ask), or directly in tests.
public struct Scenario: Sendable, Equatable {
    /// Scenario name; the default output folder is `out/<name>/`.
    public var name: String
    /// Base year and projected years.
    public var horizon: Horizon
    /// Currency, e.g. CNY.
    public var currency: String
    /// Money unit, `万元` or `元`.
    public var moneyUnit: String
    /// Decimals written for money.
    public var precision: Int
    /// Rounding rule for written money.
    public var rounding: RoundingRule
    /// Random seed for Monte Carlo runs.
    public var seed: UInt64
    /// Number of Monte Carlo paths (1 = deterministic).
    public var paths: Int
    /// Districts in declared order.
    public var districts: [District]
    /// Units in file order.
    public var units: [FiscalUnit]
    /// The scenario as written (variant `reform`).
    public var reform: Policy
    /// Listed variants, in order.
    public var variants: [Variant]
    /// Yearly discount rate r ≥ 0 of the brief's present value (贴现率, model.md §22; 0 by default).
    public var discountRate = 0.0

    /// Creates a scenario.
    public init(
        name: String, horizon: Horizon, currency: String = "CNY", moneyUnit: String = "万元", precision: Int = 2,
        rounding: RoundingRule = .halfUp, seed: UInt64 = 0, paths: Int = 1, districts: [District],
        units: [FiscalUnit], reform: Policy, variants: [Variant] = []
    ) {
        self.name = name
        self.horizon = horizon
        self.currency = currency
        self.moneyUnit = moneyUnit
        self.precision = precision
        self.rounding = rounding
        self.seed = seed
        self.paths = paths
        self.districts = districts
        self.units = units
        self.reform = reform
        self.variants = variants
    }

    /// `reform` followed by the listed variants: every policy that gets output rows besides the
    /// counterfactual.
    public var policyVariants: [Variant] { [Variant(name: Variant.reformName, policy: reform)] + variants }

    /// Fee category ids in declared order (variants cannot change them).
    public var feeCategories: [String] { reform.lineFees.map(\.id) }

    /// Indices of the units of each district, in file order.
    public var unitsByDistrict: [[Int]] {
        var groups = Array(repeating: [Int](), count: districts.count)
        for index in units.indices { groups[units[index].districtIndex].append(index) }
        return groups
    }
}
