/// What a wave's evidence group G_w showed in one evidence year e on one path (证据, model.md §20):
/// sums over G_e (the units of G_w adopted in e) and over C_e (the other units of their
/// districts not adopted in e), from unrounded values, in file order.
public struct WaveEvidence: Sendable, Equatable {
    /// |G_e|.
    public var count = 0
    /// Σ_{G_e} resources.
    public var resources = 0.0
    /// Σ_{G_e} need.
    public var need = 0.0
    /// Units of G_e whose gap (resources − need) is < 0.
    public var withGap = 0
    /// Σ_{G_e} T(e).
    public var tax = 0.0
    /// Σ_{G_e} T(e−1).
    public var previousTax = 0.0
    /// |C_e|.
    public var comparisonCount = 0
    /// Σ_{C_e} T(e).
    public var comparisonTax = 0.0
    /// Σ_{C_e} T(e−1).
    public var comparisonPreviousTax = 0.0
    /// Σ_{u=b+1..e} Σ over the evidence districts of the reform effect.
    public var cumulativeReformEffect = 0.0

    /// Creates empty sums.
    public init() {}

    /// The value of `metric`, NaN where model.md §20 leaves it undefined (G_e empty, a zero
    /// denominator, C_e empty).
    public func value(of metric: WaveMetric) -> Double {
        guard count > 0 else { return .nan }
        switch metric {
        case .selfSufficiency:
            return need == 0 ? .nan : resources / need
        case .gapShare:
            return Double(withGap) / Double(count)
        case .taxGrowth:
            return previousTax == 0 ? .nan : tax / previousTax - 1
        case .growthAdvantage:
            guard previousTax != 0, comparisonCount > 0, comparisonPreviousTax != 0 else { return .nan }
            return (tax / previousTax - 1) - (comparisonTax / comparisonPreviousTax - 1)
        case .reformEffect:
            return cumulativeReformEffect
        }
    }
}
