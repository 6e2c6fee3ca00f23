/// What the engine knows about one unit in one projected year beyond its output row (单位年度
/// 推导): the facts `explain` formats instead of recomputing them.
public struct UnitYearTrace: Sendable, Equatable {
    /// One year of the linked rule's statutory amount (挂钩返还, model.md §14) as the engine carried it.
    public struct LinkedStep: Sendable, Equatable {
        /// The year u (α−1 for the base rebate).
        public var year: Int
        /// γ(u) = T(u)/T(u−1) − 1 (0 when T(u−1) = 0, and for the base rebate).
        public var growth: Double
        /// max(0, 1 + c(u)·γ(u)) (1 for the base rebate).
        public var factor: Double
        /// The product of the factors from α to u.
        public var chained: Double
        /// ρ*(u), the engine's (B = s·T(α−1) for the base rebate).
        public var amount: Double
    }

    /// The unit.
    public var unit: Int
    /// The year index.
    public var yearIndex: Int
    /// Where the unit's baseline growth μ comes from.
    public var growthSource: TaxGrowthPolicy.Source
    /// The statutory rate r(t) of the incentive term, where the rebate applies.
    public var incentiveRate: Double?
    /// Increment sharing with a fixed reference: the first year of the current (rebasing) period,
    /// once adopted.
    public var periodStart: Int?
    /// The unit's statutory rebate before the per-unit cap and district capacity, where the
    /// rebate applies or (linked rule) its amount keeps following the tax.
    public var statutoryRebate: Double?
    /// Every unit's rebate after the per-unit cap and before district capacity, in this year.
    public var rebatesBeforeCapacity: [Double]
    /// Linked rule, once adopted: ρ*(α−1) … ρ*(t).
    public var linkedChain: [LinkedStep]
}
