/// The linked rule (挂钩返还, the 1994 tax-sharing reform's "1∶0.3" rule, model.md §14): a base
/// amount is returned and then grown each year at a fixed coefficient of the unit's tax growth.
///
/// With base share s and coefficient c, the statutory amount starts at ρ*(α−1) = s·T(α−1) and
/// follows ρ*(t) = ρ*(t−1)·max(0, 1 + c(t)·γ(t)), γ(t) = T(t)/T(t−1) − 1 the realised tax
/// growth; a fall in tax lowers it (相应扣减). The cap and district capacity act on the paid
/// amount only, never on the recursion.
public struct LinkedRebate: Sendable, Equatable {
    /// s: the share of the base tax T(α−1) returned as the base rebate, in [0, 1]; the value in
    /// force in the adoption year α counts.
    public var baseShare: StepFunction
    /// c(t) ≥ 0: how much of one unit of tax growth the rebate follows (0.3 for 1∶0.3).
    public var coefficient: StepFunction

    /// Creates the rule's parameters.
    public init(baseShare: StepFunction, coefficient: StepFunction) {
        self.baseShare = baseShare
        self.coefficient = coefficient
    }

    /// The year's growth factor of the statutory amount, max(0, 1 + c·γ) with
    /// γ = T(t)/T(t−1) − 1, and γ = 0 when T(t−1) = 0.
    @inlinable public static func growthFactor(previousTax: Double, tax: Double, coefficient: Double) -> Double {
        let growth = previousTax == 0 ? 0 : tax / previousTax - 1
        return max(0, 1 + coefficient * growth)
    }
}
