/// The rebate (返还) resolved per projected year: what every rule shares, and the rule's own
/// compiled form.
public struct CompiledRebate: Sendable {
    /// The rule, resolved per year.
    public enum Rule: Sendable {
        /// Increment sharing (税收增量比例返还, model.md §6.1).
        case increment(CompiledIncrementSharing)
        /// The linked rule (挂钩返还, model.md §14).
        case linked(CompiledLinkedRebate)
    }

    /// The rule's own compiled form.
    public let rule: Rule
    /// Term n in years.
    public let termYears: Int?
    /// Cap per unit per year, if any.
    public let capPerUnit: [Double]?

    /// Resolves `rebate` over `horizon`.
    public init(_ rebate: RebatePolicy, horizon: Horizon) {
        termYears = rebate.termYears
        capPerUnit = rebate.capPerUnit?.series(over: horizon)
        switch rebate.rule {
        case .increment(let sharing): rule = .increment(CompiledIncrementSharing(sharing, horizon: horizon))
        case .linked(let linked): rule = .linked(CompiledLinkedRebate(linked, horizon: horizon))
        }
    }

    /// The statutory rate r(t) of the incentive term (model.md §4) for a unit where the rebate
    /// applies in year index `y` and that adopted in year index `alphaIndex`.
    @inlinable public func incentiveRate(yearIndex y: Int, adoptionIndex alphaIndex: Int) -> Double {
        switch rule {
        case .increment(let sharing): sharing.firstRate[y]
        case .linked(let linked): linked.incentiveRate(yearIndex: y, adoptionIndex: alphaIndex)
        }
    }
}
