/// The values of one unit in one projected year (街道年度数值), whoever holds them: a `UnitYear`
/// row, a view into the yearly engine's one-path columns (`ProjectedUnitYear`) or into a
/// variant's column store (`StoredUnitYear`, issue 22).
/// The derived values — resources, gap, self-sufficiency, coverage — have one formula each, here.
public protocol UnitYearValues {
    /// Unit index in file order.
    var unit: Int { get }
    /// Projected year.
    var year: Int { get }
    /// t ≥ α (whatever the eligibility); always false in the counterfactual.
    var adopted: Bool { get }
    /// Tax T(t).
    var tax: Double { get }
    /// Rebate reference R(t), `nil` where the rebate does not apply.
    var reference: Double? { get }
    /// Increment I(t).
    var increment: Double { get }
    /// Rebate ρ(t) after cap and capacity scaling.
    var rebate: Double { get }
    /// Fiscal allocation A(t).
    var allocation: Double { get }
    /// Line fee F_k(t) received in category `k`.
    func fee(_ k: Int) -> Double
    /// Task cost Q_k(t) in category `k`.
    func taskCost(_ k: Int) -> Double
    /// Σ_k F_k, added in category order from 0.
    var feesTotal: Double { get }
    /// Donations received.
    var donations: Double { get }
    /// Enterprise income E(t) after divestment.
    var enterpriseIncome: Double { get }
    /// Collective income K(t).
    var collectiveIncome: Double { get }
    /// Need N(t): need items plus task costs.
    var need: Double { get }
}

extension UnitYearValues {
    /// A + ρ + Σ F + donations + E + K, added in that order.
    @inline(__always)
    public var resources: Double { allocation + rebate + feesTotal + donations + enterpriseIncome + collectiveIncome }
    /// Resources − need.
    @inline(__always)
    public var gap: Double { resources - need }
    /// Resources / need; `nil` when need is 0.
    @inline(__always)
    public var selfSufficiency: Double? { need == 0 ? nil : resources / need }
    /// F_k / Q_k (费随事转 coverage); `nil` when Q_k is 0.
    public func coverage(_ k: Int) -> Double? { taskCost(k) == 0 ? nil : fee(k) / taskCost(k) }
}
