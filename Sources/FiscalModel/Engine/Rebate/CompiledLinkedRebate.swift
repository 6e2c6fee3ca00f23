/// The linked rule (挂钩返还, model.md §14) resolved per projected year.
///
/// Its reference, reported for comparison only, is the base tax T(α−1).
public struct CompiledLinkedRebate: Sendable {
    /// Base share s(t); a unit's s is the value in its adoption year.
    public let baseShare: [Double]
    /// Coefficient c(t).
    public let coefficient: [Double]

    /// Creates the resolved rule.
    public init(baseShare: [Double], coefficient: [Double]) {
        self.baseShare = baseShare
        self.coefficient = coefficient
    }

    /// Resolves `linked` over `horizon`.
    public init(_ linked: LinkedRebate, horizon: Horizon) {
        self.init(baseShare: linked.baseShare.series(over: horizon), coefficient: linked.coefficient.series(over: horizon))
    }

    /// The incentive term's rate c(t)·s for a unit that adopted in year index `alphaIndex`.
    @inlinable public func incentiveRate(yearIndex y: Int, adoptionIndex alphaIndex: Int) -> Double {
        coefficient[y] * baseShare[alphaIndex]
    }
}
