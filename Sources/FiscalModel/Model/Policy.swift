/// Everything a variant may change: growth assumptions, roll-out and the three tools.
public struct Policy: Sendable, Equatable {
    /// Tax growth, volatility and correlation.
    public var taxGrowth: TaxGrowthPolicy
    /// Yearly indexation a(t) of the fiscal allocation.
    public var allocationIndexation: StepFunction
    /// Yearly growth of collective income.
    public var collectiveGrowth: StepFunction
    /// Incentive elasticity ε: extra tax growth per unit of first-band rebate rate.
    public var incentiveElasticity: StepFunction
    /// Enterprise restructuring.
    public var restructuring: RestructuringPolicy
    /// Roll-out plan.
    public var rollout: RolloutPolicy
    /// Tax-increment rebate, if any.
    public var rebate: RebatePolicy?
    /// Line-fee categories, in declared order.
    public var lineFees: [LineFeePolicy]
    /// Pooled donations, if any.
    public var donations: DonationPolicy?
    /// Need items.
    public var needs: [NeedItem]
    /// Capacity limits per district, in district order.
    public var capacities: [DistrictCapacity]

    /// Creates a policy.
    public init(
        taxGrowth: TaxGrowthPolicy = TaxGrowthPolicy(), allocationIndexation: StepFunction = .zero,
        collectiveGrowth: StepFunction = .zero, incentiveElasticity: StepFunction = .zero,
        restructuring: RestructuringPolicy = RestructuringPolicy(), rollout: RolloutPolicy = RolloutPolicy(),
        rebate: RebatePolicy? = nil, lineFees: [LineFeePolicy] = [], donations: DonationPolicy? = nil,
        needs: [NeedItem] = [], capacities: [DistrictCapacity]
    ) {
        self.taxGrowth = taxGrowth
        self.allocationIndexation = allocationIndexation
        self.collectiveGrowth = collectiveGrowth
        self.incentiveElasticity = incentiveElasticity
        self.restructuring = restructuring
        self.rollout = rollout
        self.rebate = rebate
        self.lineFees = lineFees
        self.donations = donations
        self.needs = needs
        self.capacities = capacities
    }
}

/// A named policy to compare: `reform` (the scenario as written) or a listed variant.
public struct Variant: Sendable, Equatable {
    /// Variant name as written in output rows.
    public var name: String
    /// The policy.
    public var policy: Policy
    /// The name people read (`title:`, model.md §22), `nil` for the name itself.
    public var title: String?

    /// Creates a variant.
    public init(name: String, policy: Policy) {
        self.name = name
        self.policy = policy
    }

    /// Name of the no-adoption run added to every output.
    public static let counterfactualName = "counterfactual"
    /// Name of the scenario as written.
    public static let reformName = "reform"
}
