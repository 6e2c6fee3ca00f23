/// The state one path carries from one year to the next: last year's tax and enterprise
/// income and what the rebate reference remembers.
public struct PathState: Sendable {
    /// T_i(t−1).
    public var tax: [Double]
    /// E_i(t−1).
    public var enterpriseIncome: [Double]
    /// Fixed reference: T(s−1) at the start of the current rebasing period.
    public var periodBase: [Double]
    /// Fixed reference: Π_{u=s..t}(1+q(u)) so far in the period.
    public var referenceIndex: [Double]
    /// Ratchet reference: max(T(α−1), …, T(t−1)).
    public var ratchet: [Double]

    /// The state at the base year.
    public init(_ policy: CompiledPolicy) {
        tax = policy.baseTax
        enterpriseIncome = policy.baseEnterpriseIncome
        periodBase = policy.baseTax
        referenceIndex = Array(repeating: 1, count: policy.unitCount)
        ratchet = policy.baseTax
    }
}
