/// Pooled social donations allocated in blocks (社会募集资金切块下拨): money raised from
/// enterprises and institutions in the district (驻区企事业单位), social organisations (社会团体)
/// and individuals (个人), pooled per district and handed down by responsibility.
public struct DonationPolicy: Sendable, Equatable {
    /// One source of donations.
    public struct Source: Sendable, Equatable {
        /// Source id, e.g. `enterprises`.
        public var id: String
        /// Base-year amount per district, in the scenario's district order (0 where missing).
        public var amounts: [Double]
        /// Yearly growth of the amount.
        public var growth: StepFunction
        /// Volatility σ_s of the mean-one lognormal shock (Monte Carlo only).
        public var volatility: StepFunction

        /// Creates a source.
        public init(id: String, amounts: [Double], growth: StepFunction = .zero, volatility: StepFunction = .zero) {
            self.id = id
            self.amounts = amounts
            self.growth = growth
            self.volatility = volatility
        }
    }

    /// Share ψ of the pool kept at district level as a reserve.
    public var reserveShare: StepFunction
    /// Floor per receiving unit, if any.
    public var minimumPerUnit: StepFunction?
    /// How the pool is split among the district's units.
    public var allocationKey: AllocationKey
    /// The sources.
    public var sources: [Source]
    /// Which adopted units receive donations (default: all).
    public var eligibility: Eligibility

    /// Creates a donation policy.
    public init(
        reserveShare: StepFunction = .zero, minimumPerUnit: StepFunction? = nil, allocationKey: AllocationKey,
        sources: [Source], eligibility: Eligibility = .everyone
    ) {
        self.reserveShare = reserveShare
        self.minimumPerUnit = minimumPerUnit
        self.allocationKey = allocationKey
        self.sources = sources
        self.eligibility = eligibility
    }
}
