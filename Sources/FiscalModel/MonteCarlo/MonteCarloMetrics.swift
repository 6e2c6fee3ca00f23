/// A per-unit quantity summarised over paths in `units_quantiles.csv`, in the wide-column
/// order of `units.csv` (SPEC §9, §13).
public enum UnitMetric: Sendable, Equatable, Hashable {
    /// T(t).
    case tax
    /// R(t); empty where the rebate does not apply.
    case reference
    /// I(t).
    case increment
    /// ρ(t).
    case rebate
    /// A(t).
    case allocation
    /// F_k(t) of fee category k.
    case fee(Int)
    /// Σ_k F_k(t).
    case feesTotal
    /// Donations received.
    case donations
    /// E(t).
    case enterpriseIncome
    /// K(t).
    case collectiveIncome
    /// Resources.
    case resources
    /// Need.
    case need
    /// Resources − need.
    case gap
    /// Resources / need; empty where need is 0.
    case selfSufficiency

    /// The metrics of a scenario with `feeCount` fee categories, in output order.
    public static func all(feeCount: Int) -> [UnitMetric] {
        [.tax, .reference, .increment, .rebate, .allocation] + (0..<feeCount).map { .fee($0) }
            + [.feesTotal, .donations, .enterpriseIncome, .collectiveIncome, .resources, .need, .gap, .selfSufficiency]
    }

    /// Whether the metric is a ratio (6 decimals) rather than money.
    public var isRatio: Bool { self == .selfSufficiency }
}

/// A per-district quantity summarised over paths in `districts_quantiles.csv`, in the
/// wide-column order of `districts.csv`.
public enum DistrictMetric: Int, Sendable, Equatable, CaseIterable {
    /// Σ T.
    case tax
    /// Σ ρ.
    case rebates
    /// φ.
    case capacityFactor
    /// Σ T − Σ ρ.
    case netRevenue
    /// The same variant's no-adoption net revenue on the same path.
    case counterfactualNetRevenue
    /// Net revenue − counterfactual net revenue.
    case reformEffect
    /// Σ_k C_k.
    case feesCollected
    /// Σ_k Σ_i F_{k,i}.
    case feesTransferred
    /// Collected − transferred.
    case feesRetained
    /// D(t).
    case donationsPooled
    /// Σ donations received.
    case donationsAllocated
    /// Pooled − reserve − allocated.
    case donationsRetained
    /// ψ·D(t).
    case donationsReserve
    /// Σ need.
    case need
    /// Σ resources.
    case resources
    /// Resources − need.
    case gap

    /// Whether the metric is a ratio (6 decimals) rather than money.
    public var isRatio: Bool { self == .capacityFactor }
}
