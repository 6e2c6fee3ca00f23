/// The rebate to street offices (返还): the rule that turns a unit's tax into its statutory
/// rebate, plus what every rule shares — the term, the per-unit cap and the eligibility.
///
/// The rule is the tax-increment proportional rebate (税收增量比例返还, model.md §6.1) by default,
/// or the linked rule (挂钩返还, model.md §14); each rule carries only its own keys.
public struct RebatePolicy: Sendable, Equatable {
    /// The rule and its own parameters.
    public var rule: RebateRule
    /// The rebate applies in the first n years of adoption only.
    public var termYears: Int?
    /// Upper limit of one unit's rebate in a year, applied before district capacity.
    public var capPerUnit: StepFunction?
    /// Which units the rebate applies to (default: not village-converted).
    public var eligibility: Eligibility

    /// Creates a rebate policy following `rule`.
    public init(
        rule: RebateRule, termYears: Int? = nil, capPerUnit: StepFunction? = nil,
        eligibility: Eligibility = .rebateDefault
    ) {
        self.rule = rule
        self.termYears = termYears
        self.capPerUnit = capPerUnit
        self.eligibility = eligibility
    }

    /// An increment-sharing rebate (税收增量比例返还): marginal `bands` on the tax above the reference.
    public static func increment(
        reference: IncrementSharing.Reference = .fixed, rebaseEveryYears: Int? = nil,
        referenceGrowth: StepFunction? = nil, termYears: Int? = nil, bands: [IncrementSharing.Band],
        capPerUnit: StepFunction? = nil, eligibility: Eligibility = .rebateDefault
    ) -> RebatePolicy {
        RebatePolicy(
            rule: .increment(
                IncrementSharing(
                    reference: reference, rebaseEveryYears: rebaseEveryYears, referenceGrowth: referenceGrowth,
                    bands: bands)),
            termYears: termYears, capPerUnit: capPerUnit, eligibility: eligibility)
    }

    /// A linked-rule rebate (挂钩返还): base share s, coefficient c, optional cap, term and eligibility.
    public static func linked(
        baseShare: StepFunction, coefficient: StepFunction, termYears: Int? = nil, capPerUnit: StepFunction? = nil,
        eligibility: Eligibility = .rebateDefault
    ) -> RebatePolicy {
        RebatePolicy(
            rule: .linked(LinkedRebate(baseShare: baseShare, coefficient: coefficient)), termYears: termYears,
            capPerUnit: capPerUnit, eligibility: eligibility)
    }
}
