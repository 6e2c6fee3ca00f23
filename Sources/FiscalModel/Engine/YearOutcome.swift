/// What one path produces in one projected year, unrounded (money in the scenario's unit).
/// Per-unit arrays are in unit file order; per-district arrays in district order.
public struct YearOutcome: Sendable {
    /// The projected year.
    public var year: Int = 0
    /// t ≥ α_i.
    public var adopted: [Bool]
    /// T_i(t).
    public var tax: [Double]
    /// R_i(t), NaN where the rebate does not apply.
    public var reference: [Double]
    /// I_i(t).
    public var increment: [Double]
    /// ρ_i(t) after the per-unit cap and district capacity scaling.
    public var rebate: [Double]
    /// E_i(t) after divestment.
    public var enterpriseIncome: [Double]
    /// F_{k,i}(t), `[category][unit]`.
    public var fees: [[Double]]
    /// Q_{k,i}(t), `[category][unit]` (0 where the unit does not take the task on).
    public var taskCosts: [[Double]]
    /// Donations received.
    public var donations: [Double]
    /// φ_d(t).
    public var capacityFactor: [Double]
    /// C_{k,d}(t), `[category][district]`.
    public var feesCollected: [[Double]]
    /// D_d(t).
    public var donationsPooled: [Double]
    /// ψ(t)·D_d(t).
    public var donationsReserve: [Double]
    /// Tax values clamped at zero growth factor this year.
    public var clampedTax: Int = 0

    /// Zeroed buffers for `unitCount` units, `districtCount` districts and `feeCount` categories.
    public init(unitCount: Int, districtCount: Int, feeCount: Int) {
        let zeros = [Double](repeating: 0, count: unitCount)
        let districtZeros = [Double](repeating: 0, count: districtCount)
        adopted = Array(repeating: false, count: unitCount)
        tax = zeros
        reference = zeros
        increment = zeros
        rebate = zeros
        enterpriseIncome = zeros
        fees = Array(repeating: zeros, count: feeCount)
        taskCosts = Array(repeating: zeros, count: feeCount)
        donations = zeros
        capacityFactor = districtZeros
        feesCollected = Array(repeating: districtZeros, count: feeCount)
        donationsPooled = districtZeros
        donationsReserve = districtZeros
    }
}
