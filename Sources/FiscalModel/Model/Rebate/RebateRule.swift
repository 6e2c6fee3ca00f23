/// Which rule turns a unit's tax into its statutory rebate (返还规则), with that rule's own
/// parameters.
///
/// Adding a rule means adding a case here and its files: the parameters (`Model/Rebate`), the
/// compiled form and the per-year kernel (`Engine/Rebate`), the decoder function and the
/// `explain` builder (see the README, "How to add a rebate rule").
public enum RebateRule: Sendable, Equatable {
    /// Tax-increment proportional rebate (税收增量比例返还, model.md §6.1).
    case increment(IncrementSharing)
    /// The linked rule (挂钩返还, model.md §14).
    case linked(LinkedRebate)

    /// The values of `rebate.rule` as a scenario writes them.
    public enum Name: String, Sendable, Equatable, CaseIterable {
        /// Increment sharing (the default).
        case increment
        /// The linked rule.
        case linked
    }

    /// The rule's name as a scenario writes it in `rebate.rule`.
    public var name: Name {
        switch self {
        case .increment: .increment
        case .linked: .linked
        }
    }
}
